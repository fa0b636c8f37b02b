"""Talking to the Rasa server on behalf of one conversation.

Messages go to the web app's channel (kbs/ops/rasa_channel.py); the history of a
conversation comes from the tracker, through Rasa's HTTP API. Every call carries the token
(KBS_RASA_TOKEN, never seen by the browser) in a header, never in the URL, and names the
conversation in a header the Rasa server takes from the web app alone
(kbs.ops.server_auth). An error names what failed, never the URL or the token.
"""

from __future__ import annotations

import threading
from urllib.parse import quote

import requests

from kbs.ops.server_auth import RASA_TOKEN_HEADER, SENDER_HEADER

CHANNEL_PATH = "/webhooks/kbs/webhook"
_local = threading.local()


def _http() -> requests.Session:
    """This thread's session: its connections to Rasa stay open between turns (a new one
    for every message cost Rasa and the web app a connection set-up each; urllib3 replaces
    a connection the server has closed, as after a Rasa restart)."""
    if not hasattr(_local, "session"):
        _local.session = requests.Session()
    return _local.session


class RasaUnavailable(RuntimeError):
    """The Rasa server did not answer (down, restarting or overloaded)."""


def send_message(rasa_url: str, token: str, sender: str, text: str,
                 timeout: float = 30) -> list[dict]:
    """Send ``text`` as ``sender``; return the bot's messages (text and buttons)."""
    try:
        response = _http().post(f"{rasa_url}{CHANNEL_PATH}", json={"message": text},
                                headers={RASA_TOKEN_HEADER: token, SENDER_HEADER: sender},
                                timeout=timeout)
        response.raise_for_status()
    except requests.RequestException as err:
        raise RasaUnavailable(failure("sending a message", err)) from err
    return [_bot_message(m.get("text"), m.get("buttons")) for m in response.json()]


def fetch_history(rasa_url: str, token: str, sender: str, timeout: float = 10) -> list[dict]:
    """The conversation so far, oldest first, as the widget shows it."""
    try:
        response = _http().get(f"{rasa_url}/conversations/{quote(sender, safe='')}/tracker",
                               headers={RASA_TOKEN_HEADER: token}, timeout=timeout)
        response.raise_for_status()
    except requests.RequestException as err:
        raise RasaUnavailable(failure("reading a conversation", err)) from err
    return messages_from_events(response.json().get("events") or [])


def failure(doing: str, err: requests.RequestException) -> str:
    """What to log of a failed call: what it was doing, the kind of error and the status;
    never requests' own message, which quotes the URL (a conversation's id)."""
    status = getattr(err.response, "status_code", None)
    return f"{doing}: {type(err).__name__}{f' (status {status})' if status else ''}"


def messages_from_events(events: list[dict]) -> list[dict]:
    """User and bot turns from tracker events; a button's payload is shown as its title."""
    messages: list[dict] = []
    titles: dict[str, str] = {}
    for event in events:
        if event.get("event") == "user" and event.get("text"):
            text = event["text"]
            messages.append({"from": "you", "text": titles.get(text, text), "buttons": []})
        elif event.get("event") == "bot" and (event.get("text") or _buttons(event)):
            message = _bot_message(event.get("text"), _buttons(event))
            titles = {b["payload"]: b["title"] for b in message["buttons"]}
            messages.append(message)
    return messages


def _buttons(event: dict) -> list[dict]:
    return (event.get("data") or {}).get("buttons") or []


def _bot_message(text: str | None, buttons: list[dict] | None) -> dict:
    return {"from": "bot", "text": text or "",
            "buttons": [{"title": b.get("title", ""), "payload": b.get("payload", "")}
                        for b in buttons or []]}
