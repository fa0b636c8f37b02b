"""Score a baby's answers into an Infant Care Profile
(docs/PROFILE-FORMAT.md, "Output of `kbs score`")."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, fields
from typing import Any

from kbs.engine.answers import Answers, parse_answers
from kbs.engine.findings import Findings, find
from kbs.engine.levels import decide_level, stress_meets_response
from kbs.engine.reasons import factor_reasons
from kbs.engine.red_flags import find_red_flags
from kbs.engine.review import review_items
from kbs.engine.routes import choose_routes
from kbs.engine.rules import load_rules
from kbs.engine.scoring import count_points
from kbs.engine.wider_family import wider_family_steps


@dataclass(frozen=True)
class Profile:
    """One dated version of a baby's profile; to_dict() gives the spec's JSON keys."""

    level: int
    level_name: str
    complete: bool
    red_flags: tuple[str, ...]
    routes: tuple[str, ...]
    routes_to_consider: tuple[str, ...]
    open_factors: tuple[str, ...]
    unknown_factors: tuple[str, ...]
    missing_key_factors: tuple[str, ...]
    uncorroborated: tuple[str, ...]
    stress_points: tuple[str, ...]
    vulnerabilities: tuple[str, ...]
    hidden_risk: bool
    hidden_risk_factors: tuple[str, ...]
    possibly_externally_caused: tuple[str, ...]
    wider_family: tuple[str, ...]
    review_at_each_contact: tuple[str, ...]
    judgement: Mapping[str, Any]
    reasons: Mapping[str, str]
    points: float
    assessed_on: str | None

    def to_dict(self) -> dict[str, Any]:
        return plain_dict(self)


def score(answers: Answers | Mapping[str, Any]) -> Profile:
    """Score answers (checked Answers, or a document as from JSON/YAML; AnswersError if bad)."""
    if not isinstance(answers, Answers):
        answers = parse_answers(answers)
    rules = load_rules()
    findings = find(answers)
    flags = find_red_flags(answers, rules)
    points = count_points(findings, rules)
    decision = decide_level(points, findings, flags, rules, answers.judgement)
    choice = choose_routes(answers, findings, flags, decision.level, rules)
    reasons = {"level": "; ".join(decision.steps), "complete": _completeness(findings)}
    reasons |= factor_reasons(findings, points)
    reasons |= {f"red_flags.{flag.id}": flag.reason for flag in flags}
    reasons |= {f"routes.{route}": why for route, why in {**choice.routes,
                                                          **choice.consider}.items()}
    if findings.hidden:
        reasons["hidden_risk"] = (f"{', '.join(findings.hidden)}: consider escalation, "
                                  "not reassurance (review 4.5, 5.15)")
    if stress_meets_response(findings):
        reasons["stress_x_response"] = (
            f"stress points {', '.join(a.path for a in findings.stress_points)} with harmful "
            f"responses {', '.join(a.path for a in findings.harmful_responses)}")
    return Profile(
        level=decision.level,
        level_name=rules.levels[decision.level].name,
        complete=findings.complete,
        red_flags=tuple(flag.id for flag in flags),
        routes=tuple(choice.routes),
        routes_to_consider=tuple(choice.consider),
        open_factors=_paths(findings.open),
        unknown_factors=_paths(findings.unknown),
        missing_key_factors=findings.missing_key,
        uncorroborated=_paths(findings.uncorroborated),
        stress_points=_paths(findings.stress_points),
        vulnerabilities=_paths(findings.vulnerabilities),
        hidden_risk=bool(findings.hidden),
        hidden_risk_factors=findings.hidden,
        possibly_externally_caused=_paths(findings.possibly_external),
        wider_family=tuple(wider_family_steps(answers, findings)),
        review_at_each_contact=tuple(review_items(findings)),
        judgement={"level": answers.judgement.level, "note": answers.judgement.note,
                   "applied": decision.judgement_applied, "computed_level": decision.computed,
                   "immediate_danger": answers.judgement.immediate_danger},
        reasons=reasons,
        points=round(points.total, 2),
        assessed_on=answers.assessed_on,
    )


def _completeness(findings: Findings) -> str:
    if findings.complete:
        return "complete: every key factor is known"
    return (f"incomplete: {len(findings.missing_key)} key factor(s) not yet known "
            f"({', '.join(findings.missing_key)}); this is an incomplete assessment, "
            "not a low-risk one")


def _paths(answers: tuple) -> tuple[str, ...]:
    return tuple(a.path for a in answers)


def plain_dict(record: Any) -> dict[str, Any]:
    """A dataclass as JSON-ready data: tuples become lists, mappings dicts."""
    return {f.name: _plain(getattr(record, f.name)) for f in fields(record)}


def _plain(value: Any) -> Any:
    if isinstance(value, tuple):
        return list(value)
    if isinstance(value, Mapping):
        return dict(value)
    return value
