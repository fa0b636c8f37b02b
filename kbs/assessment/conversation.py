"""An assessment, one turn at a time: start, ask, answer, announce red flags, close.

Each function takes the conversation's State (kept by Rasa in slots) and returns the new
State with what to say. Every answer is saved to the project's database before the reply,
so stopping, or a restart of any process, loses nothing; a saved profile is resumed by its
case reference. The State only adds what a conversation needs besides the saved answers:
the question on the table and the questions asked so far (for "go back" and "skip").
"""

from __future__ import annotations

import json
from dataclasses import dataclass, replace
from datetime import date
from typing import Any

from sqlalchemy import select
from sqlalchemy.engine import Connection, Row

from kbs.assessment import answering, depth, interpret, record, steps, versions
from kbs.assessment.interpret import Said
from kbs.assessment.summary import finished_messages, red_flag_messages
from kbs.assessment.vocabulary import button, load_vocabulary, say
from kbs.case_reference import asks_to_discard, check_reference, declines
from kbs.chat import Message
from kbs.engine import compare, load_routes, score
from kbs.engine.rules import load_rules
from kbs.store.audit import chat_access
from kbs.store.cases import get_or_create_case
from kbs.store.database import get_engine
from kbs.store.profiles import (
    complete_profile,
    latest_complete,
    open_profile,
    owned_profile,
    previous_complete,
    save_answers,
    start_profile,
)
from kbs.store.schema import profiles
from kbs.text.words import is_phrase

MAX_CHARS = 1000
FINISH = "finish"  # every question is answered; the next message finishes the profile
RED_FLAG, STOPPED, FINISHED = "red_flag", "stopped", "finished"
# Answers to these say who someone is or how something is known, not who lives there.
NOT_OFFERING_AFTER = ("carers", "offer", "source", "wider_family", "level")
# The step while an answer waits to be confirmed: "confirm:" and the answer as read (JSON).
CONFIRM = "confirm:"


@dataclass(frozen=True)
class State:
    case: str | None = None
    profile: int | None = None
    step: str | None = None
    asked: tuple[str, ...] = ()
    red_flags: tuple[str, ...] = ()  # raised by the last answer, to announce
    outcome: str | None = None  # red_flag | stopped | finished: the form pauses or ends
    confirm: str | None = None  # new_version | discard: waiting for a yes or no


@dataclass(frozen=True)
class Turn:
    state: State
    messages: tuple[Message, ...] = ()


def start(owner: str, text: str) -> Turn:
    """A new assessment; "resume KBS-0142" opens that case straight away."""
    intro = Message(load_vocabulary().intro.format(emergency=answering.emergency_contact()))
    state = State(step="reference")
    reference = _reference_in(text) if any(ch.isdigit() for ch in text) else None
    if not reference:
        return Turn(state, (intro,))
    opened = _open(owner, reference)
    return Turn(opened.state, (intro, *opened.messages))


def ask(state: State, owner: str) -> Turn:
    """The question on the table, with its buttons."""
    if state.confirm:
        return Turn(state, (_confirmation(state, owner),))
    if state.profile is None:
        return Turn(state, (Message(steps.reference_step().question),))
    doc = _load(owner, state.profile).answers
    pending = _pending(state)
    if pending:
        step = steps.step_for(doc, pending["step"])
        if step is not None:
            return Turn(state, (Message(say("confirm", understood=answering.understood(
                step, pending, doc)), (button("confirm_yes"), button("confirm_no"))),))
    step = steps.step_for(doc, state.step) if state.step != FINISH else None
    if step is None:
        return Turn(state, (Message(say("all_answered")),))
    text = step.question
    if step.kind == "level":
        vocab, profile = load_vocabulary(), score(doc)
        lead = vocab.level_lead.format(level=profile.level,
                                        name=profile.level_name.replace("_", " "))
        text = f"{lead} {text} {vocab.level_hint}"
    previous = steps.step_for(doc, state.asked[-1]) if state.asked else None
    if step.section and not text.startswith(step.section) and (
            previous is None or previous.section != step.section):
        text = f"{step.section}\n{text}"
    return Turn(state, (Message(text, step.buttons),))


