"""Retention and erasure (issue 19): on a project database and a tracker store (SQLite, the
table made by Rasa's own SQLTrackerStore) seeded with old and new records, `kbs retention
run --dry-run` lists exactly the old ones; without --dry-run they are gone from both and the
audit log says so. `kbs case erase` takes one case with everything about it. `kbs run`
applies the policy at start and every 24 hours."""

from __future__ import annotations

import json
import sqlite3
import time
from datetime import timedelta
from pathlib import Path

import pytest
from click.testing import CliRunner
from sqlalchemy import func, insert, select

from kbs.catalogues import CatalogueError
from kbs.cli import main
from kbs.cli.audited import os_user
from kbs.ops.daily_retention import DailyRetention
from kbs.retention import PERIODS, load_policy, now_utc
from kbs.store.database import get_engine
from kbs.store.schema import audit_log, cases, plans, profiles, rehearsals
from tests.web_seed import seed_account

DAY = 24 * 60 * 60


@pytest.fixture
def tracker_db(tmp_path, monkeypatch):
    """Rasa's tracker store, its table made by Rasa itself (KBS_TRACKER_DB points at it)."""
    from rasa.core.tracker_store import SQLTrackerStore
    from rasa.shared.core.domain import Domain

    path = tmp_path / "rasa-tracker.db"
    SQLTrackerStore(Domain.empty(), dialect="sqlite", db=str(path)).engine.dispose()
    monkeypatch.setenv("KBS_TRACKER_DB", str(path))
    monkeypatch.delenv("KBS_ENDPOINTS", raising=False)
    monkeypatch.delenv("KBS_RETENTION_FILE", raising=False)
    return path


def add_events(path, sender: str, days_ago: list[float], text: str = "hello") -> None:
    with sqlite3.connect(path) as connection:
        for days in days_ago:
            moment = time.time() - days * DAY
            connection.execute(
                "INSERT INTO events (sender_id, type_name, timestamp, data) VALUES (?,?,?,?)",
                (sender, "user", moment,
                 json.dumps({"event": "user", "text": text, "timestamp": moment})))


def senders(path) -> set[str]:
    with sqlite3.connect(path) as connection:
        return {row[0] for row in connection.execute("SELECT DISTINCT sender_id FROM events")}


def ago(days: float):
    return now_utc() - timedelta(days=days)


def add_case(connection, owner, reference, created, profile_at=None, plan_at=None) -> int:
    case = connection.execute(insert(cases).values(owner=owner, reference=reference,
                                                   created_at=created)).inserted_primary_key[0]
    for version, moment in enumerate([m for m in (profile_at,) if m], start=1):
        connection.execute(insert(profiles).values(
            case_id=case, version=version, status="complete", answers={}, result={},
            started_at=moment, updated_at=moment, completed_at=moment))
    if plan_at:
        connection.execute(insert(plans).values(case_id=case, owner=owner, kind="safer_sleep",
                                                content={}, created_at=plan_at))
    return case


@pytest.fixture
def seeded(database_url, tracker_db):
    """Old and new records of every kind the policy covers; returns the old ones' ids."""
    add_events(tracker_db, "hv.one~old", [45, 40])
    add_events(tracker_db, "hv.one~new", [1])
    add_events(tracker_db, "hv.two~mixed", [60, 2])  # its last message is recent: kept
    with get_engine().begin() as connection:
        old_rehearsal = connection.execute(insert(rehearsals).values(
            owner="hv.one", persona="mother_drinking", transcript=[], feedback={},
            started_at=ago(400), finished_at=ago(400))).inserted_primary_key[0]
        connection.execute(insert(rehearsals).values(
            owner="hv.one", persona="mother_drinking", transcript=[], feedback={},
            started_at=ago(10), finished_at=ago(10)))
        closed = add_case(connection, "hv.one", "KBS-0001", ago(800), ago(800), ago(790))
        add_case(connection, "hv.one", "KBS-0002", ago(800), ago(10))  # still active
        add_case(connection, "hv.two", "KBS-0003", ago(3))
        old_plan = connection.execute(insert(plans).values(
            owner="hv.one", kind="safe_handling", content={}, created_at=ago(100))
        ).inserted_primary_key[0]
        connection.execute(insert(plans).values(owner="hv.one", kind="safe_handling",
                                                content={}, created_at=ago(5)))
        old_audit = connection.execute(insert(audit_log).values(
            at=ago(2200), actor="hv.one", action="viewed", object_type="profile",
            object_id="1")).inserted_primary_key[0]
        connection.execute(insert(audit_log).values(
            at=ago(1), actor="hv.one", action="viewed", object_type="profile", object_id="2"))
    return {("conversation", "hv.one~old"), ("rehearsal", str(old_rehearsal)),
            ("case", str(closed)), ("plan", str(old_plan)), ("audit_log", str(old_audit))}


