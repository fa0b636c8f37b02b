"""Every `kbs` command, found by walking the click group: its --help works, and with
--format json its standard output is one valid JSON document (on a seeded temporary
database; the commands that need a trained model or the servers run with Rasa or the
measuring harness stood in for). A new command with --format json needs a recipe here.
"""

from __future__ import annotations

import json
from datetime import datetime
from pathlib import Path

import click
import pytest
import yaml
from click.testing import CliRunner

from kbs import engine
from kbs.cli import main
from kbs.safer_practice.plans import safer_sleep_plan
from kbs.store.cases import get_or_create_case
from kbs.store.database import get_engine
from kbs.store.plans import save_plan
from kbs.store.profiles import complete_profile, start_profile
from kbs.store.rehearsals import save_rehearsal
from tests.conftest import ROOT
from tests.plan_answers import NO_RISK_SLEEP
from tests.web_seed import REHEARSAL_PERSONA, played_rehearsal, seed_account

FIXTURES = ROOT / "tests" / "fixtures" / "profiles"
OWNER = "hv.one"
OWNER_ID = "u-test-hv-one"  # the account id, which owns the seeded records


def walk(group: click.Group, path: tuple[str, ...] = ()):
    """Every command under ``group`` (hidden ones too), with the words that call it."""
    for name, command in sorted(group.commands.items()):
        yield (*path, name), command
        if isinstance(command, click.Group):
            yield from walk(command, (*path, name))


COMMANDS = dict(walk(main))
JSON_COMMANDS = sorted(path for path, command in COMMANDS.items()
                       if any(param.name == "output_format" for param in command.params))


def kbs(*args: str):
    return CliRunner().invoke(main, list(args), prog_name="kbs", catch_exceptions=False)


@pytest.mark.parametrize("path", sorted(COMMANDS), ids=" ".join)
def test_every_command_has_help(path):
    result = kbs(*path, "--help")
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith(f"Usage: kbs {' '.join(path)} ")


def test_kbs_version_names_the_package_the_model_and_the_catalogue():
    result = kbs("--version")
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    assert lines[0].startswith("kbs ") and lines[1].startswith("model: ")
    assert lines[-1] == f"catalogue version: {engine.catalogue_version()}"


# -- the seeded database and the stand-ins ---------------------------------------------------

@pytest.fixture
def seeded(database_url, tmp_path, monkeypatch):
    """A case with a complete and an in-progress profile, a plan and a finished rehearsal."""
    monkeypatch.setenv("KBS_MODELS_DIR", str(tmp_path / "models"))
    monkeypatch.setenv("KBS_TRACKER_DB", str(tmp_path / "rasa-tracker.db"))  # none yet
    answers = json.loads(json.dumps(yaml.safe_load(
        (FIXTURES / "infant-2-before-injury.yml").read_text(encoding="utf-8")), default=str))
    seed_account(get_engine(), OWNER, OWNER_ID)
    with get_engine().begin() as connection:
        case = get_or_create_case(connection, OWNER_ID, "KBS-0142")
        first = start_profile(connection, case, answers, engine.score(answers).to_dict())
        complete_profile(connection, first, answers, engine.score(answers).to_dict())
        start_profile(connection, case, {"carers": {}}, engine.score({}).to_dict())
        plan = save_plan(connection, owner=OWNER_ID, kind="safer_sleep", case_id=case,
                         content=safer_sleep_plan(NO_RISK_SLEEP, case_reference="KBS-0142"))
    transcript, feedback = played_rehearsal()
    save_rehearsal(OWNER_ID, REHEARSAL_PERSONA, transcript, feedback, datetime(2026, 3, 2, 10),
                   datetime(2026, 3, 2, 10, 12), get_engine())
    return {"plan": plan, "answers": answers}


@pytest.fixture
def no_rasa(tmp_path, monkeypatch):
    """`rasa test` stood in for: a model file, and the reports Rasa would write, under a
    temporary project root instead of the repository's results/."""
    import kbs.cli.eval_commands as eval_commands
    import kbs.cli.rasa_commands as rasa_commands

    model = tmp_path / "models" / "kbs-0123456789abcdef.tar.gz"
    model.parent.mkdir(parents=True, exist_ok=True)
    model.touch()
    calls = []

    def run_rasa(argv, what, output_format="text"):
        calls.append(argv)
        out = Path(argv[argv.index("--out") + 1])
        out.mkdir(parents=True, exist_ok=True)
        if "nlu" in argv:
            (out / "intent_report.json").write_text(json.dumps({
                "greet": {"precision": 1.0, "recall": 0.9, "f1-score": 0.95, "support": 10},
                "faq": {"precision": 0.9, "recall": 0.9, "f1-score": 0.9, "support": 20},
                "macro avg": {"precision": 0.95, "recall": 0.9, "f1-score": 0.92,
                              "support": 30}}), encoding="utf-8")

    for module in (eval_commands, rasa_commands):
        monkeypatch.setattr(module, "ROOT", tmp_path)
        monkeypatch.setattr(module, "current_model", lambda: model, raising=False)
        monkeypatch.setattr(module, "run_rasa", run_rasa, raising=False)
    return calls


