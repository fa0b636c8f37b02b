"""The chat page and the JSON endpoint the widget posts messages to."""

from __future__ import annotations

import secrets

from flask import Blueprint, current_app, jsonify, render_template, request, session

from web_widget.rasa_client import RasaUnavailable, send_message

MAX_MESSAGE_CHARS = 4000

chat = Blueprint("chat", __name__)


def conversation_id() -> str:
    if "conversation_id" not in session:
        session["conversation_id"] = secrets.token_urlsafe(16)
    return session["conversation_id"]


@chat.get("/")
def index():
    return render_template("chat.html")


@chat.get("/healthz")
def healthz():
    return {"status": "ok"}


@chat.post("/api/chat")
def post_message():
    body = request.get_json(silent=True)
    text = body.get("message") if isinstance(body, dict) else None
    if not isinstance(text, str) or not text.strip():
        return jsonify(error="Send a JSON body with a non-empty 'message'."), 400
    if len(text) > MAX_MESSAGE_CHARS:
        return jsonify(error=f"That message is {len(text):,} characters; the limit is "
                             f"{MAX_MESSAGE_CHARS:,}. Please send it in shorter parts."), 413
    try:
        messages = send_message(current_app.config["RASA_URL"], conversation_id(), text)
    except RasaUnavailable:
        current_app.logger.warning("Rasa did not answer")
        return jsonify(error="The assistant is not answering just now. Your message was not "
                             "sent; please try again in a moment."), 503
    return jsonify(messages=messages)
