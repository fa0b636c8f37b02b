"""Assess mode end to end in plain Python, with a real (SQLite) database."""

import pytest
from sqlalchemy import func, select

from kbs.assessment import conversation
from kbs.engine import parse_answers
from kbs.store.database import get_engine
from kbs.store.schema import cases, profiles

from .practitioner import Practitioner

MOST_TURNS = 60  # an all-"don't know" run must finish within this many messages


@pytest.fixture(autouse=True)
def database(database_url):
    return database_url


def saved(reference="KBS-0142"):
    with get_engine().connect() as connection:
        query = (select(profiles).join(cases).where(cases.c.reference == reference)
                 .order_by(profiles.c.version))
        return list(connection.execute(query))


def text(reply):
    return "\n".join(reply)


def answer_until(hv, question, answer="don't know", most=80):
    """Answer "don't know" until the question asked contains ``question``."""
    for _ in range(most):
        if question in text(hv._ask()):
            return
        hv.say(answer)
    raise AssertionError(f"never asked: {question}")


def test_a_name_or_a_date_of_birth_is_refused_with_the_reason_and_nothing_saved(hv):
    hv.start()
    reply = text(hv.say("Jane Smith"))
    assert "'Jane' could be part of a name" in reply and "Nothing has been saved" in reply
    reply = text(hv.say("12/03/2024"))
    assert "could be a date of birth" in reply
    assert "case reference" in reply.splitlines()[-1]  # asked again
    with get_engine().connect() as connection:
        assert connection.execute(select(func.count()).select_from(cases)).scalar() == 0
    hv.say("KBS-0142")
    assert [row.version for row in saved()] == [1]


def test_a_bruise_on_a_three_month_old_gives_the_route_in_the_very_next_reply(hv):
    hv.start()
    hv.say("KBS-0142")
    hv.say("no")
    reply = text(hv.say("she's a three-month-old and I saw a bruise on her cheek"))
    assert "RED FLAG" in reply
    assert "Urgent paediatric assessment" in reply and "Children's social care" in reply
    assert reply.index("RED FLAG") < reply.index("Is the baby independently mobile")
    answers = saved()[0].answers
    assert answers["infant"]["age_weeks"] == 13
    assert answers["factors"]["infant.injury_or_bruise"]["source"] == "observed"


def test_a_bruise_answered_at_its_own_question_interrupts_at_once(hv):
    hv.start()
    hv.say("KBS-0142")
    hv.say("no")
    hv.say("12 weeks")
    answer_until(hv, "bruise, mark, fracture")
    reply = text(hv.say("yes, a small bruise on her ear"))
    assert reply.startswith("Noted: Bruise, mark or injury: a bruise")
    assert "RED FLAG" in reply and "Urgent paediatric assessment" in reply


def test_dont_know_to_everything_finishes_incomplete_at_level_2_or_more(hv):
    hv.start()
    hv.say("KBS-0142")
    while hv.open and hv.turns < MOST_TURNS:
        reply = hv.say("I don't know")
    assert not hv.open, f"still asking after {hv.turns} answers"
    print(f"all-'don't know' run: {hv.turns + 1} messages ('assess', the reference, "
          f"{hv.turns - 1} answers)")
    row = saved()[0]
    assert row.status == "complete" and row.completed_at
    assert row.result["complete"] is False and row.result["level"] >= 2
    assert "INCOMPLETE" in text(reply) and "Level 2" in text(reply)


def test_free_text_skip_back_why_and_what_is_saved(hv):
    hv.start()
    hv.say("KBS-0142")
    hv.say("no")
    hv.say("20 weeks")
    assert "Why I ask: Any bruise on a baby" in text(hv.say("why are you asking?"))
    hv.say("yes she's rolling")
    hv.say("skip")  # gestation
    reply = text(hv.say("go back"))
    assert "Going back" in reply and "At how many weeks" in reply
    hv.say("born at 39+2")
    assert "3.29 kg" in text(hv.say("7lb 4oz"))
    answer_until(hv, "Who lives in the household")
    reply = text(hv.say("mum, dad and grandma who visits daily"))
    # who visits, said with the adults, is recorded and said back (not asked again)
    assert "the mother; the father; the grandmother (other adult), visits regularly" in reply
    answer_until(hv, "The mother: Does this carer use alcohol or drugs")
    reply = text(hv.say("she says she only drinks at weekends"))
    assert "misuse now or in the past, on the carer's own account" in reply
    # the source was said: no "how do you know?"; the pattern comes next, and "ever alone
    # with the baby?" follows a chaotic pattern (depth.yml: only the intoxicated-care red
    # flag reads it, and only for chaotic use)
    assert "Is the use stable or chaotic" in reply and "ever alone" not in reply
    assert "ever alone with the baby" in text(hv.say("chaotic, she binges"))
    hv.say("yes, at night")
    answer_until(hv, "The father: Has this adult not yet been seen")
    hv.say("dad wasn't there again")
    hv.say("dad wasn't there again")  # does not engage
    answer_until(hv, "The father: Does this carer have a current or past mental health")
    reply = text(hv.say("no"))
    assert "How do you know?" in reply
    reply = text(hv.say("he told me"))
    assert "uncorroborated" in reply
    answers = saved()[0].answers
    # "yes she's rolling" is not independent mobility (issue 15): recorded as not mobile
    assert answers["infant"] == {"age_weeks": 20, "mobile": False, "gestation_weeks": 39.3,
                                 "birth_weight_kg": 3.29}
    mother, father = answers["carers"]["mother"], answers["carers"]["father"]
    assert mother["substance_use"] == {"status": "present", "source": "carer_account",
                                       "note": "alcohol", "pattern": "chaotic"}
    assert mother["sole_carer"] is True
    assert father["unknown_to_practitioners"]["status"] == "present"
    assert father["non_engagement"]["status"] == "present"
    assert father["mental_health"] == {"status": "absent", "source": "carer_account"}
    assert answers["carers"]["other_adult"]["relation"] == "grandmother"
    parse_answers(answers)
    for row_text in ("Jane", "weekends", "binges"):  # no free text is kept
        assert row_text not in str(answers)


