"""Rasa's tracker store, read and pruned by retention and erasure (kbs.retention) without
Rasa: its one table, ``events`` (one row per event: the conversation's sender id, a Unix
timestamp, the event as JSON).

Where it is comes from the endpoints file Rasa reads (KBS_ENDPOINTS, else
bot/endpoints.yml), with its ``${VARIABLES}`` filled in as `kbs run` fills them: by default
the SQLite file KBS_TRACKER_DB (var/rasa-tracker.db); a PostgreSQL tracker store (``type:
SQL``, ``dialect: postgresql``, ``url``, ``port``, ``db``, ``username``, ``password``) is
reached the same way.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from sqlalchemy import (
    Column,
    Float,
    Integer,
    MetaData,
    String,
    Table,
    Text,
    create_engine,
    func,
    select,
)
from sqlalchemy.engine import URL, Connection, Engine, make_url

from kbs.catalogues import load
from kbs.identity import practitioner_of
from kbs.ops import settings
from kbs.store.database import pooled_sqlite_engine

metadata = MetaData()
events = Table(  # Rasa 3.6's SQLTrackerStore.SQLEvent, as far as kbs reads it
    "events", metadata,
    Column("id", Integer, primary_key=True),
    Column("sender_id", String(255), nullable=False),
    Column("timestamp", Float),
    Column("data", Text),
)


class TrackerStoreError(ValueError):
    """The tracker store is not one kbs can read (not SQL), or cannot be reached."""


@dataclass(frozen=True)
class Conversation:
    sender_id: str
    last_at: datetime  # its latest event, UTC
    events: int

    @property
    def practitioner(self) -> str:
        return practitioner_of(self.sender_id)


def tracker_url() -> URL:
    """The tracker store's SQLAlchemy URL, from the endpoints file Rasa reads."""
    doc = load(settings.endpoints_file())
    if not doc.has("tracker_store"):
        raise TrackerStoreError(f"{settings.endpoints_file()} has no tracker_store")
    store = doc.get("tracker_store").mapping()
    filled = {key: _filled(value) for key, value in store.items()}
    if str(filled.get("type", "")).lower() != "sql":
        raise TrackerStoreError(f"the tracker store is {filled.get('type')!r}, not SQL: kbs "
                                "cannot delete its conversations")
    dialect = str(filled.get("dialect") or "sqlite")
    if dialect == "sqlite":
        return make_url(f"sqlite:///{filled.get('db') or settings.tracker_db()}")
    return URL.create(dialect, username=filled.get("username"), password=filled.get("password"),
                      host=filled.get("url"), port=filled.get("port"),
                      database=filled.get("db"), query=filled.get("query") or {})


def tracker_engine(url: URL | None = None) -> Engine | None:
    """The tracker store's engine; None for a SQLite file Rasa has not made yet (it holds
    no conversation, and reading it must not make an empty one)."""
    url = url or tracker_url()
    if url.get_backend_name() == "sqlite":
        if not Path(url.database or "").is_file():
            return None
        return pooled_sqlite_engine(url, pool_size=1, future=True)
    return create_engine(url, future=True, pool_pre_ping=True)


def has_events(connection: Connection) -> bool:
    """Whether Rasa has made its table yet (not before its first conversation)."""
    return "events" in connection.dialect.get_table_names(connection)


def conversations(connection: Connection, senders: Iterable[str] | None = None
                  ) -> list[Conversation]:
    """Every conversation (or those of ``senders``) with its latest event, oldest first."""
    if not has_events(connection):
        return []
    query = (select(events.c.sender_id, func.max(events.c.timestamp), func.count())
             .group_by(events.c.sender_id).order_by(func.max(events.c.timestamp)))
    if senders is not None:
        query = query.where(events.c.sender_id.in_(list(senders)))
    return [Conversation(sender, _moment(last), count)
            for sender, last, count in connection.execute(query)]


def conversations_naming(connection: Connection, owner: str,
                         reference: str) -> list[Conversation]:
    """``owner``'s conversations in which ``reference`` stands as a word in any event (what
    they typed, the slots that hold the case, what the assistant said)."""
    if not has_events(connection):
        return []
    word = re.compile(rf"(?<![\w-]){re.escape(reference)}(?![\w-])")
    query = (select(events.c.sender_id, events.c.data)
             .where(events.c.data.like(f"%{_like(reference)}%", escape="\\")))
    senders = {sender for sender, data in connection.execute(query)
               if practitioner_of(sender) == owner and word.search(data or "")}
    return conversations(connection, senders) if senders else []


def delete_conversations(connection: Connection, senders: Iterable[str]) -> int:
    """Every event of these conversations; how many events were deleted."""
    senders = list(senders)
    if not senders or not has_events(connection):
        return 0
    return connection.execute(events.delete().where(events.c.sender_id.in_(senders))).rowcount


def _filled(value):
    """``${KBS_TRACKER_DB}`` and the like, as `kbs run` sets them for Rasa."""
    return settings.endpoints_value(value) if isinstance(value, str) else value


def _like(text: str) -> str:
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def _moment(timestamp: float | None) -> datetime:
    return datetime.fromtimestamp(timestamp or 0, UTC).replace(tzinfo=None)
