"""One screening (kbs.identifying.screen) for every free text that is stored (issue 19): what
it finds, of each kind, and that every place that keeps a practitioner's words uses it: an
Assess observation note, an account's note, the judgement's reason, the wider-family answer;
the family's plan; a rehearsal's lines. A refusal carries the words refused (so that the chat
does not keep them, kbs.ops.tracker_redaction), and nothing of them is stored."""

from __future__ import annotations

import ast
from datetime import date
from pathlib import Path

import pytest

from kbs.assessment import answering, conversation, interpret, record, steps
from kbs.assessment.vocabulary import load_vocabulary
from kbs.identifying import KINDS, nhs_number_valid, screen, screening
from kbs.rehearsal import conversation as rehearsal
from kbs.rehearsal import engine
from kbs.rehearsal.personas import personas
from kbs.safer_practice.conversation import SAFER_SLEEP_FORM, take
from kbs.safer_practice.reading import Message
from kbs.store.database import get_engine
from kbs.store.schema import cases, profiles

from .assessment.test_answers_read_right import DRINK, mums_account, saved_entry
from .entities import entities_of

ROOT = Path(__file__).resolve().parents[2]

FOUND = [
    # dates with a year, however written
    ("born 12.03.1990", "date", "12.03.1990"),
    ("DOB 12/3/90", "date", "12/3/90"),
    ("her birthday is 12 March 1990", "date", "12 March 1990"),
    ("born on 3rd of March 2024", "date", "3rd of March 2024"),
    ("born March 3, 2024", "date", "March 3, 2024"),
    ("DOB 030224", "date", "030224"),
    # NHS numbers: 3-3-4, or ten digits with a valid check digit
    ("NHS no 943 476 5919", "nhs_number", "943 476 5919"),
    ("nhs 943-476-5919", "nhs_number", "943-476-5919"),
    ("number 9434765919", "nhs_number", "9434765919"),
    ("number 123 456 7890", "nhs_number", "123 456 7890"),  # 3-3-4, check digit or not
    # phone numbers, and any other run of ten or more digits
    ("call nan on 07700 900123", "phone", "07700 900123"),
    ("ring +44 7700 900123 tonight", "phone", "+44 7700 900123"),
    ("the office is (0115) 123 4567", "phone", "(0115) 123 4567"),
    ("mobile 07700900123", "phone", "07700900123"),
    ("ten digits 9434765918", "phone", "9434765918"),  # fails the check digit: still refused
    # postcodes
    ("they live at DE1 2AB now", "postcode", "DE1 2AB"),
    ("moved to sw1a 1aa", "postcode", "sw1a 1aa"),
    ("near NG7 2UH", "postcode", "NG7 2UH"),
    # addresses: a house number, a street name and a street word
    ("lives at 12 Elm Road with nan", "address", "12 Elm Road"),
    ("staying at 14a station rd", "address", "14a station rd"),
    ("moved to 3 Oak Close", "address", "3 Oak Close"),
    ("at 221 Baker Street", "address", "221 Baker Street"),
    # names: capitalised inside a sentence, or possessive anywhere
    ("They will ask Sarah to babysit", "name", "Sarah"),
    ("Sarah's partner is unseen", "name", "Sarah"),
    ("The plan: mum will call Jo.", "name", "Jo"),
]


@pytest.mark.parametrize("text, kind, found", FOUND, ids=[f"{k}: {t}" for t, k, _ in FOUND])
def test_each_kind_is_found(text, kind, found):
    refusal = screen(text)
    assert refusal is not None
    assert (refusal.findings[0].kind, refusal.findings[0].found) == (kind, found)
    assert found in refusal.words
    assert found in refusal.reason  # the reason says what was found


def test_every_kind_is_tested_and_has_its_reason():
    assert {kind for _, kind, _ in FOUND} == set(KINDS)
    assert set(screening().reasons) == set(KINDS)


KEPT = [
    "Dad will stay sober at the christening.",
    "Mum and Dad will use the cot from Monday. Grandma agrees.",
    "2 marks on her arm were shown to the GP.",
    "born at 34+2 weeks, 2.4 kilos",
    "she is 12 weeks old and seen on 3 March",  # a date without a year
    "Yes I'm worried, I've seen it twice. That's why. Let's plan.",
    "we had 2 very close calls",
    "3 times round the park",
    "on the 2nd floor",
    "risk of SIDS discussed with the NSPCC leaflet",
    "call 999 or 111, or the helpline 0800 1111",  # short service numbers
    "level 3: father unseen and the account unchecked",
]


