"""The family's plan is kept in their words, but never with names, dates of birth or numbers:
a refusal says why."""

import pytest

from kbs.identifying import check_note


@pytest.mark.parametrize("note", ["Dad will stay sober at the christening.",
                                  "Mum and Dad will use the cot from Monday. Grandma agrees.",
                                  "2 marks on her arm were shown to the GP."])
def test_notes_in_roles_are_kept(note):
    assert check_note(note) is None


@pytest.mark.parametrize("note, reason", [
    ("They will ask Sarah to babysit", "'Sarah' looks like a name"),
    ("baby born 03/02/2024", "it contains a date (03/02/2024)"),
    ("born on 3rd March 2024 at home", "it contains a date (3rd March 2024)"),
    ("DOB 030224", "it contains a date (030224)"),
    ("call nan on 07700 900123", "it contains a long number (07700 900123)"),
])
def test_notes_with_names_dates_or_numbers_are_refused(note, reason):
    assert reason in check_note(note)
