"""Profiles: dated versions of a case's Infant Care Profile, saved answer by answer.

A version is ``in_progress`` while it is being answered and ``complete`` once finished;
a case has at most one version in progress. ``answers`` is the answers document
(docs/PROFILE-FORMAT.md); ``result`` is the engine's output for it (``Profile.to_dict()``),
scored by the process that saves it; every write of a result records the catalogue version
it was scored with (``catalogue_version``), so that a later catalogue can say it would score
it otherwise.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.engine import Connection, Row

from kbs.engine.catalogue_version import catalogue_version
from kbs.store.schema import cases, profiles

IN_PROGRESS = "in_progress"
COMPLETE = "complete"


def start_profile(connection: Connection, case_id: int, answers: dict[str, Any],
                  result: dict[str, Any]) -> int:
    """A new version of the case's profile, numbered after the last one."""
    last = connection.execute(select(func.max(profiles.c.version))
                              .where(profiles.c.case_id == case_id)).scalar()
    now = datetime.now(UTC)
    inserted = connection.execute(profiles.insert().values(
        case_id=case_id, version=(last or 0) + 1, status=IN_PROGRESS, answers=answers,
        result=result, catalogue_version=catalogue_version(), started_at=now, updated_at=now))
    return inserted.inserted_primary_key[0]


def open_profile(connection: Connection, case_id: int) -> Row | None:
    """The version still in progress, if any."""
    query = select(profiles).where(profiles.c.case_id == case_id,
                                   profiles.c.status == IN_PROGRESS)
    return connection.execute(query).first()


def owned_profile(connection: Connection, owner: str, profile_id: int) -> Row | None:
    """A profile with its case reference and owner, only if the case belongs to ``owner``."""
    query = (select(profiles, cases.c.reference, cases.c.owner).join(cases)
             .where(profiles.c.id == profile_id, cases.c.owner == owner))
    return connection.execute(query).first()


def previous_complete(connection: Connection, case_id: int, version: int) -> Row | None:
    """The latest complete version before ``version``: what a re-assessment is compared with."""
    query = (select(profiles).where(profiles.c.case_id == case_id,
                                    profiles.c.status == COMPLETE,
                                    profiles.c.version < version)
             .order_by(profiles.c.version.desc()))
    return connection.execute(query).first()


def latest_complete(connection: Connection, case_id: int) -> Row | None:
    """The case's last finished version, if any."""
    query = (select(profiles).where(profiles.c.case_id == case_id,
                                    profiles.c.status == COMPLETE)
             .order_by(profiles.c.version.desc()))
    return connection.execute(query).first()


def discard_profile(connection: Connection, profile_id: int) -> bool:
    """Delete a version still in progress (one started by mistake); False when there is no
    such version. A finished version is never deleted."""
    deleted = connection.execute(profiles.delete().where(profiles.c.id == profile_id,
                                                         profiles.c.status == IN_PROGRESS))
    return deleted.rowcount == 1


def save_answers(connection: Connection, profile_id: int, answers: dict[str, Any],
                 result: dict[str, Any]) -> None:
    connection.execute(profiles.update().where(profiles.c.id == profile_id).values(
        answers=answers, result=result, catalogue_version=catalogue_version(),
        updated_at=datetime.now(UTC)))


def complete_profile(connection: Connection, profile_id: int, answers: dict[str, Any],
                     result: dict[str, Any]) -> None:
    now = datetime.now(UTC)
    connection.execute(profiles.update().where(profiles.c.id == profile_id).values(
        answers=answers, result=result, catalogue_version=catalogue_version(), status=COMPLETE,
        updated_at=now, completed_at=now))


def profiles_of(connection: Connection, owner: str, reference: str | None = None) -> list[Row]:
    """An owner's profiles with their case references, by reference then version."""
    query = (select(profiles, cases.c.reference).join(cases).where(cases.c.owner == owner)
             .order_by(cases.c.reference, profiles.c.version))
    if reference is not None:
        query = query.where(cases.c.reference == reference)
    return list(connection.execute(query))
