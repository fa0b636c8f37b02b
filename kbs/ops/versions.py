"""What `kbs --version` says: the package, the trained model and the catalogue version."""

from __future__ import annotations

from importlib import metadata
from typing import Any

from kbs.engine.catalogue_version import catalogue_version
from kbs.ops import settings
from kbs.ops.fingerprint import fingerprint, model_for, trained_models

PACKAGE = "keeping-babies-safe"


def versions() -> dict[str, Any]:
    """The package version; the model for the current training data (its name holds the
    data's fingerprint), else the newest trained one, marked as not current; and the
    catalogue version that scores profiles (kbs.engine.catalogue_version)."""
    try:
        package = metadata.version(PACKAGE)
    except metadata.PackageNotFoundError:  # run from a checkout that was never installed
        package = None
    digest = fingerprint()
    current = model_for(digest, settings.models_dir())
    if current.exists():
        model = {"name": current.name, "current": True}
    else:
        models = trained_models(settings.models_dir())
        model = {"name": models[0].name, "current": False} if models else None
    return {"package": package, "model": model, "training_data_fingerprint": digest,
            "catalogue_version": catalogue_version()}


def version_text(found: dict[str, Any]) -> str:
    model = found["model"]
    if model is None:
        model_line = "no trained model (`kbs train` makes one)"
    elif model["current"]:
        model_line = model["name"]
    else:
        model_line = (f"{model['name']} (the training data changed since; `kbs train` makes "
                      "a current one)")
    return "\n".join([f"kbs {found['package'] or 'unknown (not installed)'}",
                      f"model: {model_line}",
                      f"training data fingerprint: {found['training_data_fingerprint']}",
                      f"catalogue version: {found['catalogue_version']}"]) + "\n"
