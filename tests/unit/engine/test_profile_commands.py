"""`kbs score` and `kbs compare` as a practitioner or another system meets them."""

import json
import subprocess

import pytest
from click.testing import CliRunner

from kbs.cli.profile_commands import compare, score
from kbs.engine.routes_config import ROUTES_ENV

from .builders import FIXTURES

INFANT_1 = str(FIXTURES / "infant-1-before-harm.yml")


def run(command, *args, env=None):
    return CliRunner().invoke(command, list(args), env=env)


def test_score_prints_the_spec_keys_as_json():
    result = run(score, INFANT_1, "--format", "json")
    assert result.exit_code == 0
    profile = json.loads(result.output)
    assert profile["level"] >= 3 and profile["level_name"] in ("intensive", "specialist")
    assert profile["red_flags"] == ["intoxicated_care"]


def test_score_text_puts_the_level_then_red_flags_then_routes_with_contacts():
    text = run(score, INFANT_1).output
    order = [text.index(f"\n{heading}") for heading in (
        "Level ", "RED FLAGS: act on these first\n", "Routes\n", "Open factors (present)\n",
        "Wider family\n", "Review at each contact\n")]
    assert order == sorted(order)
    assert "Starting Point" in text  # local contact text from the routes file
    assert "HIDDEN RISK" in text


def test_score_text_shows_how_to_corroborate(tmp_path):
    answers = tmp_path / "a.yml"
    answers.write_text("carers:\n  mother:\n    mental_health: {status: absent, "
                       "source: carer_account}\n", encoding="utf-8")
    text = run(score, str(answers)).output
    assert "Uncorroborated" in text and "Corroborate: Ask the GP" in text
    assert "INCOMPLETE" in text


def test_level_1_text_supports_judgement_and_never_reassures():
    text = run(score, str(FIXTURES / "all-excluded.yml")).output.lower()
    assert "level 1" in text
    assert "no risk factors identified on the evidence recorded" in text
    for phrase in ("no concerns", "is safe", "are safe", "low risk", "not at risk"):
        assert phrase not in text


@pytest.mark.parametrize("content,field", [
    ("carers:\n  mother:\n    substance_use: {status: maybe}\n",
     "carers.mother.substance_use.status: 'maybe' is not one of present, absent, unknown"),
    ("factors:\n  household.money: {status: present}\n", "factors.household.money: unknown factor"),
    ("factors:\n  household.isolation: {status: absent, source: gossip}\n",
     "factors.household.isolation.source: 'gossip' is not one of"),
    ("infant: {age_weeks: ten}\n", "infant.age_weeks: must be a number"),
    ("infant: [\n", "not valid YAML"),
])
def test_malformed_files_exit_non_zero_with_one_line_naming_the_field(tmp_path, content, field):
    answers = tmp_path / "answers.yml"
    answers.write_text(content, encoding="utf-8")
    result = run(score, str(answers))
    assert result.exit_code != 0
    assert result.output.count("\n") == 1 and field in result.output
    assert "Traceback" not in result.output


def test_an_unreadable_file_exits_non_zero_in_one_line(tmp_path):
    result = run(score, str(tmp_path / "missing.yml"))
    assert result.exit_code != 0
    assert "missing.yml: cannot be read" in result.output and result.output.count("\n") == 1


def test_a_malformed_routes_file_is_one_line_naming_it(tmp_path):
    routes = tmp_path / "routes.yml"
    routes.write_text("partnership: Nowhere\nroutes: {}\n", encoding="utf-8")
    result = run(score, INFANT_1, env={ROUTES_ENV: str(routes)})
    assert result.exit_code != 0
    assert f"{routes}, line 2: field 'routes.emergency_999' is missing" in result.output


def test_score_help_documents_the_answers_format():
    text = run(score, "--help").output
    for term in ("status:", "present", "absent", "unknown", "carer_account", "carers:",
                 "sole_carer", "dash_yes", "shares_sleep_surface", "wider_family",
                 "judgement", "immediate_danger", "KBS_ROUTES_FILE", "--format"):
        assert term in text


def test_compare_lists_what_changed():
    result = run(compare, str(FIXTURES / "infant-2-before-injury.yml"),
                 str(FIXTURES / "infant-2-after-fractures.yml"))
    assert result.exit_code == 0
    assert "New factors\n  - Bruise, mark or injury (infant.injury_or_bruise)" in result.output
    assert "Red flags new\n  - non_mobile_injury" in result.output
    as_json = json.loads(run(compare, INFANT_1, INFANT_1, "--format", "json").output)
    assert as_json["level_change"] == "unchanged" and as_json["new"] == []


def test_compare_errors_name_the_file(tmp_path):
    bad = tmp_path / "bad.json"
    bad.write_text("[]", encoding="utf-8")
    result = run(compare, INFANT_1, str(bad))
    assert result.exit_code != 0 and "bad.json: answers: must be a mapping" in result.output


def test_the_kbs_command_has_score_and_compare(kbs):
    result = subprocess.run([kbs, "score", INFANT_1, "--format", "json"], capture_output=True,
                            text=True, timeout=60)
    assert result.returncode == 0 and json.loads(result.stdout)["red_flags"]
    result = subprocess.run([kbs, "compare", "--help"], capture_output=True, text=True,
                            timeout=60)
    assert result.returncode == 0 and "OLD" in result.stdout
