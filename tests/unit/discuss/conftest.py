import pytest

from kbs.safer_practice.answers import NO, YES
from tests.plan_answers import NO_RISK_SLEEP


@pytest.fixture
def no_risk_sleep():
    """A family that does not share a sleep surface and has no risk."""
    return dict(NO_RISK_SLEEP)


@pytest.fixture
def bed_sharing(no_risk_sleep):
    """A family that shares an adult bed, with none of the risks."""
    return {**no_risk_sleep, "night_place": "adult_bed", "shares": YES,
            "shared_place": "adult_bed", "pillows_or_duvet": NO, "others_in_bed": NO,
            "gaps_or_falls": NO, "left_alone": NO, "very_tired": NO}


@pytest.fixture
def two_carers():
    """Mother and father, both with ICON, a crying plan and no handling worry."""
    given = {"icon": YES, "crying_plan": YES, "concern": NO}
    return {"mark": NO, "condition": NO, "carers": ["mother", "father"],
            "carer_answers": {"mother": dict(given), "father": dict(given)}, "family_plan": ""}
