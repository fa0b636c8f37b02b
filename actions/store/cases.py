"""Cases: a practitioner's pseudonymous reference for a baby, nothing that names anyone."""

from __future__ import annotations

from datetime import UTC, datetime

from sqlalchemy import insert, select
from sqlalchemy.engine import Connection

from actions.case_reference import check_reference
from actions.store.schema import cases


class RefusedReference(ValueError):
    """A reference that could identify someone; the message says why."""


def get_or_create_case(connection: Connection, owner: str, reference: str) -> int:
    """The id of ``owner``'s case with this reference, created when it is new."""
    reason = check_reference(reference)
    if reason:
        raise RefusedReference(reason)
    reference = reference.strip()
    found = connection.execute(select(cases.c.id).where(
        cases.c.owner == owner, cases.c.reference == reference)).scalar_one_or_none()
    if found is not None:
        return found
    return connection.execute(insert(cases).values(
        owner=owner, reference=reference, created_at=datetime.now(UTC).replace(tzinfo=None),
    )).inserted_primary_key[0]
