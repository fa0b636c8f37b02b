"""The shorter path (kbs/catalogues/depth.yml, kbs.assessment.depth): each adult asked what
matters for their contact with the baby, "her first baby" closing the sibling questions,
nothing asked twice, and the user-test family (issue 22) in far fewer questions without
losing a key factor (about 100 before; 65 now; issue 22's target of 50 is not yet met)."""

import re
from datetime import date
from fnmatch import fnmatch

import pytest
import yaml

from kbs.assessment import depth, record, steps
from kbs.assessment.vocabulary import load_vocabulary
from kbs.catalogues import CatalogueError
from kbs.engine import load_catalogue, parse_answers, score
from kbs.store.database import get_engine
from kbs.store.schema import cases, profiles

from .practitioner import Practitioner

CATALOGUE = load_catalogue()
VISITOR = ["unknown_to_practitioners", "substance_use", "harmful_stress_response",
           "domestic_abuse", "unsafe_handling", "icon_not_discussed", "no_crying_plan"]


def new(*relations):
    doc, _ = record.add_carers(record.new_answers(date(2024, 5, 1)), list(relations))
    return doc


def carer_questions(doc, role):
    return [s.id.removeprefix(f"carers.{role}.") for s in steps.plan(doc)
            if s.id.startswith(f"carers.{role}.")]


@pytest.mark.parametrize(("contact", "asked"), [
    ("lives_in", [f.id for f in CATALOGUE.carer_factors()]),
    ("visits", VISITOR),
    ("no_contact", ["unknown_to_practitioners", "domestic_abuse"]),
    (None, [f.id for f in CATALOGUE.carer_factors()]),  # not known: asked in full
])
def test_each_adult_is_asked_what_matters_for_their_contact(contact, asked):
    doc = record.set_carer_detail(new("mother", "maternal grandmother"), "other_adult",
                                  "contact", contact)
    assert carer_questions(doc, "other_adult") == ["contact", *asked]
    assert carer_questions(doc, "mother")[0] == "unknown_to_practitioners"  # no contact question
    parse_answers(doc)


def test_contact_is_asked_first_and_before_it_is_answered_everything_is_planned():
    doc = new("mother", "father")
    assert carer_questions(doc, "father")[0] == "contact"
    assert len(carer_questions(doc, "father")) == 1 + len(list(CATALOGUE.carer_factors()))
    assert steps.next_step(doc, tuple(s.id for s in steps.plan(doc)
                                      if s.id.startswith(("carers.mother", "infant", "judge",
                                                          "household", "carers")) and
                                      s.id != "carers.father.contact")).id == (
        "carers.father.contact")


def test_a_factor_left_unasked_stays_not_known_and_the_profile_incomplete():
    doc = record.set_carer_detail(new("mother", "father"), "father", "contact", "no_contact")
    profile = score(doc)
    assert "father" in str(profile.to_dict()["reasons"]) or not profile.complete
    assert "non_engagement" not in doc["carers"]["father"]
    assert not profile.complete


def test_ever_alone_with_the_baby_follows_a_present_substance_use():
    doc = new("mother")
    assert "sole_carer" not in carer_questions(doc, "mother")
    path = "carers.mother.substance_use"
    doc = record.set_status(doc, path, CATALOGUE.for_path(path), "present", "carer_account")
    asked = carer_questions(doc, "mother")
    assert asked.index("substance_use") < asked.index("sole_carer") < asked.index(
        "substance_use.pattern")


@pytest.mark.parametrize(("said", "contact"), [
    ("he lives with them", "lives_in"),
    ("lives with the baby", "lives_in"),
    ("visits", "visits"),
    ("nan comes round most days", "visits"),
    ("she doesn't live there, she visits at weekends", "visits"),
    ("no contact", "no_contact"),
    ("dad's not involved at all", "no_contact"),
    ("he has never seen the baby", "no_contact"),
    ("don't know", "unknown"),
    ("purple", None),
])
def test_the_contact_answer_is_read(reading, said, contact):
    assert depth.read_contact(reading(said), load_vocabulary()) == contact


@pytest.mark.parametrize("said", ["she's mum's first baby", "it's her first", "she is her first",
                                  "first-time mum, 10 weeks", "no siblings"])
