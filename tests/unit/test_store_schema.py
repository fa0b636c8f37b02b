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


def test_profiles_saved_before_catalogue_versions_keep_their_result(tmp_path):
    from datetime import datetime

    from alembic import command
    from alembic.config import Config
    from sqlalchemy import text

    from kbs.store.database import MIGRATIONS

    url = f"sqlite:///{tmp_path / 'kbs.db'}"
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    config.set_main_option("sqlalchemy.url", url)
    command.upgrade(config, "0001")
    engine = create_engine(url, future=True)
    with engine.begin() as connection:
        connection.execute(text("INSERT INTO cases (reference, owner, created_at) "
                                "VALUES ('KBS-0001', 'hv.one', :now)"), {"now": datetime.now()})
        connection.execute(text(
            "INSERT INTO profiles (case_id, version, status, answers, result, started_at, "
            "updated_at) VALUES (1, 1, 'complete', '{}', '{\"level\": 3}', :now, :now)"),
            {"now": datetime.now()})
    upgrade(url)
    with engine.connect() as connection:
        row = connection.execute(text("SELECT result, catalogue_version FROM profiles")).one()
    assert row == ('{"level": 3}', None)
