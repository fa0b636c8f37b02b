"""Running the Rasa actions as the action server does: rasa_sdk's ActionExecutor with the
package ``actions`` registered, an action called by its name with a tracker as Rasa sends
it, and the domain of ``bot/domain``. Tests never import ``actions`` themselves.

``tracker`` builds the tracker of one message: the slots before it, the message as the NLU
parsed it, the events Rasa logged (by default the message itself) and, for a form, the
slots Rasa filled from the message (its slot candidates, logged after it).
"""

from __future__ import annotations

import asyncio
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

import yaml
from rasa_sdk.executor import ActionExecutor

DOMAIN_DIR = Path(__file__).resolve().parents[3] / "bot" / "domain"


@cache
def executor() -> ActionExecutor:
    actions = ActionExecutor()
    actions.register_package("actions")
    return actions


@cache
def domain() -> dict[str, Any]:
    """bot/domain's files merged, as Rasa sends the domain to the action server."""
    merged: dict[str, Any] = {}
    for path in sorted(DOMAIN_DIR.glob("*.yml")):
        for key, value in (yaml.safe_load(path.read_text(encoding="utf-8")) or {}).items():
            if isinstance(value, dict):
                merged.setdefault(key, {}).update(value)
            elif isinstance(value, list):
                merged.setdefault(key, []).extend(value)
    return merged


@dataclass(frozen=True)
class Result:
    messages: list[dict[str, Any]]  # as the dispatcher collected them
    events: list[dict[str, Any]]

    @property
    def said(self) -> list[str]:
        return [m["text"] for m in self.messages]

    @property
    def responses(self) -> list[str]:
        return [m["response"] for m in self.messages]

    @property
    def slots(self) -> dict[str, Any]:
        return {e["name"]: e["value"] for e in self.events if e["event"] == "slot"}


def parsed(text: str = "", intent: str | None = None, entities=(), **more: Any) -> dict:
    """A message as the NLU parsed it; ``entities`` as (entity, value) pairs or dicts."""
    return {"text": text, "intent": {"name": intent} if intent else {},
            "entities": [e if isinstance(e, dict) else {"entity": e[0], "value": e[1]}
                         for e in entities], **more}


def tracker(slots: dict[str, Any] | None = None, message: dict | None = None, *,
            events: list[dict] | None = None, filled: dict[str, Any] | None = None,
            sender: str = "hv.one~abc", active_loop: str | None = None) -> dict[str, Any]:
    message = message if message is not None else parsed()
    logged = events if events is not None else [
        {"event": "user", "text": message.get("text"), "parse_data": message}]
    filled = filled or {}
    return {"sender_id": sender, "slots": {**(slots or {}), **filled},
            "latest_message": message,
            "events": [*logged, *({"event": "slot", "name": slot, "value": value}
                                  for slot, value in filled.items())],
            "paused": False, "followup_action": None,
            "active_loop": {"name": active_loop} if active_loop else {},
            "latest_action_name": "action_listen"}


def run(action: str, a_tracker: dict[str, Any]) -> Result:
    """The action named ``action`` run on ``a_tracker``, as the action server runs it."""
    response = asyncio.run(executor().run(
        {"next_action": action, "sender_id": a_tracker["sender_id"], "tracker": a_tracker,
         "domain": domain()}))
    return Result(response["responses"], response["events"])


def after(result: Result, slots: dict[str, Any]) -> dict[str, Any]:
    """The slots once ``result``'s events are applied to ``slots``."""
    return {**slots, **result.slots}


def bot_said(result: Result) -> list[dict]:
    """The events Rasa logs for what an action said (a response keeps its name), to put in
    the tracker of the actions that follow in the same turn."""
    return [{"event": "bot", "text": m.get("text"),
             "metadata": {"utter_action": m["response"]} if m.get("response") else {}}
            for m in result.messages]
