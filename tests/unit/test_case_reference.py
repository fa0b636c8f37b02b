import pytest

from kbs.case_reference import check_reference


@pytest.mark.parametrize("reference", ["KBS-0142", "HV7-23", "case_0042", "SW-12-B", "ab12"])
def test_pseudonymous_codes_are_accepted(reference):
    assert check_reference(reference) is None


@pytest.mark.parametrize("reference, reason", [
    ("Jane Smith", "could be part of a name"),
    ("KBS 0142", "no spaces"),
    ("Smith", "could be part of a name"),
    ("Olivia2024", "could be part of a name"),
    ("baby-Harper-01", "could be part of a name"),
    ("12/03/2024", "date"),
    ("2024-03-12", "date"),
    ("KBS-120324", "date"),
    ("3 March 2024", "date"),
    ("mar24-baby", "date"),
    ("485 777 3456", "NHS number"),
    ("KBS-A", "at least two digits"),
    ("x", "3 to 24"),
    ("<script>", "3 to 24"),
])
def test_names_dates_and_identifiers_are_refused_with_a_reason(reference, reason):
    assert reason in check_reference(reference)
