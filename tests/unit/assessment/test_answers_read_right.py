"""Issue 22: every Assess answer read right or confirmed, and kept with its source.

Real-sounding answers (negations, double negatives, corrections, hedges, reported speech)
to questions worded positively and in the negative go through the real path
(``interpret.read_message`` with the NLU's entities, then ``answering.apply_answer``); each
gives the status and source it must, or is said back to be confirmed ("confirm"), or asked
again ("ask"). None is saved as its opposite.
"""

import re
from datetime import date

import pytest

from kbs.assessment import answering, interpret, record, steps
from kbs.assessment.vocabulary import load_vocabulary
from kbs.engine import load_catalogue, parse_answers, score

from ..entities import entities_of

ICON = "carers.partner.icon_not_discussed"
ICON_NAN = "carers.other_adult.icon_not_discussed"
LOSS = "factors.household.loss_or_bereavement"
DRINK = "carers.mother.substance_use"
MOOD = "carers.mother.mental_health"
UNSEEN = "carers.partner.unknown_to_practitioners"
ENGAGE = "carers.partner.non_engagement"
PLAN = "carers.mother.no_crying_plan"
SUPERVISION = "factors.information.not_in_supervision"
SHARED = "factors.information.information_not_shared"
FAMILY = "factors.information.wider_family_not_engaged"
MONEY = "factors.household.material_hardship"
ISOLATED = "factors.household.isolation"
HANDLING = "carers.partner.unsafe_handling"
DA = "carers.mother.domestic_abuse"
BRUISE = "factors.infant.injury_or_bruise"
MOBILE = "infant.mobile"

