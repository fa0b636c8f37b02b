"""The numbers behind the pictures and the comparison, from saved answers alone."""

from tests.web_seed import saved_profile
from web_widget.comparison import compare_saved
from web_widget.labels import factor_label, words
from web_widget.pictures import domain_picture, level_picture
from web_widget.profile_domains import FACTORS, domains


def counts(answers):
    return {d.name: (d.count("present"), d.count("unknown"), d.count("excluded"))
            for d in domains(answers)}


def test_every_factor_of_the_spec_counts_and_unasked_ones_are_unknown():
    assert counts({}) == {"Baby": (0, 8, 0), "Household": (0, 10, 0), "Care": (0, 2, 0),
                          "Information": (0, 6, 0)}
    assert counts({"carers": {"father": {"relation": "father"}}})["Father"] == (0, 10, 0)


def test_domains_follow_the_answers_with_each_carer_apart():
    assert counts(saved_profile("infant-2-v2")["answers"]) == {
        "Baby": (6, 2, 0), "Household": (7, 2, 1), "Mother": (1, 6, 3), "Father": (3, 5, 2),
        "Care": (0, 2, 0), "Information": (2, 3, 1)}


def test_gestation_and_birth_weight_settle_preterm_and_low_birth_weight():
    infant = {d.key: d for d in domains({"infant": {"gestation_weeks": 35,
                                                    "birth_weight_kg": 3.1}})}["infant"]
    assert "infant.preterm" in infant.factors["present"]
    assert "infant.low_birth_weight" in infant.factors["excluded"]


def test_factors_added_beyond_the_spec_are_counted_and_malformed_parts_are_unknown():
    answers = {"factors": {"household.new_baby_sibling": {"status": "present"},
                           "household.isolation": "yes"},
               "carers": {"mother": {"substance_use": {"status": "sometimes"}}}}
    by_key = {d.key: d for d in domains(answers)}
    assert "household.new_baby_sibling" in by_key["household"].factors["present"]
    assert "household.isolation" in by_key["household"].factors["unknown"]
    assert "carers.mother.substance_use" in by_key["carers.mother"].factors["unknown"]
    assert counts("not a document") == counts({})


def test_the_domain_bars_are_as_long_as_their_counts():
    picture = domain_picture(domains(saved_profile("infant-2-v2")["answers"]))
    father = next(row for row in picture.rows if row.name == "Father")
    assert [(s.status, s.count) for s in father.segments] == [
        ("present", 3), ("unknown", 5), ("excluded", 2)]
    assert father.segments[1].x == father.segments[0].x + father.segments[0].width


def test_the_level_picture_puts_higher_levels_higher():
    picture = level_picture([(1, 2, False, "1 Mar"), (2, 4, True, "2 Apr")])
    first, second = picture.points
    assert second.y < first.y and second.x > first.x


def test_comparison_of_saved_versions():
    changes = compare_saved(saved_profile("infant-2-v1"), saved_profile("infant-2-v2"))
    assert changes["new"] == ["infant.injury_or_bruise"]
    assert changes["red_flags_new"] == ["non_mobile_injury"]
    assert changes["level_change"] == "unchanged" and changes["resolved"] == []
    assert changes["worse"] is None  # needs the engine (issue 3)


def test_labels_read_as_words():
    assert factor_label("carers.other_adult_2.substance_use") == "Other adult 2: substance use"
    assert factor_label("infant.preterm") == "Baby: preterm"
    assert words("childrens_social_care_referral") == "Children's social care referral"
    assert words("marac_referral") == "MARAC referral"
    assert set(FACTORS) == {"infant", "household", "carer", "care", "information"}