def answer(state: State, owner: str, text: str,
           entities: list[dict[str, Any]] | tuple = ()) -> Turn:
    """One answer, top to bottom: read the message once (its facts and whether it is a
    command), apply it to the question on the table, save, and choose what comes next."""
    if len(text) > MAX_CHARS:
        return Turn(state, (Message(say("too_long", length=f"{len(text):,}",
                                        limit=f"{MAX_CHARS:,}")),))
    said = interpret.read_message(text, entities, load_vocabulary())
    if state.confirm:
        return _confirm(state, owner, text, said)
    if state.profile is None:
        return _answer_reference(state, owner, text, said.command)
    with get_engine().begin() as connection:
        row = _load(owner, state.profile, connection)
        if row is None:
            return Turn(replace(state, outcome=STOPPED), (Message(say("profile_gone")),))
        turn = _answer(state, owner, text, said, connection, row)
        _audit_turn(connection, owner, row)
        return turn


def _answer(state: State, owner: str, text: str, said: Said, connection: Connection,
            row: Row) -> Turn:
    if asks_to_discard(text):
        if versions.needs_confirming(row):
            return Turn(replace(state, confirm=versions.DISCARD))
        return _discarded(connection, owner, row)
    if state.step == FINISH:
        return Turn(replace(state, outcome=FINISHED))
    pending = _pending(state)
    if pending:
        state = replace(state, step=pending["step"])
    step = steps.step_for(row.answers, state.step)
    if step is None:  # the question no longer applies to the answers: on to the next
        return _moved_on(state, row.answers, ())
    if said.correction:
        return _correct(state, connection, row, said)
    if said.command:
        return _command(said.command, state, row, step)
    if pending and _bare(said) is not None:
        if not _bare(said):
            return Turn(state, (Message(say("confirm_not_recorded")),))
        applied = answering.apply_pending(step, pending, row.answers)
        return _saved(state, connection, row, step, said, applied)
    if said.question:
        return _question(state, row)
    return _record(state, connection, row, step, said)


def _audit_turn(connection: Connection, owner: str, row: Row) -> None:
    """One audit row for the profile a turn read: "updated" when the turn saved it, else
    "viewed"; none when it was discarded (audited as such). The question asked next in the
    same turn (``ask``) reads it again, unaudited: this row covers the turn."""
    updated = connection.execute(select(profiles.c.updated_at)
                                 .where(profiles.c.id == row.id)).scalar()
    if updated is not None:
        chat_access(connection, owner, "updated" if updated != row.updated_at else "viewed",
                    "profile", row.id, row.reference)


def announce(state: State, owner: str) -> Turn:
    """The red flags the last answer raised, with their routes."""
    with get_engine().begin() as connection:
        row = _load(owner, state.profile, connection)
        chat_access(connection, owner, "viewed", "profile", row.id, row.reference)
    doc = row.answers
    return Turn(replace(state, red_flags=(), outcome=None),
                tuple(red_flag_messages(state.red_flags, score(doc), doc)))


def close(state: State, owner: str) -> Turn:
    """The end: the summary (and what changed) when finished; where things stand if stopped."""
    if state.profile is None:
        return Turn(State(), (Message(say("stopped_without_reference")),))
    with get_engine().begin() as connection:
        row = _load(owner, state.profile, connection)
        if row is None:
            return Turn(State(), (Message(say("profile_not_found")),))
        if state.outcome != FINISHED:
            chat_access(connection, owner, "viewed", "profile", row.id, row.reference)
            answered = sum(s.answered for s in steps.plan(row.answers))
            return Turn(State(), (Message(say("stopped", reference=row.reference,
                                              version=row.version, answered=answered)),))
        doc = {**row.answers, "assessed_on": date.today().isoformat()}
        profile = score(doc)
        complete_profile(connection, row.id, doc, profile.to_dict())
        chat_access(connection, owner, "completed", "profile", row.id, row.reference)
        previous = previous_complete(connection, row.case_id, row.version)
    comparison = compare(previous.answers, doc) if previous else None
    return Turn(State(), tuple(finished_messages(
        row.reference, row.version, profile, comparison,
        previous.version if previous else None, row.id, doc)))


