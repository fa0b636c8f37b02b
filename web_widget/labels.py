"""Readable names for the profile's factor paths, routes, red flags and levels.

Until the engine's catalogue and routes configuration (issue 3) are merged, names are
made from the ids themselves; the ids stay visible so nothing is lost in translation.
"""

from __future__ import annotations

LEVEL_NAMES = {1: "universal", 2: "early help", 3: "intensive", 4: "specialist"}
DOMAIN_NAMES = {"infant": "Baby", "household": "Household", "care": "Care",
                "information": "Information"}
RED_FLAGS = {"non_mobile_injury": "Injury to a baby who is not mobile",
             "high_risk_domestic_abuse": "High-risk domestic abuse",
             "intoxicated_care": "Care while intoxicated",
             "hazardous_sleep": "Hazardous shared sleep", "immediate_danger": "Danger now"}
WORDS = {"childrens": "children's", "marac": "MARAC", "icon": "ICON", "dash": "DASH",
         "paediatric": "paediatric", "999": "999"}


def words(identifier: str) -> str:
    """`childrens_social_care_referral` -> "Children's social care referral"."""
    parts = [WORDS.get(part, part) for part in identifier.split("_")]
    text = " ".join(parts)
    return text[:1].upper() + text[1:]


def domain_name(domain: str) -> str:
    """`infant` -> "Baby"; `carers.other_adult_2` -> "Other adult 2"."""
    if domain.startswith("carers."):
        return words(domain.removeprefix("carers."))
    return DOMAIN_NAMES.get(domain, words(domain))


def factor_label(path: str) -> str:
    """`carers.mother.substance_use` -> "Mother: substance use"."""
    domain, _, factor = path.rpartition(".")
    return f"{domain_name(domain)}: {words(factor).lower()}" if domain else words(path)


def flag_label(flag: str) -> str:
    return RED_FLAGS.get(flag, words(flag))


def level_label(level: int | None, name: str | None = None) -> str:
    if level is None:
        return "not scored"
    return f"Level {level}: {name or LEVEL_NAMES.get(level, '')}"
