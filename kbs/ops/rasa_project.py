"""The Rasa command lines for this project's layout (split domain, data by mode)."""

from __future__ import annotations

import os
import sys
from pathlib import Path

from kbs.ops.fingerprint import FAQ_SOURCES, fingerprint
from kbs.paths import (
    BOT_DIR,
    CONFIG_FILE,
    ENTITY_PATTERNS_DIR,
    GENERATED_NLU_DIR,
    NLU_DIR,
    ROOT,
    SPACY_PIPELINE_DIR,
)

DOMAIN = BOT_DIR / "domain"
TRAINING_DATA = [NLU_DIR, BOT_DIR / "stories", BOT_DIR / "rules", GENERATED_NLU_DIR]
TEST_STORIES = ROOT / "tests" / "stories"
TEST_NLU = ROOT / "tests" / "nlu"
PIPELINE_STAMP = SPACY_PIPELINE_DIR / "patterns.sha"
# What the spaCy pipeline and the generated training data (build/nlu_generated) are built from.
GENERATED_FROM = [ENTITY_PATTERNS_DIR, *FAQ_SOURCES]


def venv_bin(name: str) -> str:
    """A console script installed beside the running Python (the project's .venv)."""
    return str(Path(sys.executable).with_name(name))


def rasa_env(**extra: str) -> dict[str, str]:
    return {**os.environ, "RASA_TELEMETRY_ENABLED": "false", **extra}


def ensure_spacy_pipeline() -> bool:
    """Build the spaCy pipeline and the generated training data when the pattern files, the
    knowledge cards or the code generating the FAQ data changed; True when they were built."""
    wanted = fingerprint(GENERATED_FROM)
    if PIPELINE_STAMP.exists() and PIPELINE_STAMP.read_text().strip() == wanted:
        return False
    build_spacy_pipeline()
    PIPELINE_STAMP.write_text(wanted + "\n")
    return True


def build_spacy_pipeline() -> Path:
    """The spaCy pipeline with its entity synonyms, and the examples of the intent faq from the
    knowledge cards; returns the pipeline's directory."""
    from kbs.knowledge.faq_data import write_faq_data  # spaCy is slow to import
    from kbs.nlp.pipeline import build_and_save

    pipeline_dir = build_and_save()
    write_faq_data()
    return pipeline_dir


def _data_args() -> list[str]:
    return ["--domain", str(DOMAIN), "--config", str(CONFIG_FILE), "--data",
            *map(str, TRAINING_DATA)]


def train_command(model_name: str, models_dir: Path) -> list[str]:
    return [venv_bin("rasa"), "train", *_data_args(), "--out", str(models_dir),
            "--fixed-model-name", model_name]


def validate_command() -> list[str]:
    return [venv_bin("rasa"), "data", "validate", *_data_args(), "--fail-on-warnings"]


def test_stories_command(model: Path, out: Path) -> list[str]:
    return [venv_bin("rasa"), "test", "core", "--model", str(model), "--stories",
            str(TEST_STORIES), "--out", str(out), "--fail-on-prediction-errors"]


def test_nlu_command(model: Path, out: Path) -> list[str]:
    return [venv_bin("rasa"), "test", "nlu", "--model", str(model), "--nlu", str(TEST_NLU),
            "--out", str(out), "--no-plot"]


def server_command(model: Path, port: int, endpoints: Path) -> list[str]:
    # `rasa run` with the fixes of kbs/ops/rasa_server.py (measured by `kbs bench`). No
    # token here: a command line is seen by every user of the machine (`ps`); the API's
    # token comes from KBS_RASA_TOKEN in the environment (kbs/ops/rasa_server.py: secure).
    return [sys.executable, "-m", "kbs.ops.rasa_server", "run", "--model", str(model),
            "--endpoints", str(endpoints), "--credentials", str(BOT_DIR / "credentials.yml"),
            "--interface", "127.0.0.1", "--port", str(port), "--enable-api"]


def action_server_command(port: int) -> list[str]:
    # rasa_sdk alone starts faster and lighter than `rasa run actions`; through
    # kbs/ops/action_server.py, the knowledge base is built before it listens.
    return [sys.executable, "-m", "kbs.ops.action_server", "--actions", "actions",
            "--port", str(port)]