def kbs(*args: str, input: str | None = None):
    return CliRunner().invoke(main, list(args), prog_name="kbs", input=input,
                              catch_exceptions=False)


def counts() -> dict[str, int]:
    with get_engine().connect() as connection:
        return {table.name: connection.execute(select(func.count()).select_from(table)).scalar()
                for table in (cases, profiles, plans, rehearsals)}


def test_the_policy_has_a_period_for_everything_it_names():
    policy = load_policy()
    assert set(policy.days) == set(PERIODS) and all(days > 0 for days in policy.days.values())


def test_a_policy_file_with_a_mistake_names_it(tmp_path):
    path = tmp_path / "retention.yml"
    path.write_text("periods_days: {conversations: forever}\n", encoding="utf-8")
    with pytest.raises(CatalogueError, match="retention.yml"):
        load_policy(path)


def test_a_dry_run_lists_exactly_the_old_records_and_deletes_nothing(seeded, tracker_db):
    before = counts()
    result = kbs("retention", "run", "--dry-run", "--format", "json")
    assert result.exit_code == 0, result.output
    document = json.loads(result.stdout)
    assert document["dry_run"] is True
    assert {(item["kind"], item["id"]) for item in document["items"]} == seeded
    assert counts() == before
    assert senders(tracker_db) == {"hv.one~old", "hv.one~new", "hv.two~mixed"}
    text = kbs("retention", "run", "--dry-run").stdout
    assert "Would delete 5:" in text and "KBS-0001: 1 profile(s), 1 plan(s)" in text


def test_a_run_deletes_them_from_both_stores_and_the_audit_log_says_so(seeded, tracker_db):
    result = kbs("retention", "run")
    assert result.exit_code == 0, result.output
    assert "Deleted 5:" in result.stdout
    assert senders(tracker_db) == {"hv.one~new", "hv.two~mixed"}
    with get_engine().connect() as connection:
        references = {row.reference for row in connection.execute(select(cases))}
        assert references == {"KBS-0002", "KBS-0003"}
        assert connection.execute(select(func.count()).select_from(profiles)).scalar() == 1
        assert [row.created_at > ago(6) for row in connection.execute(select(plans))] == [True]
        assert [r.finished_at > ago(11) for r in connection.execute(select(rehearsals))] == [
            True]
        logged = connection.execute(select(audit_log).order_by(audit_log.c.id)).all()
    old_audit = next(id_ for kind, id_ in seeded if kind == "audit_log")
    assert old_audit not in {str(row.id) for row in logged}
    deleted = {(row.object_type, row.object_id) for row in logged if row.action == "deleted"}
    assert deleted == {(kind, id_) for kind, id_ in seeded if kind != "audit_log"} | {
        ("audit_log", old_audit)}
    assert all(row.actor == f"cli:{os_user()}" for row in logged if row.action == "deleted")
    assert all(row.detail.startswith(f"kbs retention run (os user {os_user()}): retention")
               for row in logged if row.action == "deleted")
    run = [row for row in logged if row.action == "retention_run"]
    assert len(run) == 1 and "1 conversation" in run[0].detail
    # a second run finds nothing more, and the log shows that it ran
    assert json.loads(kbs("retention", "run", "--format", "json").stdout)["items"] == []
    with get_engine().connect() as connection:
        runs = connection.execute(select(audit_log.c.detail).where(
            audit_log.c.action == "retention_run").order_by(audit_log.c.id)).scalars().all()
    assert len(runs) == 2 and runs[-1].endswith(": nothing")


def test_a_policy_of_the_deployments_own_is_used(seeded, tmp_path, monkeypatch):
    path = tmp_path / "ours.yml"
    path.write_text("periods_days: {conversations: 1000, finished_rehearsals: 1000, "
                    "closed_cases: 1000, plans_without_case: 1000, audit_log: 3000}\n",
                    encoding="utf-8")
    monkeypatch.setenv("KBS_RETENTION_FILE", str(path))
    document = json.loads(kbs("retention", "run", "--dry-run", "--format", "json").stdout)
    assert document["items"] == [] and document["policy"] == str(path)


