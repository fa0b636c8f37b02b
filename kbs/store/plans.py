"""Plans from the safer sleep and safe handling discussions, linked to a case or not."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import insert, select
from sqlalchemy.engine import Connection

from kbs.store.schema import cases, plans

KINDS = ("safer_sleep", "safe_handling")


@dataclass(frozen=True)
class SavedPlan:
    id: int
    owner: str
    kind: str
    content: dict[str, Any]
    created_at: datetime
    case_reference: str | None


def save_plan(connection: Connection, *, owner: str, kind: str, content: dict[str, Any],
              case_id: int | None = None) -> int:
    if kind not in KINDS:
        raise ValueError(f"kind must be one of {', '.join(KINDS)}, not {kind!r}")
    return connection.execute(insert(plans).values(
        owner=owner, kind=kind, content=content, case_id=case_id,
        created_at=datetime.now(UTC).replace(tzinfo=None),
    )).inserted_primary_key[0]


def get_plan(connection: Connection, plan_id: int) -> SavedPlan | None:
    row = connection.execute(
        select(plans, cases.c.reference)
        .select_from(plans.outerjoin(cases, plans.c.case_id == cases.c.id))
        .where(plans.c.id == plan_id)).one_or_none()
    if row is None:
        return None
    return SavedPlan(row.id, row.owner, row.kind, row.content, row.created_at, row.reference)
