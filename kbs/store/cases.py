"""Cases: a practitioner's pseudonymous references (see kbs.case_reference)."""

from __future__ import annotations

from datetime import UTC, datetime

from sqlalchemy import select
from sqlalchemy.engine import Connection, Row

from kbs.store.schema import cases


def find_case(connection: Connection, owner: str, reference: str) -> Row | None:
    query = select(cases).where(cases.c.owner == owner, cases.c.reference == reference)
    return connection.execute(query).first()


def get_or_create_case(connection: Connection, owner: str, reference: str) -> int:
    """The case's id, creating the case on first use. The reference must already be checked."""
    existing = find_case(connection, owner, reference)
    if existing:
        return existing.id
    result = connection.execute(cases.insert().values(
        owner=owner, reference=reference, created_at=datetime.now(UTC)))
    return result.inserted_primary_key[0]


def cases_of(connection: Connection, owner: str) -> list[Row]:
    query = select(cases).where(cases.c.owner == owner).order_by(cases.c.reference)
    return list(connection.execute(query))
