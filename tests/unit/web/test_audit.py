"""The web app's door to the audit log (issue 19): a record page is audited with the
request that read it, and so is a page listing the practitioner's records; sign-ins too. The
actor is the signed-in account's id, as in the chat and the commands."""

from __future__ import annotations

from sqlalchemy import select

from kbs.safer_practice.plans import safer_sleep_plan
from kbs.store.schema import audit_log
from tests.plan_answers import NO_RISK_SLEEP
from tests.unit.web.conftest import JONES, PASSWORD, SMITH, form_token, sign_in
from tests.web_seed import seed_case, seed_plan, seed_rehearsal


def rows(engine, accounts: bool = False) -> list[tuple]:
    """The web app's rows about records (``accounts``: those about accounts, sign-ins)."""
    kind = audit_log.c.object_type
    with engine.connect() as connection:
        return [tuple(row) for row in connection.execute(
            select(audit_log.c.actor, audit_log.c.action, kind,
                   audit_log.c.object_id, audit_log.c.detail)
            .where(audit_log.c.detail.like("web%"), kind == "user" if accounts else kind != "user")
            .order_by(audit_log.c.id))]


def test_record_pages_and_list_pages_are_audited_with_the_request(jones, database):
    baby = seed_case(database, JONES, "KBS-0007")
    plan = seed_plan(database, JONES, safer_sleep_plan(NO_RISK_SLEEP), baby["case"])
    seed_rehearsal(database, JONES)
    profile = baby["profiles"][0]
    for path in ("/cases", "/plans", "/rehearsals", f"/profiles/{profile}", f"/plans/{plan}"):
        assert jones.get(path).status_code == 200, path
    # The actor is the signed-in account's id, as for the chat and the commands (h19web).
    assert rows(database) == [
        (JONES, "listed", "case", JONES, "web GET /cases: 1 shown"),
        (JONES, "listed", "plan", JONES, "web GET /plans: 1 shown"),
        (JONES, "listed", "rehearsal", JONES, "web GET /rehearsals: 1 shown"),
        (JONES, "viewed", "profile", str(profile), f"web GET /profiles/{profile}"),
        (JONES, "viewed", "plan", str(plan), f"web GET /plans/{plan}")]


def test_a_refusal_names_the_request_and_the_owner(smith, database):
    baby = seed_case(database, JONES, "KBS-0007")
    profile = baby["profiles"][0]
    assert smith.get(f"/profiles/{profile}").status_code == 403
    assert rows(database) == [(SMITH, "denied", "profile", str(profile),
                               f"web GET /profiles/{profile}: attempt: viewed; owner: {JONES}")]


def test_sign_ins_carry_the_door_too_and_never_the_text_typed(app, database):
    """One scheme for every web row (kbs.store.audit): the account id as actor, the request
    as the door, never its query string; a failed sign-in names no typed text."""
    client = app.test_client()
    assert sign_in(client, "hv.jones", "not the password at all").status_code == 401
    client.post("/sign-in?next=/cases%3Fq%3Dsecret", data={
        "csrf_token": form_token(client), "username": "hv.jones", "password": PASSWORD})
    failed, signed_in = rows(database, accounts=True)
    assert failed[:2] == ("(not signed in)", "sign_in_failed")
    assert failed[4] == "web POST /sign-in" and "hv.jones" not in str(failed)
    assert signed_in == (JONES, "signed_in", "user", JONES, "web POST /sign-in")
