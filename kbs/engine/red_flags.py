"""Red flags (docs/PROFILE-FORMAT.md, "Red flags"): they override the points and add their
routes."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from kbs.engine import dash
from kbs.engine.answers import Answers
from kbs.engine.rules import RED_FLAGS, Rules
from kbs.engine.safer_sleep import never_circumstances, sofa_with_intoxication


@dataclass(frozen=True)
class RedFlag:
    id: str
    reason: str
    level_at_least: int
    routes: tuple[str, ...]


def find_red_flags(answers: Answers, rules: Rules) -> tuple[RedFlag, ...]:
    """Every red flag the answers raise, in the spec's order."""
    found = []
    for flag in RED_FLAGS:
        reason = DETECTORS[flag](answers, rules)
        if reason:
            rule = rules.red_flags[flag]
            found.append(RedFlag(flag, reason, _level(flag, answers, rules), rule.routes))
    return tuple(found)


def non_mobile_injury(answers: Answers, rules: Rules) -> str:
    """An injury on a baby who is, or may be, non-mobile (NICE CG89; TEN-4): a baby under
    six months (factors.yml's limit) whatever is said of mobility, a baby not independently
    mobile at any age (rolling is not mobility), or a baby whose mobility or age is not
    known. Only a baby known to be over six months and independently mobile is left out."""
    if not answers.entry("infant.injury_or_bruise").present:
        return ""
    not_mobile = answers.entry("infant.not_mobile")
    under_six_months = answers.entry("infant.under_six_months")
    if under_six_months.present:
        why = ("the baby is under six months (infant.under_six_months), so counts as not "
               "mobile whatever is said of mobility")
    elif not_mobile.present:
        why = "the baby is not independently mobile (rolling is not mobility)"
    elif not_mobile.unknown:
        why = "the baby's mobility is not known, so the baby is treated as not mobile"
    elif under_six_months.unknown:
        why = ("the baby's age is not known, so the baby may be under six months and is "
               "treated as not mobile")
    else:
        return ""
    return f"infant.injury_or_bruise is present and {why}"


def high_risk_domestic_abuse(answers: Answers, rules: Rules) -> str:
    high = [f"carers.{c.role}.domestic_abuse" for c in answers.carers
            if dash.is_high(c.entry("domestic_abuse"), rules)]
    return f"{', '.join(high)}: DASH high or {rules.dash_high_yes}+ yes answers" if high else ""


def intoxicated_care(answers: Answers, rules: Rules) -> str:
    reasons = []
    for carer in answers.carers:
        use = carer.entry("substance_use")
        path = f"carers.{carer.role}.substance_use"
        if not use.present:
            continue
        if use.details.get("intoxicated_care_observed"):
            reasons.append(f"{path}: care while intoxicated has been observed")
        elif use.details.get("pattern") == "chaotic" and carer.sole_carer is not False:
            alone = ("is sometimes alone with the baby" if carer.sole_carer else
                     "is not known never to be alone with the baby")
            reasons.append(f"{path}: chaotic use, and {carer.name} {alone}")
    return "; ".join(reasons)


def hazardous_sleep(answers: Answers, rules: Rules) -> str:
    never = _never(answers)
    if not never:
        return ""
    reason = f"care.unsafe_sleep: sharing a sleep surface with {', '.join(never)}"
    if sofa_with_intoxication(never):
        reason += ": above all, a sofa or armchair with a carer affected by alcohol or drugs"
    return reason


def immediate_danger(answers: Answers, rules: Rules) -> str:
    return "the practitioner says the baby is in danger now" if (
        answers.judgement.immediate_danger) else ""


DETECTORS: dict[str, Callable[[Answers, Rules], str]] = {
    "non_mobile_injury": non_mobile_injury,
    "high_risk_domestic_abuse": high_risk_domestic_abuse,
    "intoxicated_care": intoxicated_care,
    "hazardous_sleep": hazardous_sleep,
    "immediate_danger": immediate_danger,
}


def _never(answers: Answers) -> tuple[str, ...]:
    return never_circumstances(answers.entry("care.unsafe_sleep").details,
                               preterm=answers.entry("infant.preterm").present,
                               low_birth_weight=answers.entry("infant.low_birth_weight").present)


def _level(flag: str, answers: Answers, rules: Rules) -> int:
    if flag == "hazardous_sleep" and sofa_with_intoxication(_never(answers)):
        return rules.sofa_with_intoxication_level
    return rules.red_flags[flag].level_at_least
