"""The audit log: who read, wrote, exported, erased or was refused which record, and
sign-ins, through every door: the web app, the chat (the Rasa actions) and the command
line. ``actor`` is an account id (kbs.store.users: never reused, unlike a username) in every
door: the signed-in account's (web_widget/audit.py), the conversation's (the practitioner
part of Rasa's sender id, kbs.identity), the account a command's --owner names
(kbs/cli/audited.py); ``cli:NAME``, the operating-system user, for a command acting for
nobody; "(not signed in)" for a failed sign-in. ``detail`` starts with the door
(``door``): "web GET /profiles/3", "chat", "kbs plan show (os user alice)"; what follows it
says more (a reference, a reason), never a word the practitioner wrote about the family."""

from __future__ import annotations

from datetime import UTC, datetime

from sqlalchemy import insert
from sqlalchemy.engine import Connection

from kbs.store.schema import audit_log

CHAT = "chat"  # the door of the Rasa actions: the actor is the conversation's practitioner


def record_access(connection: Connection, actor: str, action: str, object_type: str,
                  object_id: object, detail: str | None = None) -> None:
    connection.execute(insert(audit_log).values(
        at=datetime.now(UTC), actor=actor[:120], action=action, object_type=object_type,
        object_id=str(object_id)[:80], detail=detail))


def door(name: str, detail: str | None = None) -> str:
    """The detail of an audit row: the door, then what it adds."""
    return f"{name}: {detail}" if detail else name


def chat_access(connection: Connection, actor: str, action: str, object_type: str,
                object_id: object, detail: str | None = None) -> None:
    """A read or write made through the chat, by the conversation's practitioner."""
    record_access(connection, actor, action, object_type, object_id, door(CHAT, detail))
