"""Finished rehearsals: saved with their transcript and feedback, listed to show progress."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import insert, select
from sqlalchemy.engine import Engine

from kbs.store.audit import chat_access
from kbs.store.database import get_engine
from kbs.store.schema import rehearsals


@dataclass(frozen=True)
class RehearsalSummary:
    id: int
    owner: str
    persona: str
    finished_at: datetime
    uncovered: int
    facts_total: int


def save_rehearsal(owner: str, persona: str, transcript: list[dict], feedback: dict,
                   started_at: datetime, finished_at: datetime,
                   engine: Engine | None = None) -> int:
    """Saved, and audited as the chat's (rehearsals are saved by the chat only)."""
    with (engine or get_engine()).begin() as connection:
        result = connection.execute(insert(rehearsals).values(
            owner=owner, persona=persona, transcript=transcript, feedback=feedback,
            started_at=started_at, finished_at=finished_at))
        rehearsal_id = result.inserted_primary_key[0]
        chat_access(connection, owner, "created", "rehearsal", rehearsal_id, persona)
        return rehearsal_id


def finished_rehearsals(owner: str | None = None,
                        engine: Engine | None = None) -> list[RehearsalSummary]:
    """Oldest first, so that a list reads as progress over time."""
    query = select(rehearsals).where(rehearsals.c.finished_at.is_not(None)) \
        .order_by(rehearsals.c.finished_at, rehearsals.c.id)
    if owner is not None:
        query = query.where(rehearsals.c.owner == owner)
    with (engine or get_engine()).connect() as connection:
        rows = connection.execute(query).mappings().all()
    return [RehearsalSummary(row["id"], row["owner"], row["persona"], row["finished_at"],
                             len(row["feedback"]["uncovered"]), row["feedback"]["facts_total"])
            for row in rows]