# -- erasure of one case ---------------------------------------------------------------------

# Records are owned by account ids, and Rasa's sender id starts with one (h19web); --owner
# names the account by its username.
ONE, TWO = "u-test-hv-one", "u-test-hv-two"


@pytest.fixture
def one_case(database_url, tracker_db):
    seed_account(get_engine(), "hv.one", ONE)
    seed_account(get_engine(), "hv.two", TWO)
    seed_account(get_engine(), "hv.three", "u-test-hv-three")
    with get_engine().begin() as connection:
        case = add_case(connection, ONE, "KBS-0142", ago(20), ago(2), ago(1))
        connection.execute(insert(profiles).values(
            case_id=case, version=2, status="in_progress", answers={}, result={},
            started_at=ago(1), updated_at=ago(1)))
        other = add_case(connection, ONE, "KBS-01420", ago(20), ago(2))
        add_case(connection, TWO, "KBS-0142", ago(20), ago(2))
    add_events(tracker_db, f"{ONE}~c1", [3, 2], '{"assessment_case": "KBS-0142"}')
    add_events(tracker_db, ONE, [2], "resume KBS-0142")  # a sender id without a conversation
    add_events(tracker_db, f"{ONE}~c2", [3], "resume KBS-01420")  # another case
    add_events(tracker_db, f"{TWO}~c3", [3], "resume KBS-0142")  # another practitioner's
    add_events(tracker_db, f"{ONE}~c4", [3], "hello")
    # Her username is not her: one made again for someone else owns none of her records
    # (h19web), so a sender id starting with it is not one of her conversations.
    add_events(tracker_db, "hv.one~c5", [3], "resume KBS-0142")
    return {"case": case, "other": other}


def test_erasing_a_case_takes_its_profiles_plans_and_conversations(one_case, tracker_db):
    listed = json.loads(kbs("case", "erase", "KBS-0142", "--owner", "hv.one", "--dry-run",
                            "--format", "json").stdout)
    kinds = sorted((item["kind"], item["id"]) for item in listed["items"])
    assert [kind for kind, _ in kinds] == ["case", "conversation", "conversation", "plan",
                                           "profile", "profile"]
    assert {id_ for kind, id_ in kinds if kind == "conversation"} == {ONE, f"{ONE}~c1"}
    assert counts()["profiles"] == 4  # nothing erased by a dry run
    result = kbs("case", "erase", "KBS-0142", "--owner", "hv.one", "--yes")
    assert result.exit_code == 0, result.output
    with get_engine().connect() as connection:
        left = {(row.owner, row.reference) for row in connection.execute(select(cases))}
        assert left == {(ONE, "KBS-01420"), (TWO, "KBS-0142")}
        assert {row.case_id for row in connection.execute(select(profiles))} == {
            one_case["other"], one_case["other"] + 1}
        assert connection.execute(select(func.count()).select_from(plans)).scalar() == 0
        erased = {(row.object_type, row.object_id) for row in connection.execute(
            select(audit_log).where(audit_log.c.action == "erased"))}
        erasers = {row.actor for row in connection.execute(
            select(audit_log).where(audit_log.c.action == "erased"))}
    assert erased == set(kinds)
    assert erasers == {f"cli:{os_user()}"}  # a command acting for nobody: the os user
    assert senders(tracker_db) == {f"{ONE}~c2", f"{TWO}~c3", f"{ONE}~c4", "hv.one~c5"}


def test_erasing_asks_first_and_a_no_erases_nothing(one_case):
    result = kbs("case", "erase", "KBS-0142", "--owner", "hv.one", input="n\n")
    assert result.exit_code == 1 and "Erase KBS-0142 of hv.one" in result.output
    assert counts()["cases"] == 3


def test_erasing_a_case_the_owner_does_not_have_says_so(one_case):
    result = kbs("case", "erase", "KBS-0142", "--owner", "hv.three", "--yes")
    assert result.exit_code == 1 and "hv.three has no case KBS-0142" in result.output
    assert counts()["cases"] == 3


@pytest.mark.parametrize("owner", [ONE, "hv.four"])
def test_erasing_maps_the_owners_username_to_her_account_id(one_case, tracker_db, owner):
    """--owner is a username: the account id itself, or a name with no account, erases
    nothing (issue 19)."""
    result = kbs("case", "erase", "KBS-0142", "--owner", owner, "--yes")
    assert result.exit_code == 1 and f"there is no account called '{owner}'" in result.output
    assert counts()["cases"] == 3 and len(senders(tracker_db)) == 6