def _answer_reference(state: State, owner: str, text: str, command: str | None) -> Turn:
    if command == "stop" or declines(text):  # no case: nothing can be saved, so it stops
        return Turn(replace(state, outcome=STOPPED))
    if command:
        if command == "why":
            reply = say("why", rationale=load_vocabulary().prompts["reference"].rationale)
        else:
            reply = load_vocabulary().help if command == "help" else say("reference_first")
        return Turn(state, (Message(reply),))
    return _open(owner, _reference_in(text) or text.strip())


def _open(owner: str, reference: str) -> Turn:
    """Resume the case's unfinished profile; or, once the practitioner confirms it (when
    its last version is finished), start its next version."""
    reason = check_reference(reference)
    if reason:
        # a refused reference may hold a name or a date of birth: not kept in the chat
        return Turn(State(step="reference"), (Message(say("reference_refused", reason=reason),
                                                      screened=(reference,)),))
    with get_engine().begin() as connection:
        case_id = get_or_create_case(connection, owner, reference)
        row = open_profile(connection, case_id)
        if row is None and latest_complete(connection, case_id) is not None:
            return Turn(State(case=reference, step="reference", confirm=versions.NEW_VERSION))
    return _start_or_resume(owner, reference)


def _start_or_resume(owner: str, reference: str) -> Turn:
    with get_engine().begin() as connection:
        case_id = get_or_create_case(connection, owner, reference)
        row = open_profile(connection, case_id)
        if row:
            doc = row.answers
            answered = sum(s.answered for s in steps.plan(doc))
            said = say("resumed", reference=reference, version=row.version,
                       started=f"{row.started_at:%d %B %Y}", answered=answered)
            profile_id = row.id
            chat_access(connection, owner, "viewed", "profile", row.id, reference)
        else:
            doc = record.new_answers(date.today())
            profile_id = start_profile(connection, case_id, doc, score(doc).to_dict())
            chat_access(connection, owner, "created", "profile", profile_id, reference)
            row = _load(owner, profile_id, connection)
            previous = previous_complete(connection, case_id, row.version)
            if previous:
                said = say("started_again", version=row.version, reference=reference,
                           previous=previous.version,
                           completed=f"{previous.completed_at:%d %B %Y}")
            else:
                said = say("started", version=row.version, reference=reference)
    return Turn(State(case=reference, profile=profile_id, step=_next(doc, ())),
                (Message(said),))


def _confirmation(state: State, owner: str) -> Message:
    """The yes-or-no question the conversation waits on."""
    with get_engine().begin() as connection:
        if state.confirm == versions.NEW_VERSION:
            case_id = get_or_create_case(connection, owner, state.case)
            chat_access(connection, owner, "viewed", "case", case_id, state.case)
            return versions.ask_new_version(connection, case_id, state.case)
        row = _load(owner, state.profile, connection)
        chat_access(connection, owner, "viewed", "profile", row.id, row.reference)
        return versions.ask_discard(row)


def _confirm(state: State, owner: str, text: str, said: Said) -> Turn:
    """The answer to "Start version 2?" or "Discard it?": only yes does it."""
    if said.command == "stop":
        return Turn(replace(state, outcome=STOPPED, confirm=None))
    answer = versions.confirmed(text, said)
    if state.confirm == versions.NEW_VERSION:
        if answer is True:
            return _start_or_resume(owner, state.case)
        if answer is None and any(ch.isdigit() for ch in text):  # another reference
            return _open(owner, _reference_in(text))
        if answer is False:
            with get_engine().begin() as connection:
                case_id = get_or_create_case(connection, owner, state.case)
                declined = versions.declined_new_version(connection, case_id,
                                                         state.case)
            return Turn(State(step="reference"), (declined,))
        return Turn(state, (versions.ask_yes_or_no(),))
    with get_engine().begin() as connection:
        row = _load(owner, state.profile, connection)
        if row is None:
            return Turn(replace(state, outcome=STOPPED), (Message(say("profile_gone")),))
        if answer is True:
            return _discarded(connection, owner, row)
        if answer is False:
            chat_access(connection, owner, "viewed", "profile", row.id, row.reference)
            return Turn(replace(state, confirm=None), (versions.kept(row),))
    return Turn(state, (versions.ask_yes_or_no(),))


