"""Safe handling: which questions apply (some for each carer), and what the answers find.

Answers are a mapping with "mark", "mobile", "condition" ("yes", "no" or "unknown"),
"carers" (relation values such as "mother", "father", in the order named),
"carer_answers" ({relation: {question id: answer}}) and "family_plan".
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from kbs.engine import load_routes, parse_answers, red_flags
from kbs.engine.rules import load_rules
from kbs.safer_practice.answers import NO, UNKNOWN, YES, risk_status
from kbs.safer_practice.catalogue import Catalogue, load_catalogue

SECTIONS = ("carer_labels", "carer_groups", "icon", "mark_words", "protocol",
            "fragile_baby", "crying_plan_form")
CARER_QUESTIONS = ("icon", "crying_plan", "concern")
FRAGILE_QUESTION = "shown_fragile"
FAMILY_PLAN = "family_plan"

Question = tuple[str, str | None]  # (question id, the carer it is about, if any)


def handling_catalogue() -> Catalogue:
    return load_catalogue("safe_handling", *SECTIONS)


def questions(answers: Mapping[str, Any]) -> list[Question]:
    """The questions that apply, in the order they are asked."""
    asked: list[Question] = [("mark", None)]
    if answers.get("mark") in (YES, UNKNOWN):
        asked.append(("mobile", None))
    asked += [("condition", None), ("carers", None)]
    per_carer = (*CARER_QUESTIONS, FRAGILE_QUESTION) if answers.get("condition") == YES \
        else CARER_QUESTIONS
    for carer in answers.get("carers") or ():
        asked += [(question, carer) for question in per_carer]
    return [*asked, (FAMILY_PLAN, None)]


def answer_to(answers: Mapping[str, Any], question: Question) -> Any:
    question_id, carer = question
    if carer is None:
        return answers.get(question_id)
    return (answers.get("carer_answers") or {}).get(carer, {}).get(question_id)


def next_question(answers: Mapping[str, Any]) -> Question | None:
    return next((q for q in questions(answers) if answer_to(answers, q) is None), None)


def with_answers(answers: Mapping[str, Any], update: Mapping[str, Any]) -> dict[str, Any]:
    """``answers`` with ``update`` added; carer answers are merged carer by carer."""
    merged = {**answers, **update}
    carer_answers = {carer: dict(given)
                     for carer, given in (answers.get("carer_answers") or {}).items()}
    for carer, given in (update.get("carer_answers") or {}).items():
        carer_answers.setdefault(carer, {}).update(given)
    if carer_answers:
        merged["carer_answers"] = carer_answers
    return merged


def protocol(answers: Mapping[str, Any]) -> str | None:
    """Which bruising protocol text applies: a mark on a baby whom the engine's
    ``non_mobile_injury`` rule treats as not mobile (not independently mobile, or of unknown
    mobility; every baby under six months) leads to the non-mobile protocol, whatever the
    explanation."""
    mark = answers.get("mark")
    if mark == YES:
        return "non_mobile_mark" if non_mobile_injury(answers) else "mobile_mark"
    return "mark_not_known" if mark == UNKNOWN else None


def non_mobile_injury(answers: Mapping[str, Any]) -> bool:
    """Whether a mark on this baby is the profile's ``non_mobile_injury`` red flag. The rule
    is the engine's (kbs.engine.red_flags), asked with what the discussion knows of the baby,
    so that Discuss and Assess give one answer. The mobility answer already counts a baby
    said to be under six months as not mobile (``reading.read_handling``)."""
    doc = {"infant": infant_block(answers),
           "factors": {"infant.injury_or_bruise": {"status": "present",
                                                   "source": "carer_account"}}}
    return bool(red_flags.non_mobile_injury(parse_answers(doc), load_rules()))


def infant_block(answers: Mapping[str, Any]) -> dict[str, Any]:
    """The profile's infant block from the discussion's answers: mobility, and the age when
    it was said."""
    mobile = {YES: True, NO: False}.get(answers.get("mobile"))
    block = {} if mobile is None else {"mobile": mobile}
    if answers.get("age_weeks") is not None:
        block["age_weeks"] = answers["age_weeks"]
    return block


def protocol_text(answers: Mapping[str, Any],
                  catalogue: Catalogue) -> tuple[str, list[tuple[str, list[str]]]] | None:
    """The protocol's heading and paragraphs (each with its sources), when one applies; its
    routes are named with the local contacts of the partnership's routes file."""
    current = protocol(answers)
    if current is None:
        return None
    spec = catalogue["protocol"][current]
    paragraphs = [(spec["text"].strip(), list(spec["sources"]))]
    if current == "non_mobile_mark" and answers.get("mobile") in (None, UNKNOWN):
        paragraphs.insert(0, (catalogue["protocol"]["mobility_not_known"].strip(), []))
    routes = load_routes().routes
    paragraphs += [(f"{routes[r].name}: {routes[r].contact}", []) for r in spec.get("routes", ())]
    return spec["heading"], paragraphs


def announcement(before: Mapping[str, Any], after: Mapping[str, Any],
                 catalogue: Catalogue) -> str | None:
    """The protocol to say at once, when an answer has just decided it (after the baby's
    mobility is asked, so that it is the right protocol)."""
    found = protocol_text(after, catalogue)
    if found is None or next_question(after) == ("mobile", None):
        return None
    if protocol(after) == protocol(before) and before.get("mobile") == after.get("mobile"):
        return None
    heading, paragraphs = found
    return "\n\n".join([f"**{heading}**", *(text for text, _ in paragraphs)])


@dataclass(frozen=True)
class CarerFindings:
    relation: str
    icon_not_discussed: str  # a factor's status: present, absent or unknown
    no_crying_plan: str
    unsafe_handling: str


@dataclass(frozen=True)
class HandlingFindings:
    protocol: str | None
    injury_or_bruise: str
    infant: Mapping[str, Any]  # the profile's infant block: mobility, and the age when said
    health_condition: str
    carers: tuple[CarerFindings, ...]
    unknown: tuple[Question, ...]


def assess(answers: Mapping[str, Any], catalogue: Catalogue | None = None) -> HandlingFindings:
    catalogue = catalogue or handling_catalogue()
    fragile = answers.get("condition") == YES
    carers = tuple(_carer_findings(answers, carer, fragile, catalogue)
                   for carer in answers.get("carers") or ())
    unknown = tuple(q for q in questions(answers)
                    if q[0] != FAMILY_PLAN and answer_to(answers, q) in (None, UNKNOWN))
    return HandlingFindings(
        protocol=protocol(answers),
        injury_or_bruise=risk_status(answers.get("mark"), YES),
        infant=infant_block(answers),
        health_condition=risk_status(answers.get("condition"), YES),
        carers=carers, unknown=unknown)


def _carer_findings(answers, carer: str, fragile: bool, catalogue: Catalogue) -> CarerFindings:
    def status(question_id: str) -> str:
        risk = catalogue.questions[question_id].risk
        found = risk_status(answer_to(answers, (question_id, carer)), risk.when)
        # An answer that does not exclude the risk ("nobody is worried" about handling is
        # the family's account, not handling seen) leaves it unknown, never absent.
        return "unknown" if found == "absent" and not risk.excludes else found

    handling = [status("concern"), *([status(FRAGILE_QUESTION)] if fragile else [])]
    return CarerFindings(
        relation=carer, icon_not_discussed=status("icon"),
        no_crying_plan=status("crying_plan"), unsafe_handling=_worst(handling))


def _worst(statuses: list[str]) -> str:
    for status in ("present", "unknown"):
        if status in statuses:
            return status
    return "absent"
