import pytest
from sqlalchemy import create_engine

from kbs.store.database import upgrade


@pytest.fixture
def database_url(tmp_path, monkeypatch):
    """A new project database, which KBS_DATABASE_URL points at."""
    url = f"sqlite:///{tmp_path / 'kbs.db'}"
    monkeypatch.setenv("KBS_DATABASE_URL", url)
    upgrade(url)
    return url


@pytest.fixture
def connection(database_url):
    with create_engine(database_url, future=True).begin() as conn:
        yield conn