def test_first_baby_closes_the_sibling_questions(reading, said):
    doc = depth.close(new("mother"), reading(said))
    for path in ("household.large_family", "household.sibling_needs"):
        assert doc["factors"][path]["status"] == "absent"
        assert doc["factors"][path]["note"] == "first baby, no other children"
        assert path not in [s.id for s in steps.plan(doc) if not s.answered]
    assert "household.neglect_indicators" not in doc["factors"]  # only what the words settle
    parse_answers(doc)


@pytest.mark.parametrize("said", ["it's not her first baby", "she has three children",
                                  "her first was taken into care"])
def test_other_words_close_nothing(reading, said):
    doc = depth.close(new("mother"), reading(said))
    assert "household.large_family" not in doc["factors"]


def test_an_answer_already_given_is_kept_not_overwritten(reading):
    doc = record.set_status(new("mother"), "household.large_family",
                            CATALOGUE.for_path("household.large_family"), "present")
    doc = depth.close(doc, reading("her first baby"))
    assert doc["factors"]["household.large_family"]["status"] == "present"


def test_gestation_and_birth_weight_are_never_asked_twice():
    doc = new("mother")
    assert {"infant.preterm", "infant.low_birth_weight"} <= {s.id for s in steps.plan(doc)}
    doc = record.set_infant(record.set_infant(doc, "gestation_weeks", None),
                            "birth_weight_kg", None)  # asked: "don't know"
    planned = {s.id for s in steps.plan(doc)}
    assert not planned & {"infant.preterm", "infant.low_birth_weight"}
    assert not score(doc).complete  # preterm stays not known, a key factor


def test_a_mistake_in_the_depth_file_names_the_file_and_field(tmp_path):
    with open(depth.DEPTH_FILE) as file:
        data = yaml.safe_load(file)
    data["asked_of"]["visits"]["factors"].append("drinks_tea")
    broken = tmp_path / "depth.yml"
    broken.write_text(yaml.safe_dump(data))
    with pytest.raises(CatalogueError, match="asked_of.visits.factors"):
        depth.load_depth(broken)


# The user-test family of issue 22: mum; her partner, living in; dad, uninvolved, with no
# contact; the maternal grandmother, who visits; the baby is mum's first. Scripted answers
# in a practitioner's words, by the question asked (the step's id; the first match wins).
FAMILY = [
    ("judgement.immediate_danger", "no"),
    ("infant.age_weeks", "she's 10 weeks, mum's first baby"),
    ("infant.mobile", "no, not yet"),
    ("infant.gestation_weeks", "born at 39+1"),
    ("infant.birth_weight_kg", "3.4 kg"),
    ("infant.injury_or_bruise", "no, I checked her and there are no bruises or marks"),
    ("infant.*", "no"),
    ("household.*", "no"),
    ("carers", "mum, her partner who lives with them, dad and the maternal grandmother"),
    ("carers.partner.contact", "he lives with them"),
    ("carers.father.contact", "no contact, he's not involved"),
    ("carers.other_adult.contact", "she visits most days"),
    ("carers.mother.substance_use", "mum says she only drinks at weekends"),
    ("carers.mother.sole_carer", "yes"),
    ("carers.mother.substance_use.pattern", "stable"),
    ("carers.mother.substance_use.intoxicated_care_observed", "no"),
    ("carers.father.unknown_to_practitioners", "yes, nobody has seen him"),
    ("carers.*.unknown_to_practitioners", "no, I have met them"),
    ("carers.*.icon_not_discussed", "no, we talked about ICON"),
    # negatively worded questions answered in full, and who knows it said, so that nothing
    # needs reading back ("So: ... Right?") or "How do you know?" (issue 22, the reading)
    ("carers.*.non_engagement", "I saw they engage well at every visit"),
    ("carers.*.no_crying_plan", "I went through a crying plan with them, they have one"),
    ("carers.*.unsafe_handling", "I saw them handle the baby gently"),
    ("care.protective_role_unclear", "there is a plan for when mum is out, I agreed it with them"),
    ("carers.*.source", "records"),
    ("carers.*.mental_health", "no, GP records show none"),
    ("carers.*.substance_use", "no, GP records show no concerns"),
    ("carers.*.harmful_stress_response", "no, police records show none"),
    ("carers.*.domestic_abuse", "no, police records show none"),
    ("carers.*", "no"),
    ("care.*", "no"),
    ("information.*", "no"),
    ("wider_family", "the maternal grandmother, contact made"),
    ("judgement.level", "the level stands"),
]