def measured(checks: list[str]):
    """A stand-in for kbs.measure's run: a progress line, and the figures with a check each."""
    def run(options, say):
        say("measuring...")
        return {"figure": 0.5, "missing": float("nan"), "folder": Path("results"),
                "checks": [{"name": f"check {i}", "verdict": verdict}
                           for i, verdict in enumerate(checks)]}
    return run


@pytest.fixture
def no_harness(monkeypatch):
    from kbs.measure import bench, evaluation

    monkeypatch.setattr(evaluation, "run", measured(["met", "met"]))
    monkeypatch.setattr(bench, "run", measured(["met", "not measured"]))


def answers_file(seeded, tmp_path, name: str = "a.json") -> str:
    path = tmp_path / name
    path.write_text(json.dumps(seeded["answers"]), encoding="utf-8")
    return str(path)


# How each --format json command is run: arguments (given the seeded records and tmp_path),
# and the fixtures it needs beside the seeded database.
RECIPES = {
    ("ask",): (lambda s, t: ["ask", "can a baby sleep on the sofa?"], ()),
    ("score",): (lambda s, t: ["score", answers_file(s, t)], ()),
    ("compare",): (lambda s, t: ["compare", answers_file(s, t), answers_file(s, t, "b.json")],
                   ()),
    ("profile", "list"): (lambda s, t: ["profile", "list", "--owner", OWNER], ()),
    ("profile", "show"): (lambda s, t: ["profile", "show", "KBS-0142", "--owner", OWNER], ()),
    ("plan", "show"): (lambda s, t: ["plan", "show", str(s["plan"]), "--owner", OWNER], ()),
    ("rehearsals", "list"): (lambda s, t: ["rehearsals", "list"], ()),
    ("retention", "run"): (lambda s, t: ["retention", "run", "--dry-run"], ()),
    ("case", "erase"): (lambda s, t: ["case", "erase", "KBS-0142", "--owner", OWNER,
                                      "--dry-run"], ()),
    ("rehearsals", "personas"): (lambda s, t: ["rehearsals", "personas"], ()),
    ("users", "list"): (lambda s, t: ["users", "list"], ()),
    ("version",): (lambda s, t: ["version"], ()),
    # Nothing answers at this address: the JSON says not ready, with exit code 1.
    ("status",): (lambda s, t: ["status", "--url", "http://127.0.0.1:9"], ()),
    ("eval", "knowledge"): (lambda s, t: ["eval", "knowledge"], ()),
    ("eval", "nlu"): (lambda s, t: ["eval", "nlu"], ("no_rasa",)),
    ("eval", "stories"): (lambda s, t: ["eval", "stories"], ("no_rasa",)),
    ("eval", "pipelines"): (lambda s, t: ["eval", "pipelines"], ("no_harness",)),
    ("bench",): (lambda s, t: ["bench", "--no-training", "--quick"], ("no_harness",)),
    # The old names, for one release.
    ("knowledge-eval",): (lambda s, t: ["knowledge-eval"], ()),
    ("test-nlu",): (lambda s, t: ["test-nlu"], ("no_rasa",)),
    ("test-stories",): (lambda s, t: ["test-stories"], ("no_rasa",)),
}


def test_every_command_with_format_json_has_a_recipe():
    assert sorted(RECIPES) == JSON_COMMANDS


@pytest.mark.parametrize("path", sorted(RECIPES), ids=" ".join)
def test_format_json_prints_one_json_document(path, seeded, tmp_path, request):
    args, fixtures = RECIPES[path]
    for fixture in fixtures:
        request.getfixturevalue(fixture)
    result = kbs(*args(seeded, tmp_path), "--format", "json")
    document = json.loads(result.stdout)
    assert document not in ({}, [], None), result.stdout
    if path == ("eval", "knowledge") or path == ("knowledge-eval",):
        assert result.exit_code == (0 if document["met"] else 1)
    elif path == ("status",):
        assert document["ready"] is False and result.exit_code == 1
    else:
        assert result.exit_code == 0, result.output


def test_text_is_still_the_default(seeded):
    result = kbs("rehearsals", "list")
    assert result.exit_code == 0
    assert result.stdout.split()[:2] == ["owner", "persona"]
    assert result.stdout.splitlines()[1].split()[0] == OWNER  # the username, not the id


