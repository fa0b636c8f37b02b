"""What changed between two saved versions of a baby's profile (review 7.12).

The comparison page reads the keys of the engine's ``Comparison.to_dict()`` (issue 3):
old_level, new_level, level_change, new, resolved, worse, now_unknown, red_flags_new and
red_flags_resolved. Until the engine is merged, ``compare_saved`` works them out from
the saved answers and results; "worse" (a present factor scoring more points) needs the
engine, so it is None here and the page says so. Once merged, this body becomes
``compare(old.answers, new.answers).to_dict()`` with the levels kept from the results.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from web_widget.profile_domains import domains


def compare_saved(old: Mapping[str, Any], new: Mapping[str, Any]) -> dict[str, Any]:
    """``old`` and ``new``: profile rows (answers, result)."""
    before, after = _statuses(old["answers"]), _statuses(new["answers"])
    old_result, new_result = old["result"] or {}, new["result"] or {}
    old_level, new_level = old_result.get("level"), new_result.get("level")
    old_flags, new_flags = old_result.get("red_flags", []), new_result.get("red_flags", [])
    return {
        "old_level": old_level,
        "new_level": new_level,
        "level_change": _level_change(old_level, new_level),
        "new": [p for p, s in after.items() if s == "present" and before.get(p) != "present"],
        "resolved": [p for p, s in after.items()
                     if s == "excluded" and before.get(p) == "present"],
        "worse": None,
        "now_unknown": [p for p, s in after.items()
                        if s == "unknown" and before.get(p, "unknown") != "unknown"],
        "red_flags_new": [f for f in new_flags if f not in old_flags],
        "red_flags_resolved": [f for f in old_flags if f not in new_flags],
    }


def _statuses(answers: Mapping[str, Any]) -> dict[str, str]:
    return {path: status for domain in domains(answers)
            for status, paths in domain.factors.items() for path in paths}


def _level_change(old: int | None, new: int | None) -> str:
    if old is None or new is None:
        return "not scored"
    return "raised" if new > old else "lowered" if new < old else "unchanged"
