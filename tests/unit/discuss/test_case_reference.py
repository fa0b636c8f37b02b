"""Case references are pseudonymous and notes keep no names: refusals say why."""

import pytest

from actions.case_reference import check_reference
from actions.identifying import check_note


@pytest.mark.parametrize("reference", ["KBS-0427", "HV 17", "kbs/2024/17", "LDS19", "Case 12"])
def test_pseudonymous_references_are_accepted(reference):
    assert check_reference(reference) is None


@pytest.mark.parametrize("reference, reason", [
    ("Jane Smith", "it has no digits, so it could be a name"),
    ("Smith-17", "'Smith' looks like a name"),
    ("12/03/2024", "it contains a date (12/03/2024). A date of birth identifies a baby"),
    ("born 3rd March 2024", "it contains a date (3rd March 2024)"),
    ("HV-010324", "it contains a date (010324)"),
    ("943 476 5919", "it contains a long number, like an NHS number"),
    ("", "a case reference can't be empty"),
    ("x1" * 21, "it is 42 characters long; a case reference has at most 40."),
    ("<script>1", "a case reference can only have letters, digits"),
])
def test_identifying_references_are_refused_with_the_reason(reference, reason):
    assert reason in check_reference(reference)


@pytest.mark.parametrize("note", ["Dad will stay sober at the christening.",
                                  "Mum and Dad will use the cot from Monday. Grandma agrees."])
def test_notes_in_roles_are_kept(note):
    assert check_note(note) is None


@pytest.mark.parametrize("note, reason", [
    ("They will ask Sarah to babysit", "'Sarah' looks like a name"),
    ("baby born 03/02/2024", "it contains a date (03/02/2024)"),
    ("call nan on 07700 900123", "it contains a long number (07700 900123)"),
])
def test_notes_with_names_dates_or_numbers_are_refused(note, reason):
    assert reason in check_note(note)
