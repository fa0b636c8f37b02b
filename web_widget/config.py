"""The web app's settings from the environment (README, "Configuration")."""

from __future__ import annotations

from datetime import timedelta

from kbs.ops import settings


def from_environment(overrides: dict) -> dict:
    """The app's settings: ``overrides`` (tests) over the environment and its defaults."""
    return {
        # Only read (or made) when not given: tests leave var/ alone.
        "SECRET_KEY": overrides.get("SECRET_KEY") or settings.flask_secret_key(),
        "RASA_URL": settings.rasa_url(),
        "RASA_TOKEN": settings.rasa_token(),
        "ACTION_URL": settings.action_url(),
        "DATABASE_URL": settings.database_url(),
        # Behind https (TLS in front of Flask) set KBS_SECURE_COOKIES=1.
        "SESSION_COOKIE_SECURE": settings.secure_cookies(),
        # Pages that may show the widget in a frame, besides this app (README, "Embedding").
        "FRAME_ANCESTORS": settings.frame_ancestors(),
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
