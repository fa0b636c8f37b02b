"""Discuss mode: the safer sleep and safe handling forms, thin over kbs.safer_practice.

Each form's validation action reads the latest message (a button or free text), records
everything it answers, and asks the next question itself from the catalogue's wording. One
sentence can answer several questions and questions that do not apply are skipped, so the
order is decided in plain Python rather than by Rasa's list of required slots; the form
keeps the loop going and ``requested_slot`` names the slot being asked for. An answer that
is not understood is asked again (never rejected, so the form never falls through to
another prediction), and after a few tries is recorded as not known. Help, the menu and
goodbye reject the form so that their rules answer.
"""

from __future__ import annotations

import logging
import re
from abc import ABC, abstractmethod
from collections.abc import Mapping
from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.events import EventType, SlotSet
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.forms import REQUESTED_SLOT
from sqlalchemy.exc import SQLAlchemyError

from kbs.assessment.discussions import add_to_open_assessment
from kbs.case_reference import check_reference
from kbs.identifying import check_note
from kbs.identity import practitioner_of
from kbs.safer_practice import asking
from kbs.safer_practice.answers import UNKNOWN
from kbs.safer_practice.catalogue import messages
from kbs.safer_practice.discussion import (
    SAFE_HANDLING,
    SAFER_SLEEP,
    Discussion,
    Question,
    answer_in,
    as_answer,
)
from kbs.safer_practice.reading import Message
from kbs.safer_practice.render import render_markdown
from kbs.safer_practice.sleep import sleep_catalogue
from kbs.store.cases import get_or_create_case
from kbs.store.database import get_engine
from kbs.store.plans import save_plan

log = logging.getLogger(__name__)

REFERENCE = "case_reference"  # asked first, by the dialogue (inside an assessment it is set)
FAMILY_PLAN = "family_plan"
NO_REFERENCE = "none"  # never a valid reference: it has no digit
REFERENCE_SLOT = "discuss_case_reference"
FAMILY_PLAN_SLOT = "discuss_family_plan"
ATTEMPTS_SLOT = "discuss_attempts"
CARER_ANSWERS_SLOT = "handling_carer_answers"
ATTEMPTS_BEFORE_UNKNOWN = 3
INTERRUPTIONS = frozenset({"help", "show_menu", "goodbye"})

SLEEP_SLOTS = {**{q: f"sleep_{q}" for q in sleep_catalogue().questions},
               "routine_kinds": "sleep_routine_kinds", FAMILY_PLAN: FAMILY_PLAN_SLOT}
HANDLING_SLOTS = {"mark": "handling_mark", "mobile": "handling_mobile",
                  "condition": "handling_condition", "carers": "handling_carers",
                  "carer_answers": CARER_ANSWERS_SLOT, FAMILY_PLAN: FAMILY_PLAN_SLOT}
COMMON_SLOTS = (REFERENCE_SLOT, ATTEMPTS_SLOT)


class DiscussionForm(ABC):
    """One discussion's slots, read from and written to the tracker."""

    slots: Mapping[str, str]  # answer key -> slot

    @property
    @abstractmethod
    def discussion(self) -> Discussion:
        """The safer sleep or safe handling discussion."""

    def answers(self, tracker: Tracker) -> dict[str, Any]:
        return {key: tracker.get_slot(slot) for key, slot in self.slots.items()
                if tracker.get_slot(slot) is not None}

    def slot_events(self, before: Mapping[str, Any], after: Mapping[str, Any]) -> list[SlotSet]:
        return [SlotSet(slot, after.get(key)) for key, slot in self.slots.items()
                if after.get(key) != before.get(key)]

    def reset_events(self, tracker: Tracker) -> list[SlotSet]:
        return _cleared(tracker, (*self.slots.values(), *COMMON_SLOTS))


