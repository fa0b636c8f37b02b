"""The web app on a real SQLite file, with two practitioners and a test client each."""

from __future__ import annotations

import shutil
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import select

from kbs.ops.ports import free_port
from kbs.store.database import engine_for, upgrade
from kbs.store.schema import audit_log
from kbs.store.users import add_user
from tests.web_forms import form_token_in, page_token_in
from web_widget import create_app

PASSWORD = "correct horse battery"
# Known account ids (kbs makes random ones), never the usernames: records are owned by these.
JONES, SMITH = "u-test-jones", "u-test-smith"


class Clock:
    """The app's clock (CLOCK), moved by the test instead of sleeping."""

    def __init__(self) -> None:
        self.now = datetime.now(UTC)

    def __call__(self) -> datetime:
        return self.now

    def advance(self, **amount: float) -> None:
        self.now += timedelta(**amount)


@pytest.fixture(scope="session")
def cheap_password_hashes():
    """scrypt at N=2^10 instead of 2^17 here: every test signs in, and at the real cost
    (0.4 s a hash) these tests took five times as long. test_accounts.py checks the real
    cost and the rehash to it with the constant as shipped."""
    from kbs.accounts import passwords

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(passwords, "HASH_METHOD", "scrypt:1024:8:1")
        passwords._dummy_hash.cache_clear()
        yield
    passwords._dummy_hash.cache_clear()


@pytest.fixture(scope="session")
def database_with_users(tmp_path_factory, cheap_password_hashes) -> Path:
    """Made once (migrations and password hashing are slow), copied for each test."""
    path = tmp_path_factory.mktemp("template") / "kbs.db"
    url = f"sqlite:///{path}"
    upgrade(url)
    engine = engine_for(url)
    add_user(engine, "hv.jones", PASSWORD, account_id=JONES)
    add_user(engine, "sw.smith", PASSWORD, account_id=SMITH)
    engine.dispose()
    return path


@pytest.fixture
def database(database_with_users, tmp_path):
    path = tmp_path / "kbs.db"
    shutil.copy(database_with_users, path)
    return engine_for(f"sqlite:///{path}")


@pytest.fixture
def clock() -> Clock:
    return Clock()


@pytest.fixture
def app(database, clock):
    # Nothing listens on RASA_URL: the Rasa server is down unless a test stands in for it.
    return create_app({"TESTING": True, "SECRET_KEY": "test", "DATABASE_URL": str(database.url),
                       "RASA_URL": f"http://127.0.0.1:{free_port()}", "RASA_TOKEN": "token",
                       "CLOCK": clock})


def form_token(client, path: str = "/sign-in") -> str:
    return form_token_in(client.get(path).get_data(as_text=True))


def page_token(client) -> str:
    return page_token_in(client.get("/").get_data(as_text=True))


def sign_in(client, username: str, password: str = PASSWORD):
    return client.post("/sign-in", data={"csrf_token": form_token(client),
                                         "username": username, "password": password})


@pytest.fixture
def jones(app):
    client = app.test_client()
    assert sign_in(client, "hv.jones").status_code == 302
    return client


@pytest.fixture
def smith(app):
    client = app.test_client()
    assert sign_in(client, "sw.smith").status_code == 302
    return client


def audit_rows(engine) -> list[tuple]:
    with engine.connect() as connection:
        return [tuple(row) for row in connection.execute(
            select(audit_log.c.actor, audit_log.c.action, audit_log.c.object_type,
                   audit_log.c.object_id).order_by(audit_log.c.id))]
