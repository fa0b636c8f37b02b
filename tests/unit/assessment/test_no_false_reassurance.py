"""Issue 15, the Assess mode: a bruise on a baby who rolls, and a carer's mental health
crisis, are met with the red flag and the urgent routes, never reassurance."""

import pytest
from sqlalchemy import select

from kbs.assessment.summary import finished_messages
from kbs.engine import load_routes, score
from kbs.store.database import get_engine
from kbs.store.schema import cases, profiles

from ..engine.builders import excluded, with_answer

ROLLS_AND_BRUISE = "she's 16 weeks and rolls, there's a bruise on her cheek"


@pytest.fixture(autouse=True)
def database(database_url):
    return database_url


def saved_answers(reference="KBS-0142"):
    with get_engine().connect() as connection:
        query = select(profiles.c.answers).join(cases).where(cases.c.reference == reference)
        return connection.execute(query).scalar_one()


def text(reply):
    return "\n".join(reply)


def answer_until(hv, question, most=80):
    for _ in range(most):
        if question in text(hv._ask()):
            return
        hv.say("don't know")
    raise AssertionError(f"never asked: {question}")


def crisis_contact():
    return load_routes().crisis["carer_mental_health"].contact


def test_a_16_week_old_who_rolls_with_a_bruise_is_the_red_flag_at_once(hv):
    hv.start()
    hv.say("KBS-0142")
    hv.say("no")  # not in danger now
    reply = text(hv.say(ROLLS_AND_BRUISE))
    assert "RED FLAG" in reply
    assert "Urgent paediatric assessment" in reply and "Children's social care" in reply
    assert "recorded as not independently mobile" in reply
    answers = saved_answers()
    assert answers["infant"]["mobile"] is False
    assert answers["factors"]["infant.injury_or_bruise"]["status"] == "present"
    assert "non_mobile_injury" in score(answers).red_flags
    assert "Is the baby independently mobile" not in reply  # answered: rolling is not mobility


def test_said_where_the_answer_cannot_be_read_the_bruise_is_still_the_red_flag(hv):
    hv.start()
    hv.say("KBS-0142")
    reply = text(hv.say(ROLLS_AND_BRUISE))  # to "is the baby in danger now?"
    assert "RED FLAG" in reply and "Urgent paediatric assessment" in reply
    assert reply.rstrip().endswith("Is the baby in danger now?")  # still to be answered
    answers = saved_answers()
    assert answers["infant"] == {"mobile": False}
    assert answers["factors"]["infant.injury_or_bruise"]["status"] == "present"
    assert "immediate_danger" not in answers["judgement"]


def test_yes_she_rolls_to_the_mobility_question_is_not_mobile(hv):
    hv.start()
    hv.say("KBS-0142")
    hv.say("no")
    hv.say("30 weeks")
    reply = text(hv.say("yes, she rolls"))
    assert "independently mobile: no" in reply
    assert saved_answers()["infant"] == {"age_weeks": 30, "mobile": False}


def test_a_carers_mental_health_gives_the_crisis_route_in_the_next_reply(hv):
    hv.start()
    hv.say("KBS-0142")
    answer_until(hv, "Who lives in the household")
    hv.say("just mum")
    answer_until(hv, "The mother: Does this carer have a current or past mental health")
    reply = text(hv.say("yes, postnatal depression, seen by the GP"))
    assert crisis_contact() in reply and "suicidal" in reply and "psychosis" in reply


def test_the_summary_gives_the_crisis_route_while_a_carers_mental_health_is_present():
    profile = score(with_answer(excluded(), "carers.father.mental_health", "present"))
    said = "\n".join(m.text for m in finished_messages("KBS-0142", 1, profile, None, None))
    assert crisis_contact() in said
    calm = "\n".join(m.text for m in finished_messages("KBS-0142", 1, score(excluded()),
                                                       None, None))
    assert crisis_contact() not in calm
