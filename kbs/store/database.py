"""Opening the project's database and keeping its schema current."""

from __future__ import annotations

from functools import cache
from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.script import ScriptDirectory
from sqlalchemy import create_engine, event, text
from sqlalchemy.engine import Engine
from sqlalchemy.pool import QueuePool

from kbs.ops.settings import database_url, web_threads

MIGRATIONS = Path(__file__).with_name("migrations")


@cache
def engine_for(url: str) -> Engine:
    if url.startswith("sqlite:///"):
        Path(url.removeprefix("sqlite:///")).parent.mkdir(parents=True, exist_ok=True)
        # One connection for each of the web app's threads (KBS_WEB_THREADS, which the
        # launcher serves it with), so no request waits for another's connection.
        engine = pooled_sqlite_engine(url, pool_size=web_threads(), future=True)
        event.listen(engine, "connect", _sqlite_pragmas)
        return engine
    return create_engine(url, future=True, pool_pre_ping=True)


def pooled_sqlite_engine(url, pool_size: int, **options) -> Engine:
    """An engine for a SQLite file that keeps up to ``pool_size`` connections open.

    SQLAlchemy 1.4 gives a SQLite file a NullPool: every use opened a connection (and ran
    its pragmas) and closed it, and closing the last connection to a WAL database
    checkpoints the log into the file and deletes it, waiting for the disk: two fifths of
    the web app's CPU per chat turn, in loading the signed-in practitioner (py-spy,
    `kbs bench`). A connection may be handed to another thread (one at a time), hence
    check_same_thread=False."""
    return create_engine(url, poolclass=QueuePool, pool_size=pool_size, max_overflow=0,
                         pool_timeout=30,
                         connect_args={"check_same_thread": False, "timeout": 30}, **options)


def get_engine() -> Engine:
    return engine_for(database_url())


def upgrade(url: str | None = None) -> None:
    """Bring the schema to the newest migration (safe to run at every start)."""
    command.upgrade(_alembic_config(url or database_url()), "head")


def schema_problem(url: str) -> str | None:
    """None when the database answers and its schema is the newest migration; else what
    is wrong, in a few words (never the address, which may hold a password). Raises what
    the driver raises when it cannot be reached."""
    head = ScriptDirectory.from_config(_alembic_config(url)).get_current_head()
    with engine_for(url).connect() as connection:
        tables = set(connection.dialect.get_table_names(connection))
        if "alembic_version" not in tables:
            return "it has no schema yet (`kbs run` brings it up)"
        found = connection.execute(text("SELECT version_num FROM alembic_version")).scalar()
    if found != head:
        return f"its schema is at {found}, not {head} (`kbs run` brings it up to date)"
    return None


def _alembic_config(url: str) -> Config:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    config.set_main_option("sqlalchemy.url", url.replace("%", "%%"))
    return config


def _sqlite_pragmas(connection, record) -> None:
    cursor = connection.cursor()
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.close()
    sqlite_wal(connection, record)


def sqlite_wal(connection, _record) -> None:
    """WAL (readers do not block the one writer) without waiting for the disk at a commit
    (about 20 ms here, `kbs bench`): a killed process loses nothing; a power cut or
    operating-system crash may lose the last commits. The Rasa tracker store uses it too."""
    cursor = connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.close()
