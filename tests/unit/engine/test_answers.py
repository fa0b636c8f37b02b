"""Reading answers: what the spec allows is modelled, anything else is one line naming the field."""

import json

import pytest

from kbs.engine.answers import load_answers, parse_answers
from kbs.engine.errors import AnswersError

from .builders import FIXTURES, excluded, with_answer, with_values


def error_for(doc) -> str:
    with pytest.raises(AnswersError) as caught:
        parse_answers(doc)
    message = str(caught.value)
    assert "\n" not in message
    return message


def test_a_factor_not_mentioned_is_unknown():
    answers = parse_answers({"carers": {"mother": {}}})
    assert answers.entry("household.isolation").unknown
    assert answers.entry("carers.mother.substance_use").unknown
    assert answers.entry("carers.father.substance_use").unknown


def test_preterm_and_low_birth_weight_follow_from_the_infant_block():
    answers = parse_answers({"infant": {"gestation_weeks": 34, "birth_weight_kg": 2.9}})
    assert answers.entry("infant.preterm").present
    assert answers.entry("infant.preterm").derived_from == "infant.gestation_weeks"
    assert answers.entry("infant.low_birth_weight").absent


def test_age_and_mobility_follow_from_the_infant_block():
    answers = parse_answers({"infant": {"age_weeks": 30, "mobile": False}})
    assert answers.entry("infant.under_six_months").absent
    assert answers.entry("infant.not_mobile").present


def test_an_answer_contradicting_the_infant_block_is_an_error():
    doc = {"infant": {"gestation_weeks": 40},
           "factors": {"infant.preterm": {"status": "present", "source": "observed"}}}
    assert "factors.infant.preterm.status: 'present' contradicts infant.gestation_weeks" in (
        error_for(doc))


@pytest.mark.parametrize("doc,expected", [
    (with_answer(excluded(), "carers.mother.substance_use", "maybe"),
     "carers.mother.substance_use.status: 'maybe' is not one of present, absent, unknown"),
    (with_answer(excluded(), "household.isolation", "present", source="neighbour"),
     "factors.household.isolation.source: 'neighbour' is not one of observed, carer_account"),
    ({"factors": {"household.isolaton": {"status": "absent", "source": "observed"}}},
     "factors.household.isolaton: unknown factor (did you mean household.isolation?)"),
    ({"carers": {"mother": {"drinking": {"status": "present"}}}},
     "carers.mother.drinking: unknown carer factor"),
    ({"carers": {"uncle": {}}}, "carers.uncle: unknown role"),
    ({"infant": {"age_weeks": "ten"}}, "infant.age_weeks: must be a number, got text 'ten'"),
    ({"infant": {"age_weeks": 70}}, "infant.age_weeks: 70 is outside 0 to 52"),
    ({"infant": {"mobile": "no"}}, "infant.mobile: must be true or false"),
    ({"factors": {"household.isolation": {"status": "absent"}}},
     "factors.household.isolation.source: required when status is 'absent'"),
    ({"factors": {"household.isolation": {"source": "observed"}}},
     "factors.household.isolation.status: required"),
    ({"factors": {"household.isolation": "absent"}},
     "factors.household.isolation: must be a mapping"),
    (with_answer(excluded(), "carers.mother.domestic_abuse", "present", dash_yes=30),
     "carers.mother.domestic_abuse.dash_yes: 30 is outside 0 to 24"),
    (with_answer(excluded(), "carers.mother.domestic_abuse", "present", dash="very high"),
     "carers.mother.domestic_abuse.dash: 'very high' is not one of standard, medium, high"),
    (with_answer(excluded(), "carers.mother.substance_use", "present", colour="red"),
     "carers.mother.substance_use.colour: unknown field"),
    ({"carers": {"mother": {"sole_carer": "sometimes"}}},
     "carers.mother.sole_carer: must be true or false"),
    ({"judgement": {"level": 3}}, "judgement.note: required when judgement.level is set"),
    ({"judgement": {"level": 5, "note": "x"}}, "judgement.level: 5 is outside 1 to 4"),
    ({"wider_family": [{"relation": "aunt", "contact": "phoned"}]},
     "wider_family[0].contact: 'phoned' is not one of not_yet, made, refused"),
    ({"wider_family": [{"contact": "made"}]}, "wider_family[0].relation: required"),
    ({"assessed_on": "last Tuesday"}, "assessed_on: 'last Tuesday' is not a date"),
    ({"babby": {}}, "babby: unknown field"),
    (["not", "a", "mapping"], "answers: must be a mapping"),
])
def test_malformed_answers_name_the_field(doc, expected):
    assert expected in error_for(doc)


def test_unsafe_sleep_must_be_present_when_a_never_circumstance_remains():
    doc = with_answer(excluded(), "care.unsafe_sleep", "absent", shares_sleep_surface=True,
                      never=["sofa_or_armchair"])
    assert "factors.care.unsafe_sleep.status: 'absent' but sofa_or_armchair remains" in (
        error_for(doc))


def test_unsafe_sleep_must_be_present_when_more_than_one_modifiable_risk_remains():
    doc = with_answer(excluded(), "care.unsafe_sleep", "absent",
                      modifiable=["pillows_or_duvet", "overheating"])
    assert "pillows_or_duvet, overheating remain" in error_for(doc)


def test_a_preterm_baby_sharing_a_sleep_surface_cannot_be_recorded_as_safe_sleep():
    doc = with_values(with_answer(excluded(), "care.unsafe_sleep", "absent",
                                  shares_sleep_surface=True), infant={"gestation_weeks": 35})
    assert "but preterm remains" in error_for(doc)


def test_one_modifiable_risk_without_sharing_is_not_unsafe_sleep():
    doc = with_answer(excluded(), "care.unsafe_sleep", "absent", shares_sleep_surface=False,
                      never=["smoking"], modifiable=["overheating"])
    assert parse_answers(doc).entry("care.unsafe_sleep").absent


def test_files_are_read_as_json_or_yaml(tmp_path):
    as_json = tmp_path / "answers.json"
    as_json.write_text(json.dumps(excluded(), default=str), encoding="utf-8")
    assert load_answers(as_json) == load_answers(FIXTURES / "all-excluded.yml")


@pytest.mark.parametrize("name,content,expected", [
    ("broken.yml", "factors: [unclosed", "broken.yml: not valid YAML (line 1, column 19)"),
    ("broken.json", '{"factors": ', "broken.json: not valid JSON (line 1, column 13"),
    ("list.yml", "- a\n- b\n", "list.yml: answers: must be a mapping"),
    ("bad.yml", "carers:\n  mother:\n    substance_use: {status: maybe}\n",
     "bad.yml: carers.mother.substance_use.status: 'maybe' is not one of"),
])
def test_file_errors_name_the_file_and_the_field(tmp_path, name, content, expected):
    path = tmp_path / name
    path.write_text(content, encoding="utf-8")
    with pytest.raises(AnswersError, match=None) as caught:
        load_answers(path)
    assert expected in str(caught.value)


def test_an_unreadable_file_is_one_clear_error(tmp_path):
    with pytest.raises(AnswersError, match=r"missing\.yml: cannot be read \(No such file"):
        load_answers(tmp_path / "missing.yml")


def test_a_yaml_date_is_kept_as_an_iso_date():
    assert load_answers(FIXTURES / "all-excluded.yml").assessed_on == "2024-05-01"
