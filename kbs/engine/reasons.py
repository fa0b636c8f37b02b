"""Why each answer counted: the text behind every factor path in a profile's reasons."""

from __future__ import annotations

from kbs.engine.answers import FactorAnswer
from kbs.engine.findings import Findings
from kbs.engine.scoring import Points


def factor_reasons(findings: Findings, points: Points) -> dict[str, str]:
    reasons = {a.path: present_reason(a, points.by_path[a.path]) for a in findings.present}
    reasons |= {a.path: uncorroborated_reason(a) for a in findings.uncorroborated}
    reasons |= {a.path: f"not yet known: a key factor, so the profile is incomplete. "
                        f"Ask: {a.factor.question}"
                for a in findings.unknown if a.factor.key}
    return reasons


def present_reason(answer: FactorAnswer, points: float) -> str:
    entry = answer.entry
    source = (entry.source or "").replace("_", " ") or ("derived" if entry.derived_from
                                                         else "source not recorded")
    said = [source, *(f"{name}: {_value(value)}" for name, value in entry.details.items())]
    if entry.note:
        said.append(entry.note)
    amplifies = " that amplify other risks" if answer.factor.has("vulnerability") else ""
    reason = (f"present ({'; '.join(said)}): {points:g} points{amplifies}. "
              f"Why it matters: {answer.factor.rationale}")
    return f"{reason} {answer.factor.external_cause}".strip()


def uncorroborated_reason(answer: FactorAnswer) -> str:
    return ("excluded only on the carer's own account, which is not enough on its own "
            f"(review 4.3, 5.8). Corroborate: {answer.factor.corroborate}")


def _value(value: object) -> str:
    if isinstance(value, tuple):
        return ", ".join(value) or "none"
    return str(value).lower() if isinstance(value, bool) else str(value)
