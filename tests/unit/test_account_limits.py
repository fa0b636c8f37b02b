"""The chat's sliding-window limit and the sign-in back-off, on clocks the tests move."""

from datetime import datetime, timedelta

import pytest
from sqlalchemy import create_engine

from kbs.accounts import backoff
from kbs.accounts.limits import SlidingWindow
from kbs.accounts.wording import messages
from kbs.catalogues import CatalogueError
from kbs.store.database import upgrade


class Ticks:
    def __init__(self):
        self.now = 1000.0

    def __call__(self):
        return self.now


def test_a_key_gets_its_limit_in_a_window_then_waits_for_the_oldest_to_leave():
    clock = Ticks()
    window = SlidingWindow(3, 60, clock)
    assert [window.hit("a") for _ in range(3)] == [0, 0, 0]
    assert window.hit("a") == 60
    clock.now += 20
    assert window.hit("a") == 40  # a refused event does not count
    assert window.hit("b") == 0  # keys are apart
    clock.now += 40
    assert window.hit("a") == 0


def test_events_spread_over_the_window_slide():
    clock = Ticks()
    window = SlidingWindow(2, 10, clock)
    assert window.hit("a") == 0
    clock.now += 6
    assert window.hit("a") == 0
    clock.now += 3
    assert window.hit("a") == pytest.approx(1)
    clock.now += 1
    assert window.hit("a") == 0


def test_idle_keys_are_forgotten():
    clock = Ticks()
    window = SlidingWindow(1, 10, clock)
    for number in range(2000):
        window.hit(str(number))
    clock.now += 11
    window.hit("new")
    assert len(window._events) < 1100


def test_a_limit_needs_an_event_and_a_window():
    with pytest.raises(ValueError):
        SlidingWindow(0, 60)


@pytest.fixture
def connection(tmp_path):
    url = f"sqlite:///{tmp_path / 'kbs.db'}"
    upgrade(url)
    with create_engine(url, future=True).begin() as connection:
        yield connection


START = datetime(2026, 12, 8, 9)


def test_the_wait_ends_when_the_limit_th_latest_failure_leaves_the_window(connection):
    attempt = backoff.Attempt("name", "client")
    for minute in range(5):
        assert backoff.wait(connection, attempt, START + timedelta(minutes=minute)) is None
        backoff.record_failure(connection, attempt, START + timedelta(minutes=minute))
    assert backoff.wait(connection, attempt, START + timedelta(minutes=5)) == \
        timedelta(minutes=10)  # the first failure leaves at 09:15
    assert backoff.wait(connection, attempt, START + timedelta(minutes=15, seconds=1)) is None


def test_a_trusted_device_is_not_held_by_others_failures(connection):
    for number in range(20):
        backoff.record_failure(connection, backoff.Attempt("name", f"address {number}"), START)
    assert backoff.wait(connection, backoff.Attempt("name", "another address"), START)
    assert backoff.wait(connection, backoff.Attempt("name", "her device", True), START) is None


def test_success_clears_the_names_failures_only(connection):
    for name in ("one", "two"):
        for _ in range(5):
            backoff.record_failure(connection, backoff.Attempt(name, "client"), START)
    backoff.clear(connection, "one")
    assert backoff.wait(connection, backoff.Attempt("one", "client"), START) is None
    assert backoff.wait(connection, backoff.Attempt("two", "client"), START)


def test_failures_older_than_a_day_are_deleted(connection):
    backoff.record_failure(connection, backoff.Attempt("old", "client"), START)
    backoff.record_failure(connection, backoff.Attempt("new", "client"),
                           START + timedelta(days=1, minutes=1))
    assert backoff.failures(connection) == 1


def test_a_message_with_a_value_never_given_is_a_catalogue_error(tmp_path, monkeypatch):
    from kbs.accounts import wording

    text = wording.ACCOUNTS_FILE.read_text(encoding="utf-8").replace(
        "wrong_password: That username", "wrong_password: That {name} username")
    (tmp_path / "accounts.yml").write_text(text, encoding="utf-8")
    monkeypatch.setattr(wording, "ACCOUNTS_FILE", tmp_path / "accounts.yml")
    messages.cache_clear()
    try:
        with pytest.raises(CatalogueError, match="wrong_password.*never filled in"):
            messages()
    finally:
        messages.cache_clear()
