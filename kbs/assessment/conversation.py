"""An assessment, one turn at a time: start, ask, answer, announce red flags, close.

Each function takes the conversation's State (kept by Rasa in slots) and returns the new
State with what to say. Every answer is saved to the project's database before the reply,
so stopping, or a restart of any process, loses nothing; a saved profile is resumed by its
case reference. The State only adds what a conversation needs besides the saved answers:
the question on the table and the questions asked so far (for "go back" and "skip").
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date
from typing import Any

from sqlalchemy.engine import Connection, Row

from kbs.assessment import answering, depth, interpret, record, steps
from kbs.assessment.interpret import Said
from kbs.assessment.messages import Message
from kbs.assessment.summary import finished_messages, red_flag_messages
from kbs.assessment.vocabulary import load_vocabulary, say
from kbs.case_reference import check_reference
from kbs.engine import compare, score
from kbs.store.cases import get_or_create_case
from kbs.store.database import get_engine
from kbs.store.profiles import (
    complete_profile,
    open_profile,
    owned_profile,
    previous_complete,
    save_answers,
    start_profile,
)

MAX_CHARS = 1000
FINISH = "finish"  # every question is answered; the next message finishes the profile
RED_FLAG, STOPPED, FINISHED = "red_flag", "stopped", "finished"
# Answers to these say who someone is or how something is known, not who lives there.
NOT_OFFERING_AFTER = ("carers", "offer", "source", "wider_family", "level")


@dataclass(frozen=True)
class State:
    case: str | None = None
    profile: int | None = None
    step: str | None = None
    asked: tuple[str, ...] = ()
    red_flags: tuple[str, ...] = ()  # raised by the last answer, to announce
    outcome: str | None = None  # red_flag | stopped | finished: the form pauses or ends


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
    if state.profile is None:
        return Turn(state, (Message(steps.reference_step().question),))
    doc = _load(owner, state.profile).answers
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
    if state.profile is None:
        return _answer_reference(state, owner, text, said.command)
    with get_engine().begin() as connection:
        row = _load(owner, state.profile, connection)
        if row is None:
            return Turn(replace(state, outcome=STOPPED), (Message(say("profile_gone")),))
        if state.step == FINISH:
            return Turn(replace(state, outcome=FINISHED))
        step = steps.step_for(row.answers, state.step)
        if step is None:  # the question no longer applies to the answers: on to the next
            return _moved_on(state, row.answers, ())
        if said.command:
            return _command(said.command, state, row, step)
        return _record(state, connection, row, step, said)


def announce(state: State, owner: str) -> Turn:
    """The red flags the last answer raised, with their routes."""
    doc = _load(owner, state.profile).answers
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
            answered = sum(s.answered for s in steps.plan(row.answers))
            return Turn(State(), (Message(say("stopped", reference=row.reference,
                                              version=row.version, answered=answered)),))
        doc = {**row.answers, "assessed_on": date.today().isoformat()}
        profile = score(doc)
        complete_profile(connection, row.id, doc, profile.to_dict())
        previous = previous_complete(connection, row.case_id, row.version)
    comparison = compare(previous.answers, doc) if previous else None
    return Turn(State(), tuple(finished_messages(
        row.reference, row.version, profile, comparison,
        previous.version if previous else None, row.id, doc)))


def _answer_reference(state: State, owner: str, text: str, command: str | None) -> Turn:
    if command == "stop":
        return Turn(replace(state, outcome=STOPPED))
    if command:
        if command == "why":
            reply = say("why", rationale=load_vocabulary().prompts["reference"].rationale)
        else:
            reply = load_vocabulary().help if command == "help" else say("reference_first")
        return Turn(state, (Message(reply),))
    return _open(owner, _reference_in(text) or text.strip())


def _open(owner: str, reference: str) -> Turn:
    """Resume the case's unfinished profile, or start its next version."""
    reason = check_reference(reference)
    if reason:
        return Turn(State(step="reference"), (Message(say("reference_refused",
                                                          reason=reason)),))
    with get_engine().begin() as connection:
        case_id = get_or_create_case(connection, owner, reference)
        row = open_profile(connection, case_id)
        if row:
            doc = row.answers
            answered = sum(s.answered for s in steps.plan(doc))
            said = say("resumed", reference=reference, version=row.version,
                       started=f"{row.started_at:%d %B %Y}", answered=answered)
            profile_id = row.id
        else:
            doc = record.new_answers(date.today())
            profile_id = start_profile(connection, case_id, doc, score(doc).to_dict())
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


def _command(command: str, state: State, row: Row, step: steps.Step) -> Turn:
    if command == "stop":
        return Turn(replace(state, outcome=STOPPED))
    if command == "skip":
        return _moved_on(replace(state, asked=(*state.asked, step.id)), row.answers,
                         (Message(say("skipped")),))
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


def _record(state: State, connection: Connection, row: Row, step: steps.Step,
            said: Said) -> Turn:
    """Apply the answer, save the profile, and move on (announcing new red flags)."""
    applied = answering.apply_answer(step, said, row.answers)
    if applied.doc is None:
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
