"""Re-assessment (review 7.12): what changed between two versions of a baby's profile."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from kbs.engine.answers import UNKNOWN, Answers, Entry, FactorAnswer, parse_answers
from kbs.engine.catalogue import Factor
from kbs.engine.profile import plain_dict, score
from kbs.engine.scoring import factor_points


@dataclass(frozen=True)
class Comparison:
    old_level: int
    new_level: int
    level_change: str
    old_assessed_on: str | None
    new_assessed_on: str | None
    new: tuple[str, ...]
    resolved: tuple[str, ...]
    worse: tuple[str, ...]
    now_unknown: tuple[str, ...]
    resolved_on_carer_account: tuple[str, ...]
    red_flags_new: tuple[str, ...]
    red_flags_resolved: tuple[str, ...]

    def to_dict(self) -> dict[str, Any]:
        return plain_dict(self)


def compare(old: Answers | Mapping[str, Any], new: Answers | Mapping[str, Any]) -> Comparison:
    """Factors new, resolved, worse or no longer known, and the change of level."""
    old, new = (a if isinstance(a, Answers) else parse_answers(a) for a in (old, new))
    before, after = _by_path(old), _by_path(new)
    changes: dict[str, list[str]] = {name: [] for name in
                                     ("new", "resolved", "worse", "now_unknown", "carer_account")}
    for path in {**after, **before}:
        factor = (after.get(path) or before[path]).factor
        was = before[path].entry if path in before else UNKNOWN
        now = after[path].entry if path in after else UNKNOWN
        change = _change(was, now, factor)
        if change:
            changes[change].append(path)
        if change == "resolved" and now.source == "carer_account":
            changes["carer_account"].append(path)
    old_profile, new_profile = score(old), score(new)
    return Comparison(
        old_level=old_profile.level,
        new_level=new_profile.level,
        level_change=_level_change(old_profile.level, new_profile.level),
        old_assessed_on=old.assessed_on,
        new_assessed_on=new.assessed_on,
        new=tuple(changes["new"]),
        resolved=tuple(changes["resolved"]),
        worse=tuple(changes["worse"]),
        now_unknown=tuple(changes["now_unknown"]),
        resolved_on_carer_account=tuple(changes["carer_account"]),
        red_flags_new=tuple(f for f in new_profile.red_flags if f not in old_profile.red_flags),
        red_flags_resolved=tuple(f for f in old_profile.red_flags
                                 if f not in new_profile.red_flags),
    )


def _by_path(answers: Answers) -> dict[str, FactorAnswer]:
    return {a.path: a for a in answers.factor_answers()}


def _change(was: Entry, now: Entry, factor: Factor) -> str:
    if now.present and not was.present:
        return "new"
    if was.present and now.absent:
        return "resolved"
    if was.present and now.present and factor_points(factor, now) > factor_points(factor, was):
        return "worse"
    if now.unknown and not was.unknown:
        return "now_unknown"
    return ""


def _level_change(old: int, new: int) -> str:
    return "raised" if new > old else "lowered" if new < old else "unchanged"