def test_an_offered_partner_is_added_and_asked_about(hv):
    hv.start()
    hv.say("KBS-0142")
    answer_until(hv, "Who lives in the household")
    hv.say("just mum")
    answer_until(hv, "The mother: Does this carer use alcohol or drugs")
    reply = text(hv.say("her new boyfriend says she drinks a lot"))
    assert "You mentioned the partner" in reply
    reply = text(hv.say("yes"))
    assert "Added as a carer: the partner" in reply
    assert "partner" in saved()[0].answers["carers"]
    # the partner is asked first whether he lives with the baby (depth.yml)
    answer_until(hv, "The partner: Does this adult live with the baby")


def test_stop_for_now_then_resume_by_reference(hv, nlp):
    hv.start()
    hv.say("KBS-0142")
    hv.say("no")
    hv.say("12 weeks")
    reply = text(hv.say("stop for now"))
    assert "saved under KBS-0142 (version 1, 2 answers)" in reply
    assert 'say "resume KBS-0142"' in reply
    later = Practitioner(nlp)
    reply = text(later.start("resume KBS-0142"))
    assert "Carrying on with the unfinished profile for KBS-0142 (version 1" in reply
    assert "Is the baby independently mobile" in reply
    assert len(saved()) == 1


def test_another_practitioner_cannot_resume_the_case(hv, nlp):
    hv.start()
    hv.say("KBS-0142")
    hv.say("no")
    hv.say("stop for now")
    other = Practitioner(nlp, owner="hv.two")
    reply = text(other.start("resume KBS-0142"))
    assert "Starting version 1" in reply  # their own KBS-0142, not hv.one's


def test_a_second_profile_shows_what_changed(hv):
    hv.start()
    hv.say("KBS-0142")
    while hv.open:
        hv.say("don't know")
    reply = text(hv.start("reassess KBS-0142"))
    assert "KBS-0142 has a finished assessment (version 1" in reply  # never without a yes
    assert len(saved()) == 1
    hv.say("yes")
    assert len(saved()) == 2
    hv.say("no")
    answer_until(hv, "Is the household short of money")
    hv.say("yes, they're using the food bank")
    while hv.open:
        reply = hv.say("don't know")
    reply = text(reply)
    # the one-screen summary points to the comparison; the changes are on the case page
    assert "What changed since version 1" in reply and "[Open the full profile](/profiles/" in reply
    assert [row.status for row in saved()] == ["complete", "complete"]


def test_bad_input_gets_a_clear_message_and_loses_nothing(hv):
    hv.start()
    hv.say("KBS-0142")
    state = hv.state
    reply = text(hv.say("x" * 10_000))
    assert "10,000 characters" in reply and "Nothing has been lost" in reply
    assert hv.state == state
    reply = text(hv.say("<script>alert(1)</script>"))
    assert "please answer yes or no" in reply.lower()
    assert "Noted: in danger now: no" in text(hv.say("<b>no</b>"))


def test_a_judgement_level_needs_its_reason_and_no_names(hv):
    hv.start()
    hv.say("KBS-0142")
    answer_until(hv, "Does your professional judgement")
    assert "Please give the reason" in text(hv.say("4"))
    assert '"Sarah" may be a name' in text(hv.say("4: Sarah's partner is unseen"))
    reply = text(hv.say("4: mum's partner is unseen and the account is unchecked"))
    assert "Level 4" in reply  # the judgement's reason is on the profile page
    assert saved()[0].answers["judgement"]["note"] == (
        "mum's partner is unseen and the account is unchecked")


def test_giving_the_reference_again_resumes_the_same_version(hv):
    hv.start()
    hv.say("KBS-0142")
    turn = conversation.start("hv.one", "resume KBS-0142")
    assert turn.state.profile == hv.state.profile
    assert len(saved()) == 1


@pytest.mark.parametrize("text, flagged", [("she is in danger right now", True),
                                           ("yes", True), ("not in danger", False)])
def test_danger_now_in_words_is_read(hv, text, flagged):
    hv.start()
    hv.say("KBS-0142")
    reply = "\n".join(hv.say(text))
    assert ("Emergency (999)" in reply) is flagged, reply
    assert saved()[0].answers["judgement"]["immediate_danger"] is flagged


def test_the_summary_puts_the_level_then_red_flags_then_routes(hv):
    hv.start()
    hv.say("KBS-0142")
    hv.say("no")
    hv.say("she's a three-month-old and I saw a bruise on her cheek")
    while hv.open:
        reply = hv.say("don't know")
    summary = text(reply)
    # one screen (issue 22): level, red flags, the first three things to do, what is not
    # known, and the link to the full profile
    order = [summary.index(heading) for heading in (
        "Level 3", "Red flags:** Injury to a baby who is not mobile", "First things to do:",
        "Not known (", "[Open the full profile](/profiles/")]
    assert order == sorted(order)
    assert "Urgent paediatric assessment" in summary
    assert ".yml" not in summary
