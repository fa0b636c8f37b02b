"""Recognise questions that are really about a baby the practitioner is worried about now.

A general question ("what do I do about a bruise on a 10-week-old?") gets its card. A live
concern ("there's a bruise on the baby I'm visiting", "I'm worried about a baby now") also
gets the urgent routes and a pointer to the assessment, before any card. Erring towards
recognising a live case is deliberate: the routes are shown beside the card, never instead
of it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# Route ids are docs/PROFILE-FORMAT.md's; local names and contacts live in the routes config.
EMERGENCY = "emergency_999"
PAEDIATRIC = "urgent_paediatric_assessment"
SOCIAL_CARE = "childrens_social_care_referral"
SAFEGUARDING_LEAD = "safeguarding_lead_consult"

_WORRY = re.compile(
    r"\b(?:i am|i'm|im|we are|we're|i feel|i've been|we've been)\s+"
    r"(?:really |very |so |quite |a bit |a little |getting )?"
    r"(?:worried|concerned|scared|frightened|anxious|uneasy)\b"
    r"|\bi have (?:real |serious |some )?concerns? about (?:a|this|the|my|one)\b"
)
_HYPOTHETICAL = re.compile(r"\b(?:if|when|whenever)\s+$")
_PRESENT = re.compile(
    r"\b(?:right now|now|at the moment|currently|today|tonight|this (?:morning|afternoon|evening)"
    r"|in front of me|on my caseload|on (?:my|a|today's|this) (?:home )?visit"
    r"|i(?:'m| am) (?:visiting|with|at|in)\b"
    r"|(?:i|we)(?:'ve| have)? (?:just )?(?:seen|saw|found|noticed|spotted|been told)"
    r"|there(?:'s| is) an? (?:bruise|mark|injury|cut|burn|swelling)"
    r"|(?:the|a|this) (?:baby|infant|child) (?:i|we)(?:'m| am|'re| are|'ve| have)? "
    r"(?:visiting|seeing|working with|visited|saw|seen|see|visit))"
)
_CONCERN = re.compile(
    r"\b(?:worr\w*|concern\w*|bruis\w*|marks?|marked|injur\w*|hurt|harm\w*|danger\w*|unsafe"
    r"|drunk|intoxicated|shak\w*|hit|fractur\w*|swell\w*|swollen|burns?|abus\w*|violen\w*"
    r"|neglect\w*|scared)\b"
)
_INJURY = re.compile(
    r"\b(?:bruis\w*|marks?|marked|injur\w*|fractur\w*|swell\w*|swollen|burns?|bleed\w*|cuts?)\b"
)
_DANGER = re.compile(
    r"\b(?:in danger|not breathing|stopped breathing|unresponsive|won't wake|unconscious|floppy"
    r"|turning blue|blue lips|fitting|seizure)\b"
)


@dataclass(frozen=True)
class LiveCase:
    routes: tuple[str, ...]
    injury: bool
    danger: bool


def recognise_live_case(question: str) -> LiveCase | None:
    """The urgent routes when ``question`` is about a baby the practitioner is concerned about
    now; None for a general question."""
    text = question.lower().replace("\u2019", "'")
    danger = bool(_DANGER.search(text))
    worried = any(not _HYPOTHETICAL.search(text[: m.start()]) for m in _WORRY.finditer(text))
    present = bool(_PRESENT.search(text)) and bool(_CONCERN.search(text))
    if not (danger or worried or present):
        return None
    return live_case(injury=bool(_INJURY.search(text)), danger=danger)


def live_case(injury: bool = False, danger: bool = False) -> LiveCase:
    """The urgent routes for a live concern; an injury adds urgent paediatric assessment."""
    routes = (EMERGENCY, *((PAEDIATRIC,) if injury else ()), SOCIAL_CARE, SAFEGUARDING_LEAD)
    return LiveCase(routes=routes, injury=injury, danger=danger)
