"""Text the screening refused never stays in Rasa's tracker store (issue 19).

When an action refuses what the practitioner typed (kbs.identifying.screen), its refusal
carries the words refused in the bot message's metadata (``kbs.chat.SCREENED``, set by
actions/turns.py). Rasa saves a conversation's new events once a message has been handled;
before they are written, ``redacted`` replaces, in that message's turn (from the user's
message to the next one):

- the user's message (its text, the text and entities of its parse) by screening.yml's
  ``removed`` marker;
- the message's text and every word refused wherever else they appear (a slot Rasa filled
  from the text, the refusal itself, which may quote the word) by the same marker;

and drops the metadata key. What the practitioner sees in the chat is not changed: only the
copies written to the store are. ``apply`` makes Rasa's SQL tracker store (SQLite or
PostgreSQL) write its events through ``redacted``; it is applied by kbs.ops.rasa_server for
every run, KBS_RASA_STOCK=1 or not, since it is a control, not a speed-up.

Plain Python on the events as dictionaries; Rasa is imported only by ``apply``.
"""

from __future__ import annotations

import copy
import re
import sys
from collections.abc import Iterable
from typing import Any

from kbs.chat import SCREENED

Event = dict[str, Any]
_applied: list[str] = []


def redacted(events: Iterable[Event], marker: str | None = None) -> list[Event]:
    """``events`` (Rasa's, as dictionaries) with each refused message and its words replaced
    by ``marker`` (screening.yml's ``removed``); the events themselves are not changed."""
    events = [copy.deepcopy(event) for event in events]
    turns = _refused_turns(events)
    if not turns:
        return events
    if marker is None:
        from kbs.identifying import screening

        marker = screening().removed
    for start, end, words in turns:
        for index in range(start, end):
            event = events[index]
            if index == start and event.get("event") == "user":
                _remove_message(event, marker)
            else:
                events[index] = _scrubbed(event, words, marker)
            (events[index].get("metadata") or {}).pop(SCREENED, None)
    return events


def _refused_turns(events: list[Event]) -> list[tuple[int, int, tuple[str, ...]]]:
    """(first, past the last, words refused) of each turn whose message was refused: from the
    user's message (or the first event, when it is not among these) to the next one."""
    starts = [i for i, event in enumerate(events) if event.get("event") == "user"]
    bounds = list(zip([0, *starts], [*starts, len(events)], strict=True))
    turns = []
    for start, end in bounds:
        words: list[str] = []
        for event in events[start:end]:
            if event.get("event") == "bot":
                words += (event.get("metadata") or {}).get(SCREENED) or []
        if words:
            user = events[start] if events[start:end] and \
                events[start].get("event") == "user" else None
            text = (user or {}).get("text") or ""
            found = tuple(dict.fromkeys(w for w in [text.strip(), *words] if w))
            turns.append((start, end, found))
    return turns


def _remove_message(event: Event, marker: str) -> None:
    event["text"] = marker
    parse = event.get("parse_data")
    if isinstance(parse, dict):
        parse["text"] = marker
        parse["entities"] = []
        parse.pop("response_selector", None)


def _scrubbed(value: Any, words: tuple[str, ...], marker: str) -> Any:
    """``value`` with every string in it (however nested, but not Rasa's own fields: the
    event's type, an action's or slot's name, a policy) free of ``words``, each replaced
    where it stands as a whole word."""
    if isinstance(value, str):
        for word in sorted(words, key=len, reverse=True):
            value = re.sub(rf"(?<!\w){re.escape(word)}(?!\w)", marker, value)
        return value
    if isinstance(value, dict):
        return {key: item if key in RASA_FIELDS else _scrubbed(item, words, marker)
                for key, item in value.items()}
    if isinstance(value, list):
        return [_scrubbed(item, words, marker) for item in value]
    return value


RASA_FIELDS = frozenset({"event", "name", "policy", "timestamp", "confidence",
                         "input_channel", "message_id", "action_text", "utter_action"})


PATCHED_RASA = "3.6."


def apply() -> list[str]:
    """Make Rasa's SQL tracker store write its new events through ``redacted`` (once)."""
    import rasa

    if _applied:
        return list(_applied)
    if not rasa.__version__.startswith(PATCHED_RASA):
        print(f"kbs: Rasa {rasa.__version__} is not {PATCHED_RASA}x: refused text is NOT "
              "removed from the tracker store", file=sys.stderr)
        return []
    from rasa.core.tracker_store import SQLTrackerStore
    from rasa.shared.core.events import Event as RasaEvent

    original = SQLTrackerStore._additional_events

    def _additional_events(self, session, tracker):
        new = list(original(self, session, tracker))
        if not any(SCREENED in (getattr(event, "metadata", None) or {}) for event in new
                   if event.type_name == "bot"):
            return iter(new)  # most turns: nothing refused, nothing copied
        return iter(RasaEvent.from_parameters(event)
                    for event in redacted(event.as_dict() for event in new))

    SQLTrackerStore._additional_events = _additional_events
    _applied.append("text refused by the screening removed before a tracker is stored")
    return list(_applied)
