"""The shorter path (kbs/catalogues/depth.yml, kbs.assessment.depth): each adult asked what
matters for their contact with the baby, "her first baby" closing the sibling questions,
what is said in passing not asked again, lists for the factors that are not key, nothing
asked twice, and the user-test family (issue 22) in at most 50 questions without losing a
key factor (about 100 in the user test)."""

import re
from datetime import date
from fnmatch import fnmatch

import pytest
import yaml

from kbs.assessment import answering, depth, interpret, record, steps
from kbs.assessment.vocabulary import load_vocabulary
from kbs.catalogues import CatalogueError
from kbs.engine import load_catalogue, parse_answers, score
from kbs.store.database import get_engine
from kbs.store.schema import cases, profiles

from ..entities import entities_of
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
                                                          "household", "carers", "group:")) and
                                      s.id != "carers.father.contact")).id == (
        "carers.father.contact")


def test_a_factor_left_unasked_stays_not_known_and_the_profile_incomplete():
    doc = record.set_carer_detail(new("mother", "father"), "father", "contact", "no_contact")
    profile = score(doc)
    assert "father" in str(profile.to_dict()["reasons"]) or not profile.complete
    assert "non_engagement" not in doc["carers"]["father"]
    assert not profile.complete


def test_ever_alone_with_the_baby_follows_a_chaotic_pattern_of_substance_use():
    doc = new("mother")
    assert "sole_carer" not in carer_questions(doc, "mother")
    path = "carers.mother.substance_use"
    doc = record.set_status(doc, path, CATALOGUE.for_path(path), "present", "carer_account")
    assert "sole_carer" not in carer_questions(doc, "mother")  # the pattern not yet known
    stable = record.set_field(doc, path, "pattern", "stable")
    assert "sole_carer" not in carer_questions(stable, "mother")
    # ... where the answer would change nothing: only chaotic use makes it matter
    for alone in (True, False, None):
        assert "intoxicated_care" not in score(record.set_carer_detail(
            stable, "mother", "sole_carer", alone)).red_flags
    chaotic = record.set_field(doc, path, "pattern", "chaotic")
    asked = carer_questions(chaotic, "mother")
    assert asked.index("substance_use") < asked.index("substance_use.pattern") < asked.index(
        "sole_carer") < asked.index("substance_use.intoxicated_care_observed")
    assert "intoxicated_care" in score(chaotic).red_flags  # not known: maybe alone
    assert "intoxicated_care" not in score(record.set_carer_detail(
        chaotic, "mother", "sole_carer", False)).red_flags


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


@pytest.mark.parametrize(("path", "problem"), [
    ("household.poor_home_conditions", "cannot be asked in a group"),  # key
    ("information.limited_contact", "already in another group"),
])
def test_a_key_factor_cannot_be_put_in_a_group(tmp_path, path, problem):
    with open(depth.DEPTH_FILE) as file:
        data = yaml.safe_load(file)
    data["groups"]["household"]["items"][path] = "put in the list by mistake"
    broken = tmp_path / "depth.yml"
    broken.write_text(yaml.safe_dump(data))
    with pytest.raises(CatalogueError, match=problem):
        depth.load_depth(broken)


def test_every_key_factor_and_every_factor_needing_evidence_is_asked_on_its_own():
    grouped = {path for group in depth.load_depth().groups.values() for path in group.items}
    vocab = load_vocabulary()
    for factor in CATALOGUE.factors:
        if factor.key or factor.has("needs_corroboration") or factor.fields or (
                f"{factor.domain}.{factor.id}" in vocab.source_asked):
            assert factor.path("mother") not in grouped, factor.path("mother")
    assert grouped  # and the lists are there
    plan = [s.id for s in steps.plan(new("mother"))]
    for path in grouped:
        assert path in plan  # each still has its own question, for what a list leaves
    assert plan.index("group:household") < plan.index("household.large_family")


def group_answer(nlp, doc, name, text):
    step = steps.step_for(doc, f"group:{name}")
    said = interpret.read_message(text, entities_of(nlp, text), load_vocabulary())
    return answering.apply_answer(step, said, doc)


HOUSEHOLD = ["household.large_family", "household.sibling_needs",
             "household.carer_physical_health", "household.loss_or_bereavement",
             "household.routine_disruption", "household.isolation",
             "household.multiagency_pressure"]


