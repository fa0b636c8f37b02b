"""Reading the project's YAML data files, with errors that name the file."""

from __future__ import annotations

from pathlib import Path

import yaml


def read_mapping(path: Path, error: type[ValueError], not_a_mapping: str) -> dict:
    """The mapping at the top of ``path``. ``error`` (the caller's own error class) names the
    file when it cannot be read, and says ``not_a_mapping`` when it holds something else."""
    try:
        doc = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as err:
        raise error(f"{path}: cannot be read ({err})") from err
    if not isinstance(doc, dict):
        raise error(f"{path}: {not_a_mapping}")
    return doc
