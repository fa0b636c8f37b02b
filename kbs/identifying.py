"""The one screening of free text before it is stored: what could identify a child or carer.

``screen`` is called on every free text the assistant keeps, in every mode: an Assess
observation note, an account's note, the judgement's reason, the wider-family answer
(kbs.assessment.answering); the family's plan (kbs.safer_practice.conversation); each line of
a rehearsal (kbs.rehearsal.conversation). It finds dates with a year (of birth), NHS
numbers, phone numbers, postcodes, addresses and words that look like names; the words it
looks for and the refusals are kbs/catalogues/screening.yml's. A refused text is not kept,
and the message that refuses it carries the words found (``kbs.chat.Message.screened``), so
that Rasa's conversation store keeps neither (kbs.ops.tracker_redaction). Case references,
short codes, are checked more strictly by kbs.case_reference.

These are checks, not guarantees: the assistant also asks for roles, never names, and says
why when it refuses something.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import date
from functools import cache
from pathlib import Path

from kbs.catalogues import load
from kbs.paths import CATALOGUES_DIR

SCREENING_FILE = CATALOGUES_DIR / "screening.yml"
# The kinds, in the order a refusal names them.
KINDS = ("date", "nhs_number", "phone", "postcode", "address", "name")

MONTHS = ("jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec|january|february|march|april|"
          "june|july|august|september|october|november|december")
NUMERIC_DATE = re.compile(r"\b\d{1,4}[/.-]\d{1,2}[/.-]\d{2,4}\b")
WORDED_DATE = re.compile(
    rf"\b(?:\d{{1,2}}(?:st|nd|rd|th)?\s+(?:of\s+)?(?:{MONTHS})\.?,?\s+\d{{2,4}}"
    rf"|(?:{MONTHS})\.?\s+\d{{1,2}}(?:st|nd|rd|th)?,?\s+\d{{4}})\b", re.I)
DIGIT_RUN = re.compile(r"\d+")
# Digits, maybe grouped by single spaces or hyphens, maybe in brackets or after +.
NUMBER_RUN = re.compile(r"\+?\(?\d(?:\)?[ -]?\(?\d)*")
NHS_GROUPS = re.compile(r"\d{3}[ -]?\d{3}[ -]?\d{4}")
POSTCODE = re.compile(r"\b([A-Z]{1,2}\d[A-Z\d]?) ?(\d[ABD-HJLNP-UW-Z]{2})\b", re.I)
ORDINAL_ENDINGS = {"st", "nd", "rd", "th"}
SENTENCES = re.compile(r"[.!?:;]\s+")
WORD = re.compile(r"(?<![\w'\u2019])[A-Za-z][A-Za-z'\u2019-]*(?!\w)")
# What follows an apostrophe in a word that is not part of a name: I'm, I've, Sarah's.
CONTRACTIONS = {"s", "m", "ve", "ll", "d", "re", "t"}


@dataclass(frozen=True)
class Finding:
    kind: str  # one of KINDS
    found: str  # the words found, as typed


@dataclass(frozen=True)
class Refusal:
    """Why a text cannot be kept: everything found in it, the first kind first."""

    findings: tuple[Finding, ...]

    @property
    def reason(self) -> str:
        """The refusal, in screening.yml's words, for the first thing found."""
        first = self.findings[0]
        return screening().reasons[first.kind].format(found=first.found)

    @property
    def words(self) -> tuple[str, ...]:
        """Every piece of text found, each once: what a refusal must not leave stored."""
        return tuple(dict.fromkeys(finding.found for finding in self.findings))


@dataclass(frozen=True)
class Screening:
    not_names: frozenset[str]
    street_words: frozenset[str]
    street_words_after_capitals: frozenset[str]
    not_street_names: frozenset[str]
    reasons: dict[str, str]
    removed: str


@cache
def screening(path: Path = SCREENING_FILE) -> Screening:
    doc = load(path)
    doc.only(("not_names", "street_words", "street_words_after_capitals", "not_street_names",
              "reasons", "removed"))
    reasons = doc.get("reasons")
    reasons.only(KINDS)
    for kind in KINDS:
        text = reasons.get(kind).text()
        if "{found}" not in text or set(re.findall(r"{(\w*)}", text)) != {"found"}:
            reasons.get(kind).fail("must say {found}, and no other {placeholder}")

    def words(name: str) -> frozenset[str]:
        return frozenset(text.lower() for text in doc.get(name).texts())

    return Screening(words("not_names"), words("street_words"),
                     words("street_words_after_capitals"), words("not_street_names"),
                     {kind: reasons.get(kind).text() for kind in KINDS},
                     doc.get("removed").text())


