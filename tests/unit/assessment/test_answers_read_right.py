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
    # The household's list (depth.yml): naming one leaves the others to their own questions
    to_question(hv, "The household: do any of these apply?")
    hv.say("they're isolated")
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


# Accounts given in separate turns (issue 22): mum's "only at weekends", then the
# grandmother's "most days" in a later turn, at a later question, or about another carer's
# question; both are kept with their sources and the drinking is contradicted.
FAMILY_WITH_NAN = ("mum, her partner who lives with them, and the maternal grandmother who "
                   "visits most days")


def mums_account(hv, reference):
    hv.start()
    hv.say(reference)
    to_question(hv, "Who lives in the household")
    hv.say(FAMILY_WITH_NAN)
    to_question(hv, "The mother: Does this carer use alcohol or drugs")
    hv.say("mum says she only drinks at weekends")
    assert saved_entry(hv, DRINK) == {"status": "present", "source": "carer_account",
                                      "note": "alcohol"}


def assert_contradicted(hv, nans_words):
    from kbs.assessment.conversation import _load
    doc = _load(hv.owner, hv.state.profile).answers
    entry = record.entry(doc, DRINK)
    assert entry["status"] == "present"
    assert [(a["status"], a["source"]) for a in entry["accounts"]] == [
        ("present", "carer_account"), ("present", "wider_family")]
    assert entry["accounts"][1]["note"] == nans_words
    assert parse_answers(doc).entry(DRINK).contradicted
    assert DRINK in score(doc).hidden_risk_factors


def test_a_second_account_given_when_the_question_comes_back_is_kept_beside_the_first(hv):
    mums_account(hv, "KBS-2211")
    hv.say("go back")
    reply = "\n".join(hv.say("nan says she drinks most days"))
    assert "the accounts differ, so it counts as present" in reply
    assert_contradicted(hv, "nan says she drinks most days")


def test_a_second_account_at_the_next_question_is_kept_and_that_question_answered(hv):
    mums_account(hv, "KBS-2212")
    assert "Is the use stable or chaotic" in hv._ask()[-1]
    reply = "\n".join(hv.say("Nan says mum drinks most days; whether it is stable or "
                             "chaotic I don't know."))
    assert "Another account, kept beside the first" in reply and "Noted as not known" in reply
    assert_contradicted(hv, "nan says mum drinks most days")
    assert "Has anyone seen this carer looking after a child" in reply  # on to the next


def test_a_second_account_at_another_carers_question_is_kept_beside_the_first(hv):
    mums_account(hv, "KBS-2213")
    to_question(hv, "The maternal grandmother (other adult): Has this carer been seen or "
                    "reported handling")
    reply = "\n".join(hv.say("I saw her handle the baby gently. Nan also told me mum drinks "
                             "most days."))
    assert "Another account, kept beside the first" in reply
    assert_contradicted(hv, "nan also told me mum drinks most days")
    assert saved_entry(hv, "carers.other_adult.unsafe_handling") == {
        "status": "absent", "source": "observed"}  # her own question answered too


def test_a_correction_replaces_the_account_it_corrects(hv):
    mums_account(hv, "KBS-2214")
    hv.say("No wait, that's wrong - the GP says she doesn't drink at all")
    entry = saved_entry(hv, DRINK)
    assert (entry["status"], entry["source"]) == ("absent", "professional")
    assert "accounts" not in entry


@pytest.mark.parametrize(("first", "second", "expected"), [
    # a risk against an exclusion: contradicted, whatever the factor
    (("absent", "carer_account"), ("present", "wider_family"), "contradicted"),
    (("present", "observed"), ("absent", "carer_account"), "contradicted"),
    # the carer's own account of her drinking against another's: how much and how often
    (("present", "carer_account"), ("present", "wider_family"), "contradicted"),
    (("present", "professional"), ("present", "carer_account"), "contradicted"),
    # two exclusions, or two accounts of a risk from sources other than the carer: they
    # agree, and the strongest source stands
    (("absent", "carer_account"), ("absent", "professional"), ("absent", "professional")),
    (("present", "wider_family"), ("present", "professional"), ("present", "professional")),
])
def test_accounts_from_two_turns_are_set_against_each_other(first, second, expected):
    factor = load_catalogue().for_path(DRINK)
    doc = record.new_answers(date(2025, 1, 6))
    doc, _ = record.add_carers(doc, ["mother"])
    doc = record.set_status(doc, DRINK, factor, *first)
    assert record.is_another_account(doc, DRINK, *second)
    doc = record.add_account(doc, DRINK, factor, *second, said="as said")
    entry = record.entry(doc, DRINK)
    parse_answers(doc)
    if expected == "contradicted":
        assert entry["status"] == "present"
        assert [(a["status"], a["source"]) for a in entry["accounts"]] == [first, second]
        assert entry["accounts"][1]["note"] == "as said"
    else:
        assert (entry["status"], entry["source"]) == expected and "accounts" not in entry


