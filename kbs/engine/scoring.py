"""Points: each present factor's weight and extra answers, amplified by the baby's vulnerability."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from kbs.engine.answers import Entry
from kbs.engine.catalogue import Factor
from kbs.engine.findings import Findings
from kbs.engine.rules import Rules


@dataclass(frozen=True)
class Points:
    risk: float
    vulnerability: float
    multiplier: float
    by_path: Mapping[str, float]

    @property
    def total(self) -> float:
        return self.risk * self.multiplier + self.vulnerability


def factor_points(factor: Factor, entry: Entry) -> float:
    """A present factor's weight plus the points of its extra answers; otherwise nothing."""
    if not entry.present:
        return 0.0
    fields = factor.fields or {}
    return factor.weight + sum(fields[name].points_for(value)
                               for name, value in entry.details.items())


def count_points(findings: Findings, rules: Rules) -> Points:
    by_path = {a.path: factor_points(a.factor, a.entry) for a in findings.present}
    vulnerable = {a.path for a in findings.vulnerabilities}
    amplification = min(rules.most_amplification, rules.per_vulnerability * len(vulnerable))
    return Points(
        risk=sum(p for path, p in by_path.items() if path not in vulnerable),
        vulnerability=sum(p for path, p in by_path.items() if path in vulnerable),
        multiplier=1 + amplification,
        by_path=by_path,
    )