# -- exit codes: 1 on a missed gate, with the JSON still on standard output -----------------

@pytest.mark.parametrize("command, module", [(["eval", "pipelines"], "evaluation"),
                                             (["bench", "--no-training"], "bench")])
def test_a_missed_target_exits_with_1_and_the_json_is_still_printed(monkeypatch, command,
                                                                     module):
    import importlib

    harness = importlib.import_module(f"kbs.measure.{module}")
    monkeypatch.setattr(harness, "run", measured(["met", "MISSED"]))
    result = kbs(*command, "--format", "json")
    assert result.exit_code == 1
    document = json.loads(result.stdout)
    assert document["missing"] is None and document["folder"] == "results"
    assert "measuring..." in result.stderr and "1 target(s) missed" in result.stderr


@pytest.mark.parametrize("checks, code", [(["met", "not measured"], 0), (["MISSED"], 1)])
def test_eval_pipelines_exits_with_1_on_a_missed_target_without_strict(monkeypatch, checks,
                                                                       code):
    from kbs.measure import evaluation

    monkeypatch.setattr(evaluation, "run", measured(checks))
    monkeypatch.setattr(evaluation, "summary", lambda data: "Targets: ...")
    result = kbs("eval", "pipelines")
    assert result.exit_code == code
    assert "measuring..." in result.stdout and "Targets: ..." in result.stdout


def test_eval_nlu_below_its_gate_exits_with_1(no_rasa, seeded):
    result = kbs("eval", "nlu", "--target", "0.95", "--format", "json")
    assert result.exit_code == 1
    assert json.loads(result.stdout)["met"] is False
    assert "macro-F1 0.925 is below 0.95" in result.stderr


def test_eval_stories_that_fail_exit_with_1_and_say_which(no_rasa, seeded, tmp_path,
                                                          monkeypatch):
    import kbs.cli.rasa_commands as rasa_commands

    def failing(argv, what, output_format="text"):
        out = Path(argv[argv.index("--out") + 1])
        out.mkdir(parents=True, exist_ok=True)
        (out / "failed_test_stories.yml").write_text(
            "stories:\n- story: look up then assess\n  steps: []\n", encoding="utf-8")
        raise click.ClickException(f"{what} failed (exit 1); see above")

    monkeypatch.setattr(rasa_commands, "run_rasa", failing)
    result = kbs("eval", "stories", "--format", "json")
    assert result.exit_code == 1
    assert json.loads(result.stdout)["failed_stories"] == ["look up then assess"]


# -- the old names -------------------------------------------------------------------------

@pytest.mark.parametrize("old, new", [("test-nlu", "eval nlu"), ("test-stories", "eval stories"),
                                      ("knowledge-eval", "eval knowledge")])
def test_an_old_name_still_works_hidden_and_says_the_new_one(old, new, no_rasa, seeded):
    assert f" {old} " not in kbs("--help").stdout
    result = kbs(old)
    assert result.stderr.startswith(f"kbs: `kbs {old}` is now `kbs {new}`")
    assert result.exit_code == kbs(*new.split()).exit_code


def test_kbs_eval_without_a_subcommand_is_still_the_pipelines_comparison(monkeypatch,
                                                                          no_harness):
    from kbs.measure import evaluation

    monkeypatch.setattr(evaluation, "summary", lambda data: "Targets: ...")
    result = kbs("eval", "--skip-cv")
    assert result.exit_code == 0, result.output
    assert "Targets: ..." in result.stdout
    assert "is now `kbs eval pipelines`" in result.stderr
    assert "Usage: kbs eval [OPTIONS] COMMAND" in kbs("eval", "--help").stdout


# -- the schema brought up to date by every command that uses the database ----------------

@pytest.mark.parametrize("args, says", [
    (["rehearsals", "list"], "No finished rehearsals."),
    # --owner names an account (issue 19): on a new database there is none yet.
    (["profile", "list", "--owner", OWNER], f"Error: there is no account called '{OWNER}'"),
    (["plan", "show", "1", "--owner", OWNER], f"Error: there is no account called '{OWNER}'"),
    (["profile", "show", "KBS-0142", "--owner", OWNER],
     f"Error: there is no account called '{OWNER}'"),
    (["users", "list"], "No accounts yet"),
])
def test_a_fresh_database_is_brought_up_to_date_by_any_command(tmp_path, monkeypatch, args,
                                                              says):
    from sqlalchemy import inspect

    monkeypatch.setenv("KBS_DATABASE_URL", f"sqlite:///{tmp_path / 'fresh.db'}")
    result = kbs(*args)
    assert says in result.output
    assert "cannot be used" not in result.output
    assert inspect(get_engine()).has_table("profiles")
