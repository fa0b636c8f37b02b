"""The numbers behind the pictures and the comparison, from saved answers."""

import pytest

from kbs.engine import AnswersError
from tests.web_seed import saved_profile
from web_widget.comparison import compare_saved
from web_widget.labels import factor_label, level_label, route, words
from web_widget.pictures import domain_picture, level_picture
from web_widget.profile_domains import domains


def counts(answers):
    return {d.name: (d.count("present"), d.count("unknown"), d.count("excluded"))
            for d in domains(answers)}


def test_every_catalogue_factor_counts_and_unasked_ones_are_unknown():
    assert counts({}) == {"Baby": (0, 8, 0), "Household": (0, 10, 0), "Care": (0, 2, 0),
                          "Information": (0, 6, 0)}
    with_father = counts({"carers": {"father": {"relation": "father"}}})
    assert list(with_father) == ["Baby", "Household", "Father", "Care", "Information"]
    assert with_father["Father"] == (0, 10, 0)


def test_domains_follow_the_answers_with_each_carer_apart():
    assert counts(saved_profile("infant-2-after-fractures")["answers"]) == {
        "Baby": (6, 2, 0), "Household": (7, 2, 1), "Mother": (1, 6, 3), "Father": (3, 5, 2),
        "Care": (0, 2, 0), "Information": (2, 3, 1)}


def test_gestation_and_birth_weight_settle_preterm_and_low_birth_weight():
    infant = domains({"infant": {"gestation_weeks": 35, "birth_weight_kg": 3.1}})[0]
    assert "infant.preterm" in infant.factors["present"]
    assert "infant.low_birth_weight" in infant.factors["excluded"]


def test_answers_that_do_not_follow_the_format_are_a_clear_error():
    with pytest.raises(AnswersError, match="household.isolation"):
        domains({"factors": {"household.isolation": {"status": "sometimes"}}})


def test_the_domain_bars_are_as_long_as_their_counts():
    picture = domain_picture(domains(saved_profile("infant-2-after-fractures")["answers"]))
    father = next(row for row in picture.rows if row.name == "Father")
    assert [(s.status, s.count) for s in father.segments] == [
        ("present", 3), ("unknown", 5), ("excluded", 2)]
    assert father.segments[1].x == father.segments[0].x + father.segments[0].width
    assert ("Father", 3, 5, 2) in picture.table


def test_the_level_picture_puts_higher_levels_higher():
    picture = level_picture([(1, 2, False, "1 Mar"), (2, 4, True, "2 Apr")])
    first, second = picture.points
    assert second.y < first.y and second.x > first.x
    assert picture.table[1] == (2, "2 Apr", "Level 4: specialist", "yes")


def test_comparison_of_saved_versions_comes_from_the_engine():
    changes = compare_saved(saved_profile("infant-2-before-injury"),
                            saved_profile("infant-2-after-fractures"))
    assert changes["new"] == ["infant.injury_or_bruise"]
    assert changes["red_flags_new"] == ["non_mobile_injury"]
    assert changes["level_change"] == "unchanged" and changes["worse"] == []


def test_labels_come_from_the_catalogue_routes_file_and_rules():
    assert factor_label("carers.other_adult_2.substance_use") == \
        "Alcohol or drug use (other adult 2)"
    assert factor_label("infant.preterm") == "Born at 37 weeks or less (baby)"
    assert factor_label("household.not_in_the_catalogue") == "Not in the catalogue (household)"
    assert route("emergency_999").name == "Emergency (999)" and route("emergency_999").contact
    assert route("not_a_route").name == "Not a route"
    assert level_label(2) == "Level 2: early help" and level_label(None) == "not scored"
    assert words("safe_handling") == "Safe handling"