class ValidateDiscussion(DiscussionForm, Action, ABC):
    form: str

    def name(self) -> str:
        return f"validate_{self.form}"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker,
                  domain: dict) -> list[EventType]:
        catalogue = self.discussion.catalogue()
        answers = self.answers(tracker)
        reference = tracker.get_slot(REFERENCE_SLOT)
        message = _message(tracker)
        if tracker.get_slot(REQUESTED_SLOT) is None:
            # Starting: the opening message may already describe what happened.
            events = self._record(dispatcher, catalogue, answers,
                                  self.discussion.read(message, None, catalogue), None)
        elif _returning_to_form(tracker):
            events = []
        else:
            asked = self._current(answers, reference)
            events = self._answer(dispatcher, catalogue, answers, message, asked, tracker)
            if events is None:
                return []  # rejected: the rule for help, the menu or goodbye answers
        answers |= _values(events, self.slots)
        reference = _value(events, REFERENCE_SLOT, reference)
        following = self._current(answers, reference)
        self._ask(dispatcher, catalogue, following)
        return [*events, SlotSet(REQUESTED_SLOT, self._slot_for(following))]

    def _current(self, answers: Mapping[str, Any], reference: str | None) -> Question | None:
        if reference is None:
            return (REFERENCE, None)
        return self.discussion.next_question(answers)

    def _slot_for(self, question: Question | None) -> str | None:
        if question is None:
            return None
        return REFERENCE_SLOT if question[0] == REFERENCE \
            else self.slots.get(question[0], CARER_ANSWERS_SLOT)

    def _answer(self, dispatcher, catalogue, answers, message: Message, asked: Question,
                tracker: Tracker) -> list[EventType] | None:
        """Events for the answer to ``asked``, or None to reject the form."""
        question_id = asked[0]
        attempts = tracker.get_slot(ATTEMPTS_SLOT)
        if question_id == REFERENCE:
            return self._take_reference(dispatcher, catalogue, answers, message)
        if question_id == FAMILY_PLAN:
            return None if message.intent in INTERRUPTIONS \
                else _take_family_plan(dispatcher, message)
        update = self.discussion.read(message, asked, catalogue)
        if answer_in(update, asked) is not None:
            attempts = None
        elif not update and message.intent in INTERRUPTIONS:
            return None
        elif not update:
            attempts = (attempts or 0) + 1
            if attempts < ATTEMPTS_BEFORE_UNKNOWN or question_id == "carers":
                _say(dispatcher, "carers_not_understood" if question_id == "carers"
                     else "not_understood")
            else:
                _say(dispatcher, "gave_up")
                update, attempts = as_answer(asked, UNKNOWN), None
        # else the message told something other than the answer: noted, and asked again
        events = self._record(dispatcher, catalogue, answers, update, asked)
        if attempts != tracker.get_slot(ATTEMPTS_SLOT) or not events:
            events.append(SlotSet(ATTEMPTS_SLOT, attempts))  # an empty answer rejects
        return events

    def _take_reference(self, dispatcher, catalogue, answers,
                        message: Message) -> list[EventType] | None:
        if message.skip:
            _say(dispatcher, "not_saved")
            return [SlotSet(REFERENCE_SLOT, NO_REFERENCE)]
        reason = check_reference(message.text)
        if reason is None:
            return [SlotSet(REFERENCE_SLOT, message.text.strip())]
        update = self.discussion.read(message, None, catalogue)
        if not update and message.intent in INTERRUPTIONS:
            return None
        if not update:
            _say(dispatcher, "reference_refused", reason=reason)
        # a description before the reference is kept, and the reference asked for again
        return [*self._record(dispatcher, catalogue, answers, update, None),
                SlotSet(REFERENCE_SLOT, None)]

    def _record(self, dispatcher, catalogue, answers, update, asked) -> list[EventType]:
        """Slot events for what ``update`` adds, confirming back what went beyond ``asked``
        and saying at once anything that cannot wait (the bruising protocol)."""
        after = self.discussion.merge(answers, update)
        also = asking.noted(catalogue, update, asked[0] if asked else None)
        if also:
            _say(dispatcher, "noted", items="; ".join(also))
        urgent = self.discussion.announce(answers, after, catalogue)
        if urgent:
            dispatcher.utter_message(text=_one_message(urgent))
        return self.slot_events(answers, after)

    def _ask(self, dispatcher, catalogue, question: Question | None) -> None:
        if question is None:
            return
        question_id, carer = question
        if question_id == REFERENCE:
            _say(dispatcher, "ask_reference")
        elif question_id == FAMILY_PLAN:
            _say(dispatcher, "ask_family_plan")
        else:
            dispatcher.utter_message(text=asking.question_text(catalogue, question_id, carer),
                                     buttons=asking.buttons(catalogue, question_id))


class ValidateSaferSleepForm(ValidateDiscussion):
    form = "safer_sleep_form"
    discussion = SAFER_SLEEP
    slots = SLEEP_SLOTS


class ValidateSafeHandlingForm(ValidateDiscussion):
    form = "safe_handling_form"
    discussion = SAFE_HANDLING
    slots = HANDLING_SLOTS


