"""Which routes a profile suggests, and why (every rule is listed in docs/ROUTES.md)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from kbs.engine import dash
from kbs.engine.answers import Answers
from kbs.engine.findings import Findings
from kbs.engine.red_flags import RedFlag
from kbs.engine.rules import ROUTE_IDS, Rules

HANDLING_FACTORS = ("unsafe_handling", "icon_not_discussed", "no_crying_plan")
# How an exclusion resting only on the carer's account is corroborated
# (docs/PROFILE-FORMAT.md, principle 2): these come first in the routes, after the red
# flags' own.
CORROBORATION_ROUTES = ("information_sharing", "wider_family_engagement")


@dataclass(frozen=True)
class RouteChoice:
    """Routes indicated, and routes to consider by professional judgement, each with why."""

    routes: dict[str, str]
    consider: dict[str, str]


def choose_routes(answers: Answers, findings: Findings, flags: tuple[RedFlag, ...], level: int,
                  rules: Rules) -> RouteChoice:
    routes: dict[str, list[str]] = {}

    def add(route: str, why: Iterable[str]) -> None:
        reasons = list(why)
        if reasons:
            routes.setdefault(route, []).extend(reasons)

    for flag in flags:
        for route in flag.routes:
            add(route, [f"red flag {flag.id}"])
    for route in rules.level_routes[level]:
        add(route, [f"level {level}"])
    add("dash_risk_assessment", dash_reasons(answers))
    add("safer_sleep_plan", safer_sleep_reasons(answers))
    add("safe_handling_plan", safe_handling_reasons(answers))
    add("wider_family_engagement", wider_family_reasons(answers, findings))
    add("information_sharing", information_sharing_reasons(answers, findings))
    add("professionals_meeting", professionals_meeting_reasons(answers, findings))
    add("escalation_policy", _present(answers, ["information.contrasting_views"]))
    add("supervision_discussion", _present(answers, ["information.not_in_supervision"])
        + _hidden(findings))
    add("safeguarding_lead_consult", _hidden(findings))
    add("universal_messages", ["safer sleep and ICON at every contact, for every carer"])
    consider = {route: why for route, why in consider_reasons(answers, flags, rules).items()
                if route not in routes}
    first = []
    if findings.uncorroborated:  # corroboration first, after only the red flags' routes
        first = [*sorted({r for flag in flags for r in flag.routes}, key=ROUTE_IDS.index),
                 *CORROBORATION_ROUTES]
    return RouteChoice(routes=_ordered({r: "; ".join(w) for r, w in routes.items()}, first),
                       consider=_ordered(consider))


def dash_reasons(answers: Answers) -> list[str]:
    return [f"carers.{c.role}.domestic_abuse is {c.entry('domestic_abuse').status} and no DASH "
            "risk checklist has been completed" for c in answers.carers
            if dash.needs_assessment(c.entry("domestic_abuse"))]


def safer_sleep_reasons(answers: Answers) -> list[str]:
    sleep = answers.entry("care.unsafe_sleep")
    reasons = ["care.unsafe_sleep is present"] if sleep.present else []
    if sleep.unknown:
        reasons.append("the safer sleep discussion is not recorded (care.unsafe_sleep unknown)")
    return reasons + _present(answers, ["household.routine_disruption"])


def safe_handling_reasons(answers: Answers) -> list[str]:
    open_items = [f"carers.{c.role}.{factor}" for c in answers.carers for factor in HANDLING_FACTORS
                  if not c.entry(factor).absent]
    reasons = [f"{path} is {answers.entry(path).status}" for path in open_items]
    return reasons + _present(answers, ["infant.health_condition", "infant.excessive_crying"])


def wider_family_reasons(answers: Answers, findings: Findings) -> list[str]:
    reasons = _present(answers, ["information.wider_family_not_engaged"]) + _hidden(findings)
    reasons += [f"{a.path} is excluded only on the carer's account"
                for a in findings.uncorroborated]
    reasons += [f"wider_family[{i}] ({r.relation}): contact {r.contact.replace('_', ' ')}"
                for i, r in enumerate(answers.wider_family) if r.contact != "made"]
    return reasons


def information_sharing_reasons(answers: Answers, findings: Findings) -> list[str]:
    reasons = _present(answers, ["information.information_not_shared",
                                 "information.contrasting_views"])
    return reasons + [f"{a.path}: check other agencies' records" for a in findings.uncorroborated]


def professionals_meeting_reasons(answers: Answers, findings: Findings) -> list[str]:
    minimising = [f"{a.path} is present (apparent cooperation may hide risk)"
                  for a in findings.present if a.factor.id == "minimisation"]
    return _present(answers, ["information.contrasting_views"]) + minimising


def consider_reasons(answers: Answers, flags: tuple[RedFlag, ...], rules: Rules) -> dict[str, str]:
    """Routes for the practitioner's judgement rather than indicated outright."""
    consider = {}
    cusp = [f"carers.{c.role}.domestic_abuse" for c in answers.carers
            if dash.is_on_cusp(c.entry("domestic_abuse"), rules)]
    if cusp:
        consider["marac_referral"] = (
            f"consider by professional judgement: {', '.join(cusp)} is medium risk, on the cusp "
            f"of high (DASH medium or {rules.dash_cusp_yes} to {rules.dash_high_yes - 1} yes); "
            "judgement can refer below 14 (review 5.54)")
    injured = answers.entry("infant.injury_or_bruise").present
    if injured and "non_mobile_injury" not in {flag.id for flag in flags}:
        consider["urgent_paediatric_assessment"] = (
            "consider: an injury or bruise on a baby under one, even one who is mobile")
    return consider


def _present(answers: Answers, paths: list[str]) -> list[str]:
    return [f"{path} is present" for path in paths if answers.entry(path).present]


def _hidden(findings: Findings) -> list[str]:
    return [f"hidden risk ({', '.join(findings.hidden)}): consider escalation"] if (
        findings.hidden) else []


def _ordered(routes: dict[str, str], first: Iterable[str] = ()) -> dict[str, str]:
    """In the order of urgency (ROUTE_IDS), with ``first`` ahead in its own order."""
    order = dict.fromkeys([*first, *ROUTE_IDS])
    return {route: routes[route] for route in order if route in routes}
