"""Where the project's files live, relative to the checkout."""

from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BOT_DIR = ROOT / "bot"
NLU_DIR = ROOT / "nlu_data"
ENTITY_PATTERNS_DIR = NLU_DIR / "entity_patterns"
CONFIG_FILE = ROOT / "config.yml"
KNOWLEDGE_DIR = ROOT / "actions" / "catalogues" / "knowledge"
BUILD_DIR = ROOT / "build"
SPACY_PIPELINE_DIR = BUILD_DIR / "spacy" / "kbs_en"
GENERATED_NLU_DIR = BUILD_DIR / "nlu_generated"
MODELS_DIR = ROOT / "models"
VAR_DIR = ROOT / "var"
