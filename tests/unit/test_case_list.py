"""The case list (kbs.case_list): search, filters, sorts, pages, and the next review."""

import re
from datetime import date, datetime, timedelta

import pytest

from kbs.case_list import CaseQuery, case_row, find_cases, page_size, review_rules
from kbs.store.database import get_engine
from tests.web_seed import seed_case, seed_case_list

TODAY = datetime(2026, 12, 1, 9, 30)
OWNER = "hv.one"


@pytest.fixture
def listed(database_url):
    return seed_case_list(get_engine(), OWNER, TODAY)


def found(**args) -> list[str]:
    with get_engine().connect() as connection:
        page = find_cases(connection, OWNER, CaseQuery.from_args(args), TODAY.date())
    return [row.reference for row in page.rows]


def row(level=None, complete=True, flags=(), status="complete", finished_flags=(),
        days_ago=0, created_days_ago=0):
    when = TODAY - timedelta(days=days_ago)
    result = None if level is None else {"level": level, "complete": complete,
                                         "red_flags": list(flags)}
    return case_row({"id": 1, "reference": "KBS-0001", "versions": 1, "profile_id": 1,
                     "status": None if level is None else status, "result": result,
                     "updated_at": when, "created_at": TODAY - timedelta(days=created_days_ago),
                     "completed_at": when if status == "complete" else None,
                     "complete_result": {"red_flags": list(finished_flags)}},
                    TODAY.date())


def test_the_next_review_follows_the_level_and_comes_sooner_for_risk_and_the_unknown():
    rules = review_rules()
    assert rules.days_by_level[1] > rules.days_by_level[4]
    assert row(level=1).next_review == TODAY.date() + timedelta(days=rules.days_by_level[1])
    assert row(level=1, flags=["immediate_danger"]).next_review == \
        TODAY.date() + timedelta(days=min(rules.days_by_level[1], rules.red_flag_days))
    assert row(level=2, complete=False).next_review == \
        TODAY.date() + timedelta(days=min(rules.days_by_level[2], rules.incomplete_days))
    unscored = row(created_days_ago=3)
    assert unscored.level is None and unscored.review_due
    assert row(level=1, days_ago=rules.days_by_level[1]).review_due
    assert not row(level=1, days_ago=rules.days_by_level[1] - 1).review_due


def test_a_re_assessment_in_progress_keeps_the_last_finished_versions_red_flags():
    shown = row(level=2, complete=False, status="in_progress",
                finished_flags=["non_mobile_injury"])
    assert shown.red_flags == ("non_mobile_injury",)
    assert shown.next_review == TODAY.date() + timedelta(days=review_rules().red_flag_days)


def test_the_list_is_paged_and_newest_first(listed):
    assert page_size() == 20
    assert found() == ["KBS-0143", "HV-1001", "HV-1002", "KBS-0142",  # same day: by reference
                       *(f"HV-{n}" for n in range(1003, 1019))]
    assert found(page="2") == ["HV-1019", "HV-1020", "HV-1021", "KBS-0200", "OLD-0001",
                               "KBS-0300"]  # a case with no profile: when it was made
    assert found(page="99") == found(page="2")


def test_search_by_part_of_the_reference_in_any_case(listed):
    assert found(q="kbs-01") == ["KBS-0143", "KBS-0142"]
    assert found(q="  OLD ") == ["OLD-0001"]
    assert found(q="nothing") == []


@pytest.mark.parametrize("args, expected", [
    ({"level": "4"}, {"KBS-0142", "KBS-0200"}),
    ({"level": "none"}, {"KBS-0300"}),
    ({"red_flag": "any"}, {"KBS-0142", "KBS-0200"}),
    ({"red_flag": "non_mobile_injury"}, {"KBS-0142"}),
    ({"due": "1"}, {"KBS-0142", "KBS-0200", "KBS-0300", "OLD-0001"}),
    ({"due": "1", "level": "1"}, {"OLD-0001"}),
    ({"q": "KBS", "red_flag": "any", "level": "4"}, {"KBS-0142", "KBS-0200"}),
])
def test_filters_by_level_red_flag_and_review_due(listed, args, expected):
    assert set(found(**args)) == expected


def test_sorts(listed):
    assert found(sort="reference")[:3] == ["HV-1001", "HV-1002", "HV-1003"]
    assert found(sort="review", due="1") == ["KBS-0300", "KBS-0200", "OLD-0001", "KBS-0142"]
    assert found(sort="level")[:3] == ["KBS-0300", "KBS-0200", "KBS-0142"]  # unknown first


@pytest.mark.parametrize("args", [{"level": "9"}, {"red_flag": "made_up"}, {"sort": "x"},
                                  {"page": "two"}, {"page": "-3"}])
def test_what_cannot_be_used_falls_back_to_the_default(listed, args):
    query = CaseQuery.from_args(args)
    assert query == CaseQuery()
    assert found(**args) == found()


def test_the_query_string_keeps_the_filters_for_the_next_page():
    query = CaseQuery.from_args({"q": "KBS", "level": "4", "due": "1", "sort": "review"})
    assert query.args(page=2) == {"q": "KBS", "level": "4", "due": "1", "sort": "review",
                                  "page": "2"}
    assert CaseQuery().args() == {}


def test_only_the_owners_cases(database_url):
    seed_case(get_engine(), "sw.other", "SW-0001", ("all-excluded",))
    with get_engine().connect() as connection:
        page = find_cases(connection, OWNER, CaseQuery(), date(2026, 12, 1))
    assert page.rows == () and page.all_cases == 0


@pytest.mark.parametrize("review, problem", [
    ("{days_by_level: {1: 84, 2: 28, 3: 14, 4: 7, 5: 3}, red_flag_days: 1, incomplete_days: 7,"
     " not_scored_days: 0}", "field 'review.days_by_level.5' is not a level of scoring.yml"),
    ("{days_by_level: {1: 84, 2: 28, 3: 14}, red_flag_days: 1, incomplete_days: 7,"
     " not_scored_days: 0}", "field 'review.days_by_level.4' is missing"),
    ("{days_by_level: {1: 84, 2: 28, 3: 14, 4: 7}, red_flag_days: -1, incomplete_days: 7,"
     " not_scored_days: 0}", "field 'review.red_flag_days' must be a whole number"),
])
def test_a_mistake_in_the_review_rules_names_the_field(tmp_path, review, problem):
    from kbs.catalogues import CatalogueError

    path = tmp_path / "cases.yml"
    path.write_text(f"review: {review}\n", encoding="utf-8")
    with pytest.raises(CatalogueError, match=re.escape(problem)):
        review_rules(path)
