"""Properties over generated answers (hypothesis): the level is monotone in risk, red flags add
their routes, and any document either scores or fails with an AnswersError.

How many examples, and whether they are drawn afresh, is the Hypothesis profile's
(tests/conftest.py): derandomised in the normal run, exploring in `make fuzz`. No test sets
its own number, so that `make fuzz` can raise it; every counter-example a search has found
is kept as an @example, so that it runs every time."""

from hypothesis import example, given
from hypothesis import strategies as st

from kbs.engine import AnswersError, parse_answers, score
from kbs.engine.catalogue import SOURCES, load_catalogue
from kbs.engine.rules import RED_FLAGS, load_rules

CATALOGUE = load_catalogue()
HOUSEHOLD = list(CATALOGUE.household_factors())
CARER = list(CATALOGUE.carer_factors())
ROLES = ["mother", "father", "partner", "other_adult"]
INFANT = {"age_weeks": st.integers(0, 52), "gestation_weeks": st.integers(24, 42),
          "birth_weight_kg": st.floats(0.5, 5), "mobile": st.booleans()}
# Extra answers a present factor may carry (unsafe_sleep's depend on its status: see below).
DETAILS = {
    "substance_use": {"pattern": st.sampled_from(["none", "stable", "chaotic"]),
                      "intoxicated_care_observed": st.booleans()},
    "mental_health": {"controlled": st.booleans()},
    "domestic_abuse": {"dash": st.sampled_from(["standard", "medium", "high"]),
                       "dash_yes": st.integers(0, 24),
                       "role": st.sampled_from(["victim", "perpetrator", "both"])},
    "unsafe_sleep": {"shares_sleep_surface": st.booleans(),
                     "never": st.lists(st.sampled_from(["sofa_or_armchair", "alcohol", "smoking"]),
                                       unique=True),
                     "modifiable": st.lists(st.sampled_from(["pillows_or_duvet", "overheating"]),
                                            unique=True)},
}


@st.composite
def entry(draw, factor, status=None):
    status = status or draw(st.sampled_from(["present", "absent", "unknown"]))
    answer = {"status": status, "source": draw(st.sampled_from(SOURCES))}
    if status == "present":
        fields = DETAILS.get(factor.id, {})
        chosen = draw(st.lists(st.sampled_from(sorted(fields)), unique=True)) if fields else []
        answer |= {name: draw(fields[name]) for name in chosen}
    return answer


@st.composite
def answers_docs(draw):
    infant = {name: draw(values) for name, values in INFANT.items() if draw(st.booleans())}
    derived_given = {f"infant.{f.id}" for f in HOUSEHOLD
                     if f.derived and f.derived.source in infant}
    factors = {f.path(): draw(entry(f)) for f in HOUSEHOLD
               if f.path() not in derived_given and draw(st.booleans())}
    carers = {}
    for role in draw(st.lists(st.sampled_from(ROLES), unique=True, max_size=3)):
        carer = {f.id: draw(entry(f)) for f in CARER if draw(st.booleans())}
        if draw(st.booleans()):
            carer["sole_carer"] = draw(st.booleans())
        carers[role] = carer
    return {"infant": infant, "factors": factors, "carers": carers,
            "judgement": {"immediate_danger": draw(st.booleans())},
            "wider_family": [{"relation": "aunt", "contact": draw(
                st.sampled_from(["not_yet", "made", "refused"]))}
                for _ in range(draw(st.integers(0, 2)))]}


@st.composite
def targets(draw, doc):
    """A factor that can be set freely: (container, key) within doc."""
    options = [("factors", f) for f in HOUSEHOLD
               if not (f.derived and f.derived.source in doc["infant"])]
    options += [(role, f) for role in doc["carers"] for f in CARER]
    return draw(st.sampled_from(options))


def set_answer(doc, target, answer):
    place, factor = target
    copy = {**doc, "factors": dict(doc["factors"]),
            "carers": {role: dict(c) for role, c in doc["carers"].items()}}
    if place == "factors":
        copy["factors"][factor.path()] = answer
    else:
        copy["carers"][place][factor.id] = answer
    return copy


def level_of(doc):
    return score(doc).level


@given(st.data())
def test_absent_to_present_never_lowers_the_level(data):
    doc = data.draw(answers_docs())
    target = data.draw(targets(doc))
    source = data.draw(st.sampled_from(SOURCES))
    absent = set_answer(doc, target, {"status": "absent", "source": source})
    present = set_answer(doc, target, data.draw(entry(target[1], "present")))
    assert level_of(present) >= level_of(absent)


