"""The family's plan is kept in their words, but never with names, dates of birth or numbers:
a refusal says why (kbs/catalogues/screening.yml's wording, the same in every mode)."""

import pytest

from kbs.identifying import screen


@pytest.mark.parametrize("note", ["Dad will stay sober at the christening.",
                                  "Mum and Dad will use the cot from Monday. Grandma agrees.",
                                  "2 marks on her arm were shown to the GP."])
def test_notes_in_roles_are_kept(note):
    assert screen(note) is None


@pytest.mark.parametrize("note, reason", [
    ("They will ask Sarah to babysit", '"Sarah" may be a name'),
    ("baby born 03/02/2024", "It has a date with a year (03/02/2024)"),
    ("born on 3rd March 2024 at home", "It has a date with a year (3rd March 2024)"),
    ("DOB 030224", "It has a date with a year (030224)"),
    ("call nan on 07700 900123", "looks like a phone number (07700 900123)"),
])
def test_notes_with_names_dates_or_numbers_are_refused(note, reason):
    assert reason in screen(note).reason
