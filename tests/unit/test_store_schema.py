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


def test_records_owned_by_a_username_move_to_its_account_id(tmp_path):
    """Migration 0003 (issue 19): an account id for each user, which then owns what the
    username owned; other owners stay; typed names of failed sign-ins are removed."""
    from datetime import datetime

    from alembic import command
    from alembic.config import Config
    from sqlalchemy import text

    from kbs.store.database import MIGRATIONS

    url = f"sqlite:///{tmp_path / 'kbs.db'}"
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    config.set_main_option("sqlalchemy.url", url)
    command.upgrade(config, "0002")
    engine = create_engine(url, future=True)
    now = {"now": datetime(2026, 11, 1)}
    with engine.begin() as connection:
        for name in ("hv.one", "hv.two"):
            connection.execute(text("INSERT INTO users (username, password_hash, role, "
                                    "created_at) VALUES (:name, 'x', 'practitioner', :now)"),
                               {**now, "name": name})
        for reference, owner in (("KBS-0001", "hv.one"), ("KBS-0002", "conversation-7")):
            connection.execute(text("INSERT INTO cases (reference, owner, created_at) VALUES "
                                    "(:reference, :owner, :now)"),
                               {**now, "reference": reference, "owner": owner})
        connection.execute(text("INSERT INTO plans (owner, kind, content, created_at) VALUES "
                                "('hv.one', 'safer_sleep', '{}', :now)"), now)
        connection.execute(text("INSERT INTO rehearsals (owner, persona, transcript, "
                                "started_at) VALUES ('hv.two', 'p', '[]', :now)"), now)
        for action, typed in (("sign_in_failed", "my secret passphrase"),
                              ("sign_in_refused", "hv.one"), ("viewed", "12")):
            connection.execute(text("INSERT INTO audit_log (at, actor, action, object_type, "
                                    "object_id) VALUES (:now, :typed, :action, 'user', :typed)"),
                               {**now, "action": action, "typed": typed})
    upgrade(url)
    with engine.connect() as connection:
        ids = dict(connection.execute(text("SELECT username, account_id FROM users")).all())
        owners = dict(connection.execute(text("SELECT reference, owner FROM cases")).all())
        plan_owner = connection.execute(text("SELECT owner FROM plans")).scalar()
        rehearsal_owner = connection.execute(text("SELECT owner FROM rehearsals")).scalar()
        audit = connection.execute(text("SELECT action, actor, object_id FROM audit_log "
                                        "ORDER BY id")).all()
        generations = connection.execute(text("SELECT session_generation FROM users")).all()
    assert ids["hv.one"] != ids["hv.two"] and all(i.startswith("u") for i in ids.values())
    assert owners == {"KBS-0001": ids["hv.one"], "KBS-0002": "conversation-7"}
    assert (plan_owner, rehearsal_owner) == (ids["hv.one"], ids["hv.two"])
    assert [tuple(row) for row in audit] == [
        ("sign_in_failed", "(removed by migration 0003)", "(removed by migration 0003)"),
        ("sign_in_refused", "(removed by migration 0003)", "(removed by migration 0003)"),
        ("viewed", "12", "12")]
    assert [tuple(row) for row in generations] == [(0,), (0,)]
