"""A safer sleep discussion over REST, through Flask, with the three real processes: the plan
comes back in the chat, and with a case reference it is saved in the database file."""

import json
import sqlite3

import pytest

from kbs.engine import load_routes
from tests.integration.conftest import start_assistant, stop_assistant

pytestmark = pytest.mark.integration

# Sharing, the sofa and alcohol come from the free-text description; then where the baby
# sleeps by night and by day, smoking, drugs, preterm, low birth weight, on the back, too hot.
DESCRIPTION = "she had a few glasses of wine and fell asleep with him on the sofa"
ANSWERS = ["in his cot", "/describe_sleep{\"sleep_place\": \"cot\"}", "no", "no", "no",
           "No, she was born at 39 weeks", "yes", "no"]


@pytest.fixture(scope="module")
def running(tmp_path_factory):
    directory = tmp_path_factory.mktemp("discuss")
    assistant = start_assistant(directory)
    yield assistant, directory / "kbs.db"  # start_assistant's KBS_DATABASE_URL
    stop_assistant(assistant)


def text(messages):
    return "\n".join(m["text"] for m in messages)


def discuss(chat, topic="/discuss_sleep"):
    """Through the menu's buttons: a /... message is sent only as a button just shown."""
    chat.say("hello")
    chat.say("/start_discuss")
    return chat.say(topic)


def say_all(chat, messages):
    return [chat.say(message) for message in messages]


def saved_plans(database):
    with sqlite3.connect(database) as connection:
        return connection.execute(
            "SELECT plans.kind, plans.content, cases.reference FROM plans "
            "LEFT JOIN cases ON cases.id = plans.case_id").fetchall()


def test_a_standalone_discussion_shows_the_plan_and_saves_nothing(running):
    assistant, database = running
    chat = assistant.session()
    chat.say("hello")
    choice = chat.say("/start_discuss")
    assert [b["payload"] for b in choice[0]["buttons"]] == ["/discuss_sleep", "/discuss_handling"]
    assert "pseudonymous reference" in text(chat.say("/discuss_sleep"))
    assert "nothing from this discussion will be saved" in text(chat.say("skip"))
    noted = text(chat.say(DESCRIPTION))
    assert "I've also noted: someone shares a sleep surface with the baby; a sofa; alcohol" \
        in noted
    assert "Where does the baby usually sleep at night?" in noted
    replies = say_all(chat, [*ANSWERS, "no", "skip"])
    plan = text(replies[-1])
    assert "# Safer sleep plan" in plan
    assert "Sleeping on a sofa or armchair" in plan
    assert "Sharing a sleep surface after drinking alcohol" in plan
    # Someone shared a sofa with the baby: the own cot is never confirmed as what the family
    # already does safely (issue 15); the advice puts the baby down in it instead.
    assert "The baby sleeps in their own cot or Moses basket at night." not in plan
    assert "put them down on their back in their own cot or Moses basket" in " ".join(
        plan.split())
    assert "NICE" in plan and "Lullaby Trust" in plan
    assert "Nothing was saved, because no case reference was given." in plan
    assert saved_plans(database) == []


def test_with_a_case_reference_the_plan_is_saved_with_the_case(running):
    assistant, database = running
    chat = assistant.session()
    discuss(chat)
    refused = text(chat.say("Jane Smith"))
    assert "I can't use that as a case reference. 'Jane' could be part of a name." in refused
    assert "Where does the baby" in text(chat.say("KBS-0427"))
    chat.say(DESCRIPTION)
    replies = say_all(chat, [*ANSWERS, "yes, a christening party on Saturday",
                             "Dad will stay sober at the christening."])
    assert "Saved as plan" in text(replies[-1]) and "with case KBS-0427" in text(replies[-1])
    [(kind, content, reference)] = saved_plans(database)
    assert (kind, reference) == ("safer_sleep", "KBS-0427")
    assert '"never": ["sofa_or_armchair", "alcohol"]' in content
    assert '"routine_kinds": ["party"]' in content
    assert "Jane" not in content and "Smith" not in content


def test_a_discussion_for_a_case_being_assessed_fills_in_the_assessment(running):
    assistant, database = running
    chat = assistant.session()
    chat.say("assess")
    chat.say("KBS-0555")
    assert 'say "resume KBS-0555"' in text(chat.say("stop for now"))
    discuss(chat)
    chat.say("KBS-0555")
    chat.say(DESCRIPTION)
    replies = say_all(chat, [*ANSWERS, "no", "skip"])
    # Nothing is added before the practitioner says it is the same baby (issue 22): the
    # assessment knows nothing of the baby yet, and the question is asked all the same.
    assert ("KBS-0555's assessment in progress does not record the baby's age or gestation "
            "yet") in text(replies[-1])
    assert "now holds" not in text(replies[-1])
    added = chat.say("yes")
    assert "The assessment of KBS-0555 in progress (version 1) now holds" in text(added)
    assert {"title": "Carry on with the assessment", "payload": "resume KBS-0555"} in \
        [button for message in added for button in message.get("buttons", [])]
    with sqlite3.connect(database) as connection:
        [(answers,)] = connection.execute(
            "SELECT profiles.answers FROM profiles JOIN cases ON cases.id = profiles.case_id "
            "WHERE cases.reference = 'KBS-0555' AND profiles.status = 'in_progress'").fetchall()
    unsafe_sleep = json.loads(answers)["factors"]["care.unsafe_sleep"]
    assert unsafe_sleep["status"] == "present"
    assert unsafe_sleep["never"] == ["sofa_or_armchair", "alcohol"]
    resumed = text(chat.say("resume KBS-0555"))
    assert "KBS-0555" in resumed and "?" in resumed  # the assessment asks its next question


def test_a_plan_shown_without_a_case_is_saved_to_one_afterwards(running):
    """"Can you save that plan to case KBS-2207?" after a discussion without a case saves the
    plan with that case and never opens or starts an assessment (issue 22)."""
    assistant, database = running
    chat = assistant.session()
    discuss(chat)
    chat.say("skip")
    chat.say(DESCRIPTION)
    replies = say_all(chat, [*ANSWERS, "no", "skip"])
    assert "Nothing was saved, because no case reference was given." in text(replies[-1])
    reply = text(chat.say("Can you save that plan to case KBS-2207?"))
    assert reply.startswith("Saved as plan ") and reply.endswith(" with case KBS-2207.")
    assert [(kind, reference) for kind, _, reference in saved_plans(database)
            if reference == "KBS-2207"] == [("safer_sleep", "KBS-2207")]
    with sqlite3.connect(database) as connection:
        assert connection.execute(
            "SELECT count(*) FROM profiles JOIN cases ON cases.id = profiles.case_id "
            "WHERE cases.reference = 'KBS-2207'").fetchone() == (0,)


def test_a_16_week_old_who_rolls_with_a_bruise_gets_the_protocol_in_the_next_reply(running):
    """Safe handling: the non-mobile bruising protocol and its local routes in the very next
    reply, whatever is said of rolling (issue 15)."""
    assistant, _ = running
    chat = assistant.session()
    discuss(chat, "/discuss_handling")
    chat.say("skip")
    reply = text(chat.say("she's 16 weeks and rolls, there's a bruise on her cheek"))
    assert "Act now: a bruise or mark on a baby who is not mobile" in reply
    routes = load_routes().routes
    for route in ("urgent_paediatric_assessment", "childrens_social_care_referral"):
        assert routes[route].name in reply
