"""Which model belongs to the current training data.

A model is named after a hash of everything training reads, so an unchanged checkout
finds its model at once without starting Rasa.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

from kbs.paths import BOT_DIR, CONFIG_FILE, KNOWLEDGE_DIR, MODELS_DIR, NLU_DIR, PACKAGE_DIR, ROOT

# The examples of the intent faq are generated from the cards by this code.
FAQ_SOURCES = [
    KNOWLEDGE_DIR,
    PACKAGE_DIR / "knowledge" / "faq_data.py",
]
TRAINING_INPUTS = [
    CONFIG_FILE,
    BOT_DIR / "domain",
    BOT_DIR / "stories",
    BOT_DIR / "rules",
    NLU_DIR,
    *FAQ_SOURCES,
    ROOT / "requirements.lock",
]
MODEL_PREFIX = "kbs-"


def files_under(paths: list[Path]) -> list[Path]:
    found = []
    for path in paths:
        found += sorted(p for p in path.rglob("*") if p.is_file()) if path.is_dir() else [path]
    return found


def fingerprint(paths: list[Path] = TRAINING_INPUTS) -> str:
    digest = hashlib.sha256()
    for path in files_under(paths):
        digest.update(_name(path).encode())
        digest.update(b"\0")
        digest.update(path.read_bytes())
        digest.update(b"\0")
    return digest.hexdigest()[:16]


def _name(path: Path) -> str:
    """A file's name relative to the project (or to the package's parent, when installed)."""
    for base in (ROOT, PACKAGE_DIR.parent):
        if path.is_relative_to(base):
            return str(path.relative_to(base))
    return str(path)


def model_name(digest: str) -> str:
    return f"{MODEL_PREFIX}{digest}"


def model_for(digest: str, models_dir: Path = MODELS_DIR) -> Path:
    return models_dir / f"{model_name(digest)}.tar.gz"


def trained_models(models_dir: Path = MODELS_DIR) -> list[Path]:
    """The project's models, newest first."""
    models = models_dir.glob(f"{MODEL_PREFIX}*.tar.gz")
    return sorted(models, key=lambda p: p.stat().st_mtime, reverse=True)
