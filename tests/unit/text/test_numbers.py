"""Numbers in free text, read once into Facts (kbs.text): the answer to a question that asks
for the baby's age or gestation in weeks, the birth weight in kg, or a count."""

import pytest

from kbs.text import AGE, BIRTH, read_facts


@pytest.mark.parametrize("text, expected", [
    ("12", 12), ("12 weeks", 12), ("she's a three-month-old", 13), ("10 days", 1.4),
    ("a month", 4.3), ("39 weeks and a bit", 39), ("not sure", None),
])
def test_weeks(text, expected):
    assert read_facts(text).weeks(AGE) == expected


@pytest.mark.parametrize("text, expected", [
    ("born at 34+2", 34.3), ("39 weeks and a bit", 39), ("born at 36 weeks and 6 days", 36.9),
    ("34 weeks' gestation", 34), ("35", 35), ("not sure", None),
])
def test_gestation_weeks(text, expected):
    assert read_facts(text).weeks(BIRTH) == expected


@pytest.mark.parametrize("text", ["born at 34+2", "34 weeks' gestation",
                                  "born 3 weeks early"])
def test_a_length_said_of_the_birth_is_never_an_age(text):
    assert read_facts(text).weeks(AGE) is None


@pytest.mark.parametrize("text", ["a three-month-old", "10 weeks old", "12", "born 3 weeks early",
                                  "2 weeks"])
def test_an_age_or_an_implausible_number_is_never_a_gestation(text):
    assert read_facts(text).weeks(BIRTH) is None


def test_an_age_and_a_gestation_in_one_sentence():
    facts = read_facts("born at 30 weeks, now 10 weeks old")
    assert (facts.age_weeks, facts.gestation_weeks) == (10, 30)


@pytest.mark.parametrize("text", ["20 units a week", "twice a day", "a bottle a day"])
def test_a_means_each_after_an_amount_or_a_frequency(text):
    assert read_facts(text).age_weeks is None


@pytest.mark.parametrize("text, expected", [
    ("3.2", 3.2), ("3.2kg", 3.2), ("3200 g", 3.2), ("3200", 3.2), ("7 lb 4 oz", 3.29),
    ("7lbs4oz", 3.29), ("6 pounds", 2.72), ("big", None),
])
def test_kilograms(text, expected):
    assert read_facts(text).kilograms() == expected


@pytest.mark.parametrize("text, expected", [("14 yes", 14), ("fourteen", 14), ("14/24", 14),
                                            ("none", None)])
def test_count(text, expected):
    assert read_facts(text).count == expected