@given(st.data())
def test_unknown_never_counts_as_safe(data):
    doc = data.draw(answers_docs())
    target = data.draw(targets(doc))
    absent = set_answer(doc, target, {"status": "absent", "source": "observed"})
    unknown = set_answer(doc, target, {"status": "unknown"})
    present = set_answer(doc, target, data.draw(entry(target[1], "present")))
    assert level_of(absent) <= level_of(unknown) <= level_of(present)


@given(answers_docs())
def test_an_incomplete_profile_is_never_level_1(doc):
    profile = score(doc)
    assert profile.complete or profile.level >= 2
    assert "universal_messages" in profile.routes


def raise_flag(doc, flag):
    """doc changed so that the red flag must be raised: it only adds or raises, and never
    removes what is known (a carer's other answers about the same factor stay)."""
    doc = {**doc, "infant": dict(doc["infant"]), "factors": dict(doc["factors"]),
           "carers": {role: dict(c) for role, c in doc["carers"].items()},
           "judgement": dict(doc["judgement"])}
    mother = doc["carers"].setdefault("mother", {})
    if flag == "non_mobile_injury":
        # not mobile raises the baby's vulnerability; a given not_mobile answer would
        # contradict the infant block, and follows from it instead
        doc["infant"]["mobile"] = False
        doc["factors"].pop("infant.not_mobile", None)
        doc["factors"]["infant.injury_or_bruise"] = raised(
            doc["factors"].get("infant.injury_or_bruise"), "observed")
    elif flag == "high_risk_domestic_abuse":
        known = mother.get("domestic_abuse") or {}
        mother["domestic_abuse"] = {**raised(known, "professional"),
                                    "dash_yes": max(15, known.get("dash_yes", 0))}
    elif flag == "intoxicated_care":
        mother["substance_use"] = {**raised(mother.get("substance_use"), "observed"),
                                   "intoxicated_care_observed": True}
    elif flag == "hazardous_sleep":  # sharing and smoking added to what is already known
        known = doc["factors"].get("care.unsafe_sleep") or {}
        doc["factors"]["care.unsafe_sleep"] = {
            **raised(known, "carer_account"), "shares_sleep_surface": True,
            "never": sorted({*known.get("never", []), "smoking"})}
    else:
        doc["judgement"]["immediate_danger"] = True
    return doc


def raised(known, source):
    """A factor's answer made present, keeping what was known: its extra answers (when it
    was present already, with its source), or the new source."""
    known = known or {}
    if known.get("status") == "present":
        return dict(known)
    return {"status": "present", "source": source}


@given(answers_docs(), st.sampled_from(RED_FLAGS))
@example(  # found by Hypothesis: raising the flag once replaced a worse unsafe-sleep answer
    {"infant": {}, "factors": {"care.unsafe_sleep": {
        "status": "present", "source": "observed", "modifiable": [],
        "never": ["sofa_or_armchair", "alcohol"]}},
     "carers": {}, "judgement": {"immediate_danger": False}, "wider_family": []},
    "hazardous_sleep")
@example(  # found by Hypothesis (issue 15): raising the flag replaced the mother's domestic
    # abuse answer and dropped role: perpetrator, so stress x response went and the level
    # fell from 4 to 3
    {"infant": {"birth_weight_kg": 1.0},
     "factors": {"infant.health_condition": {"status": "present", "source": "observed"},
                 "household.routine_disruption": {"status": "present", "source": "observed"},
                 "household.isolation": {"status": "present", "source": "observed"}},
     "carers": {"mother": {"domestic_abuse": {"status": "present", "source": "observed",
                                              "dash": "standard", "dash_yes": 0,
                                              "role": "perpetrator"}}},
     "judgement": {"immediate_danger": False}, "wider_family": []},
    "high_risk_domestic_abuse")
def test_adding_a_red_flag_always_adds_its_routes(doc, flag):
    before = score(doc)
    after = score(raise_flag(doc, flag))
    rule = load_rules().red_flags[flag]
    assert flag in after.red_flags
    assert set(rule.routes) <= set(after.routes)
    assert after.level >= max(rule.level_at_least, before.level)


JSONISH = st.recursive(
    st.none() | st.booleans() | st.integers(-5, 60) | st.floats(allow_nan=False)
    | st.sampled_from(["present", "absent", "unknown", "observed", "maybe", "mother", ""]),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(
        st.sampled_from(["infant", "factors", "carers", "judgement", "wider_family", "status",
                         "source", "mother", "household.isolation", "care.unsafe_sleep",
                         "substance_use", "age_weeks", "level", "note", "relation", "contact",
                         "never", "dash_yes", "x"]), inner, max_size=4),
    max_leaves=12)


@given(JSONISH)
def test_any_document_scores_or_fails_with_one_answers_error(doc):
    try:
        answers = parse_answers(doc)
    except AnswersError as err:
        assert "\n" not in str(err) and str(err)
    else:
        assert score(answers).level in (1, 2, 3, 4)
