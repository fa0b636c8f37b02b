""""Review at each contact" (review 9.4): what every visiting practitioner should check."""

from __future__ import annotations

from kbs.engine.findings import Findings
from kbs.engine.suggestions import load_suggestions


def review_items(findings: Findings) -> list[str]:
    """The standing checks, then each open factor, stress point and vulnerability, with why."""
    wording = load_suggestions().review
    notes: dict[str, list[str]] = {}
    groups = (
        ("present", findings.open),
        ("unknown_key", [a for a in findings.unknown if a.factor.key]),
        ("uncorroborated", findings.uncorroborated),
        ("stress_point", findings.stress_points),
        ("vulnerability", findings.vulnerabilities),
    )
    for note, answers in groups:
        for answer in answers:
            notes.setdefault(answer.path, []).append(wording.notes[note])
    items = list(wording.always)
    items += [f"{a.factor.label} ({a.path}): {'; '.join(notes[a.path])}"
              for a in findings.answers if a.path in notes]
    return items
