"""The chat pages and the JSON endpoints the widget uses.

Every call goes to Rasa as ``<practitioner>~<conversation>``: the practitioner part is
the signed-in account's id (never reused, unlike a username), the conversation part lives
in the signed session cookie, so a practitioner can neither read nor write anyone else's
conversation. Each client (address and account) may send KBS_CHAT_PER_MINUTE messages a
minute; more are refused with 429 and how long to wait. A message starting with ``/`` goes
as it is only when it is one of the buttons just shown (web_widget/offered.py).
"""

from __future__ import annotations

import math
import secrets

from flask import Blueprint, Flask, current_app, jsonify, render_template, request, session
from flask_login import current_user, login_required

from kbs.accounts.limits import SlidingWindow
from kbs.accounts.wording import say
from kbs.identity import sender_id_for
from web_widget import audit
from web_widget.offered import OfferedButtons, for_rasa, last_turn
from web_widget.rasa_client import RasaUnavailable, fetch_history, send_message
from web_widget.security import client_address

MAX_MESSAGE_CHARS = 4000
LIMIT = "kbs_chat_limit"

chat = Blueprint("chat", __name__)


def conversation_id() -> str:
    if "conversation_id" not in session:
        session["conversation_id"] = secrets.token_urlsafe(16)
    return session["conversation_id"]


def sender() -> str:
    return sender_id_for(current_user.id, conversation_id())


def offered() -> OfferedButtons:
    """The buttons each conversation was last shown, kept by this app (not the browser)."""
    return current_app.extensions.setdefault("kbs.offered_buttons", OfferedButtons())


def _history_of(conversation: str) -> list[dict]:
    config = current_app.config
    return fetch_history(config["RASA_URL"], config["RASA_TOKEN"], conversation)


@chat.get("/")
@login_required
def index():
    return render_template("chat.html", max_chars=MAX_MESSAGE_CHARS)


@chat.get("/widget")
@login_required
def widget():
    """The chat alone, for the frame that static/embed.js puts in another page."""
    return render_template("widget.html", max_chars=MAX_MESSAGE_CHARS)


class NothingToSend(Exception):
    """The message was nothing but slashes: not a button shown, and no words either."""


@chat.post("/api/chat")
@login_required
def post_message():
    body = request.get_json(silent=True)
    text = body.get("message") if isinstance(body, dict) else None
    if not isinstance(text, str) or not text.strip():
        return jsonify(error="Send a JSON body with a non-empty 'message'."), 400
    if len(text) > MAX_MESSAGE_CHARS:
        return jsonify(error=f"That message is {len(text):,} characters; the limit is "
                             f"{MAX_MESSAGE_CHARS:,}. Please send it in shorter parts."), 413
    wait = _chat_limit_wait()
    if wait:
        seconds = max(1, math.ceil(wait))
        return jsonify(error=say("chat_too_fast", seconds=seconds)), 429, {
            "Retry-After": str(seconds)}
    conversation = sender()

    def ask() -> list[dict]:
        words = for_rasa(text, conversation, offered(), lambda: _history_of(conversation))
        if not words:
            raise NothingToSend
        answer = send_message(current_app.config["RASA_URL"],
                              current_app.config["RASA_TOKEN"], conversation, words)
        offered().remember(conversation, answer)
        return answer

    try:
        return _from_rasa(ask, "The assistant is not answering just now. Your message was "
                               "not sent; please try again in a moment.")
    except NothingToSend:
        return jsonify(error="Please type your message in words, or choose one of the "
                             "buttons."), 400


@chat.get("/api/chat/history")
@login_required
def history():
    if "conversation_id" not in session:
        return jsonify(messages=[])
    conversation = sender()

    def ask() -> list[dict]:
        messages = _history_of(conversation)
        offered().remember(conversation, last_turn(messages))
        # Reading a conversation back is a read of a record, audited like any other.
        audit.record(current_user.id, "viewed", "conversation", conversation_id(),
                     f"{len(messages)} messages")
        return messages

    return _from_rasa(ask, "The conversation so far cannot be shown just now (the assistant "
                           "is not answering). You can carry on; it is not lost.")


@chat.post("/api/chat/restart")
@login_required
def restart():
    session["conversation_id"] = secrets.token_urlsafe(16)
    return jsonify(messages=[])


def install_limit(app: Flask) -> None:
    """The chat's rate limit (CHAT_PER_MINUTE; 0, none), on the app's clock."""
    if app.config["CHAT_PER_MINUTE"]:
        clock = app.config["CLOCK"]
        app.extensions[LIMIT] = SlidingWindow(app.config["CHAT_PER_MINUTE"], 60.0,
                                              clock=lambda: clock().timestamp())


def _chat_limit_wait() -> float:
    """0 when this client may send now (and it counts); else the seconds to wait."""
    limiter = current_app.extensions.get(LIMIT)
    return limiter.hit(f"{client_address()} {current_user.id}") if limiter else 0.0


def _from_rasa(ask, unavailable: str):
    """``{"messages": ask()}``, or 503 with ``unavailable`` when Rasa does not answer."""
    try:
        return jsonify(messages=ask())
    except RasaUnavailable as err:
        current_app.logger.warning("Rasa did not answer: %s", err)
        return jsonify(error=unavailable), 503
