"""Where the project's files live.

Two kinds of place:

- the package's own data (``kbs/catalogues``: factors, questions, routes, personas, cards),
  found beside this module, so an installed ``kbs`` reads them wherever it is installed;
- the Rasa project the assistant trains and serves (``config.yml``, ``bot/``,
  ``nlu_data/``) and what it makes (``build/``, ``models/``, ``var/``): the folder named by
  ``KBS_PROJECT_DIR``, or else the checkout this package sits in, or else the nearest folder
  at or above the working directory that holds ``config.yml`` and ``bot/``.
"""

from __future__ import annotations

import os
from pathlib import Path

PACKAGE_DIR = Path(__file__).resolve().parent
CATALOGUES_DIR = PACKAGE_DIR / "catalogues"
KNOWLEDGE_DIR = CATALOGUES_DIR / "knowledge"


def _is_project(folder: Path) -> bool:
    return (folder / "config.yml").is_file() and (folder / "bot").is_dir()


def project_dir() -> Path:
    """The Rasa project's folder (see the module's docstring)."""
    named = os.environ.get("KBS_PROJECT_DIR")
    if named:
        return Path(named).resolve()
    if _is_project(PACKAGE_DIR.parent):
        return PACKAGE_DIR.parent
    here = Path.cwd().resolve()
    return next((folder for folder in (here, *here.parents) if _is_project(folder)), here)


ROOT = project_dir()
BOT_DIR = ROOT / "bot"
NLU_DIR = ROOT / "nlu_data"
ENTITY_PATTERNS_DIR = NLU_DIR / "entity_patterns"
CONFIG_FILE = ROOT / "config.yml"
BUILD_DIR = ROOT / "build"
SPACY_PIPELINE_DIR = BUILD_DIR / "spacy" / "kbs_en"
GENERATED_NLU_DIR = BUILD_DIR / "nlu_generated"
MODELS_DIR = ROOT / "models"
VAR_DIR = ROOT / "var"
