"""The web app's door to the audit log (issue 19): a record page is audited with the
request that read it, and so is a page listing the practitioner's records."""

from __future__ import annotations

from sqlalchemy import select

from kbs.safer_practice.plans import safer_sleep_plan
from kbs.store.schema import audit_log
from tests.plan_answers import NO_RISK_SLEEP
from tests.web_seed import seed_case, seed_plan, seed_rehearsal


def rows(engine) -> list[tuple]:
    with engine.connect() as connection:
        return [tuple(row) for row in connection.execute(
            select(audit_log.c.actor, audit_log.c.action, audit_log.c.object_type,
                   audit_log.c.object_id, audit_log.c.detail)
            .where(audit_log.c.detail.like("web%")).order_by(audit_log.c.id))]


def test_record_pages_and_list_pages_are_audited_with_the_request(jones, database):
    baby = seed_case(database, "hv.jones", "KBS-0007")
    plan = seed_plan(database, "hv.jones", safer_sleep_plan(NO_RISK_SLEEP), baby["case"])
    seed_rehearsal(database, "hv.jones")
    profile = baby["profiles"][0]
    for path in ("/cases", "/plans", "/rehearsals", f"/profiles/{profile}", f"/plans/{plan}"):
        assert jones.get(path).status_code == 200, path
    assert rows(database) == [
        ("hv.jones", "listed", "case", "hv.jones", "web GET /cases: 1 shown"),
        ("hv.jones", "listed", "plan", "hv.jones", "web GET /plans: 1 shown"),
        ("hv.jones", "listed", "rehearsal", "hv.jones", "web GET /rehearsals: 1 shown"),
        ("hv.jones", "viewed", "profile", str(profile), f"web GET /profiles/{profile}"),
        ("hv.jones", "viewed", "plan", str(plan), f"web GET /plans/{plan}")]


def test_a_refusal_names_the_request_and_the_owner(smith, database):
    baby = seed_case(database, "hv.jones", "KBS-0007")
    profile = baby["profiles"][0]
    assert smith.get(f"/profiles/{profile}").status_code == 403
    assert rows(database) == [("sw.smith", "denied", "profile", str(profile),
                               f"web GET /profiles/{profile}: attempt: viewed; owner: hv.jones")]
