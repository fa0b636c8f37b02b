"""The audit log: who viewed, exported or was refused which record, and sign-ins."""

from __future__ import annotations

from kbs.store.audit import record_access
from web_widget.db import engine


def record(actor: str, action: str, object_type: str, object_id: object,
           detail: str | None = None) -> None:
    with engine().begin() as connection:
        record_access(connection, actor, action, object_type, object_id, detail)