def screen(text: str, allowed: Iterable[str] = ()) -> Refusal | None:
    """Why ``text`` cannot be kept as it is, or None when it can. ``allowed``: words that
    are not names here besides screening.yml's not_names (a rehearsal's persona)."""
    rules = screening()
    findings = list(_numbers(text))
    findings += [Finding("postcode", found) for found in postcodes(text)]
    findings += [Finding("address", found) for found in addresses(text, rules)]
    findings += [Finding("name", found)
                 for found in possible_names(text, rules.not_names | _lower(allowed))]
    if not findings:
        return None
    return Refusal(tuple(sorted(findings, key=lambda finding: KINDS.index(finding.kind))))


def date_in(text: str) -> str | None:
    """A full date (with a year) in ``text``, such as 03/02/2024, 3rd Feb 2024 or 030224."""
    return next(iter(dates(text)), None)


def dates(text: str) -> list[str]:
    found = [m.group(0) for pattern in (NUMERIC_DATE, WORDED_DATE) for m in pattern.finditer(text)]
    return found + [run for run in DIGIT_RUN.findall(text)
                    if _compact_date(run) and not any(run in f for f in found)]


def nhs_number_valid(digits: str) -> bool:
    """Ten digits whose last is the NHS number's Modulus 11 check digit."""
    if len(digits) != 10 or not digits.isdigit():
        return False
    total = sum(int(digit) * weight for digit, weight in zip(digits[:9], range(10, 1, -1),
                                                             strict=True))
    check = 11 - total % 11
    check = 0 if check == 11 else check
    return check != 10 and check == int(digits[9])


def postcodes(text: str) -> list[str]:
    """UK postcodes ("DE1 2AB", "sw1a1aa"); a lower-case "x1 2nd" is an ordinal, not one."""
    found = []
    for match in POSTCODE.finditer(text):
        inward = match.group(2)
        if inward[1:].lower() in ORDINAL_ENDINGS and inward.islower() \
                and match.group(1).islower():
            continue
        found.append(match.group(0))
    return found


def addresses(text: str, rules: Screening | None = None) -> list[str]:
    """A house number, one to three words of a street name, and a street word ("12 Elm
    Road", "14a station rd"); after "close", "park" and the like, only a capitalised name."""
    rules = rules or screening()
    found = []
    for start in re.finditer(r"\b\d{1,4}[A-Za-z]?\b", text):
        after = text[start.end():]
        words = WORD.findall(after.split("\n", 1)[0])[:4]
        gap = after[:len(after) - len(after.lstrip(" ,"))]
        if not gap or not words:
            continue
        for count in range(1, min(3, len(words) - 1) + 1):
            name, street = words[:count], words[count].lower()
            if any(word.lower() in rules.not_street_names for word in name):
                break
            capitalised = all(word[0].isupper() for word in name)
            if street in rules.street_words or (
                    street in rules.street_words_after_capitals and capitalised):
                end = after.find(words[count]) + len(words[count])
                found.append((start.group(0) + after[:end]).strip())
                break
    return found


def possible_name(text: str, allowed: Iterable[str]) -> str | None:
    """The first word of ``text`` that may be a name (``possible_names``), or None."""
    return next(iter(possible_names(text, _lower(allowed))), None)


def possible_names(text: str, allowed: frozenset[str]) -> list[str]:
    """Capitalised words that are not known terms (``allowed``: roles, services, days,
    months), inside a sentence or possessive ("Sarah's") anywhere: they may be names. A word
    starting a sentence is capitalised anyway."""
    found = []
    for sentence in SENTENCES.split(text.strip()):
        for index, word in enumerate(WORD.findall(sentence)):
            name, possessive = _base(word)
            if (name and name[0].isupper() and name.lower() not in allowed
                    and (index or possessive) and name not in found):
                found.append(name)
    return found


def _base(word: str) -> tuple[str, bool]:
    """The word without a contraction's ending ("I'm" -> "I", "Sarah's" -> "Sarah"), and
    whether it was a possessive."""
    head, apostrophe, tail = word.replace("\u2019", "'").partition("'")
    if apostrophe and tail.lower() in CONTRACTIONS:
        return head, tail.lower() == "s"
    return word.rstrip("'-"), False


def _numbers(text: str) -> Iterator[Finding]:
    """Dates with a year, then what is left of the digits: NHS and phone numbers."""
    found_dates = dates(text)
    yield from (Finding("date", found) for found in found_dates)
    for found in found_dates:
        text = text.replace(found, " ")
    for match in NUMBER_RUN.finditer(text):
        run = match.group(0)
        digits = re.sub(r"\D", "", run)
        if len(digits) < 10:
            continue
        if len(digits) == 10 and (NHS_GROUPS.fullmatch(run) and (
                " " in run or "-" in run or nhs_number_valid(digits))):
            yield Finding("nhs_number", run)
        else:
            yield Finding("phone", run)


def _lower(words: Iterable[str]) -> frozenset[str]:
    return frozenset(word.lower() for word in words)


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
