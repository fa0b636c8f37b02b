"""The migrations build exactly the schema the code declares, on a real SQLite file."""

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import create_engine, inspect

from kbs.store.database import upgrade
from kbs.store.schema import metadata


def test_migrations_match_the_declared_schema(tmp_path):
    url = f"sqlite:///{tmp_path / 'kbs.db'}"
    upgrade(url)
    upgrade(url)  # a second run at start-up changes nothing
    with create_engine(url, future=True).connect() as connection:
        context = MigrationContext.configure(connection)
        assert compare_metadata(context, metadata) == []
        tables = set(inspect(connection).get_table_names())
    assert {"users", "cases", "profiles", "plans", "rehearsals", "audit_log"} <= tables
    assert "events" not in tables  # Rasa's tracker store owns that name
