import pytest

from kbs.knowledge.live_case import (
    EMERGENCY,
    PAEDIATRIC,
    SOCIAL_CARE,
    recognise_live_case,
)

LIVE = [
    "I'm worried about a baby now",
    "I am really concerned about the baby I visited this morning",
    "there's a bruise on the baby I'm visiting",
    "I've just noticed a mark on a 6 week old's cheek",
    "Mum is drunk right now and alone with the baby",
    "The baby is floppy and won’t wake",
]
GENERAL = [
    "what do I do about a bruise on a 10-week-old?",
    "What should I do if I'm worried about a baby?",
    "When is domestic abuse high risk?",
    "Can a baby sleep on the sofa if I stay awake?",
    "What is currently recommended for safe sleep?",
]


@pytest.mark.parametrize("question", LIVE)
def test_questions_about_a_baby_now_are_live_cases(question):
    live_case = recognise_live_case(question)
    assert live_case is not None
    assert live_case.routes[0] == EMERGENCY
    assert SOCIAL_CARE in live_case.routes


@pytest.mark.parametrize("question", GENERAL)
def test_general_questions_are_not_live_cases(question):
    assert recognise_live_case(question) is None


def test_an_injury_adds_urgent_paediatric_assessment():
    assert PAEDIATRIC in recognise_live_case("there's a bruise on the baby I'm visiting").routes
    assert PAEDIATRIC not in recognise_live_case("I'm worried about a baby now").routes


def test_danger_is_flagged():
    assert recognise_live_case("the baby is not breathing").danger
    assert not recognise_live_case("I'm worried about a baby now").danger
