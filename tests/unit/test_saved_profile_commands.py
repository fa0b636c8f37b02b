"""`kbs profile list|show|export` over a real (SQLite) database."""

import json

import pytest
from click.testing import CliRunner
from sqlalchemy import select

from kbs import engine
from kbs.cli.audited import os_user
from kbs.cli.profile_commands import score
from kbs.cli.saved_profile_commands import profile
from kbs.store.cases import get_or_create_case
from kbs.store.database import get_engine
from kbs.store.profiles import complete_profile, start_profile
from kbs.store.schema import audit_log
from tests.web_seed import seed_account

from .engine.builders import fixture_doc

# As the database holds it: JSON, with the date as text.
INFANT_1 = json.loads(json.dumps(fixture_doc("infant-1-before-harm.yml"), default=str))


@pytest.fixture(autouse=True)
def no_practitioner(monkeypatch):
    monkeypatch.delenv("KBS_PRACTITIONER", raising=False)


ONE, TWO = "u-test-hv-one", "u-test-hv-two"  # the accounts' ids, which own their records


@pytest.fixture
def database(database_url):
    seed_account(get_engine(), "hv.one", ONE)
    seed_account(get_engine(), "hv.two", TWO)
    with get_engine().begin() as connection:
        case = get_or_create_case(connection, ONE, "KBS-0142")
        first = start_profile(connection, case, INFANT_1, engine.score(INFANT_1).to_dict())
        complete_profile(connection, first, INFANT_1, engine.score(INFANT_1).to_dict())
        start_profile(connection, case, {"carers": {}}, engine.score({}).to_dict())
    return database_url


def kbs(*args):
    return CliRunner().invoke(profile, list(args))


def test_the_owner_is_required():
    result = kbs("list")
    assert result.exit_code != 0 and "Missing option '--owner'" in result.stderr


def test_kbs_practitioner_stands_for_the_owner(database, monkeypatch):
    monkeypatch.setenv("KBS_PRACTITIONER", "hv.two")
    assert kbs("list").output == "No saved profiles for hv.two.\n"
    assert kbs("list", "--owner", "hv.one").output.startswith("KBS-0142")


def test_list_shows_each_version_with_status_and_level(database):
    lines = kbs("list", "--owner", "hv.one").output.splitlines()
    assert lines[0].split()[:3] == ["KBS-0142", "v1", "complete"]
    assert "level 3 (intensive)" in lines[0] or "level 4 (specialist)" in lines[0]
    assert lines[1].split()[:3] == ["KBS-0142", "v2", "in_progress"] and "incomplete" in lines[1]
    assert kbs("list", "--owner", "hv.two").output == "No saved profiles for hv.two.\n"


def test_show_json_is_the_score_json_plus_the_answers(database, tmp_path):
    shown = json.loads(kbs("show", "KBS-0142", "--version", "1", "--format", "json",
                           "--owner", "hv.one").output)
    answers_file = tmp_path / "a.json"
    answers_file.write_text(json.dumps(INFANT_1), encoding="utf-8")
    scored = json.loads(CliRunner().invoke(score, [str(answers_file), "--format", "json"]).output)
    assert {k: v for k, v in shown.items() if k not in ("answers", "saved")} == scored
    assert shown["saved"]["version"] == 1 and shown["saved"]["status"] == "complete"
    assert shown["answers"]["carers"].keys() == INFANT_1["carers"].keys()


def test_show_text_is_the_report_of_the_latest_version(database):
    text = kbs("show", "KBS-0142", "--owner", "hv.one").output
    assert text.startswith("KBS-0142, version 2 (in progress)")
    assert "INCOMPLETE" in text


def test_export_writes_answers_that_kbs_score_reads(database, tmp_path):
    target = tmp_path / "v1.json"
    result = kbs("export", "KBS-0142", "--version", "1", "-o", str(target), "--owner", "hv.one")
    assert result.exit_code == 0
    assert engine.load_answers(target).carers


def test_show_and_export_are_in_the_audit_log(database, tmp_path):
    kbs("show", "KBS-0142", "--version", "1", "--owner", "hv.one")
    kbs("export", "KBS-0142", "-o", str(tmp_path / "v2.json"), "--owner", "hv.one")
    with get_engine().connect() as connection:
        rows = connection.execute(select(audit_log.c.actor, audit_log.c.action,
                                         audit_log.c.object_type, audit_log.c.detail)).all()
    # The actor is the account id --owner names (issue 19); the detail names the command,
    # who ran it and the case; the seeding's own rows (the case created through the chat's
    # store) are left out.
    user = os_user()
    assert [tuple(row) for row in rows if not row.detail.startswith("chat")] == [
        (ONE, "viewed", "profile", f"kbs profile show (os user {user}): KBS-0142"),
        (ONE, "exported", "profile", f"kbs profile export (os user {user}): KBS-0142")]


