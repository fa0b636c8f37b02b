"""Free text to status, source and details (kbs.assessment.interpret)."""

import pytest

from kbs.assessment import interpret
from kbs.assessment.interpret import UNKNOWN
from kbs.assessment.vocabulary import load_vocabulary
from kbs.identifying import possible_name, screening

VOCAB = load_vocabulary()


def status(facts, factor, text):
    found = interpret.status(facts(text), VOCAB.factors.get(factor), VOCAB)
    return found.status, found.source


@pytest.mark.parametrize("factor, text, expected", [
    ("carer.substance_use", "she says she only drinks at weekends", ("present", "carer_account")),
    ("carer.non_engagement", "dad wasn't there again", ("present", None)),
    ("carer.unknown_to_practitioners", "Dad wasn't there again", ("present", None)),
    ("carer.unknown_to_practitioners", "never seen him", ("present", None)),
    ("carer.substance_use", "no idea", (UNKNOWN, None)),
    ("carer.substance_use", "I don't know if she drinks", (UNKNOWN, None)),
    ("carer.substance_use", "not sure, but I think she drinks", ("present", None)),
    ("carer.substance_use", "she denies drinking", ("absent", "carer_account")),
    ("carer.substance_use", "grandma told me he drinks most nights", ("present", "wider_family")),
    ("carer.mental_health", "the GP says she has depression", ("present", "professional")),
    ("infant.injury_or_bruise", "no bruises or marks", ("absent", None)),
    ("infant.injury_or_bruise", "yes, a small bruise on her cheek, I saw it", ("present",
                                                                                "observed")),
    ("household.material_hardship", "they have enough money", ("absent", None)),
    ("household.material_hardship", "not that I'm aware of", (UNKNOWN, None)),
    ("carer.icon_not_discussed", "we talked about ICON last week", ("absent", None)),
    ("carer.icon_not_discussed", "haven't discussed it yet", ("present", None)),
    ("carer.no_crying_plan", "no plan at all", ("present", None)),
    ("household.isolation", "YES", ("present", None)),
    ("household.isolation", "nope", ("absent", None)),
])
def test_free_text_gives_status_and_source(facts, factor, text, expected):
    assert status(facts, factor, text) == expected


@pytest.mark.parametrize("factor, text", [
    ("carer.substance_use", "No, she drinks every day"),  # the words contradict each other
    ("carer.unknown_to_practitioners", "no, never seen him"),  # a double negative
    ("household.isolation", "the weather was nice"),
])
def test_what_cannot_be_told_is_asked_again_not_guessed(facts, factor, text):
    assert status(facts, factor, text) == (None, None)


def test_the_substances_named_are_kept_instead_of_the_words(facts):
    found = interpret.status(facts("he smokes weed and drinks about 20 units"),
                             VOCAB.factors["carer.substance_use"], VOCAB)
    assert found.note == "cannabis, alcohol, 20 units"


@pytest.mark.parametrize("text, expected", [
    ("skip", "skip"), ("next", "skip"), ("go back please", "back"), ("Why?", "why"),
    ("why are you asking about drugs?", "why"), ("stop for now", "stop"), ("pause", "stop"),
    ("help", "help"), ("where was I", "where"),
    ("no", None), ("he came back drunk", None), ("skip the drinks", None),
])
def test_commands_are_whole_messages(reading, text, expected):
    assert interpret.command(reading(text), VOCAB) == expected


@pytest.mark.parametrize("text, expected", [
    ("seen myself", "observed"), ("I saw it myself", "observed"),
    ("the carer told me", "carer_account"), ("she told me", "carer_account"),
    ("another agency", "professional"), ("GP records", "professional"),
    ("police", "professional"), ("grandma", "wider_family"), ("her sister says so", "wider_family"),
    ("don't know", UNKNOWN), ("hmm", None),
])
def test_how_do_you_know(reading, text, expected):
    assert interpret.answered_source(reading(text), VOCAB) == expected


