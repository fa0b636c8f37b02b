"""The audit log: who viewed, exported or was refused which record, and sign-ins, from the
web app and the command line alike."""

from __future__ import annotations

from datetime import UTC, datetime

from sqlalchemy import insert
from sqlalchemy.engine import Connection

from kbs.store.schema import audit_log


def record_access(connection: Connection, actor: str, action: str, object_type: str,
                  object_id: object, detail: str | None = None) -> None:
    connection.execute(insert(audit_log).values(
        at=datetime.now(UTC), actor=actor[:120], action=action, object_type=object_type,
        object_id=str(object_id)[:80], detail=detail))