CASES = [
    # Negatively worded: "Has ICON NOT yet been discussed with this carer?"
    (ICON, "Nobody has talked to him about ICON, no.", ("present", "observed")),
    (ICON, "No, nobody has talked to him about ICON.", ("present", "observed")),
    (ICON, "Nobody has gone through ICON with him yet", ("present", "observed")),
    (ICON, "He's never been told about ICON", ("present", "observed")),
    (ICON, "I haven't discussed it with him", ("present", "observed")),
    (ICON, "Not yet", ("present", "observed")),
    (ICON, "Yes, we went through ICON at the last visit", ("absent", "observed")),
    (ICON, "We talked about it on Tuesday", ("absent", "observed")),
    (ICON, "No, I went through it with him last week", ("absent", "observed")),
    (ICON, "The midwife says she covered ICON with him", ("absent", "professional")),
    (ICON, "no", "confirm"),
    (ICON, "yes", "confirm"),
    (ICON, "It's not that nobody has told him about ICON", "confirm"),
    (ICON, "present", ("present", None)),  # the button: the source is asked next
    (ICON, "absent", ("unknown", None)),  # the button: not an exclusion until its source
    (ICON_NAN, "Nobody has talked to the aunt about ICON, no.", ("present", "observed")),
    (ICON_NAN, "I don't know if anyone has talked to her about it", ("unknown", None)),
    # "Has this adult not yet been seen or identified by practitioners?"
    (UNSEEN, "I've never met him", ("present", "observed")),
    (UNSEEN, "No, I haven't seen him at any visit", ("present", "observed")),
    (UNSEEN, "No, I met him on Monday", ("absent", "observed")),
    (UNSEEN, "dad wasn't there again", ("present", "observed")),
    (UNSEEN, "no", "confirm"),
    # "Does this carer fail to engage with practitioners?"
    (ENGAGE, "He refused to come down again", ("present", "observed")),
    (ENGAGE, "No, he engages well and talks to me", ("absent", "observed")),
    # "Is this carer without a plan for when the baby will not stop crying?"
    (PLAN, "She has no plan for that", ("present", "observed")),
    (PLAN, "No, she has a plan: puts baby down and calls someone", ("absent", "observed")),
    (PLAN, "yes", "confirm"),
    # "Has this baby's situation not yet been taken to supervision?"
    (SUPERVISION, "No, I took it to supervision on Monday", ("absent", "observed")),
    (SUPERVISION, "Not yet, it's booked for next week", ("present", None)),
    (SUPERVISION, "no", "confirm"),
    # "Has information that matters not been shared between agencies?"
    (SHARED, "Nobody told us about the discharge", ("present", None)),
    (SHARED, "No, it was all passed on", ("absent", "observed")),
    # "Has the wider family not been engaged, or has contact been blocked?"
    (FAMILY, "Mum has blocked any contact with nan", ("present", None)),
    (FAMILY, "No, I spoke to nan last week", ("absent", "observed")),
    # Positively worded: "Has the family had a recent loss, such as a bereavement?"
    (LOSS, "I asked and mum said no, nobody close has died recently.",
     ("absent", "carer_account")),
    (LOSS, "No, there has NOT been a bereavement.", ("absent", "observed")),
    (LOSS, "Her dad died in March", ("present", None)),
    (LOSS, "Mum says her father passed away last month", ("present", "carer_account")),
    (LOSS, "no bereavement that I know of", ("absent", "observed")),
    (LOSS, "not that I'm aware of", ("unknown", None)),
    (LOSS, "No, she had a miscarriage last year", "ask"),
    # Alcohol and drugs (needs corroboration)
    (DRINK, "Mum says she doesn't drink", ("absent", "carer_account")),
    (DRINK, "nan told the GP she drinks most days", ("present", "wider_family")),
    (DRINK, "The GP says she drinks heavily", ("present", "professional")),
    (DRINK, "I saw empty cans everywhere and she was drinking on my visit",
     ("present", "observed")),
    (DRINK, "I think she drinks but I'm not sure", ("present", None)),
    (DRINK, "I don't know if she drinks", ("unknown", None)),
    (DRINK, "No, she drinks every day", "ask"),
    (DRINK, "no", ("unknown", None)),  # an exclusion waits for its source
    (DRINK, "Mum says only at weekends, but nan says she drinks most days.",
     ("present", "wider_family")),
    # Mental health
    (MOOD, "She seemed low and flat to me", ("present", "observed")),
    (MOOD, "She told me she has postnatal depression", ("present", "carer_account")),
    (MOOD, "The GP says she's never had any mental health problem", ("absent", "professional")),
    (MOOD, "she seems tearful, maybe low mood", ("present", None)),
    # Domestic abuse
    (DA, "The police were called to a fight last month", ("present", None)),
    (DA, "She denies any abuse", ("absent", "carer_account")),
    # Other factors, worded positively
    (MONEY, "They're struggling financially and using the food bank", ("present", None)),
    (MONEY, "No, they both work and have enough money", ("absent", "observed")),
    (ISOLATED, "She has no support at all", ("present", None)),
    (ISOLATED, "Nan helps every day, she's well supported", ("absent", "observed")),
    (HANDLING, "I saw him handle her gently and support her head", ("absent", "observed")),
    (HANDLING, "Mum says he handles her roughly when she cries", ("present", "carer_account")),
    (BRUISE, "No bruises or marks", ("absent", "observed")),
    (BRUISE, "I saw a small bruise on her cheek", ("present", "observed")),
    # Mobility: rolling and sitting are not independent mobility
    (MOBILE, "Parents say he has just started rolling over", (False, "carer_account")),
    (MOBILE, "yes, she rolls", (False, None)),
    (MOBILE, "I saw him crawling across the room", (True, "observed")),
    (MOBILE, "not sure if she's crawling", (None, None)),
]


@pytest.fixture(scope="module")
def family():
    doc = record.new_answers(date(2025, 1, 6))
    doc, _ = record.add_carers(doc, ["mother", "partner", "aunt"])
    return doc


def outcome(nlp, doc, step_id, text):
    step = steps.step_for(doc, step_id.removeprefix("factors."))
    said = interpret.read_message(text, entities_of(nlp, text), load_vocabulary())
    applied = answering.apply_answer(step, said, doc)
    if applied.pending is not None:
        return "confirm"
    if applied.doc is None:
        return "ask"
    parse_answers(applied.doc)  # the engine reads it
    if step_id == MOBILE:
        return (applied.doc["infant"].get("mobile"),
                (record.entry(applied.doc, "infant.not_mobile") or {}).get("source"))
    entry = record.entry(applied.doc, step.path)
    return entry["status"], entry.get("source")


def test_there_are_at_least_60_answers():
    assert len(CASES) >= 60


@pytest.mark.parametrize(("path", "text", "expected"), CASES,
                         ids=[f"{p.split('.')[-1]}: {t}" for p, t, _ in CASES])
def test_each_answer_is_read_right_or_confirmed(nlp, family, path, text, expected):
    assert outcome(nlp, family, path, text) == expected


