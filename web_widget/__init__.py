"""The practitioners' web app: pages and the chat proxy to Rasa's REST channel."""

from __future__ import annotations

import os

from flask import Flask


def create_app(config: dict | None = None) -> Flask:
    """Application factory; settings come from the environment that `kbs run` sets."""
    from actions import settings  # keeps `import web_widget` light

    config = config or {}
    app = Flask(__name__)
    app.config.update(
        SECRET_KEY=config.get("SECRET_KEY") or settings.flask_secret_key(),
        RASA_URL=os.environ.get("KBS_RASA_URL", "http://127.0.0.1:5005"),
        SESSION_COOKIE_HTTPONLY=True,
        SESSION_COOKIE_SAMESITE="Lax",
        MAX_CONTENT_LENGTH=64 * 1024,
    )
    app.config.update(config)

    from web_widget.chat import chat

    app.register_blueprint(chat)
    return app