def test_two_accounts_of_a_present_factor_differ_in_degree_only_where_the_catalogue_says():
    path = "carers.mother.mental_health"
    factor = load_catalogue().for_path(path)
    doc, _ = record.add_carers(record.new_answers(date(2025, 1, 6)), ["mother"])
    doc = record.set_status(doc, path, factor, "present", "carer_account")
    agreed = record.entry(record.add_account(doc, path, factor, "present", "professional"), path)
    assert agreed == {"status": "present", "source": "professional"}  # she says so; so does the GP
    set_against = record.add_account(doc, path, factor, "present", "professional",
                                      contrasted=True)  # "but the GP says ..."
    assert len(record.entry(set_against, path)["accounts"]) == 2
    assert "carer.substance_use" in load_vocabulary().differ_in_degree


def test_the_same_source_again_or_an_answer_waiting_for_its_source_is_not_another_account():
    factor = load_catalogue().for_path(DRINK)
    doc, _ = record.add_carers(record.new_answers(date(2025, 1, 6)), ["mother"])
    said = record.set_status(doc, DRINK, factor, "present", "carer_account")
    assert not record.is_another_account(said, DRINK, "absent", "carer_account")
    assert not record.is_another_account(said, DRINK, "unknown", "wider_family")
    pending = record.set_status(doc, DRINK, factor, "absent")  # "no": how do you know?
    assert not record.is_another_account(pending, DRINK, "present", "wider_family")
    assert not record.is_another_account(doc, DRINK, "present", "wider_family")  # unanswered


def test_a_visiting_grandmothers_word_is_the_wider_familys_and_her_own_is_her_own():
    doc, _ = record.add_carers(record.new_answers(date(2025, 1, 6)),
                               ["mother", "maternal grandmother"])
    assert record.household(doc) == {"mother", "grandmother"}  # contact not known
    doc = record.set_carer_detail(doc, "other_adult", "contact", "visits")
    assert record.household(doc) == {"mother"}  # nan about mum: the wider family
    assert record.household(doc, "other_adult") == {"mother", "grandmother"}  # about herself


@pytest.mark.parametrize(("text", "about", "expected"), [
    ("Nan says mum drinks most days", None,
     [("mother", "present", "wider_family", "nan says mum drinks most days")]),
    ("According to the GP, mum drinks heavily", "partner",
     [("mother", "present", "professional", "according to the gp, mum drinks heavily")]),
    ("The GP says she drinks heavily", "mother",
     [("mother", "present", "professional", "the gp says she drinks heavily")]),
    ("The GP says she drinks heavily", None, []),  # about whom is not said
    ("She told me mum drinks most days", "partner", []),  # whose words is not said
    ("I met nan, she says mum drinks most days", "partner", []),
    ("Nan says the partner doesn't drink", "mother",
     [("partner", "absent", "wider_family", "nan says the partner doesn't drink")]),
    ("I saw him handle the baby gently", "partner", []),  # nobody reported
])
def test_an_account_reported_in_passing_is_read_with_its_speaker_and_subject(
        nlp, text, about, expected):
    doc, _ = record.add_carers(record.new_answers(date(2025, 1, 6)),
                               ["mother", "partner", "maternal grandmother"])
    doc = record.set_carer_detail(doc, "other_adult", "contact", "visits")
    vocab = load_vocabulary()
    said = interpret.read_message(text, entities_of(nlp, text), vocab)
    carers = {"mother": "mother", "partner": "partner", "other_adult": "maternal grandmother"}
    found = interpret.reported(said.facts, {"carer.substance_use":
                                            vocab.factors["carer.substance_use"]},
                               vocab, record.household(doc), carers, about)
    assert [(role, a.status, a.source, a.said) for role, _, a in found] == expected