@pytest.mark.parametrize("args, message", [
    (("show", "KBS-9999"), "no saved profile for KBS-9999 (owner hv.one)"),
    (("show", "KBS-0142", "--version", "7"), "KBS-0142 has no version 7 (versions 1, 2)"),
    (("export", "KBS-0142", "--owner", "hv.two"), "no saved profile for KBS-0142 (owner hv.two)"),
])
def test_what_is_not_there_is_a_one_line_error(database, args, message):
    result = kbs(*args, "--owner", "hv.one") if "--owner" not in args else kbs(*args)
    assert result.exit_code == 1 and result.stderr.startswith(f"Error: {message}")
    assert len(result.stderr.strip().splitlines()) == 1


# -- the catalogue version that scored a saved profile ----------------------------------

def _stored(**values):
    """Change the saved version 1 as an older catalogue would have left it."""
    from sqlalchemy import update

    from kbs.store.schema import profiles

    with get_engine().begin() as connection:
        connection.execute(update(profiles).where(profiles.c.version == 1).values(**values))


def test_every_saved_result_records_the_catalogue_version_that_scored_it(database):
    shown = json.loads(kbs("list", "--owner", "hv.one", "--format", "json").output)
    assert [row["catalogue_version"] for row in shown] == [engine.catalogue_version()] * 2


def test_show_says_the_result_is_todays_when_the_catalogue_is_unchanged(database):
    text = kbs("show", "KBS-0142", "--version", "1", "--owner", "hv.one").output
    assert text.splitlines()[1] == (f"Scored with catalogue version "
                                    f"{engine.catalogue_version()} (today's).")
    document = json.loads(kbs("show", "KBS-0142", "--version", "1", "--format", "json",
                              "--owner", "hv.one").output)
    assert document["saved"]["today"]["scores_differently"] is False


def test_show_prints_the_stored_result_and_says_todays_catalogue_would_differ(database):
    today = engine.score(INFANT_1).to_dict()
    older = {**today, "level": 1, "level_name": "universal", "routes": []}
    _stored(result=older, catalogue_version="0123456789ab")
    text = kbs("show", "KBS-0142", "--version", "1", "--owner", "hv.one").output
    note = text.splitlines()[1]
    assert note.startswith("Scored with catalogue version 0123456789ab; TODAY'S CATALOGUE "
                           f"({engine.catalogue_version()}) WOULD SCORE IT DIFFERENTLY: "
                           f"level {today['level']} instead of 1; changed: level, level_name, "
                           "routes.")
    assert "kbs profile export KBS-0142 --version 1 -o answers.json" in note
    assert "Level 1: universal" in text  # the stored result, not today's
    assert f"Level {today['level']}:" not in text
    document = json.loads(kbs("show", "KBS-0142", "--version", "1", "--format", "json",
                              "--owner", "hv.one").output)
    assert document["level"] == 1 and document["saved"]["catalogue_version"] == "0123456789ab"
    assert document["saved"]["today"] == {
        "catalogue_version": engine.catalogue_version(), "scores_differently": True,
        "changed": ["level", "level_name", "routes"], "level": today["level"], "problem": None}


def test_a_profile_saved_before_versions_were_recorded_says_so(database):
    _stored(catalogue_version=None)
    note = kbs("show", "KBS-0142", "--version", "1", "--owner", "hv.one").output.splitlines()[1]
    assert note == (f"Scored before catalogue versions were recorded; today's catalogue "
                    f"({engine.catalogue_version()}) scores it the same.")


def test_the_catalogue_version_changes_with_any_scoring_file(tmp_path, monkeypatch):
    import importlib

    versions = importlib.import_module("kbs.engine.catalogue_version")
    copies = []
    for path in versions.SCORING_FILES:
        copy = tmp_path / path.name
        copy.write_bytes(path.read_bytes())
        copies.append(copy)
    monkeypatch.setattr(versions, "SCORING_FILES", tuple(copies))
    try:
        seen = set()
        for copy in [None, *copies]:
            if copy is not None:
                copy.write_text(copy.read_text(encoding="utf-8") + "\n# a note\n",
                                encoding="utf-8")
            versions.catalogue_version.cache_clear()
            seen.add(versions.catalogue_version())
        assert len(seen) == 1 + len(copies)
    finally:
        versions.catalogue_version.cache_clear()
