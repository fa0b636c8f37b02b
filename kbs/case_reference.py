"""Pseudonymous case references: what the assistant accepts, and why it refuses the rest.

A reference must not identify a child or carer: no names, no dates of birth, no NHS
numbers. Practitioners choose codes such as ``KBS-0142`` or ``HV7-23``.
"""

from __future__ import annotations

import re
from datetime import datetime
from functools import cache
from pathlib import Path

from kbs.catalogues import load
from kbs.paths import CATALOGUES_DIR

CASES_FILE = CATALOGUES_DIR / "cases.yml"

ALLOWED = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_-]{2,23}$")
ALLOWED_WORDS = {"case", "baby", "family", "ref", "team", "visit", "infant", "test"}
MONTHS = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")
WORDS_ONLY = re.compile(r"[A-Za-z][A-Za-z' -]*")
DATE_WITH_SEPARATORS = re.compile(r"\d{1,4}[./_-]\d{1,2}[./_-]\d{2,4}")
EXAMPLE = "Choose a code such as KBS-0142 (letters, digits and hyphens, with at least two digits)."


def declines(text: str) -> bool:
    """Whether ``text``, typed at a case-reference prompt, says there is no case ("no
    thanks", "not for a case", "carry on without one", "skip"): it opens with one of the
    phrases of cases.yml's ``no_case`` and holds no word with a digit (a reference)."""
    words = _words(text)
    if not words or any(any(ch.isdigit() for ch in word) for word in words):
        return False
    return any(tuple(words[:len(phrase)]) == phrase for phrase in no_case_phrases())


def asks_to_discard(text: str) -> bool:
    """Whether the whole message (with or without "please") asks to discard the assessment
    version in progress: one of cases.yml's ``discard`` phrases."""
    words = tuple(word for word in _words(text) if word != "please")
    return bool(words) and words in phrases("discard")


def asks_to_save_plan(text: str) -> bool:
    """Whether ``text`` asks to save a plan ("save this plan to KBS-2207", "can you add
    that plan to case HV7-23?"): one of cases.yml's ``save_plan`` words and "plan" in it."""
    words = set(_words(text))
    return bool(words & {"plan", "plans"}) and any(
        phrase[0] in words for phrase in phrases("save_plan"))


def reference_in(text: str) -> str | None:
    """The one word with digits in ``text`` ("save this plan to KBS-2207?" -> "KBS-2207"),
    not yet checked; None when there is none, or more than one."""
    coded = [word.strip(".,;:!?\"'()") for word in text.split()
             if any(ch.isdigit() for ch in word)]
    return coded[0] if len(coded) == 1 else None


def no_case_phrases() -> tuple[tuple[str, ...], ...]:
    """The no-case phrases, each as its words."""
    return phrases("no_case")


@cache
def age_weeks_apart(path: Path = CASES_FILE) -> float:
    """How far (in weeks) a discussion's age for the baby may be from the assessment's."""
    return load(path).get("same_baby").get("age_weeks_apart").number(0, 52)


@cache
def phrases(name: str, path: Path = CASES_FILE) -> tuple[tuple[str, ...], ...]:
    """One list of cases.yml's phrases (no_case, discard, the_same_baby, not_the_same_baby,
    same_baby_hedges, save_plan), each as its words."""
    doc = load(path)
    doc.only(("no_case", "discard", "same_baby", "the_same_baby", "not_the_same_baby",
              "same_baby_hedges", "save_plan"),
             ("review", "case_list"))  # read by kbs/case_list.py
    return tuple(tuple(_words(phrase)) for phrase in doc.get(name).texts())


def _words(text: str) -> list[str]:
    return re.findall(r"[a-z0-9]+(?:['\u2019][a-z]+)?", text.lower().replace("\u2019", "'"))


def check_reference(text: str) -> str | None:
    """None when ``text`` is an acceptable reference; otherwise the reason it is refused."""
    reference = text.strip()
    if _looks_like_date(reference):
        return ("That looks like a date, which could be a date of birth. A case reference must "
                "not identify anyone. " + EXAMPLE)
    if re.fullmatch(r"\d{3}\s?\d{3}\s?\d{4}", reference):
        return "That looks like an NHS number, which identifies a person. " + EXAMPLE
    # Words alone ("Jane Smith") are refused as a possible name before the format is checked.
    if WORDS_ONLY.fullmatch(reference) and (name := _name_like(reference)):
        return name
    if not ALLOWED.fullmatch(reference):
        return ("A case reference is 3 to 24 letters, digits, hyphens or underscores, with no "
                "spaces. " + EXAMPLE)
    name = _name_like(reference)
    if name:
        return name
    if sum(ch.isdigit() for ch in reference) < 2:
        return "A case reference needs at least two digits. " + EXAMPLE
    return None


def _name_like(reference: str) -> str | None:
    for word in re.findall(r"[A-Za-z]{4,}", reference):
        if word.lower() not in ALLOWED_WORDS:
            return (f"'{word}' could be part of a name. A case reference must not identify a "
                    "child or carer. " + EXAMPLE)
    return None


def _looks_like_date(text: str) -> bool:
    lowered = text.lower()
    if DATE_WITH_SEPARATORS.search(lowered):
        return True
    if any(re.search(rf"\d{{1,2}}\s*{month}|{month}[a-z]*\s*\d", lowered) for month in MONTHS):
        return True
    return any(_is_date(run) for run in re.findall(r"\d{6,8}", lowered))


def _is_date(digits: str) -> bool:
    formats = {6: ("%d%m%y", "%y%m%d"), 8: ("%d%m%Y", "%Y%m%d")}.get(len(digits), ())
    for fmt in formats:
        try:
            datetime.strptime(digits, fmt)
        except ValueError:
            continue
        return True
    return False
