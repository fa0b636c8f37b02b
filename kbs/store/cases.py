"""Cases: a practitioner's pseudonymous references (see kbs.case_reference)."""

from __future__ import annotations

from datetime import UTC, datetime

from sqlalchemy import func, select
from sqlalchemy.engine import Connection, Row

from kbs.store.audit import chat_access
from kbs.store.profiles import COMPLETE
from kbs.store.schema import cases, profiles


def find_case(connection: Connection, owner: str, reference: str) -> Row | None:
    query = select(cases).where(cases.c.owner == owner, cases.c.reference == reference)
    return connection.execute(query).first()


def get_or_create_case(connection: Connection, owner: str, reference: str) -> int:
    """The case's id, creating the case on first use (audited: cases are created through
    the chat only, by their owner). The reference must already be checked."""
    existing = find_case(connection, owner, reference)
    if existing:
        return existing.id
    result = connection.execute(cases.insert().values(
        owner=owner, reference=reference, created_at=datetime.now(UTC)))
    case_id = result.inserted_primary_key[0]
    chat_access(connection, owner, "created", "case", case_id, reference)
    return case_id


def cases_of(connection: Connection, owner: str) -> list[Row]:
    query = select(cases).where(cases.c.owner == owner).order_by(cases.c.reference)
    return list(connection.execute(query))


def cases_with_profiles(connection: Connection, owner: str) -> list[Row]:
    """The owner's cases, each with its number of profile versions, its latest version
    (``profile_id``, ``status``, ``result``, ``updated_at``, ``completed_at``) and the
    result and date of its latest complete version (``complete_result``,
    ``complete_at``); the profile columns are None for a case without one."""
    latest = (select(profiles.c.case_id, func.max(profiles.c.version).label("version"),
                     func.count().label("versions"))
              .group_by(profiles.c.case_id).subquery())
    finished = (select(profiles.c.case_id, func.max(profiles.c.version).label("version"))
                .where(profiles.c.status == COMPLETE)
                .group_by(profiles.c.case_id).subquery())
    last, complete = profiles.alias("last"), profiles.alias("complete")
    joined = (cases
              .outerjoin(latest, latest.c.case_id == cases.c.id)
              .outerjoin(last, (last.c.case_id == cases.c.id)
                         & (last.c.version == latest.c.version))
              .outerjoin(finished, finished.c.case_id == cases.c.id)
              .outerjoin(complete, (complete.c.case_id == cases.c.id)
                         & (complete.c.version == finished.c.version)))
    query = (select(cases.c.id, cases.c.reference, cases.c.created_at, latest.c.versions,
                    last.c.id.label("profile_id"), last.c.status, last.c.result,
                    last.c.updated_at, last.c.completed_at,
                    complete.c.result.label("complete_result"),
                    complete.c.completed_at.label("complete_at"))
             .select_from(joined).where(cases.c.owner == owner).order_by(cases.c.reference))
    return list(connection.execute(query))
