"""How much of each domain of a profile is present, unknown or excluded.

Every factor of the engine's catalogue counts, so a factor never asked shows as unknown
(the assumption of risk: unknown is never safe); factors that follow from the baby's age,
gestation, weight or mobility are set as the engine sets them. Age and mobility themselves
only amplify other risks, so they are not drawn.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from kbs.engine import parse_answers
from web_widget.labels import domain_name

STATUS_WORDS = {"present": "present", "unknown": "unknown", "absent": "excluded"}
ORDER = {"infant": 0, "household": 1, "carers": 2, "care": 3, "information": 4}


@dataclass
class Domain:
    key: str
    name: str
    factors: dict[str, list[str]] = field(
        default_factory=lambda: {"present": [], "unknown": [], "excluded": []})

    def count(self, status: str) -> int:
        return len(self.factors[status])

    @property
    def total(self) -> int:
        return sum(len(paths) for paths in self.factors.values())


def domains(document: Mapping[str, Any]) -> list[Domain]:
    """Baby, household, each carer, care and information; AnswersError if ``document`` is bad."""
    found: dict[str, Domain] = {}
    for answer in parse_answers(document).factor_answers():
        if answer.factor.amplifies_only:
            continue
        key = f"carers.{answer.carer.role}" if answer.carer else answer.factor.domain
        domain = found.setdefault(key, Domain(key, domain_name(key)))
        domain.factors[STATUS_WORDS[answer.entry.status]].append(answer.path)
    return sorted(found.values(), key=lambda d: ORDER[d.key.split(".")[0]])
