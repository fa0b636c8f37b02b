"""What the safer sleep discussion recorded under care.unsafe_sleep means
(docs/PROFILE-FORMAT.md, "Safer sleep")."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

INTOXICATION = ("alcohol", "drugs_or_medication")


def never_circumstances(details: Mapping[str, Any], *, preterm: bool,
                        low_birth_weight: bool) -> tuple[str, ...]:
    """Never-circumstances that apply to sharing a sleep surface.

    Those recorded count unless the baby is known never to share a sleep surface; the
    baby's own (preterm, low birth weight) count once it is known to share one.
    """
    shares = details.get("shares_sleep_surface")
    if shares is False:
        return ()
    found = list(details.get("never", ()))
    if shares is True:
        own = (("preterm", preterm), ("low_birth_weight", low_birth_weight))
        found += [name for name, applies in own if applies and name not in found]
    return tuple(found)


def modifiable_risks(details: Mapping[str, Any]) -> tuple[str, ...]:
    return tuple(details.get("modifiable", ()))


def sofa_with_intoxication(never: tuple[str, ...]) -> bool:
    """A sofa or armchair shared with a carer affected by alcohol or drugs (review 5.11, 5.12)."""
    return "sofa_or_armchair" in never and any(item in never for item in INTOXICATION)
