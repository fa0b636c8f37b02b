"""The web app on a real SQLite file, with two practitioners and a test client each."""

from __future__ import annotations

import shutil
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


@pytest.fixture(scope="session")
def database_with_users(tmp_path_factory) -> Path:
    """Made once (migrations and password hashing are slow), copied for each test."""
    path = tmp_path_factory.mktemp("template") / "kbs.db"
    url = f"sqlite:///{path}"
    upgrade(url)
    engine = engine_for(url)
    add_user(engine, "hv.jones", PASSWORD)
    add_user(engine, "sw.smith", PASSWORD)
    engine.dispose()
    return path


@pytest.fixture
def database(database_with_users, tmp_path):
    path = tmp_path / "kbs.db"
    shutil.copy(database_with_users, path)
    return engine_for(f"sqlite:///{path}")


@pytest.fixture
def app(database):
    # Nothing listens on RASA_URL: the Rasa server is down unless a test stands in for it.
    return create_app({"TESTING": True, "SECRET_KEY": "test", "DATABASE_URL": str(database.url),
                       "RASA_URL": f"http://127.0.0.1:{free_port()}", "RASA_TOKEN": "token"})


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