# -- kbs run, daily ----------------------------------------------------------------------------

def test_the_daily_run_deletes_at_start_and_again_each_period(seeded, tracker_db):
    said = []
    daily = DailyRetention(said.append, every_seconds=0.2)
    daily.start()
    deadline = time.monotonic() + 20
    while len(said) < 2 and time.monotonic() < deadline:
        time.sleep(0.05)
    daily.stop()
    assert said[0].startswith("Retention (retention.yml): deleted 1 conversation")
    assert said[1] == "Retention (retention.yml): deleted nothing"
    assert senders(tracker_db) == {"hv.one~new", "hv.two~mixed"}
    with get_engine().connect() as connection:
        details = [row.detail for row in connection.execute(
            select(audit_log).where(audit_log.c.action == "deleted"))]
    assert details and all(d.startswith("kbs run (daily retention") for d in details)


def test_a_failed_daily_run_is_reported_and_the_assistant_goes_on(database_url, tmp_path,
                                                                 monkeypatch):
    path = tmp_path / "broken.yml"
    path.write_text("periods_days: {}\n", encoding="utf-8")
    monkeypatch.setenv("KBS_RETENTION_FILE", str(path))
    said = []
    DailyRetention(said.append).run_once()
    assert said[0].startswith("kbs: retention could not run (CatalogueError")


def test_kbs_run_starts_the_daily_retention_with_the_servers_and_stops_it(monkeypatch):
    from kbs.cli import run_command

    events = []

    class Servers:
        def __init__(self, config):
            pass

        def start(self):
            events.append("servers started")

        def wait_for_exit(self):
            raise run_command.Interrupted

        def stop(self):
            events.append("servers stopped")

    class Daily:
        def __init__(self, say):
            pass

        def start(self):
            events.append("retention started")

        def stop(self):
            events.append("retention stopped")

    monkeypatch.setattr(run_command, "Launcher", Servers)
    monkeypatch.setattr(run_command, "DailyRetention", Daily)
    monkeypatch.setattr(run_command, "_check_ports", lambda ports, host: None)
    monkeypatch.setattr(run_command, "_choose_model", lambda: Path("kbs-0123.tar.gz"))
    monkeypatch.setattr(run_command, "_upgrade_database", lambda: None)
    monkeypatch.setattr(run_command.ServerSettings, "from_environment",
                        classmethod(lambda cls, model: type("C", (), {
                            "log_dir": run_command.settings.log_dir(),
                            "log_max_bytes": 1024 * 1024, "log_files_kept": 1})()))
    monkeypatch.setattr(run_command.signal, "signal", lambda *args: None)
    result = CliRunner().invoke(main, ["run"], prog_name="kbs")
    assert result.exit_code == 0, result.output
    assert events == ["servers started", "retention started", "retention stopped",
                      "servers stopped"]


# -- where the tracker store is ------------------------------------------------------------------

def test_the_tracker_store_is_found_where_rasa_finds_it(tmp_path, monkeypatch):
    from kbs.store.tracker import TrackerStoreError, tracker_engine, tracker_url

    monkeypatch.delenv("KBS_ENDPOINTS", raising=False)
    monkeypatch.setenv("KBS_TRACKER_DB", str(tmp_path / "t.db"))
    assert tracker_url().database == str(tmp_path / "t.db")
    assert tracker_engine() is None and not (tmp_path / "t.db").exists()  # not made by kbs
    endpoints = tmp_path / "endpoints.yml"
    endpoints.write_text("tracker_store:\n  type: SQL\n  dialect: postgresql\n"
                         "  url: db.example\n  port: 5433\n  db: rasa\n"
                         "  username: rasa\n  password: ${TRACKER_PASSWORD}\n", encoding="utf-8")
    monkeypatch.setenv("KBS_ENDPOINTS", str(endpoints))
    monkeypatch.setenv("TRACKER_PASSWORD", "s3cret")
    url = tracker_url()
    assert (url.drivername, url.host, url.port, url.database, url.username, url.password) == (
        "postgresql", "db.example", 5433, "rasa", "rasa", "s3cret")
    endpoints.write_text("tracker_store:\n  type: redis\n", encoding="utf-8")
    with pytest.raises(TrackerStoreError, match="not SQL"):
        tracker_url()