@pytest.mark.parametrize("text", KEPT)
def test_words_in_roles_and_ordinary_numbers_are_kept(text):
    assert screen(text) is None


def test_the_nhs_numbers_check_digit_is_modulus_11():
    assert nhs_number_valid("9434765919")
    assert not nhs_number_valid("9434765918")
    assert not nhs_number_valid("943476591")  # nine digits
    assert nhs_number_valid("4010232137")
    # a check digit of 10 is never valid
    weights = range(10, 1, -1)
    digits = next(f"{n:09d}" for n in range(10**8, 10**9)
                  if sum(int(d) * w for d, w in zip(f"{n:09d}", weights, strict=True)) % 11 == 1)
    assert not any(nhs_number_valid(digits + str(last)) for last in range(10))


def test_words_given_as_allowed_are_not_names():
    assert screen("Thanks Sophie, how is the baby?") is not None
    assert screen("Thanks Sophie, how is the baby?", {"Sophie"}) is None


# -- every place that stores free text uses the screening -----------------------------------

STORING = {  # module -> what it keeps in the practitioner's words
    "kbs/assessment/answering.py": "notes, accounts, the judgement's reason, wider family",
    "kbs/safer_practice/conversation.py": "the family's plan",
    "kbs/rehearsal/conversation.py": "a rehearsal's lines",
}


@pytest.mark.parametrize("path", sorted(STORING))
def test_each_module_that_stores_free_text_calls_the_one_screening(path):
    tree = ast.parse((ROOT / path).read_text(encoding="utf-8"))
    calls = {node.func.id for node in ast.walk(tree)
             if isinstance(node, ast.Call) and isinstance(node.func, ast.Name)}
    imported = {alias.name for node in ast.walk(tree) if isinstance(node, ast.ImportFrom)
                and node.module == "kbs.identifying" for alias in node.names}
    assert "screen" in calls and "screen" in imported
    assert not {"possible_name", "check_note"} & calls  # no screening of its own


@pytest.fixture
def family():
    doc = record.new_answers(date(2025, 1, 6))
    doc, _ = record.add_carers(doc, ["mother", "partner"])
    return doc


def applied(nlp, doc, step_id, text):
    step = steps.step_for(doc, step_id)
    said = interpret.read_message(text, entities_of(nlp, text), load_vocabulary())
    return answering.apply_answer(step, said, doc)


@pytest.mark.parametrize("text, found", [
    ("4: seen at the visit on 12.03.1990 and unchecked", "12.03.1990"),
    ("4: her NHS number 943 476 5919 is on the referral", "943 476 5919"),
    ("3: lives at 12 Elm Road, unseen", "12 Elm Road"),
])
def test_the_judgement_reason_is_screened_for_dates_and_nhs_numbers(nlp, family, text, found):
    result = applied(nlp, family, "judgement.level", text)
    assert result.doc is None  # asked again: nothing recorded
    assert found in result.messages[0].text and found in result.messages[0].screened


def test_an_observation_note_with_an_nhs_number_is_not_kept(nlp, family):
    text = "She seemed low and flat to me, NHS 943 476 5919"
    result = applied(nlp, family, "carers.mother.mental_health", text)
    entry = record.entry(result.doc, "carers.mother.mental_health")
    assert entry["status"] == "present" and not entry.get("note")
    refused = [m for m in result.messages if m.screened]
    assert refused and "943 476 5919" in refused[0].screened
    assert "943" not in str(result.doc)


@pytest.mark.parametrize("text, found", [
    ("Mum says only at weekends, but nan says she drinks most days with Kayleigh.",
     "Kayleigh"),
    ("Mum says only at weekends, but nan says she drinks most days, born 12.03.1990",
     "12.03.1990"),
])
def test_the_accounts_notes_are_not_kept_when_the_message_is_refused(nlp, family, text,
                                                                      found):
    # An account's words are read in lower case ("... with kayleigh", "born 12.03"): the
    # message is screened as typed.
    result = applied(nlp, family, "carers.mother.substance_use", text)
    entry = record.entry(result.doc, "carers.mother.substance_use")
    assert [a["source"] for a in entry["accounts"]] == ["carer_account", "wider_family"]
    assert [a.get("note") for a in entry["accounts"]] == [None, None]
    assert any(found in m.screened for m in result.messages)
    assert found.lower() not in str(result.doc).lower() and "12.03" not in str(result.doc)


