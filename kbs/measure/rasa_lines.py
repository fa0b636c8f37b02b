"""The Rasa command lines `kbs eval pipelines` and `kbs bench` run (beside
kbs.ops.rasa_project's)."""

from __future__ import annotations

import shutil
from pathlib import Path

from kbs.ops.rasa_project import DOMAIN, TRAINING_DATA, venv_bin
from kbs.paths import BOT_DIR, CONFIG_FILE, GENERATED_NLU_DIR, NLU_DIR, ROOT

# Held-out examples, never trained on: tests/nlu/ (also `kbs eval nlu`'s, with its own gate)
# and tests/eval/held_out/ (the core and Assess intents; kept apart until the model reaches
# `kbs eval nlu`'s gate on them, README "Measuring").
HELD_OUT_DIRS = [ROOT / "tests" / "nlu", ROOT / "tests" / "eval" / "held_out"]
BASELINE_CONFIG = ROOT / "tests" / "eval" / "baseline-config.yml"


def copy_nlu_data(target: Path) -> Path:
    """The NLU training data `kbs train` reads (nlu_data/ and the generated synonyms), in one
    folder, because `rasa train nlu` and `rasa test nlu --cross-validation` take one path."""
    for source in (NLU_DIR, GENERATED_NLU_DIR):
        if source.exists():
            shutil.copytree(source, target / source.name, dirs_exist_ok=True)
    return target


def copy_held_out(target: Path) -> Path:
    """The held-out NLU files of every HELD_OUT_DIRS folder in one (`rasa test nlu` takes one
    path); files keep their folder's name as a prefix, so none overwrites another."""
    from rasa.shared.data import is_nlu_file

    target.mkdir(parents=True, exist_ok=True)
    for folder in HELD_OUT_DIRS:
        for path in sorted(folder.rglob("*.yml")) if folder.exists() else []:
            if is_nlu_file(str(path)):
                shutil.copy2(path, target / f"{folder.name}-{path.name}")
    return target


def copy_project(target: Path) -> Path:
    """A copy of everything training reads, so a benchmark can change it without touching
    the checkout. The spaCy pipeline stays where config.yml names it (build/spacy)."""
    shutil.copy2(CONFIG_FILE, target / "config.yml")
    shutil.copytree(BOT_DIR, target / "bot")
    copy_nlu_data(target / "data")
    return target


def train_nlu_command(config: Path, data: Path, out: Path, name: str) -> list[str]:
    return [venv_bin("rasa"), "train", "nlu", "--config", str(config), "--nlu", str(data),
            "--out", str(out), "--fixed-model-name", name]


def train_command(project: Path | None, out: Path, name: str) -> list[str]:
    """`rasa train` of the checkout (``project`` None) or of a copy made by copy_project."""
    if project is None:
        domain, config, data = DOMAIN, CONFIG_FILE, TRAINING_DATA
    else:
        domain, config = project / "bot" / "domain", project / "config.yml"
        data = [project / "data", project / "bot" / "stories", project / "bot" / "rules"]
    return [venv_bin("rasa"), "train", "--domain", str(domain), "--config", str(config),
            "--data", *map(str, data), "--out", str(out), "--fixed-model-name", name]


def test_nlu_command(model: Path, tests: Path, out: Path) -> list[str]:
    return [venv_bin("rasa"), "test", "nlu", "--model", str(model), "--nlu", str(tests),
            "--out", str(out), "--no-plot"]


def cross_validation_command(config: Path, data: Path, folds: int, out: Path) -> list[str]:
    return [venv_bin("rasa"), "test", "nlu", "--nlu", str(data), "--config", str(config),
            "--cross-validation", "--folds", str(folds), "--runs", "1", "--out", str(out),
            "--no-plot"]
