"""The practitioners' web app: sign-in, the chat proxy to Rasa's REST channel, record pages."""

from __future__ import annotations

from flask import Flask


def create_app(config: dict | None = None) -> Flask:
    """Application factory; settings come from the environment that `kbs run` sets.

    ``config`` overrides any of them (tests).
    """
    from web_widget import config as web_config  # keeps `import web_widget` light
    from web_widget import request_log, security
    from web_widget.account import account
    from web_widget.auth import auth
    from web_widget.chat import chat, install_limit
    from web_widget.errors import register_error_pages
    from web_widget.extensions import csrf, login_manager
    from web_widget.health import health
    from web_widget.plans import plans
    from web_widget.records import records
    from web_widget.rehearsals import rehearsals

    app = Flask(__name__)
    app.config.update(web_config.FIXED)
    app.config.update(web_config.from_environment(config or {}))
    request_log.install(app)  # first, so that every request is timed and logged
    security.install(app)  # secure cookies, HSTS and headers; ProxyFix if proxies are trusted
    csrf.init_app(app)
    login_manager.init_app(app)
    login_manager.login_view = "auth.sign_in"
    for blueprint in (health, auth, account, chat, records, plans, rehearsals):
        app.register_blueprint(blueprint)
    register_error_pages(app)
    install_limit(app)
    return app