@pytest.mark.parametrize("reference, go_back, text, found", [
    # another source's answer when the question comes back (record.add_account)
    ("KBS-2291", True, "nan says she drinks most days, born 12.03.1990", "12.03.1990"),
    # another account reported in passing at the next question
    ("KBS-2292", False, "Nan says mum drinks most days with Kayleigh; whether it is stable "
                        "or chaotic I don't know.", "Kayleigh"),
])
def test_an_account_kept_across_turns_or_in_passing_is_screened(hv, reference, go_back, text,
                                                               found):
    """Accounts across turns (issue 22) are kept, but their words go through the one
    screening: refused, the account is kept without them and the refusal carries them."""
    mums_account(hv, reference)
    if go_back:
        hv.say("go back")
    turn = conversation.answer(hv.state, hv.owner, text, entities_of(hv.nlp, text))
    hv.state = turn.state
    entry = saved_entry(hv, DRINK)
    assert [(a["source"], a.get("note")) for a in entry["accounts"]] == [
        ("carer_account", None), ("wider_family", None)]  # kept, without its words
    refused = [m for m in turn.messages if m.screened]
    assert len(refused) == 1 and found in refused[0].screened  # said once
    saved = conversation._load(hv.owner, hv.state.profile).answers
    assert found.lower() not in str(saved).lower()


def test_a_wider_family_answer_with_a_name_or_number_is_refused(nlp, family):
    for text, found in (("aunt Julie Brown, refused", "Julie"),
                        ("grandad, not yet, on 07700 900123", "07700 900123")):
        result = applied(nlp, family, "wider_family", text)
        assert result.doc is None and found in result.messages[0].screened
    assert applied(nlp, family, "wider_family", "grandad, not yet").doc is not None


def test_the_assess_conversation_saves_nothing_of_a_refused_reason(hv):
    hv.start()
    hv.say("KBS-0142")
    for _ in range(80):
        if "professional judgement" in "\n".join(hv._ask()):
            break
        hv.say("don't know")
    turn = conversation.answer(hv.state, hv.owner, "4: born 12.03.1990, NHS 943 476 5919")
    assert "12.03.1990" in turn.messages[0].screened
    with get_engine().connect() as connection:
        saved = connection.execute(profiles.select().join(cases)).first()
    assert "12.03.1990" not in str(saved.answers) and "943 476" not in str(saved.answers)


def test_the_familys_plan_is_screened_for_postcodes_and_addresses():
    answered = {"sleep_night_place": "cot", "sleep_day_place": "cot", "sleep_shares": "no",
                "sleep_smoking": "no", "sleep_alcohol": "no", "sleep_drugs_or_medication": "no",
                "sleep_preterm": "no", "sleep_low_birth_weight": "no", "sleep_on_back": "yes",
                "sleep_overheating": "no", "sleep_routine": "no",
                "discuss_case_reference": "none"}
    for text, found in (("We will stay at nan's, DE1 2AB", "DE1 2AB"),
                        ("The cot goes to 12 Elm Road", "12 Elm Road")):
        turn = take(SAFER_SLEEP_FORM, answered, Message(text, "answer"), "discuss_family_plan")
        assert dict(turn.slots) == {"discuss_family_plan": None}  # not kept; asked again
        assert found in turn.messages[0].screened and found in turn.messages[0].text


def test_a_rehearsal_line_with_a_name_is_not_in_the_transcript():
    persona = personas()["family_celebration"]
    state = engine.start(persona, 1, rehearsal.now())
    slots = {rehearsal.STATE: state, rehearsal.PERSONA: persona.id}
    said = "Will Kayleigh be looking after the baby on Saturday?"
    message = {"text": said, "intent": {"name": "move_ask_other_adults", "confidence": 0.9}}
    turn = rehearsal.take(slots, message, rehearsal.UTTERANCE)
    assert rehearsal.STATE not in turn.slots  # the transcript is as it was
    assert "Kayleigh" in turn.messages[0].screened and persona.name in turn.messages[0].text
    # the carer's own (fictional) name is not refused
    ok = {"text": f"How are you feeling today, {persona.name}?",
          "intent": {"name": "move_open_question", "confidence": 0.9}}
    turn = rehearsal.take(slots, ok, rehearsal.UTTERANCE)
    assert turn.slots[rehearsal.STATE]["transcript"][-2]["text"] == ok["text"]
