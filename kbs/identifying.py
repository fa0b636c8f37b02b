"""Spotting what could identify a person in free text (the family's plan in their words,
a practitioner's reason for a judgement): a date with a year (of birth), a long number
(NHS or phone number) or a word that looks like a name. Prose needs its own rules: case
references, short codes, are checked more strictly by kbs.case_reference.

These are checks, not guarantees: the assistant also asks for roles, never names, and
explains why when it refuses something.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import date

MONTHS = ("jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec|january|february|march|april|"
          "june|july|august|september|october|november|december")
NUMERIC_DATE = re.compile(r"\b\d{1,4}[/.-]\d{1,2}[/.-]\d{2,4}\b")
WORDED_DATE = re.compile(
    rf"\b(?:\d{{1,2}}(?:st|nd|rd|th)?\s+(?:of\s+)?(?:{MONTHS})\.?,?\s+\d{{2,4}}"
    rf"|(?:{MONTHS})\.?\s+\d{{1,2}}(?:st|nd|rd|th)?,?\s+\d{{4}})\b", re.I)
DIGIT_RUN = re.compile(r"\d+")
LONG_NUMBER = re.compile(r"(?:\d[ -]?){10,}")
SENTENCES = re.compile(r"[.!?:;]\s+")


def date_in(text: str) -> str | None:
    """A full date (with a year) in ``text``, such as 03/02/2024, 3rd Feb 2024 or 030224."""
    if match := NUMERIC_DATE.search(text) or WORDED_DATE.search(text):
        return match.group(0)
    return next((run for run in DIGIT_RUN.findall(text) if _compact_date(run)), None)


def long_number_in(text: str) -> str | None:
    """A run of 10 or more digits: an NHS number, a phone number."""
    match = LONG_NUMBER.search(text)
    return match.group(0).strip() if match else None


def possible_name(text: str, allowed: Iterable[str]) -> str | None:
    """A capitalised word that is not a known term (``allowed``: roles, services, days,
    months), inside a sentence or possessive ("Sarah's") anywhere: it may be a name. A word
    starting a sentence is capitalised anyway."""
    allowed = {word.lower() for word in allowed}
    for sentence in SENTENCES.split(text.strip()):
        for index, word in enumerate(re.findall(r"[A-Za-z][A-Za-z'-]*", sentence)):
            name = word.removesuffix("'s")
            if (name[0].isupper() and name.lower() not in allowed
                    and (index or name != word)):
                return name
    return None


def check_note(text: str) -> str | None:
    """Why a free-text note cannot be kept as it is, or None when it can. Words that are not
    names are the Assess vocabulary's (kbs/catalogues/assessment.yml, not_names)."""
    from kbs.assessment.vocabulary import load_vocabulary
    if found := date_in(text):
        return (f"it contains a date ({found}). A date of birth would identify the family, so "
                "please leave dates out (for example say 'from next week').")
    if found := long_number_in(text):
        return (f"it contains a long number ({found}), like an NHS or phone number. Please "
                "leave it out; write numbers on the printed plan instead.")
    if found := possible_name(text, load_vocabulary().not_names):
        return (f"'{found}' looks like a name. Please use roles instead (mum, dad, "
                "grandma, the health visitor).")
    return None


def _compact_date(digits: str) -> bool:
    """Six or eight digits that read as a date: ddmmyy, ddmmyyyy or yyyymmdd."""
    if len(digits) == 6:
        return _valid(int(digits[4:]) + 2000, int(digits[2:4]), int(digits[:2]))
    if len(digits) == 8:
        return (_valid(int(digits[4:]), int(digits[2:4]), int(digits[:2]))
                or _valid(int(digits[:4]), int(digits[4:6]), int(digits[6:])))
    return False


def _valid(year: int, month: int, day: int) -> bool:
    try:
        date(year, month, day)
    except ValueError:
        return False
    return 1900 <= year <= 2100