@pytest.mark.parametrize(("said", "recorded"), [
    ("none of these", dict.fromkeys(HOUSEHOLD, ("absent", "observed"))),
    ("None", dict.fromkeys(HOUSEHOLD, ("absent", "observed"))),  # the button
    ("no, nothing like that", dict.fromkeys(HOUSEHOLD, ("absent", "observed"))),
    ("none of these, mum says they have lots of help",
     dict.fromkeys(HOUSEHOLD, ("absent", "carer_account"))),
    ("I don't know", dict.fromkeys(HOUSEHOLD, ("unknown", None))),
    # named: recorded; the others are asked on their own
    ("no, but they're isolated", {"household.isolation": ("present", None)}),
    ("I think they might be isolated", {"household.isolation": ("present", None)}),
    ("her dad died last month and they are moving house",
     {"household.loss_or_bereavement": ("present", None),
      "household.routine_disruption": ("present", None)}),
    ("not sure if they're isolated", {"household.isolation": ("unknown", None)}),
    ("they have lots of support", {"household.isolation": ("absent", "observed")}),
    ("purple", None),  # cannot tell: asked again
    ("yes", None),  # which?
])
def test_a_groups_answer_is_read_for_each_factor_it_lists(nlp, said, recorded):
    doc = new("mother")
    applied = group_answer(nlp, doc, "household", said)
    if recorded is None:
        assert applied.doc is None and "none of these" in applied.messages[0].text
        return
    got = {path: (record.entry(applied.doc, path)["status"],
                  record.entry(applied.doc, path).get("source"))
           for path in HOUSEHOLD if record.entry(applied.doc, path)}
    assert got == recorded
    parse_answers(applied.doc)
    unanswered = [path for path in HOUSEHOLD if path not in recorded]
    planned = [s.id for s in steps.plan(applied.doc) if not s.answered]
    if len(unanswered) >= 2:  # asked again as a list, or (once asked) one by one
        assert "group:household" in planned
    assert [p for p in planned if p in HOUSEHOLD] == unanswered  # never taken as excluded
    ids = [s.id for s in steps.plan(applied.doc)]
    before = tuple(ids[:ids.index("group:household") + 1])  # asked so far, the list last
    if unanswered:  # what the list left is asked next, one by one
        assert steps.next_step(applied.doc, before).id == unanswered[0]


def test_a_skipped_list_is_skipped_with_its_questions(hv):
    hv.start()
    hv.say("KBS-2230")
    hv.say("no")
    hv.say("12 weeks")
    hv.say("no")  # not mobile
    hv.say("born at 39+1")
    hv.say("3.4 kg")
    assert hv.state.step == "group:baby"
    hv.say("skip")
    assert hv.state.step == "infant.health_condition"


@pytest.mark.parametrize(("said", "taken"), [
    ("she's 10 weeks old, born at 39+1 and 3.4 kg at birth",
     {"gestation_weeks": 39.1, "birth_weight_kg": 3.4}),
    ("12 weeks, birth weight 7 lb 4 oz", {"birth_weight_kg": 3.29}),
    ("she is 10 weeks, 34 weeks' gestation", {"gestation_weeks": 34}),
    # said of nothing: today's weight, or a number that may be the age, waits for its question
    ("10 weeks and 5.2 kg now", {}),
    ("she's 24 weeks", {}),
])
def test_what_is_said_of_the_birth_in_passing_is_not_asked_again(nlp, said, taken):
    doc = new("mother")
    step = steps.step_for(doc, "infant.age_weeks")
    applied = answering.apply_answer(
        step, interpret.read_message(said, entities_of(nlp, said), load_vocabulary()), doc)
    assert {k: v for k, v in applied.doc["infant"].items() if k != "age_weeks"} == taken
    planned = {s.id for s in steps.plan(applied.doc) if not s.answered}
    for name in taken:
        assert f"infant.{name}" not in planned
    if taken:
        assert "Not asked again" in applied.messages[-1].text
    assert not {"infant.gestation_weeks", "infant.birth_weight_kg"} - set(
        f"infant.{n}" for n in taken) - planned


def test_the_danger_question_takes_an_age_said_of_age(nlp):
    doc = new("mother")
    step = steps.step_for(doc, "judgement.immediate_danger")
    said = "no, she's 10 weeks old"
    applied = answering.apply_answer(
        step, interpret.read_message(said, entities_of(nlp, said), load_vocabulary()), doc)
    assert applied.doc["judgement"]["immediate_danger"] is False
    assert applied.doc["infant"] == {"age_weeks": 10}


