"""Which questions an assessment asks, in order, worked out afresh from the answers so far.

The baby (after "is the baby in danger now?"), the household, who the carers are, each
carer, care, information, wider family and the practitioner's judgement. Questions that
cannot apply are left out: a factor's follow-ups (how do you know? DASH, pattern of use)
only when its answer calls for them, prematurity only when the gestation is not given.
Because the plan depends only on the saved answers, an assessment resumed in a new
conversation carries on from the first question not yet answered.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from kbs.assessment import record
from kbs.assessment.messages import DONT_KNOW, WHY, Button
from kbs.assessment.vocabulary import load_vocabulary
from kbs.engine import load_catalogue
from kbs.engine.answers import Carer
from kbs.engine.catalogue import Factor

INFANT_ORDER = ("age_weeks", "mobile", "gestation_weeks", "birth_weight_kg")
SECTIONS = {"infant": "The baby", "household": "The household", "care": "Care",
            "information": "Information"}
NEEDS_SOURCE = ("present", "absent")
# A follow-up that cannot apply given another answer about the same factor.
SKIP_FIELD_WHEN = {("domestic_abuse", "dash_yes"): ("dash", "high"),
                   ("unsafe_sleep", "never"): ("shares_sleep_surface", False)}
YES_NO = (Button("Yes", "yes"), Button("No", "no"), DONT_KNOW)
SOURCE_BUTTONS = (Button("I saw it myself", "seen myself"),
                  Button("The carer's account", "the carer told me"),
                  Button("Another agency or its records", "another agency"),
                  Button("The wider family", "wider family"), DONT_KNOW)


@dataclass(frozen=True)
class Step:
    id: str
    kind: str  # reference danger infant factor source field carers sole_carer wider_family
    #            level offer
    section: str
    question: str
    rationale: str
    buttons: tuple[Button, ...] = ()
    answered: bool = False
    factor: Factor | None = None
    role: str | None = None
    name: str = ""  # the infant-block answer or the factor's field

    @property
    def path(self) -> str:
        return self.factor.path(self.role) if self.factor else ""


def plan(doc: dict[str, Any]) -> list[Step]:
    """Every question that applies to these answers, in the order they are asked."""
    catalogue = load_catalogue()
    danger = catalogue.judgement["immediate_danger"]
    steps = [Step("judgement.immediate_danger", "danger", SECTIONS["infant"], danger.question,
                  danger.rationale, (Button("Yes, in danger now", "yes"), Button("No", "no")),
                  "immediate_danger" in doc["judgement"])]
    steps += [_infant(doc, name) for name in INFANT_ORDER]
    for factor in catalogue.household_factors():
        if factor.domain in ("infant", "household"):
            steps += _factor_steps(doc, factor)
    steps.append(_carers(doc))
    for role in record.roles(doc):
        steps.append(_sole_carer(doc, role))
        for factor in catalogue.carer_factors():
            steps += _factor_steps(doc, factor, role)
    for factor in catalogue.household_factors():
        if factor.domain in ("care", "information"):
            steps += _factor_steps(doc, factor)
    steps += [_wider_family(doc), _level(doc)]
    return steps


def next_step(doc: dict[str, Any], asked: tuple[str, ...] = ()) -> Step | None:
    """The first question not yet answered, nor asked already in this conversation."""
    return next((s for s in plan(doc) if not s.answered and s.id not in asked), None)


def step_for(doc: dict[str, Any], step_id: str) -> Step | None:
    if step_id == "reference":
        return reference_step()
    if step_id.startswith("offer:"):
        return offer_step(step_id.removeprefix("offer:").split(","))
    return next((s for s in plan(doc) if s.id == step_id), None)


def reference_step() -> Step:
    prompt = load_vocabulary().prompts["reference"]
    return Step("reference", "reference", "", prompt.question, prompt.rationale)


def offer_step(relations: list[str]) -> Step:
    """A carer not yet recorded, noticed in an answer (for example a new partner)."""
    prompt = load_vocabulary().prompts["offer"]
    who = " and ".join(f"the {relation}" for relation in relations)
    return Step(f"offer:{','.join(relations)}", "offer", "The carers",
                prompt.question.format(who=who), prompt.rationale,
                (Button("Yes, add as a carer", "yes"), Button("No", "no")))


def carer_name(doc: dict[str, Any], role: str) -> str:
    """How the dialogue names a carer: "the mother", "the grandmother (other adult)"."""
    return Carer(role, {}, relation=doc["carers"].get(role, {}).get("relation", "")).name


def _infant(doc: dict[str, Any], name: str) -> Step:
    question = load_catalogue().infant_block[name]
    buttons = ((Button("Yes, mobile", "yes"), Button("No, not yet", "no"), DONT_KNOW)
               if name == "mobile" else (DONT_KNOW,))
    return Step(f"infant.{name}", "infant", SECTIONS["infant"], question.question,
                question.rationale, buttons, name in doc["infant"], name=name)


def _carers(doc: dict[str, Any]) -> Step:
    prompt = load_vocabulary().prompts["carers"]
    return Step("carers", "carers", "The carers", prompt.question, prompt.rationale,
                (DONT_KNOW,), bool(doc["carers"]))


def _sole_carer(doc: dict[str, Any], role: str) -> Step:
    question = load_catalogue().carer_details["sole_carer"]
    who = carer_name(doc, role)
    return Step(f"carers.{role}.sole_carer", "sole_carer", _capital(who),
                f"{_capital(who)}: {question.question}", question.rationale, YES_NO,
                "sole_carer" in doc["carers"][role], role=role)


def _wider_family(doc: dict[str, Any]) -> Step:
    prompt = load_vocabulary().prompts["wider_family"]
    return Step("wider_family", "wider_family", "Information", prompt.question,
                prompt.rationale, (Button("No one", "no one"), DONT_KNOW),
                "wider_family" in doc)


def _level(doc: dict[str, Any]) -> Step:
    question = load_catalogue().judgement["level"]
    return Step("judgement.level", "level", "Your judgement", question.question,
                question.rationale, (Button("No, the level stands", "no"), DONT_KNOW),
                "level" in doc["judgement"])


def _factor_steps(doc: dict[str, Any], factor: Factor, role: str | None = None) -> list[Step]:
    if factor.derived and (factor.derived.below is None
                           or doc["infant"].get(factor.derived.source) is not None):
        return []
    path = factor.path(role)
    answer = record.entry(doc, path) or {}
    section = _capital(carer_name(doc, role)) if role else SECTIONS[factor.domain]
    about = f"{factor.label} ({carer_name(doc, role)})" if role else factor.label
    options = factor.options
    steps = [Step(path, "factor", section,
                  f"{section}: {factor.question}" if role else factor.question, factor.rationale,
                  (Button(f"Yes: {options['present']}", "yes"),
                   Button(f"No: {options['absent']}", "no"), DONT_KNOW, WHY),
                  bool(answer) and answer.get("note") != record.NOTICED, factor, role)]
    if factor.has("needs_corroboration") and (answer.get("status") in NEEDS_SOURCE
                                              or answer.get("note") == record.PENDING_SOURCE):
        prompt = load_vocabulary().prompts["source"]
        steps.append(Step(f"{path}.source", "source", section, f"{about}: {prompt.question}",
                          f"{prompt.rationale} {factor.corroborate}", SOURCE_BUTTONS,
                          bool(answer.get("source")), factor, role))
    if answer.get("status") == "present":
        steps += [_field(factor, role, name, answer, section, about)
                  for name in factor.fields or {}
                  if not _skipped(factor, name, answer)]
    return steps


def _field(factor: Factor, role: str | None, name: str, answer: dict[str, Any], section: str,
           about: str) -> Step:
    field = factor.fields[name]
    if field.type == "boolean":
        buttons = YES_NO
    elif field.type == "choice":
        buttons = (*(Button(str(v).capitalize(), str(v)) for v in field.values), DONT_KNOW)
    else:
        buttons = ((Button("None of these", "none"),) if field.type == "choices" else ()) + (
            DONT_KNOW,)
    return Step(f"{factor.path(role)}.{name}", "field", section, f"{about}: {field.question}",
                factor.rationale, buttons, name in answer, factor, role, name)


def _skipped(factor: Factor, name: str, answer: dict[str, Any]) -> bool:
    other = SKIP_FIELD_WHEN.get((factor.id, name))
    return other is not None and answer.get(other[0]) == other[1]


def _capital(text: str) -> str:
    return text[:1].upper() + text[1:]