class WritePlan(DiscussionForm, Action, ABC):
    """Shows the finished plan, saves it with the case when there is one, and clears the
    discussion's slots."""

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker,
                  domain: dict) -> list[EventType]:
        reference = tracker.get_slot(REFERENCE_SLOT)
        reference = None if reference in (None, NO_REFERENCE) else reference
        content = self.discussion.plan(self.answers(tracker), case_reference=reference)
        dispatcher.utter_message(text=_one_message(render_markdown(content)))
        if reference is None:
            _say(dispatcher, "nothing_saved")
        else:
            _save(dispatcher, practitioner_of(tracker.sender_id), reference,
                  self.discussion.kind, content)
        return self.reset_events(tracker)


class ActionSaferSleepPlan(WritePlan):
    discussion = SAFER_SLEEP
    slots = SLEEP_SLOTS

    def name(self) -> str:
        return "action_safer_sleep_plan"


class ActionSafeHandlingPlan(WritePlan):
    discussion = SAFE_HANDLING
    slots = HANDLING_SLOTS

    def name(self) -> str:
        return "action_safe_handling_plan"


class ActionDiscussLeave(Action):
    """Leaving a discussion for the menu: nothing was saved, and its answers are cleared."""

    def name(self) -> str:
        return "action_discuss_leave"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker,
                  domain: dict) -> list[EventType]:
        _say(dispatcher, "left")
        return _cleared(tracker, (*SLEEP_SLOTS.values(), *HANDLING_SLOTS.values(),
                                  *COMMON_SLOTS))


def _take_family_plan(dispatcher: CollectingDispatcher, message: Message) -> list[EventType]:
    if message.skip:
        return [SlotSet(FAMILY_PLAN_SLOT, "")]
    if message.text.startswith("/"):  # a button from an earlier question
        _say(dispatcher, "not_understood")
        return [SlotSet(FAMILY_PLAN_SLOT, None)]
    reason = check_note(message.text)
    if reason:
        _say(dispatcher, "note_refused", reason=reason)
        return [SlotSet(FAMILY_PLAN_SLOT, None)]
    return [SlotSet(FAMILY_PLAN_SLOT, message.text.strip())]


def _say(dispatcher: CollectingDispatcher, message_id: str, **values: Any) -> None:
    message = messages()[message_id]
    buttons = [{**button, "payload": button["payload"].format(**values)}
               for button in message.get("buttons", [])]
    dispatcher.utter_message(text=message["text"].strip().format(**values), buttons=buttons)


def _save(dispatcher, owner: str, reference: str, kind: str, content: dict) -> None:
    try:
        with get_engine().begin() as connection:
            case_id = get_or_create_case(connection, owner, reference)
            plan_id = save_plan(connection, owner=owner, kind=kind, content=content,
                                case_id=case_id)
            version = add_to_open_assessment(connection, case_id, content)
    except SQLAlchemyError:
        log.exception("saving a %s plan failed", kind)
        _say(dispatcher, "save_failed")
        return
    _say(dispatcher, "saved", plan_id=plan_id, reference=reference)
    if version is not None:
        _say(dispatcher, "added_to_assessment", reference=reference, version=version)


def _one_message(text: str) -> str:
    """Rasa splits a message at each blank line; a plan is shown as one."""
    return re.sub(r"\n{2,}", "\n", text)


def _cleared(tracker: Tracker, slots) -> list[SlotSet]:
    return [SlotSet(slot, None) for slot in dict.fromkeys(slots)
            if tracker.get_slot(slot) is not None]


def _message(tracker: Tracker) -> Message:
    latest = tracker.latest_message or {}
    entities = tuple((e["entity"], str(e["value"])) for e in latest.get("entities") or ()
                     if "entity" in e and "value" in e)
    return Message(latest.get("text") or "", (latest.get("intent") or {}).get("name"), entities)


def _returning_to_form(tracker: Tracker) -> bool:
    """The form runs again after a rule answered (help): nothing new to read."""
    events = tracker.events
    last_user = max((i for i, e in enumerate(events) if e.get("event") == "user"), default=-1)
    return any(e.get("event") == "bot" for e in events[last_user + 1:])


def _values(events: list[EventType], slots: Mapping[str, str]) -> dict[str, Any]:
    by_slot = {e["name"]: e["value"] for e in events if e.get("event") == "slot"}
    return {key: by_slot[slot] for key, slot in slots.items() if slot in by_slot}


def _value(events: list[EventType], slot: str, default: Any) -> Any:
    return next((e["value"] for e in reversed(events)
                 if e.get("event") == "slot" and e["name"] == slot), default)