def _discarded(connection: Connection, owner: str, row: Row) -> Turn:
    """The version in progress deleted; the form asks for a case reference again."""
    return Turn(State(step="reference"), (versions.discard(connection, owner, row),))


def _command(command: str, state: State, row: Row, step: steps.Step) -> Turn:
    if command == "stop":
        return Turn(replace(state, outcome=STOPPED))
    if command == "skip":  # a group's list is skipped with each of its questions
        return _moved_on(replace(state, asked=(*state.asked, *step.members, step.id)),
                         row.answers, (Message(say("skipped")),))
    if command == "back":
        return _back(state, row.answers)
    if command == "why":
        return Turn(state, (Message(say("why", rationale=step.rationale)),))
    if command == "where":
        return Turn(state, (Message(say("where", reference=row.reference,
                                        version=row.version)),))
    return Turn(state, (Message(load_vocabulary().help),))


def _back(state: State, doc: dict[str, Any]) -> Turn:
    asked = list(state.asked)
    while asked:
        previous = steps.step_for(doc, asked.pop())
        if previous:
            return Turn(replace(state, step=previous.id, asked=tuple(asked)), (Message(
                say("going_back", recorded=answering.describe(previous, doc))),))
    return Turn(state, (Message(say("nothing_to_go_back_to")),))


def _pending(state: State) -> dict[str, Any] | None:
    """The answer waiting to be confirmed, if any."""
    if state.step and state.step.startswith(CONFIRM):
        return json.loads(state.step.removeprefix(CONFIRM))
    return None


def _bare(said: Said) -> bool | None:
    """A bare yes or no (the answer to "So: ... Right?"); None for anything else."""
    vocab = load_vocabulary()
    reading = said.reading
    for value, phrases in ((True, vocab.yes), (False, vocab.no)):
        if is_phrase(reading, phrases, (*vocab.polite, "that's right", "right", "that's wrong",
                                        "it is", "it isn't", "that's it")):
            return value
    return None


def _correct(state: State, connection: Connection, row: Row, said: Said) -> Turn:
    """"No wait, that's wrong - go back, there has NOT been a bereavement": back to the
    previous question, and what else the message says is the answer to it (never to the
    question that was on the table)."""
    back = _back(state, row.answers)
    if back.state.step == state.step and back.state.asked == state.asked:
        return back  # nothing to go back to
    corrected = Message(say("corrected"))
    previous = steps.step_for(row.answers, back.state.step)
    if previous is None or not said.reading.content_words:
        return Turn(back.state, (corrected, *back.messages))
    applied = answering.apply_answer(previous, said, row.answers)
    if applied.doc is None and applied.pending is None:
        return Turn(back.state, (corrected, *back.messages))
    turn = _saved(back.state, connection, row, previous, said, applied)
    return replace(turn, messages=(corrected, *turn.messages))


def _question(state: State, row: Row) -> Turn:
    """A question asked mid-assessment ("is that something I need to act on?"): answered
    from the profile so far (its level, red flags and routes), then the same question."""
    profile, rules, routes = score(row.answers), load_rules(), load_routes()
    messages = [say("question_asked", level=profile.level, name=profile.level_name)]
    if profile.red_flags:
        messages.append(say("question_red_flags", flags="; ".join(
            rules.red_flags[flag].description for flag in profile.red_flags)))
    else:
        messages.append(say("question_no_red_flag"))
    if profile.routes:
        messages.append(say("question_routes", routes="; ".join(
            f"{routes.routes[r].name} ({routes.routes[r].contact})" for r in profile.routes)))
    messages.append(say("question_again"))
    return Turn(state, (Message("\n".join(messages)),))


