"""From points to a level: stress x response, floors, red flags, then judgement (scoring.yml)."""

from __future__ import annotations

from dataclasses import dataclass

from kbs.engine.answers import Judgement
from kbs.engine.findings import Findings
from kbs.engine.red_flags import RedFlag
from kbs.engine.rules import Rules
from kbs.engine.scoring import Points

TOP = 4


@dataclass(frozen=True)
class LevelDecision:
    level: int
    computed: int
    steps: tuple[str, ...]
    judgement_applied: bool


def decide_level(points: Points, findings: Findings, flags: tuple[RedFlag, ...], rules: Rules,
                 judgement: Judgement) -> LevelDecision:
    level = rules.level_for_points(points.total)
    steps = [_points_step(points, level)]
    if stress_meets_response(findings):
        raised = min(TOP, level + rules.stress_response_raise)
        effect = (f"raises level {level} to {raised}" if raised > level
                  else "applies at the top level")
        steps.append(f"stress x response: a household stress point with a carer's harmful "
                     f"response to stress {effect} (review 6.3, 7.8)")
        level = raised
    for floor, why in _floors(findings, flags, rules):
        if floor > level:
            steps.append(f"{why}: level {floor} at least")
            level = floor
    computed = level
    applied = judgement.level is not None and judgement.level > computed
    if applied:
        steps.append(f"professional judgement raises level {computed} to {judgement.level}: "
                     f"{judgement.note}")
        level = judgement.level
    elif judgement.level is not None:
        steps.append(f"professional judgement of level {judgement.level} is recorded but not "
                     f"applied: judgement can raise a level, never lower it")
    return LevelDecision(level=level, computed=computed, steps=tuple(steps),
                         judgement_applied=applied)


def stress_meets_response(findings: Findings) -> bool:
    return bool(findings.stress_points and findings.harmful_responses)


def _points_step(points: Points, level: int) -> str:
    step = f"{points.total:g} points give level {level}"
    if points.multiplier > 1 and points.risk:
        step += (f" ({points.risk:g} risk points x {points.multiplier:g} for the baby's "
                 f"vulnerability, plus {points.vulnerability:g})")
    return step


def _floors(findings: Findings, flags: tuple[RedFlag, ...],
            rules: Rules) -> list[tuple[int, str]]:
    floors = []
    if not findings.complete:
        floors.append((rules.floors["incomplete"],
                       "incomplete: key factors are unknown, and unknown is never counted as "
                       "safe (review 7.12)"))
    if findings.key_factor_present:
        floors.append((rules.floors["key_factor_present"], "a key factor is present"))
    if findings.hidden:
        floors.append((rules.floors["hidden_risk"],
                       "hidden risk: consider escalation, not reassurance (review 4.5, 5.15)"))
    if findings.uncorroborated:
        floors.append((rules.floors["uncorroborated"],
                       f"uncorroborated: {', '.join(a.path for a in findings.uncorroborated)} "
                       "excluded only on the carer's own account, which is not enough "
                       "(review 4.3, 5.8, 5.14)"))
    floors += [(flag.level_at_least, f"red flag {flag.id}") for flag in flags]
    return floors
