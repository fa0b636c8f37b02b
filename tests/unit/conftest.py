import pytest
from sqlalchemy import create_engine

from kbs.nlp.pipeline import build_pipeline
from kbs.store.database import upgrade
from tests.unit.assessment.practitioner import Practitioner


@pytest.fixture(scope="session")
def nlp():
    """The project's spaCy pipeline, as Rasa loads it (built once per test run)."""
    return build_pipeline()


@pytest.fixture
def hv(nlp, database_url):
    """A practitioner in the Assess mode, with a new project database."""
    return Practitioner(nlp)


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
