"""Error pages and JSON errors that say what happened and what to do, never a stack trace."""

from flask import Flask, jsonify, render_template, request
from flask_wtf.csrf import CSRFError

from kbs.engine import AnswersError

MESSAGES = {
    400: ("This request could not be used", "Go back and try again."),
    403: ("You cannot open this record",
          "It belongs to another practitioner. The attempt has been recorded."),
    404: ("Not found", "There is no such page or record."),
    413: ("Too large", "What was sent is too large; send it in smaller parts."),
    422: ("This saved profile cannot be read", "Its answers do not follow the current format."),
}


def register_error_pages(app: Flask) -> None:
    for code in MESSAGES:
        app.register_error_handler(code, lambda error, code=code: _error(code))
    app.register_error_handler(CSRFError, _expired_form)
    app.register_error_handler(AnswersError, lambda error: _error(
        422, f"Its answers do not follow the current format ({error}); export it as JSON to "
             "keep what was saved."))


def _error(code: int, detail: str | None = None):
    title, advice = MESSAGES[code]
    if request.path.startswith("/api/"):
        return jsonify(error=detail or f"{title}. {advice}"), code
    return render_template("error.html", title=title, advice=detail or advice), code


def _expired_form(error: CSRFError):
    return _error(400, "This page's security token is missing or out of date (for example "
                       "after signing in again elsewhere). Reload the page and try again; "
                       "in the chat, your message stays in the box.")