def test_every_question_worded_in_the_negative_is_known_to_the_reader():
    negative = re.compile(r"\b(not|without|fail)\b", re.IGNORECASE)
    worded = {f"{f.domain}.{f.id}" for f in load_catalogue().factors
              if negative.search(f.question.split("(")[0])}
    # "Are the carers isolated, without ... support?" names the risk first: "no" is clear.
    named_first = {"household.isolation"}
    assert worded - named_first <= load_vocabulary().asked_in_the_negative


def test_differing_accounts_are_both_kept_and_the_factor_is_contradicted(nlp, family):
    text = "Mum says only at weekends, but nan says she drinks most days."
    step = steps.step_for(family, DRINK)
    said = interpret.read_message(text, entities_of(nlp, text), load_vocabulary())
    doc = answering.apply_answer(step, said, family).doc
    entry = record.entry(doc, DRINK)
    assert [(a["source"], a["note"]) for a in entry["accounts"]] == [
        ("carer_account", "mum says only at weekends"),
        ("wider_family", "nan says she drinks most days")]
    answers = parse_answers(doc)
    assert answers.entry(DRINK).contradicted and answers.entry(DRINK).present
    profile = score(doc)
    assert DRINK in profile.hidden_risk_factors


def test_the_practitioners_observation_is_kept_as_a_note_unless_it_may_hold_a_name(nlp, family):
    step = steps.step_for(family, MOOD)
    for text, note in (("She seemed low and flat to me", "She seemed low and flat to me"),
                       ("Mum seemed low to me when Sarah visited", "")):
        said = interpret.read_message(text, entities_of(nlp, text), load_vocabulary())
        applied = answering.apply_answer(step, said, family)
        entry = record.entry(applied.doc, MOOD)
        assert entry["status"] == "present" and entry["source"] == "observed"
        assert entry.get("note", "") == note
    assert any("may be a name" in m.text for m in applied.messages)


def to_question(hv, wanted, most=60):
    for _ in range(most):
        if wanted in "\n".join(hv._ask()):
            return
        hv.say("don't know")
    raise AssertionError(f"never asked: {wanted}")


def saved_entry(hv, path):
    from kbs.assessment.conversation import _load
    return record.entry(_load(hv.owner, hv.state.profile).answers, path.removeprefix("factors."))


def test_a_correction_answers_the_previous_question_never_the_current_one(hv):
    hv.start()
    hv.say("KBS-2201")
    to_question(hv, "Has the family had a recent loss")
    hv.say("yes, her dad died")
    assert "routine disrupted" in "\n".join(hv._ask())
    reply = "\n".join(hv.say("No wait, that's wrong - go back, there has NOT been a "
                             "bereavement."))
    assert "A correction" in reply
    assert saved_entry(hv, LOSS) == {"status": "absent", "source": "observed"}
    assert saved_entry(hv, "household.routine_disruption") is None
    assert "routine disrupted" in reply.splitlines()[-1]  # the current question again


def test_a_question_mid_assessment_is_answered_and_the_same_question_asked_again(hv):
    hv.start()
    hv.say("KBS-2202")
    hv.say("no")  # not in danger now
    hv.say("12 weeks")
    to_question(hv, "Has the baby any bruise")
    hv.say("I saw a bruise on her cheek")
    asked = hv._ask()[-1]
    reply = "\n".join(hv.say("Is that something I need to act on?"))
    assert "Red flags raised so far" in reply and "nothing was recorded" in reply
    assert reply.splitlines()[-1] == asked.splitlines()[-1]  # the same question
    step = hv.state.step
    hv.say("No")
    assert step in hv.state.asked  # the "No" answered that question, nothing else


def test_a_bare_no_to_a_negative_question_is_confirmed_before_it_is_saved(hv):
    hv.start()
    hv.say("KBS-2203")
    to_question(hv, "Who lives in the household")
    hv.say("mum and her partner")
    to_question(hv, "The partner: Has ICON")
    reply = "\n".join(hv.say("no"))
    assert "So: ICON not discussed (the partner): discussed with this carer. Right?" in reply
    assert saved_entry(hv, ICON) is None  # not saved yet
    reply = "\n".join(hv.say("no"))
    assert "Not recorded" in reply and "Has ICON" in reply
    hv.say("Nobody has talked to him about ICON, no.")
    assert saved_entry(hv, ICON) == {"status": "present", "source": "observed", "note":
                                    "Nobody has talked to him about ICON, no."}
