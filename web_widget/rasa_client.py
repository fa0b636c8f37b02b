"""Talking to the Rasa server's REST channel on behalf of one conversation."""

from __future__ import annotations

import requests


class RasaUnavailable(RuntimeError):
    """The Rasa server did not answer (down, restarting or overloaded)."""


def send_message(rasa_url: str, sender: str, text: str, timeout: float = 30) -> list[dict]:
    """Send ``text`` as ``sender``; return the bot's messages (text and buttons)."""
    try:
        response = requests.post(f"{rasa_url}/webhooks/rest/webhook",
                                 json={"sender": sender, "message": text}, timeout=timeout)
        response.raise_for_status()
    except requests.RequestException as err:
        raise RasaUnavailable(str(err)) from err
    return [_message(m) for m in response.json()]


def _message(raw: dict) -> dict:
    buttons = [{"title": b.get("title", ""), "payload": b.get("payload", "")}
               for b in raw.get("buttons") or []]
    return {"text": raw.get("text", ""), "buttons": buttons}
