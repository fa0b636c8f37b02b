"""Safer sleep: which questions apply, and what a family's answers find.

Answers are a mapping of question id (``kbs/catalogues/safer_sleep.yml``) to "yes",
"no", "unknown", a sleep place, or, for ``family_plan``, the family's own words ("" when
they had none). ``routine_kinds`` lists the kinds of different night mentioned.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from kbs.safer_practice.answers import NO, UNKNOWN, YES
from kbs.safer_practice.catalogue import Catalogue, load_catalogue

SECTIONS = ("places", "place_advice", "routine_kinds", "sharing_words", "substances",
            "nights_that_are_different", "not_known")
PLACE_QUESTIONS = ("night_place", "day_place", "shared_place")
NEVER_QUESTIONS = ("smoking", "alcohol", "drugs_or_medication", "preterm", "low_birth_weight")
BED_QUESTIONS = ("pillows_or_duvet", "others_in_bed", "gaps_or_falls", "left_alone",
                 "very_tired")
EVERY_SLEEP_QUESTIONS = ("on_back", "overheating", "routine")
FAMILY_PLAN = "family_plan"
SOFA_OR_ARMCHAIR = "sofa_or_armchair"


def sleep_catalogue() -> Catalogue:
    return load_catalogue("safer_sleep", *SECTIONS)


def place_kind(place: str | None, catalogue: Catalogue | None = None) -> str | None:
    """separate, bed, sofa_or_armchair or other; None when not known."""
    places = (catalogue or sleep_catalogue())["places"]
    return places[place]["kind"] if place in places else None


def questions(answers: Mapping[str, Any]) -> list[str]:
    """The questions that apply to this family, in the order they are asked."""
    asked = ["night_place", "day_place", "shares"]
    if answers.get("shares") == YES:
        asked.append("shared_place")
    asked += NEVER_QUESTIONS
    if shares_a_bed(answers):
        asked += BED_QUESTIONS
    return [*asked, *EVERY_SLEEP_QUESTIONS, FAMILY_PLAN]


def next_question(answers: Mapping[str, Any]) -> str | None:
    return next((q for q in questions(answers) if answers.get(q) is None), None)


def shares_a_bed(answers: Mapping[str, Any]) -> bool:
    """Someone shares a bed or mattress with the baby (or shares somewhere not yet known)."""
    if answers.get("shares") != YES:
        return False
    place = answers.get("shared_place")
    return place in (None, UNKNOWN) or place_kind(place) == "bed"


def implied_answers(answers: Mapping[str, Any]) -> dict[str, str]:
    """Answers that follow from others: a baby who sleeps in an adult bed shares it."""
    for question in ("night_place", "day_place"):
        place = answers.get(question)
        if place_kind(place) == "bed" and answers.get("shares") is None:
            return {"shares": YES, "shared_place": answers.get("shared_place") or place}
    return {}


@dataclass(frozen=True)
class SleepFindings:
    shares_sleep_surface: bool | None
    # Never-circumstances recorded in care.unsafe_sleep: found ("yes") or not excluded ("not
    # sure") where the baby shares a sleep surface or might (sharing not known); a sofa or
    # chair wherever the baby sleeps on one.
    never: tuple[str, ...]
    # Never-circumstances found or not excluded in a family where nobody shares: they go
    # into the plan's nights that are different, not into care.unsafe_sleep.
    never_if_sharing: tuple[str, ...]
    modifiable: tuple[str, ...]
    unknown: tuple[str, ...]  # questions that matter and have no answer, or "not sure"
    routine_kinds: tuple[str, ...]
    # Those of ``never`` and ``never_if_sharing`` that rest on "not sure", not on a "yes".
    not_excluded: tuple[str, ...] = ()

    @property
    def status(self) -> str:
        """``care.unsafe_sleep``: present where a never-circumstance or any modifiable risk
        remains; unknown answers are never counted as safe.

        The profile format records present where a never-circumstance or more than one modifiable
        risk remains. With exactly one modifiable risk the safer reading is taken: present
        as well, so that a remaining risk is never recorded as absent ("a safer sleep plan
        is in place"); safer_sleep.yml's practitioner note says why.
        """
        if self.never or self.modifiable:
            return "present"
        return "unknown" if self.unknown else "absent"

    @property
    def never_excluded(self) -> bool:
        """Every never-circumstance is excluded: none found, none left "not sure"."""
        return not (self.never or self.never_if_sharing)

    @property
    def sharing_not_known(self) -> bool:
        return self.shares_sleep_surface is None


def assess(answers: Mapping[str, Any], catalogue: Catalogue | None = None) -> SleepFindings:
    """What the answers find. Unknown is never safe: a never-circumstance answered "not
    sure" counts as not excluded, and "not sure" whether anyone shares keeps every
    never-circumstance the household's answers show (only a "no" to sharing moves them to
    nights that are different)."""
    catalogue = catalogue or sleep_catalogue()
    sharing = answers.get("shares")
    applicable = [q for q in questions(answers) if q != FAMILY_PLAN]
    never, never_if_sharing, modifiable, not_excluded = [], [], [], []
    if any(place_kind(answers.get(q), catalogue) == SOFA_OR_ARMCHAIR for q in PLACE_QUESTIONS):
        never.append(SOFA_OR_ARMCHAIR)
    elif sharing == YES and answers.get("shared_place") == UNKNOWN:
        # someone shares, and where is "not sure": a sofa or armchair is not excluded
        never.append(SOFA_OR_ARMCHAIR)
        not_excluded.append(SOFA_OR_ARMCHAIR)
    for question_id in applicable:
        risk = catalogue.questions[question_id].risk
        answer = answers.get(question_id)
        if risk is None:
            continue
        if risk.tier == "modifiable":
            if answer == risk.when:
                modifiable.append(risk.id)
            continue
        if answer == UNKNOWN:
            not_excluded.append(risk.id)
        elif answer != risk.when:
            continue
        (never_if_sharing if sharing == NO else never).append(risk.id)
    unknown = [q for q in applicable if answers.get(q) in (None, UNKNOWN)
               and not (q in NEVER_QUESTIONS and sharing == NO)]
    return SleepFindings(
        shares_sleep_surface={YES: True, NO: False}.get(sharing),
        never=tuple(never), never_if_sharing=tuple(never_if_sharing),
        modifiable=tuple(modifiable), unknown=tuple(unknown),
        routine_kinds=tuple(answers.get("routine_kinds") or ()),
        not_excluded=tuple(not_excluded))
