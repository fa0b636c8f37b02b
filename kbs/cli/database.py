"""The project's database for a `kbs` command: schema brought up to date, errors in one line."""

from __future__ import annotations

from typing import TYPE_CHECKING

import click

if TYPE_CHECKING:
    from sqlalchemy.engine import Engine


def upgraded_database() -> Engine:
    """The engine for KBS_DATABASE_URL after upgrading its schema; ClickException if unusable."""
    from sqlalchemy.exc import SQLAlchemyError

    from kbs.store.database import get_engine, upgrade

    try:
        upgrade()
    except SQLAlchemyError as err:
        reason = " ".join(str(getattr(err, "orig", None) or err).split())
        raise click.ClickException(f"the database at KBS_DATABASE_URL cannot be used: "
                                   f"{reason}") from err
    return get_engine()
