"""Numbers in free text: lengths of time in weeks, weights in kg, counts.

"three-month-old" is 13 weeks, "34+2" is 34.3 weeks, "36 weeks and 6 days" is 36.9,
"7 lb 4 oz" is 3.29 kg, "3200 g" is 3.2 kg. Each reader returns None (or nothing) when the
text holds no such number.
"""

from __future__ import annotations

from dataclasses import dataclass

from kbs.text.words import Reading

WORD_NUMBERS = {
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
    "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13,
    "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18,
    "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50,
}
WEEKS_PER = {"week": 1, "weeks": 1, "wk": 1, "wks": 1, "w": 1, "day": 1 / 7, "days": 1 / 7,
             "month": 52 / 12, "months": 52 / 12, "mth": 52 / 12, "mths": 52 / 12}
DAYS = ("day", "days")
KG_PER = {"kg": 1, "kgs": 1, "kilo": 1, "kilos": 1, "kilogram": 1, "kilograms": 1,
          "g": 0.001, "gm": 0.001, "gms": 0.001, "gram": 0.001, "grams": 0.001}
POUNDS = ("lb", "lbs", "pound", "pounds")
OUNCES = ("oz", "ounce", "ounces")
KG_PER_POUND = 0.45359237
GRAMS_ABOVE = 100  # a bare weight over this is in grams ("3200"), else in kg ("3.2")
SKIPPED = ("-", "and", "a", "half")  # between a number and its unit: "3-month", "2 and a half"
# "a" is one ("a month", "she's a week old") only at the start or after one of these: not in
# "20 units a week" or "twice a day", where it means each.
BEFORE_A_LENGTH = ("about", "around", "only", "just", "nearly", "almost", "over", "under",
                   "barely", "roughly", "is", "'s", "was", "aged", "for", "than", "now")


@dataclass(frozen=True)
class Length:
    """A length of time said in the message, in weeks, and the words that say it."""

    weeks: float
    start: int
    end: int  # after the unit (or the days of "34+2", "36 weeks and 6 days")
    plus_days: bool = False  # written as a gestation is: 34+2
    in_weeks: bool = True  # counted in weeks, not months or days (a gestation is in weeks)


def numbers(reading: Reading) -> list[tuple[int, float]]:
    """(word position, value) for every number, in words or digits."""
    found = []
    for i, word in enumerate(reading.words):
        if word.replace(".", "", 1).isdigit():
            found.append((i, float(word)))
        elif word in WORD_NUMBERS and (word not in ("a", "an") or _one(reading, i)):
            found.append((i, float(WORD_NUMBERS[word])))
    return found


def lengths(reading: Reading) -> list[Length]:
    """Every length of time, in the order said; the days of "36 weeks and 6 days" are part
    of the weeks, not a length of their own."""
    found: list[Length] = []
    for i, value in numbers(reading):
        if found and i < found[-1].end:
            continue
        days = _plus_days(reading, i)
        if days is not None:
            found.append(Length(round(value + days / 7, 1), i, i + 3, plus_days=True))
            continue
        unit_at = _unit_at(reading, i)
        if unit_at is None or reading.words[unit_at] not in WEEKS_PER:
            continue
        unit = reading.words[unit_at]
        weeks, end = value * WEEKS_PER[unit], unit_at + 1
        more = _and_days(reading, end) if unit not in DAYS else None
        if more is not None:
            weeks, end = weeks + more[0] / 7, more[1]
        found.append(Length(round(weeks, 1), i, end, in_weeks=WEEKS_PER[unit] == 1))
    return found


def kilograms(reading: Reading) -> float | None:
    """The first weight said with its unit, in kg: kg, g, or pounds and ounces."""
    for i, value in numbers(reading):
        unit = _unit_after(reading, i)
        if unit in KG_PER:  # to the gram: 2499 g is under 2.5 kg
            return round(value * KG_PER[unit], 3)
        if unit in POUNDS:
            ounces = next((v for j, v in numbers(reading) if j > i
                           and _unit_after(reading, j) in OUNCES), 0.0)
            return round((value + ounces / 16) * KG_PER_POUND, 2)
    return None


def weight_span(reading: Reading) -> tuple[int, int] | None:
    """Where the first weight said with its unit is: its first word, and the word after its
    unit (after the ounces of "7 lb 4 oz")."""
    for i, _ in numbers(reading):
        unit = _unit_at(reading, i)
        if unit is None or reading.words[unit] not in (*KG_PER, *POUNDS):
            continue
        end = unit + 1
        if reading.words[unit] in POUNDS:
            end = next((at + 1 for j, _ in numbers(reading) if j > i
                        and (at := _unit_at(reading, j)) is not None
                        and reading.words[at] in OUNCES), end)
        return i, end
    return None


def as_kilograms(number: float) -> float:
    """A weight given as a bare number: grams when over 100 ("3200"), else kg ("3.2")."""
    return round(number / 1000, 3) if number > GRAMS_ABOVE else number


def bare(reading: Reading, units: frozenset[str] = frozenset()) -> float | None:
    """The message's only number, when no unit of time or weight (nor one of ``units``)
    follows it: the answer to a question that asks for a number ("12", "3200")."""
    found = numbers(reading)
    if len(found) != 1:
        return None
    unit = _unit_after(reading, found[0][0])
    if unit in WEEKS_PER or unit in KG_PER or unit in POUNDS or unit in OUNCES or unit in units \
            or _plus_days(reading, found[0][0]) is not None:
        return None
    return found[0][1]


def count(reading: Reading) -> int | None:
    """The first whole number in the message."""
    return next((int(value) for _, value in numbers(reading) if value == int(value)), None)


def is_number(word: str) -> bool:
    return word.replace(".", "", 1).isdigit() or word in WORD_NUMBERS


def value_of(word: str) -> float:
    return float(word) if word.replace(".", "", 1).isdigit() else float(WORD_NUMBERS[word])


def _unit_at(reading: Reading, i: int) -> int | None:
    for j in range(i + 1, min(i + 4, len(reading.words))):
        if reading.words[j] not in SKIPPED:
            return j
    return None


def _unit_after(reading: Reading, i: int) -> str:
    at = _unit_at(reading, i)
    return "" if at is None else reading.words[at]


def _one(reading: Reading, i: int) -> bool:
    """Whether "a" (or "an") is the number one: before a unit, and not meaning "each"."""
    unit = _unit_after(reading, i)
    return (unit in WEEKS_PER or unit in KG_PER or unit in POUNDS) and (
        i == 0 or reading.words[i - 1] in BEFORE_A_LENGTH)


def _plus_days(reading: Reading, i: int) -> int | None:
    """The days in a gestation written 34+2."""
    words = reading.words
    if i + 2 < len(words) and words[i + 1] == "+" and words[i + 2].isdigit():
        return int(words[i + 2])
    return None


def _and_days(reading: Reading, end: int) -> tuple[float, int] | None:
    """The days said after weeks: "36 weeks and 6 days" (the days, and where they end)."""
    words = reading.words
    if end + 2 < len(words) and words[end] == "and" and is_number(words[end + 1]) \
            and words[end + 2] in DAYS:
        return value_of(words[end + 1]), end + 3
    return None
