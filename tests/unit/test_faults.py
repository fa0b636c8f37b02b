"""Faults a conversation cannot fix (kbs.faults): which kind, and what is logged of them."""

import pytest
from sqlalchemy import create_engine, text

from kbs import faults
from kbs.catalogues import CatalogueError


def database_fault():
    with pytest.raises(faults.FAULTS) as caught, create_engine("sqlite://").connect() as db:
        db.execute(text("INSERT INTO missing (name) VALUES (:name)"), {"name": "Jane Smith"})
    return caught.value


def test_a_database_fault_is_logged_without_the_statements_values():
    fault = database_fault()
    assert "Jane Smith" in str(fault)  # what a log of the exception would have shown
    described = faults.description(fault)
    assert faults.kind(fault) == faults.DATABASE
    assert "Jane" not in described and "INSERT" not in described
    assert described.startswith("sqlalchemy.exc.OperationalError (sqlite3.OperationalError) at ")
    assert "tests/unit/test_faults.py" in described  # where in the project it was raised


def test_a_catalogue_fault_is_logged_with_its_file_line_and_field():
    fault = CatalogueError("kbs/catalogues/rehearsal.yml", "is missing", field="messages.help",
                           line=3)
    assert faults.kind(fault) == faults.CATALOGUE
    assert faults.description(fault).endswith(
        "kbs/catalogues/rehearsal.yml, line 3: field 'messages.help' is missing")


def test_any_other_value_error_is_a_data_fault_logged_without_its_message():
    try:
        int("Jane Smith")
    except ValueError as error:
        fault = error
    assert faults.kind(fault) == faults.CATALOGUE
    assert "Jane" not in faults.description(fault)
