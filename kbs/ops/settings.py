"""Settings that come from the environment, with the embedded defaults (SQLite, local ports).

Every variable is documented in README.md, "Configuration".
"""

from __future__ import annotations

import os
import secrets
from dataclasses import dataclass
from pathlib import Path

from kbs.paths import BOT_DIR, MODELS_DIR, VAR_DIR


class SettingsError(ValueError):
    """A setting with a value that cannot be used; the message names the variable."""


@dataclass(frozen=True)
class Ports:
    flask: int
    rasa: int
    action: int


PORT_VARIABLES = {"flask": "KBS_FLASK_PORT", "rasa": "KBS_RASA_PORT", "action": "KBS_ACTION_PORT"}
DEFAULT_PORTS = {"flask": 5000, "rasa": 5005, "action": 5055}


def _port(variable: str, default: int) -> int:
    raw = os.environ.get(variable, "").strip()
    if not raw:
        return default
    if not raw.isdigit() or not 0 < int(raw) < 65536:
        raise SettingsError(f"{variable}={raw!r} is not a port number (1-65535)")
    return int(raw)


def ports() -> Ports:
    return Ports(**{name: _port(PORT_VARIABLES[name], default)
                    for name, default in DEFAULT_PORTS.items()})


def flask_host() -> str:
    return os.environ.get("KBS_FLASK_HOST", "127.0.0.1")


def endpoints_file() -> Path:
    return Path(os.environ.get("KBS_ENDPOINTS", BOT_DIR / "endpoints.yml"))


def models_dir() -> Path:
    return Path(os.environ.get("KBS_MODELS_DIR", MODELS_DIR))


def tracker_db() -> str:
    return os.environ.get("KBS_TRACKER_DB", str(VAR_DIR / "rasa-tracker.db"))


def rasa_token() -> str:
    """The token of Rasa's HTTP API: from the environment, or new for each run."""
    return os.environ.get("KBS_RASA_TOKEN") or secrets.token_urlsafe(32)


def flask_secret_key() -> str:
    """From the environment, or a key made once for this checkout (git-ignored var/)."""
    key = os.environ.get("KBS_SECRET_KEY")
    if key:
        return key
    path = VAR_DIR / "flask-secret-key"
    if not path.exists():
        VAR_DIR.mkdir(parents=True, exist_ok=True)
        path.touch(mode=0o600)
        path.write_text(secrets.token_urlsafe(48), encoding="utf-8")
    return path.read_text(encoding="utf-8").strip()