@pytest.mark.parametrize("text, expected", [
    ("mum, dad and mum's new boyfriend, and grandma visits daily",
     ["mother", "father", "partner", "grandmother"]),
    ("just mum and her two older siblings", ["mother"]),
    ("mum and the maternal grandmother", ["mother", "maternal grandmother"]),
    ("mum, no dad around", ["mother"]),
])
def test_carers_are_named_by_relation(facts, text, expected):
    assert [relation.name for relation in facts(text).relations] == expected


@pytest.mark.parametrize("text, expected", [
    ("maternal grandmother, not yet contacted; aunt refused",
     [{"relation": "maternal grandmother", "contact": "not_yet"},
      {"relation": "aunt", "contact": "refused"}]),
    ("spoke to grandad last week", [{"relation": "grandfather", "contact": "made"}]),
    ("her sister, haven't spoken to her", [{"relation": "aunt", "contact": "not_yet"}]),
    ("no one", []), ("don't know", UNKNOWN), ("lots", None),
])
def test_wider_family_with_contact(facts, text, expected):
    assert interpret.wider_family(facts(text), VOCAB) == expected


@pytest.mark.parametrize("text, expected", [
    ("3: father unseen", (3, "father unseen")), ("level 4 - mum's account unchecked",
                                                  (4, "mum's account unchecked")),
    ("4", (4, "")), ("no", (None, "")), ("the level stands", (None, "")),
    ("not sure", UNKNOWN), ("hmm", None),
])
def test_judgement_level_and_why(reading, text, expected):
    assert interpret.level(reading(text), VOCAB) == expected


@pytest.mark.parametrize("text, expected", [
    ("Father unseen and Sarah says otherwise", "Sarah"),
    ("Sarah's partner is unseen", "Sarah"),
    ("Mum and Dad argue. The GP agrees with MARAC", None),
    ("father unseen", None),
])
def test_a_judgement_note_is_screened_for_names(text, expected):
    assert possible_name(text, screening().not_names) == expected


@pytest.mark.parametrize("text, expected", [
    ("she's three months old and I saw a bruise on her cheek", {"injury_or_bruise"}),
    ("no bruises at all", set()), ("the baby is in danger now", {"immediate_danger"}),
    ("not in danger now", set()), ("the washing machine is broken", set()),
])
def test_red_flag_matters_are_noticed_in_any_answer(reading, text, expected):
    assert interpret.noticed(reading(text), VOCAB) == expected


# "yes, rolling" was True before issue 15: rolling is not independent mobility (NICE CG89).
@pytest.mark.parametrize("text, expected", [
    ("no not mobile", False), ("yes, rolling", False), ("crawling everywhere", True),
    ("not rolling yet", False), ("dunno", UNKNOWN), ("maybe next month", None),
    ("she rolls", False), ("yes, she sits up now", False), ("rolls and crawls", True),
    ("not crawling yet", False), ("yes", True), ("no", False), ("no, she crawls", None),
    ("she's 8 months, not sure if she's crawling", UNKNOWN),
    ("I think she might be crawling, not sure", UNKNOWN),
])
def test_mobility(facts, text, expected):
    assert interpret.mobility(facts(text), VOCAB) == expected


@pytest.mark.parametrize("field, text, expected", [
    ("carer.substance_use.pattern", "chaotic, she binges", "chaotic"),
    ("carer.substance_use.pattern", "stable", "stable"),
    ("carer.substance_use.pattern", "not sure", UNKNOWN),
    ("carer.substance_use.pattern", "hmm", None),
    ("carer.domestic_abuse.dash", "high", "high"),
    ("carer.domestic_abuse.role", "she's the victim", "victim"),
])
def test_a_choice(reading, field, text, expected):
    assert interpret.choice(reading(text), VOCAB.fields[field], VOCAB) == expected


@pytest.mark.parametrize("field, text, expected", [
    ("care.unsafe_sleep.never", "on the sofa after he'd been drinking",
     ("sofa_or_armchair", "alcohol")),
    ("care.unsafe_sleep.never", "none", ()),
    ("care.unsafe_sleep.modifiable", "no pillows, but the dog gets in the bed", ("others_in_bed",)),
    ("care.unsafe_sleep.modifiable", "don't know", UNKNOWN),
])
def test_choices(reading, field, text, expected):
    assert interpret.choices(reading(text), VOCAB.fields[field], VOCAB) == expected
