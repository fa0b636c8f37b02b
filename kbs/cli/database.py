"""The project's database for a `kbs` command: schema brought up to date, errors in one line.

Every command that reads or writes the database opens it with ``upgraded_database()``, so
that a fresh database (or one a release behind) is brought up to date first, whichever
command comes first.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING

import click

from kbs.ops import settings

if TYPE_CHECKING:
    from sqlalchemy.engine import Engine


def upgraded_database() -> Engine:
    """The engine for KBS_DATABASE_URL after upgrading its schema; ClickException if unusable."""
    from kbs.store.database import get_engine, upgrade

    with database_errors():
        upgrade()
    return get_engine()


@contextmanager
def database_errors() -> Iterator[None]:
    """A database error as a one-line ClickException naming the database (not its password)."""
    from sqlalchemy.exc import SQLAlchemyError

    try:
        yield
    except SQLAlchemyError as err:
        reason = " ".join(str(getattr(err, "orig", None) or err).split())
        where = settings.database_url().split("@")[-1]
        raise click.ClickException(f"the database at {where} cannot be used: "
                                   f"{reason}") from err


def owner_account(engine: Engine, username: str) -> str:
    """The account id owning the records of ``username`` (an open account's), for a
    command's --owner; a disabled or unknown account is a one-line ClickException."""
    from kbs.accounts import AccountError
    from kbs.store.users import owner_id

    with database_errors():
        try:
            return owner_id(engine, username)
        except AccountError as err:
            raise click.ClickException(str(err)) from err


def usernames(engine: Engine) -> dict[str, str]:
    """Account id -> username, to show an owner as a person reads it."""
    from kbs.store.users import list_users

    with database_errors():
        return {user.account_id: user.username for user in list_users(engine)}