def _record(state: State, connection: Connection, row: Row, step: steps.Step,
            said: Said) -> Turn:
    """Apply the answer, save the profile, and move on (announcing new red flags)."""
    return _saved(state, connection, row, step, said,
                  answering.apply_answer(step, said, row.answers))


def _saved(state: State, connection: Connection, row: Row, step: steps.Step, said: Said,
           applied: answering.Applied) -> Turn:
    """An applied answer saved, and the next question; or, not read, asked again; or, read
    but not confidently, said back to be confirmed (what it mentioned is kept meanwhile)."""
    if applied.doc is None:
        if applied.pending is not None:
            state = replace(state, step=CONFIRM + json.dumps({"step": step.id,
                                                               **applied.pending}))
        if applied.noticed is None:
            return Turn(state, applied.messages)
        # Not read, so the question stays on the table; what it mentioned is kept.
        return _flagged(Turn(state, applied.messages),
                        _save(connection, row, applied.noticed))
    doc = depth.close(applied.doc, said.reading)  # "her first baby": no sibling questions
    new_flags = _save(connection, row, doc)
    asked = (*state.asked, step.id)
    moved = _moved_on(replace(state, asked=asked), doc, applied.messages,
                      offer=_offer(step, said, doc, asked))
    return _flagged(moved, new_flags)


def _save(connection: Connection, row: Row, doc: dict[str, Any]) -> tuple[str, ...]:
    """Save the answers; the red flags they raise that the saved ones did not."""
    before, after = score(row.answers), score(doc)
    save_answers(connection, row.id, doc, after.to_dict())
    return tuple(f for f in after.red_flags if f not in before.red_flags)


def _flagged(turn: Turn, new_flags: tuple[str, ...]) -> Turn:
    """The turn, pausing to announce the new red flags (unless it stops or finishes)."""
    if new_flags and turn.state.outcome is None:
        return replace(turn, state=replace(turn.state, outcome=RED_FLAG, red_flags=new_flags))
    return turn


def _moved_on(state: State, doc: dict[str, Any], messages: tuple[Message, ...],
              offer: str | None = None) -> Turn:
    following = offer or _next(doc, state.asked)
    outcome = FINISHED if following == FINISH else None
    return Turn(replace(state, step=following, outcome=outcome), messages)


def _offer(step: steps.Step, said: Said, doc: dict[str, Any],
           asked: tuple[str, ...]) -> str | None:
    """A mother, father or partner mentioned who is not yet a carer: offer to add them."""
    if step.kind in NOT_OFFERING_AFTER or not doc["carers"]:
        return None
    kinds = {role.rstrip("_0123456789") for role in record.roles(doc)}
    offered = {r for a in asked if a.startswith("offer:")
               for r in a.removeprefix("offer:").split(",")}
    new = [r.name for r in said.facts.relations
           if r.name in record.ROLE_KINDS and r.name not in kinds and r.name not in offered]
    return f"offer:{','.join(new)}" if new else None


def _next(doc: dict[str, Any], asked: tuple[str, ...]) -> str:
    following = steps.next_step(doc, asked)
    return following.id if following else FINISH


def _reference_in(text: str) -> str:
    """The reference in "resume KBS-0142" or "it's KBS-0142": the one word with digits, or
    else the words that are not filler (so that "Jane Smith" is checked, and refused)."""
    words = [w.strip(".,;:!?\"'()") for w in text.split()]
    coded = [w for w in words if any(ch.isdigit() for ch in w)]
    if len(coded) == 1:
        return coded[0]
    filler = load_vocabulary().reference_words
    return " ".join(w for w in words if w and w.lower() not in filler)


def _load(owner: str, profile_id: int, connection: Connection | None = None) -> Row | None:
    if connection is not None:
        return owned_profile(connection, owner, profile_id)
    with get_engine().connect() as own:
        return owned_profile(own, owner, profile_id)
