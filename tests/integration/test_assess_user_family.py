"""Acceptance 2 of issue 22: the user-test assessment replayed over the web app.

A health visitor assesses, in her own words, the family of the user test: mum, whose first
baby this is; her partner, who lives with them and whom nobody has seen; dad, who has no
contact; the maternal grandmother, who visits most days and says mum drinks most days,
against mum's "only at weekends". Through Flask, the Rasa server and the action server,
the assessment must take at most 50 questions, save every factor as it was said (the
drinking contradicted, with both accounts and their sources; "She seemed low and flat to
me" kept as the health visitor's own observation), and never show an internal identifier.

Deterministic: it starts with the menu button's payload (/start_assess), and while the
assessment form is active every message is an answer whatever the NLU makes of it; the
answers are read by kbs.assessment with the pipeline's rule-based entities only.
"""

from __future__ import annotations

import json
import re
import sqlite3

import pytest

from kbs.engine import parse_answers, score
from tests.integration.servers import Servers

pytestmark = pytest.mark.integration

REFERENCE = "KBS-2207"
MOST_QUESTIONS = 50
# A piece of each question (the first that the question holds wins) -> the answer given.
SCRIPT = [
    ("Is the baby in danger now", "no"),
    ("How old is the baby", "she's 10 weeks old, mum's first baby, born at 39+1 and 3.4 kg "
                            "at birth"),
    ("Is the baby independently mobile", "no, not yet"),
    ("The baby: do any of these apply", "none of these"),
    ("ongoing illness, disability", "no, she is healthy"),
    ("bruise, mark, fracture", "no, I checked her and there are no bruises or marks"),
    ("The household: do any of these apply",
     "none of these; I asked and mum said nobody close has died recently"),
    ("short of money, food", "no, they both work and have enough money"),
    ("home conditions poor", "no, the home was clean and tidy when I visited"),
    ("signs of neglect", "no, there are no other children and she has been brought to all "
                         "appointments"),
    ("Who lives in the household", "mum, her partner who lives with them, dad who has never "
                                   "seen the baby, and the maternal grandmother who visits "
                                   "most days"),
    # mum
    ("The mother: Has this adult not yet been seen", "No, I have met mum at every visit"),
    ("The mother: Does this carer fail to engage", "No, she engages well and talks to me"),
    ("The mother: Does this carer have a current or past mental health",
     "She seemed low and flat to me"),
    ("(the mother): Is the problem under control", "I don't know yet"),
    ("The mother: Does this carer use alcohol or drugs", "Mum says she only drinks at "
                                                         "weekends."),
    ("(the mother): Is the use stable or chaotic",
     "Nan says mum drinks most days; whether it is stable or chaotic I don't know."),
    ("(the mother): Has anyone seen this carer looking after a child",
     "No, nobody has seen that"),
    ("The mother: Does this carer deny, minimise", "Yes, I think she plays it down"),
    # the partner, whom nobody has seen
    ("The partner: Has this adult not yet been seen", "Nobody has seen him, he is never "
                                                      "there when I visit"),
    ("The partner: Does this carer fail to engage", "He is never there when I visit, he has "
                                                    "never engaged"),
    ("The partner: Has ICON", "Nobody has talked to him about ICON, no."),
    ("The partner: Has this carer been seen or reported handling",
     "I don't know, I have never seen him with her"),
    ("The partner: Does this carer respond to stress", "No, police records show no incidents"),
    ("The partner: Is this carer a victim or perpetrator", "No, police records show no "
                                                           "incidents"),
    ("The partner:", "I don't know, I have never met him"),
    # dad, who has no contact
    ("The father: Has this adult not yet been seen", "Nobody has ever seen him"),
    # the grandmother, who visits
    ("(other adult): Has this adult not yet been seen", "No, I met her on my last visit"),
    ("(other adult): Does this carer use alcohol or drugs", "No, GP records show no concerns"),
    # everyone
    ("harmful way", "No, police records show no incidents"),
    ("victim or perpetrator of domestic abuse", "No, police records show no incidents"),
    ("handling the baby roughly", "I saw her handle the baby gently and support her head"),
    ("Has ICON", "Yes, we went through ICON at the last visit"),
    ("without a plan for what to do when the baby", "No, she has a plan: puts baby down and "
                                                    "calls someone"),
    # care, information, the wider family, judgement
    ("After the safer sleep discussion", "No, she sleeps on her back in her own cot, I saw it"),
    ("relied on as protective", "No, there is a plan for when mum is out, I agreed it with "
                                "them"),
    ("What this assessment rests on: do any of these apply", "none of these"),
    ("Who in the wider family", "her aunt, not yet contacted"),
    ("Does your professional judgement", "No, the level stands"),
]
# Every factor the profile must hold, as (status, source); nothing else may be saved.
OWN, AGENCY, CARER = "observed", "professional", "carer_account"
EXPECTED_FACTORS = {
    **{f"infant.{f}": ("absent", OWN) for f in (
        "neonatal_care", "feeding_or_growth", "repeat_presentations", "excessive_crying",
        "health_condition", "injury_or_bruise")},
    # "none of these; I asked and mum said nobody close has died": mum's account, and no
    # bereavement ("said no" is never saved as its opposite)
    **{f"household.{f}": ("absent", CARER) for f in (
        "carer_physical_health", "loss_or_bereavement", "routine_disruption", "isolation",
        "multiagency_pressure")},
    # "mum's first baby": no siblings
    "household.large_family": ("absent", OWN),
    "household.sibling_needs": ("absent", OWN),
    "household.material_hardship": ("absent", OWN),
    "household.poor_home_conditions": ("absent", OWN),
    "household.neglect_indicators": ("absent", OWN),
    "care.unsafe_sleep": ("absent", OWN),
    "care.protective_role_unclear": ("absent", OWN),
    **{f"information.{f}": ("absent", OWN) for f in (
        "uncorroborated_account", "wider_family_not_engaged", "information_not_shared",
        "contrasting_views", "limited_contact", "not_in_supervision")},
}
EXPECTED_CARERS = {
    "mother": {
        "unknown_to_practitioners": ("absent", OWN),
        "non_engagement": ("absent", OWN),
        "mental_health": ("present", OWN),
        "substance_use": ("present", "wider_family"),  # contradicted: see below
        "harmful_stress_response": ("absent", AGENCY),
        "domestic_abuse": ("absent", AGENCY),
        "minimisation": ("present", None),
        "unsafe_handling": ("absent", OWN),
        "icon_not_discussed": ("absent", OWN),
        "no_crying_plan": ("absent", OWN),
    },
    "partner": {
        "unknown_to_practitioners": ("present", OWN),
        "non_engagement": ("present", OWN),
        "mental_health": ("unknown", None),
        "substance_use": ("unknown", None),
        "harmful_stress_response": ("absent", AGENCY),
        "domestic_abuse": ("absent", AGENCY),
        "minimisation": ("unknown", None),
        "unsafe_handling": ("unknown", None),
        "icon_not_discussed": ("present", OWN),  # "Nobody has talked to him about ICON, no."
        "no_crying_plan": ("unknown", None),
    },
    # no contact: whether he is known, and domestic abuse (depth.yml)
    "father": {
        "unknown_to_practitioners": ("present", OWN),
        "domestic_abuse": ("absent", AGENCY),
    },
    # a visitor: what matters for a visitor (depth.yml)
    "other_adult": {
        "unknown_to_practitioners": ("absent", OWN),
        "substance_use": ("absent", AGENCY),
        "harmful_stress_response": ("absent", AGENCY),
        "domestic_abuse": ("absent", AGENCY),
        "unsafe_handling": ("absent", OWN),
        "icon_not_discussed": ("absent", OWN),
        "no_crying_plan": ("absent", OWN),
    },
}
CONTACTS = {"partner": "lives_in", "father": "no_contact", "other_adult": "visits"}
# An internal identifier: a dotted path (carers.partner.x, infant.preterm), a snake_case
# code (sofa_or_armchair, unknown_to_practitioners), an index ("wider_family[0]") or the
# engine's arithmetic.
IDENTIFIER = re.compile(r"\b[a-z]+(?:\.[a-z_0-9]+){1,3}\b(?!\))|\b[a-z]+_[a-z_0-9]+\b|\[\d+\]|"
                        r"risk points x")


