"""The web app's settings from the environment (README, "Configuration")."""

from __future__ import annotations

import os
from datetime import timedelta

from kbs.ops.settings import SettingsError

TRUE = ("1", "true", "yes", "on")
FALSE = ("", "0", "false", "no", "off")


def _flag(variable: str) -> bool:
    raw = os.environ.get(variable, "").strip().lower()
    if raw not in TRUE + FALSE:
        raise SettingsError(f"{variable}={raw!r} is not a yes/no value (1 or 0, true or false)")
    return raw in TRUE


def from_environment(overrides: dict) -> dict:
    """The app's settings: ``overrides`` (tests) over the environment and its defaults."""
    from kbs.ops import settings
    from kbs.store.database import database_url

    return {
        # Only read (or made) when not given: tests leave var/ alone.
        "SECRET_KEY": overrides.get("SECRET_KEY") or settings.flask_secret_key(),
        "RASA_URL": os.environ.get("KBS_RASA_URL", "http://127.0.0.1:5005"),
        "RASA_TOKEN": os.environ.get("KBS_RASA_TOKEN", ""),
        "DATABASE_URL": database_url(),
        # Behind https (TLS in front of Flask) set KBS_SECURE_COOKIES=1.
        "SESSION_COOKIE_SECURE": _flag("KBS_SECURE_COOKIES"),
        # Pages that may show the widget in a frame, besides this app (README, "Embedding").
        "FRAME_ANCESTORS": os.environ.get("KBS_FRAME_ANCESTORS", "").split(),
        **overrides,
    }


FIXED = {
    "SESSION_COOKIE_NAME": "kbs_session",
    "SESSION_COOKIE_HTTPONLY": True,
    "SESSION_COOKIE_SAMESITE": "Lax",
    "PERMANENT_SESSION_LIFETIME": timedelta(hours=8),  # a working day
    # The token lives as long as the session: a chat left open for hours still sends.
    "WTF_CSRF_TIME_LIMIT": None,
    "MAX_CONTENT_LENGTH": 64 * 1024,
}
