import json

from click.testing import CliRunner

from kbs.cli import main


def test_ask_prints_the_answer_next_steps_and_sources():
    result = CliRunner().invoke(main, ["ask", "when is domestic abuse high risk?"])
    assert result.exit_code == 0
    assert "What to do next:" in result.output
    assert "Sources:" in result.output
    assert "plymouthscb.co.uk" in result.output


def test_ask_as_json():
    result = CliRunner().invoke(main, ["ask", "How do I claim child benefit?", "--format", "json"])
    assert result.exit_code == 0
    data = json.loads(result.output)
    assert data["knows"] is False
    assert 2 <= len(data["suggestions"]) <= 3


def test_knowledge_eval_reports_against_the_targets():
    result = CliRunner().invoke(main, ["eval", "knowledge"])
    assert "top-1 accuracy" in result.output and "(target 0.85)" in result.output
    assert "top-3 accuracy" in result.output and "(target 0.95)" in result.output
    assert "Unanswerable questions:" in result.output
    assert result.exit_code == (1 if "BELOW TARGET" in result.output else 0)