@pytest.fixture(scope="module")
def servers(tmp_path_factory):
    running = Servers(tmp_path_factory.mktemp("user_family"))
    try:
        for name in ("action-server", "web", "rasa"):
            running.start(name)
        yield running
    finally:
        running.stop()


def saved(servers, reference):
    with sqlite3.connect(servers.database) as db:
        db.row_factory = sqlite3.Row
        return db.execute("SELECT profiles.* FROM profiles JOIN cases ON cases.id = case_id "
                          "WHERE reference = ? ORDER BY version", (reference,)).fetchall()


def words_read(reply: list[dict]) -> list[str]:
    """Everything a practitioner reads in a reply: each message and its buttons' titles,
    with a link's address left out (only its words are read)."""
    said = []
    for message in reply:
        said.append(re.sub(r"\]\([^)]*\)", "]", message.get("text") or ""))
        said += [button["title"] for button in message.get("buttons") or ()]
    return said


def test_the_user_test_family_over_the_web_app(servers):
    chat = servers.session("hv.family")
    replies = [chat.say("/start_assess")]
    assert "What case reference" in replies[-1][-1]["text"]
    replies.append(chat.say(REFERENCE))
    questions = []
    while "That is every question" not in "\n".join(m["text"] for m in replies[-1]):
        asked = replies[-1][-1]["text"]
        assert len(questions) < MOST_QUESTIONS + 10, "\n".join(questions)
        answer = next((answer for piece, answer in SCRIPT if piece in asked), None)
        assert answer is not None, f"no answer scripted for: {asked}"
        questions.append(asked)
        replies.append(chat.say(answer))
    print(f"the user-test family over the web app: {len(questions)} questions")
    # At most 50 questions, none asked twice (nor asked again: every answer was read).
    assert len(questions) <= MOST_QUESTIONS, "\n\n".join(questions)
    assert len(set(questions)) == len(questions)
    said = [text for reply in replies for text in words_read(reply)]
    assert not [text for text in said if text.startswith("I couldn't")]
    # No internal identifier in anything the practitioner reads.
    for text in said:
        found = IDENTIFIER.findall(text)
        assert not found, f"{found} in: {text}"
    summary = "\n".join(m["text"] for m in replies[-1])
    assert "Level " in summary and "[Open the full profile](/profiles/" in summary

    rows = saved(servers, REFERENCE)
    assert [row["status"] for row in rows] == ["complete"]
    answers = json.loads(rows[0]["answers"])
    # The baby: said once, in passing, and not asked again.
    assert answers["infant"] == {"age_weeks": 10, "mobile": False, "gestation_weeks": 39.1,
                                 "birth_weight_kg": 3.4}
    assert not [q for q in questions if "At how many weeks" in q or "weigh at birth" in q]
    # Every saved factor, as it was said; nothing saved that was not.
    assert {path: (entry["status"], entry.get("source"))
            for path, entry in answers["factors"].items()} == EXPECTED_FACTORS
    carers = answers["carers"]
    assert set(carers) == set(EXPECTED_CARERS)
    for role, expected in EXPECTED_CARERS.items():
        factors = {name: (entry["status"], entry.get("source"))
                   for name, entry in carers[role].items() if isinstance(entry, dict)}
        assert factors == expected, role
        assert carers[role].get("contact") == CONTACTS.get(role), role
    assert "sole_carer" not in carers["mother"]  # her use is not known to be chaotic
    # The drinking is contradicted: mum's account and the grandmother's, each kept.
    drinking = carers["mother"]["substance_use"]
    assert [(a["status"], a["source"]) for a in drinking["accounts"]] == [
        ("present", "carer_account"), ("present", "wider_family")]
    assert drinking["accounts"][1]["note"] == "nan says mum drinks most days"
    assert drinking["intoxicated_care_observed"] is False
    assert parse_answers(answers).entry("carers.mother.substance_use").contradicted
    profile = score(answers)
    assert "carers.mother.substance_use" in profile.hidden_risk_factors
    # The health visitor's own observation is kept, in her words.
    assert carers["mother"]["mental_health"]["note"] == "She seemed low and flat to me"
    assert answers["wider_family"] == [{"relation": "aunt", "contact": "not_yet"}]
    assert answers["judgement"]["immediate_danger"] is False
    # Not a low-risk result: the unseen partner's factors are not known.
    assert not profile.complete and profile.level >= 3
    result = json.loads(rows[0]["result"])
    assert result["complete"] is False and result["level"] == profile.level