def _scripted(step_id):
    if step_id.startswith("confirm:"):  # "So: ... Right?" (a bare answer read back)
        return "yes"
    if step_id.endswith(".source"):  # "How do you know?"
        return "I saw it myself"
    return next(answer for pattern, answer in FAMILY if fnmatch(step_id, pattern))


# 65: the baby 11, the household 8 (siblings closed), who the carers are 1, the mother 13
# (10 and her alcohol's three follow-ups), the partner 11, the father 3, the grandmother 8,
# care 2, information 6, wider family 1, judgement 1; and 4 read-backs ("So: ... Right?")
# of a bare "no" to the information questions worded in the negative. Issue 22's target
# is 50: not met yet.
MOST_QUESTIONS = 69


def test_the_user_test_family_in_a_shorter_path_without_losing_a_key_factor(nlp,
                                                                            database_url):
    hv = Practitioner(nlp)
    hv.start()
    hv.say("KBS-2207")
    asked = []
    while hv.open:
        asked.append(hv.state.step)
        assert len(asked) <= 80, "\n".join(asked)
        hv.say(_scripted(hv.state.step) if hv.state.step != "finish" else "finish")
    questions = [step for step in asked if step != "finish"]
    assert len(questions) <= MOST_QUESTIONS, f"{len(questions)} questions: {questions}"
    assert len(questions) == len(set(questions)), "a question was asked twice"
    with get_engine().connect() as connection:
        row = connection.execute(profiles.select().join(cases).where(
            cases.c.reference == "KBS-2207")).one()
    answers = row.answers
    carers = answers["carers"]
    assert {r: c.get("contact") for r, c in carers.items()} == {
        "mother": None, "partner": "lives_in", "father": "no_contact", "other_adult": "visits"}
    assert not [s for s in asked if s.startswith("household.large_family")]
    assert answers["factors"]["household.sibling_needs"]["status"] == "absent"
    assert "infant.preterm" not in asked and "infant.low_birth_weight" not in asked
    # No key factor is lost: every key carer factor is answered, or left not known (no
    # entry) so that the profile says it is incomplete; none is recorded without asking.
    profile = score(answers)
    for role, carer in carers.items():
        for factor in CATALOGUE.carer_factors():
            path = factor.path(role)
            if path not in asked:
                assert factor.id not in carer, path  # never silently absent
                if factor.key:
                    assert not profile.complete
    for factor in CATALOGUE.household_factors():
        if factor.key and not factor.derived:
            assert factor.path() in answers["factors"], factor.path()
    assert carers["father"]["unknown_to_practitioners"]["status"] == "present"
    assert carers["mother"]["substance_use"]["status"] == "present"
    assert not profile.complete and profile.level >= 2


# An internal identifier: a dotted path (carers.partner.x, infant.preterm), a snake_case id
# (sofa_or_armchair), an index ("wider_family[0]") or the engine's arithmetic.
IDENTIFIER = re.compile(r"\b[a-z]+(?:\.[a-z_0-9]+){1,3}\b(?!\))|\b[a-z]+_[a-z_0-9]+\b|\[\d+\]|"
                        r"risk points x")


def test_no_internal_identifier_in_anything_the_practitioner_reads(nlp, database_url):
    hv = Practitioner(nlp)
    said = hv.start()
    said += hv.say("KBS-2208")
    said += hv.say("no")
    said += hv.say("she's a three-month-old and I saw a bruise on her cheek")  # a red flag
    while hv.open:
        step = hv.state.step
        said += hv.say(_scripted(step) if step not in (None, "finish") else "finish")
    summary = said[-1] if "[Open the full profile]" in said[-1] else "\n".join(said[-3:])
    assert "[Open the full profile](/profiles/" in "\n".join(said)
    for message in said:
        # a link's address is not read: only its words
        words = re.sub(r"\]\([^)]*\)", "]", message)
        found = IDENTIFIER.findall(words)
        assert not found, f"{found} in: {message}"
    assert summary.count("\n") < 12  # one screen in the chat (the browser test measures it)
