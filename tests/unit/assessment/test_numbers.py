import pytest

from kbs.assessment.numbers import count, kilograms, weeks
from kbs.assessment.reading import read


@pytest.mark.parametrize("text, expected", [
    ("12", 12), ("12 weeks", 12), ("she's a three-month-old", 13), ("10 days", 1.4),
    ("a month", 4.3), ("born at 34+2", 34.3), ("39 weeks and a bit", 39), ("not sure", None),
])
def test_weeks(text, expected):
    assert weeks(read(text)) == expected


@pytest.mark.parametrize("text, expected", [
    ("3.2", 3.2), ("3.2kg", 3.2), ("3200 g", 3.2), ("3200", 3.2), ("7 lb 4 oz", 3.29),
    ("7lbs4oz", 3.29), ("6 pounds", 2.72), ("big", None),
])
def test_kilograms(text, expected):
    assert kilograms(read(text)) == expected


@pytest.mark.parametrize("text, expected", [("14 yes", 14), ("fourteen", 14), ("14/24", 14),
                                            ("none", None)])
def test_count(text, expected):
    assert count(read(text)) == expected
