"""A saved result beside what today's catalogue makes of the same answers.

A saved profile keeps the result it was scored with, and the catalogue version that scored
it. Showing it again shows that result, never a silent re-score; this says whether today's
catalogue would score the answers differently, and in what.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, fields
from typing import Any

from kbs.catalogues import CatalogueError
from kbs.engine.catalogue_version import catalogue_version
from kbs.engine.errors import EngineInputError
from kbs.engine.profile import Profile, score


@dataclass(frozen=True)
class Rescored:
    saved_version: str | None  # None: saved before versions were recorded
    today_version: str
    changed: tuple[str, ...]  # the result's keys whose value today's catalogue changes
    today_level: int | None
    problem: str | None = None  # why today's catalogue cannot score the answers at all

    @property
    def differs(self) -> bool:
        return bool(self.changed) or self.problem is not None

    def to_dict(self) -> dict[str, Any]:
        return {"catalogue_version": self.today_version, "scores_differently": self.differs,
                "changed": list(self.changed), "level": self.today_level,
                "problem": self.problem}


def rescore(answers: Mapping[str, Any], saved: Mapping[str, Any] | None,
            saved_version: str | None) -> Rescored:
    """Today's catalogue on ``answers``, compared with the ``saved`` result."""
    today = catalogue_version()
    try:
        result = score(answers).to_dict()
    except (EngineInputError, CatalogueError) as err:
        return Rescored(saved_version, today, (), None, str(err))
    saved = saved or {}
    changed = tuple(key for key in result if saved.get(key) != result[key])
    return Rescored(saved_version, today, changed, result["level"])


def saved_profile(result: Mapping[str, Any]) -> Profile:
    """A saved result (``Profile.to_dict()``) as a Profile again, to be worded as it was
    scored; ValueError when it lacks a key today's Profile has (saved by an older version)."""
    missing = [f.name for f in fields(Profile) if f.name not in result]
    if missing:
        raise ValueError(f"the saved result has no {', '.join(missing)}")
    return Profile(**{f.name: tuple(value) if isinstance(value := result[f.name], list)
                      else value for f in fields(Profile)})