@pytest.mark.parametrize(("said", "contacts"), [
    ("mum, her partner who lives with them, dad who has no contact, and the maternal "
     "grandmother who visits most days",
     {"mother": None, "partner": "lives_in", "father": "no_contact", "other_adult": "visits"}),
    ("mum and dad", {"mother": None, "father": None}),
    ("mum, dad, and nan who comes round most days", {"mother": None, "father": None,
                                                      "other_adult": "visits"}),
    ("mum and her partner who doesn't live with them", {"mother": None, "partner": None}),
    ("mum, and dad who is not involved at all", {"mother": None, "father": "no_contact"}),
])
def test_contact_said_with_the_adults_is_recorded_and_not_asked(nlp, said, contacts):
    doc = record.new_answers(date(2024, 5, 1))
    step = steps.step_for(doc, "carers")
    applied = answering.apply_answer(
        step, interpret.read_message(said, entities_of(nlp, said), load_vocabulary()), doc)
    carers = applied.doc["carers"]
    assert {role: carer.get("contact") for role, carer in carers.items()} == contacts
    planned = {s.id for s in steps.plan(applied.doc) if not s.answered}
    for role, contact in contacts.items():
        assert (f"carers.{role}.contact" in planned) == (contact is None and role != "mother")
    parse_answers(applied.doc)


# The user-test family of issue 22, in a health visitor's words: mum, whose first baby this
# is; her partner, who lives with them and has not been seen by anyone; dad, with no contact;
# the maternal grandmother, who visits most days and says mum drinks most days, against mum's
# "only at weekends". Scripted answers by the question asked (the step's id; the first match
# wins).
FAMILY = [
    ("judgement.immediate_danger", "no"),
    # said in passing: the gestation and birth weight are not asked again, and "mum's first
    # baby" closes the sibling questions
    ("infant.age_weeks", "she's 10 weeks old, mum's first baby, born at 39+1 and 3.4 kg at birth"),
    ("infant.mobile", "no, not yet"),
    ("infant.gestation_weeks", "born at 39+1"),
    ("infant.birth_weight_kg", "3.4 kg"),
    ("infant.injury_or_bruise", "no, I checked her and there are no bruises or marks"),
    ("group:*", "none of these"),
    ("infant.*", "no"),
    ("household.*", "no"),
    # who lives with the baby and who visits, said with the adults: not asked again
    ("carers", "mum, her partner who lives with them, dad who has no contact, and the "
               "maternal grandmother who visits most days"),
    ("carers.*.contact", "don't know"),  # never asked: said with the adults
    ("carers.mother.mental_health", "She seemed low and flat to me"),
    ("carers.mother.mental_health.controlled", "I don't know"),
    ("carers.mother.substance_use", "mum says she only drinks at weekends"),
    # the grandmother's account, a turn later, at another question
    ("carers.mother.substance_use.pattern",
     "Nan says mum drinks most days; whether it is stable or chaotic I don't know."),
    ("carers.mother.substance_use.intoxicated_care_observed", "no"),
    # the partner has not been seen: what needs seeing him is not known
    ("carers.partner.unknown_to_practitioners", "Nobody has seen him, he is never there when "
                                                "I visit"),
    ("carers.partner.non_engagement", "he is never there when I visit"),
    ("carers.partner.icon_not_discussed", "Nobody has talked to him about ICON, no."),
    ("carers.partner.harmful_stress_response", "no, police records show none"),
    ("carers.partner.domestic_abuse", "no, police records show none"),
    ("carers.partner.*", "I don't know, I have never met him"),
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
    ("care.unsafe_sleep", "she sleeps in her own cot, I saw it"),
    ("care.*", "no"),
    ("information.*", "no"),
    ("wider_family", "her aunt, not yet contacted"),
    ("judgement.level", "the level stands"),
]


def _scripted(step_id):
    if step_id.startswith("confirm:"):  # "So: ... Right?" (a bare answer read back)
        return "yes"
    if step_id.endswith(".source"):  # "How do you know?"
        return "I saw it myself"
    return next(answer for pattern, answer in FAMILY if fnmatch(step_id, pattern))


