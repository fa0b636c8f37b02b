"""Record pages: only the owner sees a record, every view, export and refusal is audited,
red flags come first, pictures and export carry the saved profile, and nothing is HTML."""

import json
import re

import pytest
from sqlalchemy import update

from kbs.safer_practice.answers import NO, YES
from kbs.safer_practice.plans import safe_handling_plan, safer_sleep_plan
from kbs.store.schema import profiles
from tests.plan_answers import NO_RISK_SLEEP
from tests.unit.web.conftest import JONES, SMITH, audit_rows
from tests.web_seed import PROFILES, seed_case, seed_plan, seed_rehearsal


@pytest.fixture
def records(database):
    baby = seed_case(database, JONES, "KBS-0007")
    return {"case": baby["case"], "v1": baby["profiles"][0], "v2": baby["profiles"][1],
            "other_case": seed_case(database, SMITH, "SW-0001", PROFILES[:1])["case"],
            "plan": seed_plan(database, JONES, safer_sleep_plan(
                {**NO_RISK_SLEEP, "family_plan": "cot beside our bed"}, case_reference="KBS-0007"),
                baby["case"]),
            "rehearsal": seed_rehearsal(database, JONES)}


def test_the_case_list_holds_only_the_practitioners_own_cases(jones, records):
    page = jones.get("/cases").get_data(as_text=True)
    assert "KBS-0007" in page and "SW-0001" not in page
    assert "Level 4: specialist (incomplete)" in page


def test_the_summary_puts_red_flags_first_then_the_rest(jones, records, database):
    page = jones.get(f"/profiles/{records['v2']}").get_data(as_text=True)
    order = ["Red flags", "Injury to a baby who is not mobile", "The profile by domain",
             "Routes", "Urgent paediatric assessment", "Hidden risk", "Open factors",
             "Uncorroborated", "Stress points", "Wider-family steps", "Review at each contact"]
    positions = [page.index(heading) for heading in order]
    assert positions == sorted(positions)
    assert "incomplete assessment, not a low-risk one" in page
    assert (JONES, "viewed", "profile", str(records["v2"])) in audit_rows(database)


def test_the_summary_has_its_pictures_with_text_alternatives(jones, records):
    page = jones.get(f"/profiles/{records['v2']}").get_data(as_text=True)
    assert page.count('<svg role="img"') == 2
    assert "<title id=\"domains-title\">The profile by domain</title>" in page
    assert '<rect class="segment present"' in page and '<circle class="point' in page
    assert '<th scope="row">Father</th><td>3</td><td>5</td><td>2</td>' in re.sub(r">\s+<", "><",
                                                                             page)


def test_the_print_view_is_for_supervision_and_audited(jones, records, database):
    page = jones.get(f"/profiles/{records['v2']}/print").get_data(as_text=True)
    assert "Infant Care Profile for supervision" in page and "Supervision notes" in page
    assert '<nav aria-label="Main">' not in page
    assert (JONES, "printed", "profile", str(records["v2"])) in audit_rows(database)


def test_export_gives_the_saved_answers_and_result_as_a_json_file(jones, records, database):
    response = jones.get(f"/profiles/{records['v2']}/export.json")
    assert response.mimetype == "application/json"
    assert response.headers["Content-Disposition"] == \
        'attachment; filename="profile-KBS-0007-v2.json"'
    document = json.loads(response.get_data(as_text=True))
    assert document["result"]["red_flags"] == ["non_mobile_injury"]
    assert document["answers"]["infant"]["mobile"] is False
    assert document["exported_by"] == "hv.jones" and document["case_reference"] == "KBS-0007"
    assert (JONES, "exported", "profile", str(records["v2"])) in audit_rows(database)


@pytest.mark.parametrize("path", [
    "/cases/{case}", "/cases/{case}/compare", "/profiles/{v2}", "/profiles/{v2}/print",
    "/profiles/{v2}/export.json", "/plans/{plan}", "/rehearsals/{rehearsal}"])
def test_another_practitioner_is_refused_and_the_attempt_recorded(smith, records, database,
                                                                   path):
    response = smith.get(path.format(**records))
    assert response.status_code == 403
    assert "belongs to another practitioner" in response.get_data(as_text=True)
    assert "KBS-0007" not in response.get_data(as_text=True)
    denied = [row for row in audit_rows(database) if row[:2] == (SMITH, "denied")]
    assert len(denied) == 1


def test_a_record_that_does_not_exist_is_not_found(jones, records):
    assert jones.get("/profiles/999").status_code == 404
    assert jones.get("/plans/999").status_code == 404


