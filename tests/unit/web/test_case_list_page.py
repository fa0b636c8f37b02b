"""/cases: search, filters, sort and pages from the query string; red flags and the next
review on each row (the rules are kbs.case_list's, tested in tests/unit/test_case_list.py)."""

import re
from datetime import datetime, timedelta

import pytest

from tests.unit.web.conftest import JONES
from tests.unit.web.test_rehearsal_page import text_of
from tests.web_seed import seed_case_list


@pytest.fixture
def listed(database):
    return seed_case_list(database, JONES, datetime.now())


def references(page: str) -> list[str]:
    return re.findall(r'<th scope="row"><a href="/cases/\d+">([^<]+)</a></th>', page)


def test_each_row_has_its_red_flags_and_next_review(jones, listed):
    page = jones.get("/cases?q=KBS-0142").get_data(as_text=True)
    assert references(page) == ["KBS-0142"]
    words = text_of(page)
    due = (datetime.now() - timedelta(days=1)).strftime("%d %b %Y")
    assert "Injury to a baby who is not mobile" in words and f"Due: {due}" in words
    assert "1 of 26 cases match." in words
    routine = text_of(jones.get("/cases?q=HV-1001").get_data(as_text=True))
    assert "none raised" in routine and "Due:" not in routine


def test_filters_and_sort_come_from_the_query_string_and_stay_in_the_form(jones, listed):
    page = jones.get("/cases?red_flag=any&level=4&sort=review").get_data(as_text=True)
    assert references(page) == ["KBS-0200", "KBS-0142"]
    assert '<option value="4" selected>' in page and '<option value="any" selected>' in page
    assert '<option value="review" selected>' in page
    assert references(jones.get("/cases?due=1&level=none").get_data(as_text=True)) == \
        ["KBS-0300"]


def test_pages_keep_the_filters(jones, listed):
    first = jones.get("/cases?sort=reference").get_data(as_text=True)
    assert len(references(first)) == 20 and "page 1 of 2" in text_of(first)
    link = re.search(r'<a href="([^"]+)" rel="next">Next page</a>', first).group(1)
    assert link == "/cases?sort=reference&amp;page=2"
    second = jones.get(link.replace("&amp;", "&")).get_data(as_text=True)
    assert references(second) == ["HV-1021", "KBS-0142", "KBS-0143", "KBS-0200", "KBS-0300",
                                  "OLD-0001"]
    assert 'rel="prev"' in second and 'rel="next"' not in second


def test_every_control_has_a_label(jones, listed):
    page = jones.get("/cases").get_data(as_text=True)
    for control in ("q", "level", "red_flag", "due", "sort"):
        assert f'<label for="{control}">' in page and f'id="{control}"' in page


def test_nothing_matches_says_so(jones, listed):
    page = text_of(jones.get("/cases?q=ZZZ").get_data(as_text=True))
    assert "No case matches." in page and "0 of 26 cases match." in page
