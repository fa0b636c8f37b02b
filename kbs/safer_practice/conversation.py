"""A safer sleep or safe handling discussion, one message at a time, as a form.

Each message (a button or free text) is read, everything it answers is recorded, and the
next question is asked from the catalogue's wording. One sentence can answer several
questions and questions that do not apply are skipped, so the order is decided here rather
than by Rasa's list of required slots: a turn names the slot it asks for next. An answer
that is not understood is asked again (never rejected, so the form never falls through to
another prediction), and after a few tries is recorded as not known. Help, the menu and
goodbye reject the form so that their rules answer.

The answers are kept in the slots named here (``bot/domain/discuss.yml``); a turn is given
the slots' values and returns the slots it changes.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace
from typing import Any

from kbs import chat
from kbs.case_reference import check_reference, declines
from kbs.identifying import screen
from kbs.safer_practice import asking, saving
from kbs.safer_practice.answers import UNKNOWN
from kbs.safer_practice.catalogue import Catalogue, say
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
                  "age_weeks": "handling_age_weeks",
                  "condition": "handling_condition", "carers": "handling_carers",
                  "carer_answers": CARER_ANSWERS_SLOT, FAMILY_PLAN: FAMILY_PLAN_SLOT}
COMMON_SLOTS = (REFERENCE_SLOT, ATTEMPTS_SLOT)

Slots = Mapping[str, Any]  # slot name -> value


@dataclass(frozen=True)
class DiscussionForm:
    """One discussion and the slots its answers are kept in."""

    discussion: Discussion
    slots: Mapping[str, str]  # answer key -> slot

    def answers(self, slots: Slots) -> dict[str, Any]:
        return {key: slots.get(slot) for key, slot in self.slots.items()
                if slots.get(slot) is not None}


SAFER_SLEEP_FORM = DiscussionForm(SAFER_SLEEP, SLEEP_SLOTS)
SAFE_HANDLING_FORM = DiscussionForm(SAFE_HANDLING, HANDLING_SLOTS)


def take(form: DiscussionForm, slots: Slots, message: Message, requested: str | None, *,
         returning: bool = False) -> chat.FormTurn:
    """The form's turn on ``message``. ``requested`` is the slot the form asked for, None
    when it has asked nothing yet (the opening message may already describe what
    happened); ``returning`` when it runs again after a rule answered (help), with nothing
    new to read."""
    catalogue = form.discussion.catalogue()
    answers = form.answers(slots)
    reference = slots.get(REFERENCE_SLOT)
    said: list[chat.Message] = []
    if requested is None:
        changes = _record(form, said, catalogue, answers,
                          form.discussion.read(message, None, catalogue), None)
    elif returning:
        changes = {}
    else:
        asked = _current(form, answers, reference)
        changes = _answer(form, said, catalogue, answers, message, asked,
                          slots.get(ATTEMPTS_SLOT))
        if changes is None:
            return chat.FormTurn(rejected=True)  # the rule for help, the menu or goodbye
    answers |= {key: changes[slot] for key, slot in form.slots.items() if slot in changes}
    reference = changes.get(REFERENCE_SLOT, reference)
    following = _current(form, answers, reference)
    said += _ask(catalogue, following)
    asking_for = _slot_for(form, following)
    return chat.FormTurn(tuple(said), changes, asking=asking_for, ends=asking_for is None)


def write_plan(form: DiscussionForm, slots: Slots, owner: str) -> chat.Turn:
    """The finished plan, saved with the case when there is one (kbs.safer_practice.saving:
    then, if the case's assessment is in progress, "Is this the same baby?"), and kept as
    this conversation's last plan; the discussion's slots are cleared."""
    reference = slots.get(REFERENCE_SLOT)
    reference = None if reference in (None, NO_REFERENCE) else reference
    kind = form.discussion.kind
    content = form.discussion.plan(form.answers(slots), case_reference=reference)
    shown = chat.Message(_one_message(render_markdown(content)))
    cleared = _cleared(slots, (*form.slots.values(), *COMMON_SLOTS))
    if reference is None:
        return chat.Turn((shown, say("nothing_saved")),
                         {**cleared, saving.LAST_PLAN_SLOT: saving.unsaved(kind, content)})
    saved = saving.save_with_case(owner, reference, kind, content)
    return chat.Turn((shown, *saved.messages), {**cleared, **saved.slots}, opens=saved.opens)


def leave(slots: Slots) -> chat.Turn:
    """Leaving a discussion for the menu: nothing was saved, and its answers are cleared."""
    return chat.Turn((say("left"),), _cleared(
        slots, (*SLEEP_SLOTS.values(), *HANDLING_SLOTS.values(), *COMMON_SLOTS)))


def _current(form: DiscussionForm, answers: Mapping[str, Any],
             reference: str | None) -> Question | None:
    if reference is None:
        return (REFERENCE, None)
    return form.discussion.next_question(answers)


def _slot_for(form: DiscussionForm, question: Question | None) -> str | None:
    if question is None:
        return None
    return REFERENCE_SLOT if question[0] == REFERENCE \
        else form.slots.get(question[0], CARER_ANSWERS_SLOT)


def _answer(form: DiscussionForm, said: list[chat.Message], catalogue: Catalogue,
            answers: dict[str, Any], message: Message, asked: Question,
            attempts_before: Any) -> dict[str, Any] | None:
    """The slots the answer to ``asked`` changes, or None to reject the form."""
    question_id = asked[0]
    attempts = attempts_before
    if question_id == REFERENCE:
        return _take_reference(form, said, catalogue, answers, message)
    if question_id == FAMILY_PLAN:
        return None if message.intent in INTERRUPTIONS else _take_family_plan(said, message)
    update = form.discussion.read(message, asked, catalogue)
    if answer_in(update, asked) is not None:
        attempts = None
    elif not update and message.intent in INTERRUPTIONS:
        return None
    elif not update:
        attempts = (attempts or 0) + 1
        if attempts < ATTEMPTS_BEFORE_UNKNOWN or question_id == "carers":
            said.append(say("carers_not_understood" if question_id == "carers"
                             else "not_understood"))
        else:
            said.append(say("gave_up"))
            update, attempts = as_answer(asked, UNKNOWN), None
    # else the message told something other than the answer: noted, and asked again
    changes = _record(form, said, catalogue, answers, update, asked)
    if attempts != attempts_before or not changes:
        changes[ATTEMPTS_SLOT] = attempts  # a turn that sets no slot would reject the form
    return changes


def _take_reference(form: DiscussionForm, said: list[chat.Message], catalogue: Catalogue,
                    answers: dict[str, Any], message: Message) -> dict[str, Any] | None:
    if message.skip or declines(message.text):
        said.append(say("not_saved"))
        return {REFERENCE_SLOT: NO_REFERENCE}
    reason = check_reference(message.text)
    if reason is None:
        return {REFERENCE_SLOT: message.text.strip()}
    update = form.discussion.read(message, None, catalogue)
    if not update and message.intent in INTERRUPTIONS:
        return None
    if not update:
        # a refused reference may hold a name or a date of birth: not kept in the chat
        said.append(replace(say("reference_refused", reason=reason),
                            screened=(message.text.strip(),)))
    # a description before the reference is kept, and the reference asked for again
    return {**_record(form, said, catalogue, answers, update, None), REFERENCE_SLOT: None}


def _take_family_plan(said: list[chat.Message], message: Message) -> dict[str, Any]:
    if message.skip:
        return {FAMILY_PLAN_SLOT: ""}
    if message.text.startswith("/"):  # a button from an earlier question
        said.append(say("not_understood"))
        return {FAMILY_PLAN_SLOT: None}
    refusal = screen(message.text)
    if refusal:
        said.append(replace(say("note_refused", reason=refusal.reason),
                            screened=refusal.words))
        return {FAMILY_PLAN_SLOT: None}
    return {FAMILY_PLAN_SLOT: message.text.strip()}


def _record(form: DiscussionForm, said: list[chat.Message], catalogue: Catalogue,
            answers: Mapping[str, Any], update: Mapping[str, Any],
            asked: Question | None) -> dict[str, Any]:
    """The slots ``update`` changes, confirming back what went beyond ``asked`` and saying
    at once anything that cannot wait (the bruising protocol)."""
    after = form.discussion.merge(answers, update)
    also = asking.noted(catalogue, update, asked[0] if asked else None)
    if also:
        said.append(say("noted", items="; ".join(also)))
    urgent = form.discussion.announce(answers, after, catalogue)
    if urgent:
        said.append(chat.Message(_one_message(urgent)))
    return {slot: after.get(key) for key, slot in form.slots.items()
            if after.get(key) != answers.get(key)}


def _ask(catalogue: Catalogue, question: Question | None) -> list[chat.Message]:
    if question is None:
        return []
    question_id, carer = question
    if question_id == REFERENCE:
        return [say("ask_reference")]
    if question_id == FAMILY_PLAN:
        return [say("ask_family_plan")]
    return [chat.Message(asking.question_text(catalogue, question_id, carer),
                         _buttons(asking.buttons(catalogue, question_id)))]


def _buttons(buttons: Iterable[Mapping[str, str]]) -> tuple[chat.Button, ...]:
    return tuple(chat.Button(button["title"], button["payload"]) for button in buttons)


def _one_message(text: str) -> str:
    """Rasa splits a message at each blank line; a plan is shown as one."""
    return re.sub(r"\n{2,}", "\n", text)


def _cleared(slots: Slots, names: Iterable[str]) -> dict[str, None]:
    return {slot: None for slot in dict.fromkeys(names) if slots.get(slot) is not None}
