"""The web app's settings from the environment (README, "Configuration")."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from kbs.ops import settings


def now() -> datetime:
    """The app's clock (CLOCK): tests give one they move instead of sleeping."""
    return datetime.now(UTC)


def from_environment(overrides: dict) -> dict:
    """The app's settings: ``overrides`` (tests) over the environment and its defaults."""
    lifetime = timedelta(hours=settings.session_hours())
    return {
        # Only read (or made) when not given: tests leave var/ alone.
        "SECRET_KEY": overrides.get("SECRET_KEY") or settings.flask_secret_key(),
        "RASA_URL": settings.rasa_url(),
        "RASA_TOKEN": settings.rasa_token(),
        "ACTION_URL": settings.action_url(),
        "DATABASE_URL": settings.database_url(),
        # True or False: always or never; None: secure cookies and HSTS except over http on
        # a loopback address (web_widget/security.py).
        "KBS_SECURE_COOKIES": settings.secure_cookies(),
        # Proxies in front whose X-Forwarded-* headers are believed (werkzeug's ProxyFix).
        "TRUSTED_PROXIES": settings.trusted_proxies(),
        # A session ends after this long unused, and this long after sign-in, used or not.
        "IDLE_TIMEOUT": timedelta(minutes=settings.idle_minutes()),
        "SESSION_LIFETIME": lifetime,
        "PERMANENT_SESSION_LIFETIME": lifetime,  # the cookie's own expiry
        "CHAT_PER_MINUTE": settings.chat_per_minute(),
        "CLOCK": now,
        # Pages that may show the widget in a frame, besides this app (README, "Embedding").
        "FRAME_ANCESTORS": settings.frame_ancestors(),
        **overrides,
    }


FIXED = {
    "SESSION_COOKIE_HTTPONLY": True,
    "SESSION_COOKIE_SAMESITE": "Lax",
    # The token lives as long as the session: a chat left open for hours still sends.
    "WTF_CSRF_TIME_LIMIT": None,
    "MAX_CONTENT_LENGTH": 64 * 1024,
}
