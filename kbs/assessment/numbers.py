"""Numbers in free text: a baby's age and gestation in weeks, birth weight in kg, counts.

"three-month-old" is 13 weeks, "34+2" is 34.3 weeks, "7 lb 4 oz" is 3.29 kg, "3200 g" is
3.2 kg. Each reader returns None when the text holds no such number.
"""

from __future__ import annotations

from kbs.assessment.reading import Reading

WORD_NUMBERS = {
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
    "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13,
    "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18,
    "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50,
}
WEEKS_PER = {"week": 1, "weeks": 1, "wk": 1, "wks": 1, "w": 1, "day": 1 / 7, "days": 1 / 7,
             "month": 52 / 12, "months": 52 / 12, "mth": 52 / 12, "mths": 52 / 12}
KG_PER = {"kg": 1, "kgs": 1, "kilo": 1, "kilos": 1, "kilogram": 1, "kilograms": 1,
          "g": 0.001, "gm": 0.001, "gms": 0.001, "gram": 0.001, "grams": 0.001}
POUNDS = ("lb", "lbs", "pound", "pounds")
OUNCES = ("oz", "ounce", "ounces")
KG_PER_POUND = 0.45359237
SKIPPED = ("-", "and", "a", "half")  # between a number and its unit: "3-month", "2 and a half"


def numbers(reading: Reading) -> list[tuple[int, float]]:
    """(word position, value) for every number, in words or digits."""
    found = []
    for i, word in enumerate(reading.words):
        if word.replace(".", "", 1).isdigit():
            found.append((i, float(word)))
        elif word in WORD_NUMBERS and not (word in ("a", "an") and not _unit_follows(reading, i)):
            found.append((i, float(WORD_NUMBERS[word])))
    return found


def weeks(reading: Reading, bare_unit: str = "weeks") -> float | None:
    """A length of time in weeks; a bare number counts in ``bare_unit``."""
    for i, value in numbers(reading):
        days = _plus_days(reading, i)
        if days is not None:
            return round(value + days / 7, 1)
        unit = _unit_after(reading, i)
        if unit in WEEKS_PER:
            return round(value * WEEKS_PER[unit], 1)
    bare = _bare(reading)
    return None if bare is None else round(bare * WEEKS_PER[bare_unit], 1)


def kilograms(reading: Reading) -> float | None:
    """A weight in kg from kg, g, or pounds and ounces; a bare number is kg, or g over 100."""
    for i, value in numbers(reading):
        unit = _unit_after(reading, i)
        if unit in KG_PER:
            return round(value * KG_PER[unit], 2)
        if unit in POUNDS:
            ounces = next((v for j, v in numbers(reading) if j > i
                           and _unit_after(reading, j) in OUNCES), 0.0)
            return round((value + ounces / 16) * KG_PER_POUND, 2)
    bare = _bare(reading)
    if bare is None:
        return None
    return round(bare / 1000, 2) if bare > 100 else bare


def count(reading: Reading) -> int | None:
    """The first whole number in the message."""
    return next((int(value) for _, value in numbers(reading) if value == int(value)), None)


def _bare(reading: Reading) -> float | None:
    found = numbers(reading)
    return found[0][1] if len(found) == 1 else None


def _unit_after(reading: Reading, i: int) -> str:
    for word in reading.words[i + 1:i + 4]:
        if word not in SKIPPED:
            return word
    return ""


def _unit_follows(reading: Reading, i: int) -> bool:
    unit = _unit_after(reading, i)
    return unit in WEEKS_PER or unit in KG_PER or unit in POUNDS


def _plus_days(reading: Reading, i: int) -> int | None:
    """The days in a gestation written 34+2."""
    words = reading.words
    if i + 2 < len(words) and words[i + 1] == "+" and words[i + 2].isdigit():
        return int(words[i + 2])
    return None
