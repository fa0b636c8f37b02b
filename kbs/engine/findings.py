"""What the answers show, factor by factor: open, unknown, uncorroborated, stress, hidden."""

from __future__ import annotations

from dataclasses import dataclass

from kbs.engine.answers import Answers, FactorAnswer

# A perpetrator's violence is a harmful response to stress ("history of violence").
VIOLENT_ROLES = ("perpetrator", "both")


@dataclass(frozen=True)
class Findings:
    answers: tuple[FactorAnswer, ...]
    present: tuple[FactorAnswer, ...]
    open: tuple[FactorAnswer, ...]
    unknown: tuple[FactorAnswer, ...]
    missing_key: tuple[str, ...]
    uncorroborated: tuple[FactorAnswer, ...]
    stress_points: tuple[FactorAnswer, ...]
    harmful_responses: tuple[FactorAnswer, ...]
    vulnerabilities: tuple[FactorAnswer, ...]
    hidden: tuple[str, ...]
    possibly_external: tuple[FactorAnswer, ...]

    @property
    def complete(self) -> bool:
        return not self.missing_key

    @property
    def key_factor_present(self) -> bool:
        return any(a.factor.key for a in self.present)


def find(answers: Answers) -> Findings:
    every = tuple(answers.factor_answers())
    present = tuple(a for a in every if a.entry.present)
    return Findings(
        answers=every,
        present=present,
        open=tuple(a for a in present if not a.factor.amplifies_only),
        unknown=tuple(a for a in every if a.entry.unknown),
        missing_key=missing_key_factors(answers, every),
        uncorroborated=tuple(a for a in every if is_uncorroborated(a)),
        stress_points=tuple(a for a in present if a.factor.has("stressor")),
        harmful_responses=tuple(a for a in present if is_harmful_response(a)),
        vulnerabilities=tuple(a for a in present if a.factor.has("vulnerability")),
        hidden=hidden_risk(answers, present),
        possibly_external=tuple(a for a in present if a.factor.external_cause),
    )


def missing_key_factors(answers: Answers, every: tuple[FactorAnswer, ...]) -> tuple[str, ...]:
    """Key factors still unknown; "carers" when no carer is recorded at all."""
    missing = tuple(a.path for a in every if a.factor.key and a.entry.unknown)
    return missing if answers.carers else ("carers", *missing)


def is_uncorroborated(answer: FactorAnswer) -> bool:
    """An exclusion resting only on the carer's own account (review 4.3, 5.8, 5.14)."""
    entry = answer.entry
    return (answer.factor.has("needs_corroboration") and entry.absent
            and entry.source == "carer_account")


def is_harmful_response(answer: FactorAnswer) -> bool:
    if answer.factor.has("harmful_response"):
        return True
    role = answer.entry.details.get("role")
    return answer.factor.id == "domestic_abuse" and role in VIOLENT_ROLES


def hidden_risk(answers: Answers, present: tuple[FactorAnswer, ...]) -> tuple[str, ...]:
    """Paths of what is hidden: unseen or non-engaging carers, minimising, blocked contact,
    and accounts that differ (a contradicted factor: review 5.8, 5.14)."""
    refused = tuple(f"wider_family[{i}]" for i, relative in enumerate(answers.wider_family)
                    if relative.contact == "refused")
    return tuple(a.path for a in present if a.factor.has("hidden") or a.entry.contradicted
                 ) + refused
