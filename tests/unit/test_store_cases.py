import pytest
from sqlalchemy import create_engine

from actions.store.cases import cases_of, find_case, get_or_create_case
from actions.store.database import upgrade


@pytest.fixture
def connection(tmp_path):
    url = f"sqlite:///{tmp_path / 'kbs.db'}"
    upgrade(url)
    with create_engine(url, future=True).begin() as conn:
        yield conn


def test_a_case_is_created_once_per_owner_and_reference(connection):
    first = get_or_create_case(connection, "hv.one", "KBS-0001")
    assert get_or_create_case(connection, "hv.one", "KBS-0001") == first
    other = get_or_create_case(connection, "hv.two", "KBS-0001")
    assert other != first
    assert [c.reference for c in cases_of(connection, "hv.one")] == ["KBS-0001"]
    assert find_case(connection, "hv.two", "KBS-0002") is None
