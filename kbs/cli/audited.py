"""The command line's door to the audit log: every `kbs` command that reads or writes a
record, or changes an account, writes a row with who it acted for and, in its detail, the
command and the operating-system user who ran it (kbs.store.audit).

The actor is as in the web app and the chat: an account id, never a username (one could be
made again for someone else): the account ``--owner`` (or KBS_PRACTITIONER) names, mapped by
kbs.cli.database.owner_account. A command acting for nobody (`kbs users`, `kbs retention
run`, `kbs case erase`, `kbs rehearsals list` without --owner) acts as the
operating-system user, ``cli:NAME``."""

from __future__ import annotations

from kbs.cli.database import database_errors
from kbs.identity import os_user
from kbs.store.audit import door, record_access

__all__ = ["actor", "audit", "cli_door", "os_user"]


def cli_door(command: str) -> str:
    """"kbs plan show (os user alice)": the door of a command's audit rows."""
    return f"{command} (os user {os_user()})"


def actor(account: str | None) -> str:
    """Whom a command acts for: the account id it acts for, else the operating-system user
    (``cli:NAME``)."""
    return account or f"cli:{os_user()}"


def audit(actor_: str, action: str, object_type: str, object_id: object, command: str,
          detail: str | None = None) -> None:
    """One audit row for a command, in its own transaction."""
    from kbs.store.database import get_engine

    with database_errors(), get_engine().begin() as connection:
        record_access(connection, actor_, action, object_type, object_id,
                      door(cli_door(command), detail))
