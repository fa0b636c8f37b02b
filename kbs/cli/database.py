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