def test_comparing_two_versions_shows_what_is_new(jones, records, database):
    page = jones.get(f"/cases/{records['case']}/compare?old=1&new=2").get_data(as_text=True)
    assert "Level unchanged" in page
    assert "New red flags" in page and "Injury to a baby who is not mobile" in page
    new_section = page[page.index("New factors"):page.index('id="worse"')]
    assert "infant.injury_or_bruise" in new_section
    assert (JONES, "compared", "case", str(records["case"])) in audit_rows(database)


@pytest.mark.parametrize("query", ["old=1&new=1", "old=1&new=9", "old=x&new=2"])
def test_comparing_versions_that_are_not_there_is_a_clear_error(jones, records, query):
    assert jones.get(f"/cases/{records['case']}/compare?{query}").status_code == 400


def test_the_case_page_lists_versions_the_level_picture_and_plans(jones, records):
    page = jones.get(f"/cases/{records['case']}").get_data(as_text=True)
    assert "Version 1" in page and "Version 2" in page
    assert "Level over successive profiles" in page and "Safer sleep plan" in page


def test_plan_and_rehearsal_pages_show_their_content(jones, records, database):
    plan = jones.get(f"/plans/{records['plan']}").get_data(as_text=True)
    assert "<h1>Safer sleep plan</h1>" in plan and "cot beside our bed" in plan
    assert "Lullaby Trust" in plan  # its sources
    family = jones.get(f"/plans/{records['plan']}?copy=family").get_data(as_text=True)
    assert "family's copy" in family and len(family) < len(plan)
    rehearsal = jones.get(f"/rehearsals/{records['rehearsal']}").get_data(as_text=True)
    assert "Your moves: open question x1" in rehearsal
    assert "That&#39;s what I keep telling everyone." in rehearsal
    assert (JONES, "viewed", "plan", str(records["plan"])) in audit_rows(database)


def test_html_in_saved_records_is_shown_as_text(jones, database):
    script = "<script>alert('x')</script>"
    case = seed_case(database, JONES, "<b>REF</b>")
    plan = seed_plan(database, JONES,
                     safer_sleep_plan({**NO_RISK_SLEEP, "family_plan": script}))
    for path in ("/cases", f"/cases/{case['case']}", f"/profiles/{case['profiles'][0]}",
                 f"/plans/{plan}"):
        page = jones.get(path).get_data(as_text=True)
        assert "<script>alert" not in page and "<b>REF</b>" not in page
    assert "&lt;script&gt;alert(" in jones.get(f"/plans/{plan}").get_data(as_text=True)


def test_an_unscored_profile_in_progress_still_has_its_page(jones, database):
    case = seed_case(database, JONES, "NEW-01", PROFILES[:1])
    with database.begin() as connection:
        connection.execute(update(profiles).values(status="in_progress", result=None))
    page = jones.get(f"/profiles/{case['profiles'][0]}").get_data(as_text=True)
    assert "has not been scored yet: the assessment is still in progress" in page
    assert "The profile by domain" in page


def test_saved_answers_that_no_longer_read_are_explained_not_a_crash(jones, database):
    case = seed_case(database, JONES, "OLD-01")
    with database.begin() as connection:
        connection.execute(update(profiles).where(profiles.c.id == case["profiles"][0])
                           .values(answers={"factors": {"household.isolation": "yes"}}))
    summary = jones.get(f"/profiles/{case['profiles'][0]}")
    assert summary.status_code == 200
    assert "The picture cannot be drawn" in summary.get_data(as_text=True)
    comparison = jones.get(f"/cases/{case['case']}/compare")
    assert comparison.status_code == 422
    assert "household.isolation" in comparison.get_data(as_text=True)
    assert jones.get(f"/profiles/{case['profiles'][0]}/export.json").status_code == 200


def test_the_web_familys_copy_of_a_handling_plan_leaves_out_a_disclosure(jones, database):
    given = {"icon": YES, "crying_plan": YES, "concern": NO}
    plan = seed_plan(database, JONES, safe_handling_plan(
        {"mark": YES, "mobile": NO, "condition": NO, "carers": ["mother", "partner"],
         "carer_answers": {"mother": dict(given), "partner": {**given, "concern": YES}},
         "family_plan": ""}))
    full = jones.get(f"/plans/{plan}").get_data(as_text=True)
    family = jones.get(f"/plans/{plan}?copy=family").get_data(as_text=True)
    assert "How the partner handles the baby" in full and "Act now" in full
    for leak in ("How the partner handles the baby", "a worry about how", "Act now",
                 "For the practitioner", "social care"):
        assert leak not in family, leak
    assert "Crying plan for the partner" in family
