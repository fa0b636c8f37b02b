"""pyproject.toml declares what the code imports, in ranges that hold requirements.lock's
exact pins; the measure harness's own packages are an extra the running assistant never
loads."""

from __future__ import annotations

import ast
import importlib.metadata
import os
import re
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest
from packaging.requirements import Requirement

ROOT = Path(__file__).resolve().parents[2]
PROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
OWN = {"kbs", "actions", "web_widget", "tests"}


def _name(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def _declared(*extras: str) -> dict[str, Requirement]:
    """The requirements of the runtime and of ``extras`` (following the extras they name)."""
    found = {_name(r.name): r for r in map(Requirement, PROJECT["dependencies"])}
    for extra in extras:
        for line in PROJECT["optional-dependencies"][extra]:
            requirement = Requirement(line)
            if _name(requirement.name) == _name(PROJECT["name"]):
                found.update(_declared(*requirement.extras))
            else:
                found[_name(requirement.name)] = requirement
    return found


def _locked() -> dict[str, str]:
    lines = (ROOT / "requirements.lock").read_text(encoding="utf-8").splitlines()
    pins = (line.split("==") for line in lines if "==" in line and not line.startswith("#"))
    return {_name(name): version.strip() for name, version in pins}


def _imported(folders: list[Path]) -> dict[str, set[str]]:
    """Top-level third-party modules imported in ``folders`` -> the files importing them."""
    found: dict[str, set[str]] = {}
    for path in (p for folder in folders for p in folder.rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                names = [node.module]
            else:
                continue
            for module in (name.split(".")[0] for name in names):
                if module not in sys.stdlib_module_names and module not in OWN:
                    found.setdefault(module, set()).add(str(path.relative_to(ROOT)))
    return found


def _undeclared(folders: list[Path], declared: dict[str, Requirement]) -> dict[str, set[str]]:
    distributions = importlib.metadata.packages_distributions()
    return {module: files for module, files in _imported(folders).items()
            if not {_name(d) for d in distributions.get(module, [module])} & set(declared)}


def test_every_declared_range_holds_the_locked_pin():
    locked = _locked()
    for extra in ("", *PROJECT["optional-dependencies"]):
        for name, requirement in _declared(*filter(None, [extra])).items():
            assert name in locked, f"{requirement} is declared but not in requirements.lock"
            assert requirement.specifier.contains(locked[name], prereleases=True), (
                f"{requirement} does not hold the lock's {name}=={locked[name]}")


def test_what_the_assistant_imports_is_a_runtime_dependency():
    runtime = [ROOT / "actions", ROOT / "web_widget",
               *(p for p in (ROOT / "kbs").iterdir() if p.is_dir() and p.name != "measure")]
    assert _undeclared(runtime, _declared()) == {}


def test_what_the_harness_and_the_tests_import_is_declared():
    assert _undeclared([ROOT / "kbs" / "measure"], _declared("measure")) == {}
    assert _undeclared([ROOT / "tests"], _declared("test")) == {}


RUNTIME_ENTRY_POINTS = """
import sys
from kbs.cli import main
import kbs.cli.run_command, kbs.ops.launcher, kbs.ops.action_server, kbs.ops.rasa_server
import importlib
for mode in ("assess", "discuss", "lookup", "rehearse"):
    importlib.import_module("actions." + mode)
from web_widget import create_app
create_app({"SECRET_KEY": "test"})
print(" ".join(sorted(m for m in sys.modules if m.split(".")[:2] == ["kbs", "measure"])))
"""


def test_the_running_assistant_never_imports_the_measure_harness(tmp_path):
    """`kbs run`, the web app and the action server: kbs.measure (and its extra's
    packages) stay out of them."""
    result = subprocess.run(
        [sys.executable, "-c", RUNTIME_ENTRY_POINTS], cwd=ROOT, capture_output=True,
        text=True, timeout=120,
        env={**os.environ, "KBS_DATABASE_URL": f"sqlite:///{tmp_path / 'kbs.db'}"})
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == ""


@pytest.mark.parametrize("command", ["bench", "eval pipelines"])
def test_without_the_measure_extra_bench_and_eval_say_what_is_missing(command):
    """As if psutil were not installed: one line naming it and the extra, no traceback
    (eval's imports start TensorFlow, which logs before it)."""
    code = ("import sys; sys.modules['psutil'] = None\n"
            "from kbs.cli import main\n"
            f"main({command.split()!r})")
    result = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True,
                            text=True, timeout=120)
    assert result.returncode != 0 and "Traceback" not in result.stderr
    assert result.stderr.strip().splitlines()[-1] == (
        f"Error: `kbs {command}` needs the packages of the `measure` extra (pyproject.toml) "
        "and psutil is not installed: `make install` installs them, or pip install "
        "'keeping-babies-safe[measure]'")
