"""Every read and write of a record is audited, whichever door it comes through, with who
did it (issue 19): the chat (the Rasa actions, as the conversation's practitioner), the
command line (the owner it acted for and the operating-system user who ran it) and the web
app (tests/unit/web/test_audit.py). `kbs plan show` shows only its owner's plan."""

from __future__ import annotations

import json
from datetime import datetime

import pytest
from click.testing import CliRunner
from sqlalchemy import select

from kbs.cli import main
from kbs.cli.audited import os_user
from kbs.rehearsal import conversation as rehearsal
from kbs.safer_practice import saving
from kbs.safer_practice.plans import safer_sleep_plan
from kbs.store.cases import get_or_create_case
from kbs.store.database import get_engine
from kbs.store.plans import save_plan
from kbs.store.rehearsals import save_rehearsal
from kbs.store.schema import audit_log
from tests.plan_answers import NO_RISK_SLEEP
from tests.web_seed import REHEARSAL_PERSONA, played_rehearsal, seed_account

from .actions.harness import run as run_action
from .actions.harness import tracker as a_tracker


def rows(**where) -> list[tuple]:
    query = select(audit_log.c.actor, audit_log.c.action, audit_log.c.object_type,
                   audit_log.c.object_id, audit_log.c.detail).order_by(audit_log.c.id)
    with get_engine().connect() as connection:
        found = [tuple(row) for row in connection.execute(query)]
    columns = ("actor", "action", "object_type", "object_id", "detail")
    return [row for row in found
            if all(row[columns.index(key)] == value for key, value in where.items())]


def kbs(*args: str):
    return CliRunner().invoke(main, list(args), prog_name="kbs", catch_exceptions=False)


# -- the chat --------------------------------------------------------------------------------

def test_an_assessment_in_the_chat_audits_each_read_and_write_as_the_practitioner(hv):
    hv.start()
    hv.say("KBS-0142")  # the case and its first version created
    hv.say("no")  # an answer saved
    hv.say("why")  # read, nothing saved
    chat = [row for row in rows(actor="hv.one") if row[4].startswith("chat")]
    actions = [(action, kind) for _, action, kind, _, _ in chat]
    assert actions[:2] == [("created", "case"), ("created", "profile")]
    assert ("updated", "profile") in actions and actions[-1] == ("viewed", "profile")
    assert all(detail.startswith("chat: KBS-0142") for *_, detail in chat)
    assert {actor for actor, *_ in rows()} == {"hv.one"}


def test_a_plan_saved_through_the_chat_is_audited(database_url):
    content = safer_sleep_plan(NO_RISK_SLEEP)
    turn = saving.save_with_case("hv.jones", "KBS-0427", "safer_sleep", content)
    plan_id = turn.slots[saving.LAST_PLAN_SLOT]["plan_id"]
    assert rows(actor="hv.jones", action="created", object_type="plan") == [
        ("hv.jones", "created", "plan", str(plan_id), "chat: KBS-0427")]


def test_a_rehearsal_saved_by_the_action_is_audited_as_the_senders_practitioner(database_url):
    transcript, _ = played_rehearsal()
    from kbs.rehearsal.personas import personas

    state = {"persona": REHEARSAL_PERSONA, "transcript": transcript, "openness": 2,
             "uncovered": [], "seed": 1, "started_at": datetime(2026, 3, 2, 10).isoformat()}
    assert REHEARSAL_PERSONA in personas()
    run_action("action_rehearsal_feedback", a_tracker(
        {rehearsal.STATE: state, rehearsal.PERSONA: REHEARSAL_PERSONA}, sender="hv.jones~c7"))
    assert [row[:3] for row in rows(object_type="rehearsal")] == [
        ("hv.jones", "created", "rehearsal")]


# -- the command line ------------------------------------------------------------------------

# Records are owned by account ids (h19web); --owner names the account by its username.
ONE, TWO = "u-test-hv-one", "u-test-hv-two"


@pytest.fixture
def seeded(database_url):
    seed_account(get_engine(), "hv.one", ONE)
    seed_account(get_engine(), "hv.two", TWO)
    with get_engine().begin() as connection:
        case = get_or_create_case(connection, ONE, "KBS-0142")
        plan = save_plan(connection, owner=ONE, kind="safer_sleep", case_id=case,
                         content=safer_sleep_plan(NO_RISK_SLEEP, case_reference="KBS-0142"))
    transcript, feedback = played_rehearsal()
    save_rehearsal(ONE, REHEARSAL_PERSONA, transcript, feedback, datetime(2026, 3, 2, 10),
                   datetime(2026, 3, 2, 10, 12), get_engine())
    return {"plan": plan}


def test_kbs_plan_show_shows_only_the_owners_plan_and_audits_every_attempt(seeded):
    plan = str(seeded["plan"])
    shown = kbs("plan", "show", plan, "--owner", "hv.one")
    assert shown.exit_code == 0 and shown.stdout.startswith("# Safer sleep plan")
    refused = kbs("plan", "show", plan, "--owner", "hv.two")
    assert refused.exit_code == 1 and "Safer sleep" not in refused.output
    assert f"there is no plan {plan} of hv.two" in refused.output  # as if there were none
    exported = kbs("plan", "show", plan, "--owner", "hv.one", "--format", "json")
    assert json.loads(exported.stdout)["id"] == seeded["plan"]
    door = f"kbs plan show (os user {os_user()})"
    # The actor is the account id the username maps to, as in the web app (never a
    # username, which could be made again for someone else).
    assert rows(object_type="plan", object_id=plan)[-3:] == [
        (ONE, "viewed", "plan", plan, f"{door}: KBS-0142"),
        (TWO, "denied", "plan", plan, f"{door}: owner: {ONE}"),
        (ONE, "exported", "plan", plan, f"{door}: KBS-0142")]


def test_kbs_plan_show_maps_the_owners_username_to_her_account_id(seeded):
    """The plan is owned by the account id: naming the id itself, a username that is not an
    account, or a closed account's username shows nothing (issue 19)."""
    plan = str(seeded["plan"])
    for owner in (ONE, "hv.three"):
        result = kbs("plan", "show", plan, "--owner", owner)
        assert result.exit_code == 1 and "Safer sleep" not in result.output
        assert f"there is no account called '{owner}'" in result.output
    seed_account(get_engine(), "hv.closed", "u-test-hv-closed", disabled=True)
    closed = kbs("plan", "show", plan, "--owner", "hv.closed")
    assert closed.exit_code == 1 and "Safer sleep" not in closed.output
    assert not rows(object_type="plan", action="viewed")


def test_kbs_plan_show_needs_an_owner(seeded, monkeypatch):
    monkeypatch.delenv("KBS_PRACTITIONER", raising=False)
    result = kbs("plan", "show", str(seeded["plan"]))
    assert result.exit_code == 2 and "--owner" in result.output
    assert not rows(object_type="plan", action="viewed")


def test_kbs_rehearsals_list_and_profile_list_are_audited(seeded):
    assert kbs("rehearsals", "list", "--owner", "hv.one").exit_code == 0
    assert kbs("rehearsals", "list").exit_code == 0
    assert kbs("profile", "list", "--owner", "hv.one").exit_code == 0
    user = os_user()
    assert rows(action="listed") == [
        (ONE, "listed", "rehearsal", ONE, f"kbs rehearsals list (os user {user}): 1 shown"),
        (f"cli:{user}", "listed", "rehearsal", "(all)",
         f"kbs rehearsals list (os user {user}): 1 shown"),
        (ONE, "listed", "profile", ONE, f"kbs profile list (os user {user}): 0 shown")]
