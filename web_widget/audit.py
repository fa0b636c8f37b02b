"""The audit log: who viewed, exported or was refused which record, and sign-ins."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from sqlalchemy import func, select

from kbs.store.audit import record_access
from kbs.store.schema import audit_log
from web_widget.db import engine


def record(actor: str, action: str, object_type: str, object_id: object,
           detail: str | None = None) -> None:
    with engine().begin() as connection:
        record_access(connection, actor, action, object_type, object_id, detail)


def failed_sign_ins(username: str, within: timedelta) -> int:
    """Failed sign-ins to ``username`` in the last ``within``, since its last sign-in."""
    since = datetime.now(UTC) - within
    rows = audit_log.c
    last_success = (select(func.max(rows.at))
                    .where(rows.action == "signed_in", rows.object_id == username[:80])
                    .scalar_subquery())
    query = (select(func.count()).select_from(audit_log)
             .where(rows.action == "sign_in_failed", rows.object_id == username[:80],
                    rows.at >= since, rows.at > func.coalesce(last_success, since)))
    with engine().connect() as connection:
        return connection.execute(query).scalar_one()
