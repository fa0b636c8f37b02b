"""A new version of an assessment only when the practitioner says yes, and a version started
by mistake discarded (audited), leaving the case at its last finished level."""

from datetime import date

import pytest
from sqlalchemy import select

from kbs.assessment import record
from kbs.engine import score
from kbs.store.cases import get_or_create_case
from kbs.store.database import get_engine
from kbs.store.profiles import complete_profile, profiles_of, start_profile
from kbs.store.schema import audit_log

REFERENCE = "KBS-2207"


@pytest.fixture
def finished(database_url):
    """KBS-2207 with a finished version 1; its level."""
    doc = record.new_answers(date.today())
    result = score(doc).to_dict()
    with get_engine().begin() as connection:
        case_id = get_or_create_case(connection, "hv.one", REFERENCE)
        profile_id = start_profile(connection, case_id, doc, result)
        complete_profile(connection, profile_id, doc, result)
    return result["level"]


def versions():
    with get_engine().connect() as connection:
        return [(row.version, row.status) for row in profiles_of(connection, "hv.one", REFERENCE)]


def text(reply):
    return "\n".join(reply)


@pytest.mark.parametrize("opening", ["reference", "resume"])
def test_a_finished_case_asks_before_starting_version_2(hv, finished, opening):
    if opening == "resume":
        reply = text(hv.start(f"resume {REFERENCE}"))
    else:
        hv.start()
        reply = text(hv.say(REFERENCE))
    assert (f"{REFERENCE} has a finished assessment (version 1, level {finished}, "
            f"{date.today():%d %B %Y}). Start version 2?") in reply
    assert hv.buttons() == ["yes", "no"]
    assert versions() == [(1, "complete")]
    reply = text(hv.say("yes"))
    assert "Starting version 2 of the profile for KBS-2207" in reply
    assert versions() == [(1, "complete"), (2, "in_progress")]


@pytest.mark.parametrize("answer", ["no", "no thanks", "No, don't start it"])
def test_no_starts_nothing_and_asks_for_a_reference(hv, finished, answer):
    hv.start()
    hv.say(REFERENCE)
    reply = text(hv.say(answer))
    assert "Version 2 of KBS-2207 was not started" in reply
    assert "What case reference" in reply
    assert versions() == [(1, "complete")] and hv.state.profile is None


def test_an_unclear_answer_is_asked_again(hv, finished):
    hv.start()
    hv.say(REFERENCE)
    reply = text(hv.say("hmm"))
    assert "Please answer yes or no" in reply and "Start version 2?" in reply
    assert versions() == [(1, "complete")]


def test_a_new_case_starts_its_first_version_without_asking(hv, database_url):
    hv.start()
    assert "Starting version 1 of the profile for KBS-2208" in text(hv.say("KBS-2208"))


def test_a_version_started_by_mistake_is_discarded_at_once_and_audited(hv, finished):
    hv.start()
    hv.say(REFERENCE)
    hv.say("yes")
    reply = text(hv.say("discard this version"))
    assert (f"Version 2 of KBS-2207 is discarded: nothing from it is kept. KBS-2207's last "
            f"assessment is version 1 (level {finished}).") in reply
    assert "What case reference" in reply  # the form asks for a reference again
    assert versions() == [(1, "complete")]
    with get_engine().connect() as connection:
        audited = connection.execute(select(audit_log)).all()
    # Every read and write through the chat is audited (issue 19): the discard is one row.
    assert [(a.actor, a.action, a.object_type, a.detail) for a in audited
            if a.action == "discarded"] == [
        ("hv.one", "discarded", "profile", "chat: KBS-2207 version 2")]


def test_after_answers_a_discard_needs_a_yes(hv, finished):
    hv.start(f"resume {REFERENCE}")
    hv.say("yes")
    hv.say("no")  # not in danger
    hv.say("she's 12 weeks")
    reply = text(hv.say("discard"))
    assert "Version 2 of KBS-2207 has 2 answers saved. Discard it" in reply
    assert hv.buttons() == ["yes", "no"]
    reply = text(hv.say("no"))
    assert "Kept. Version 2 of KBS-2207 carries on." in reply
    assert "independently mobile" in reply  # the question on the table again
    assert versions() == [(1, "complete"), (2, "in_progress")]
    hv.say("discard this version please")
    hv.say("yes")
    assert versions() == [(1, "complete")]


def test_a_first_version_discarded_leaves_no_assessment(hv, database_url):
    hv.start()
    hv.say("KBS-2209")
    reply = text(hv.say("discard this version"))
    assert "KBS-2209 has no other assessment" in reply
    with get_engine().connect() as connection:
        assert profiles_of(connection, "hv.one", "KBS-2209") == []


def test_a_finished_version_is_never_discarded(finished, database_url):
    from kbs.store.profiles import discard_profile
    with get_engine().begin() as connection:
        (row,) = profiles_of(connection, "hv.one", REFERENCE)
        assert discard_profile(connection, row.id) is False
    assert versions() == [(1, "complete")]