# About 100 questions in the user test; 65 with the depth of each adult by contact; 48 now:
# the baby 3 (gestation and birth weight said in passing) and 4 (two key factors, and the
# other four in one list), the household 4 (three key factors, and one list; siblings closed
# by "mum's first baby"), who the carers are 1 (with who lives with the baby and who visits:
# no contact question), the mother 13 (ten factors; the control of her mental health; the
# pattern of her drinking and whether care while affected has been seen, but not "ever
# alone?", which only chaotic use makes matter), the partner 10, the father 2, the
# grandmother 7, care 2, information 1 (one list), wider family 1, judgement 1.
MOST_QUESTIONS = 50
# Every key factor of the catalogue, and every question a red flag reads, by whom it is
# asked of (depth.yml): asked of each adult who lives with the baby (or whose contact is not
# known), of a visitor the visitor's list, of an adult with no contact the no-contact list.
KEY_CARER = [f.id for f in CATALOGUE.carer_factors() if f.key]
KEY_HOUSEHOLD = [f.path() for f in CATALOGUE.household_factors() if f.key and not f.derived]
RED_FLAG_QUESTIONS = ["judgement.immediate_danger", "infant.age_weeks", "infant.mobile",
                      "infant.injury_or_bruise", "care.unsafe_sleep"]


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
    print(f"the user-test family: {len(questions)} questions")
    assert len(questions) <= MOST_QUESTIONS, f"{len(questions)} questions: {questions}"
    assert len(questions) == len(set(questions)), "a question was asked twice"
    with get_engine().connect() as connection:
        row = connection.execute(profiles.select().join(cases).where(
            cases.c.reference == "KBS-2207")).one()
    answers = row.answers
    carers = answers["carers"]
    assert {r: c.get("contact") for r, c in carers.items()} == {
        "mother": None, "partner": "lives_in", "father": "no_contact", "other_adult": "visits"}
    assert not [s for s in questions if s.endswith(".contact")]  # said with the adults
    assert answers["infant"] == {"age_weeks": 10, "mobile": False, "gestation_weeks": 39.1,
                                 "birth_weight_kg": 3.4}
    assert not {"infant.gestation_weeks", "infant.birth_weight_kg", "infant.preterm",
                "infant.low_birth_weight"} & set(questions)
    assert not [s for s in questions if s.startswith("household.large_family")]
    assert answers["factors"]["household.sibling_needs"]["status"] == "absent"
    assert "carers.mother.sole_carer" not in questions  # the pattern is not chaotic
    # What a list asked: each of its factors recorded as the answer said ("none of these").
    grouped = {path for name, group in depth.load_depth().groups.items()
               if f"group:{name}" in questions for path in group.items}
    assert {"infant.excessive_crying", "household.loss_or_bereavement",
            "information.not_in_supervision"} <= grouped
    for path in grouped:
        assert answers["factors"][path]["status"] == "absent", path
    # No key factor is lost, and no red-flag question: each asked of whoever it applies to.
    for path in RED_FLAG_QUESTIONS + KEY_HOUSEHOLD:
        assert path in questions, f"never asked: {path}"
    for path in KEY_HOUSEHOLD:
        assert answers["factors"][path]["status"] in ("present", "absent", "unknown"), path
    asked_of = {"mother": KEY_CARER, "partner": KEY_CARER,
                "father": ["unknown_to_practitioners", "domestic_abuse"],
                "other_adult": [f for f in VISITOR if f in KEY_CARER]}
    for role, factors in asked_of.items():
        for factor in factors:
            assert f"carers.{role}.{factor}" in questions, f"never asked: {role} {factor}"
        # the intoxicated-care and domestic-abuse red flags' questions, where they apply
        assert (f"carers.{role}.domestic_abuse" in questions)
    assert "carers.mother.substance_use.intoxicated_care_observed" in questions
    # A factor not asked is not known: never recorded, so never excluded without asking.
    profile = score(answers)
    for role, carer in carers.items():
        for factor in CATALOGUE.carer_factors():
            if factor.path(role) not in questions:
                assert factor.id not in carer, factor.path(role)
                if factor.key:
                    assert not profile.complete
    for path, answer in answers["factors"].items():
        closed = answer.get("note") == depth.load_depth().closes["first_baby"].note
        derived = CATALOGUE.for_path(path).derived is not None
        assert path in questions or path in grouped or closed or derived, path
    # What was said is kept as said: the partner unseen and not told about ICON, mum's
    # low mood as the health visitor's own observation, and her drinking contradicted.
    assert carers["partner"]["unknown_to_practitioners"]["status"] == "present"
    assert carers["partner"]["icon_not_discussed"]["status"] == "present"
    assert carers["partner"]["mental_health"] == {"status": "unknown"}
    assert carers["father"]["unknown_to_practitioners"]["status"] == "present"
    assert carers["mother"]["mental_health"] == {
        "status": "present", "source": "observed", "note": "She seemed low and flat to me"}
    drinking = carers["mother"]["substance_use"]
    assert drinking["status"] == "present"
    assert [(a["status"], a["source"]) for a in drinking["accounts"]] == [
        ("present", "carer_account"), ("present", "wider_family")]
    assert drinking["accounts"][1]["note"] == "nan says mum drinks most days"
    assert parse_answers(answers).entry("carers.mother.substance_use").contradicted
    assert "carers.mother.substance_use" in profile.hidden_risk_factors
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
