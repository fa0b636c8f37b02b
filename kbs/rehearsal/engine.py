"""The persona engine: how a carer answers each practitioner move.

A rehearsal's state is a plain JSON-ready dict (it lives in a Rasa slot between turns):
the persona, a seed, the carer's openness, the facts uncovered so far and the transcript.
Functions here return a new state and never change the one they are given.

One turn: the move changes the carer's openness (the move catalogue's change, or the
persona's own); then the first hidden fact still hidden whose unlock matches the move
and the practitioner's words is said if the carer is now open enough, or deflected if
not (a "near miss"); otherwise the carer gives one of their reactions to that kind of
move. The facts still untold that the practitioner's words name are recorded as raised
by her (feedback counts them as covered, not missed). Replies are picked at random from a
generator seeded by the state's seed and the turn, so the same conversation always gets
the same replies, and a line already said is not said again while another is left (nor
twice in a row).
"""

from __future__ import annotations

import random
import re
from datetime import datetime

from kbs.rehearsal import openness
from kbs.rehearsal.moves import SMALL_TALK, Move
from kbs.rehearsal.personas import HiddenFact, Persona

CARER = "carer"
PRACTITIONER = "practitioner"


def start(persona: Persona, seed: int, started_at: datetime) -> dict:
    return {
        "persona": persona.id,
        "seed": seed,
        "openness": persona.openness,
        "uncovered": [],
        "started_at": started_at.isoformat(timespec="seconds"),
        "transcript": [{"speaker": CARER, "text": persona.opening}],
    }


def take_turn(state: dict, persona: Persona, move: Move | None, text: str) -> dict:
    """The carer's answer to ``text``, a ``move`` (None for small talk, which scores nothing)."""
    before = state["openness"]
    after = openness.clamp(before + persona.openness_change(move)) if move else before
    fact = _fact_touched(persona, state["uncovered"], move, text)
    revealed = fact if fact and after >= fact.openness else None
    near_miss = fact if fact and not revealed else None
    if revealed:
        choices = revealed.reveal
    elif near_miss:
        choices = near_miss.deflect
    else:
        choices = persona.reactions[move.id if move else SMALL_TALK]
    rng = random.Random(f"{state['seed']}:{len(state['transcript'])}")
    said = {line["text"] for line in state["transcript"] if line["speaker"] == CARER}
    uncovered = state["uncovered"] + ([revealed.id] if revealed else [])
    practitioner_line = {
        "speaker": PRACTITIONER, "text": text, "move": move.id if move else SMALL_TALK,
        "openness_before": before, "openness": after,
        "revealed": revealed.id if revealed else None,
        "near_miss": near_miss.id if near_miss else None,
        "raised": _facts_raised(persona, uncovered, move, text),
    }
    reply = {"speaker": CARER, "text": _pick(choices, said, carer_line(state), rng)}
    return {
        **state,
        "openness": after,
        "uncovered": uncovered,
        "transcript": state["transcript"] + [practitioner_line, reply],
    }


def carer_line(state: dict) -> str:
    """What the carer said last."""
    return next(line["text"] for line in reversed(state["transcript"])
                if line["speaker"] == CARER)


def practitioner_lines(state: dict) -> list[dict]:
    return [line for line in state["transcript"] if line["speaker"] == PRACTITIONER]


def _fact_touched(persona: Persona, uncovered: list[str], move: Move | None,
                  text: str) -> HiddenFact | None:
    if move is None or move.shuts_down:
        return None
    return next((fact for fact in persona.hidden_facts
                 if fact.id not in uncovered and _unlocks(fact, move, text)), None)


def _facts_raised(persona: Persona, uncovered: list[str], move: Move | None,
                  text: str) -> list[str]:
    """The facts still untold that the practitioner's words name (their ``raised_by``). Small
    talk scores nothing, and premature reassurance and blame close a subject rather than
    open it: none of them raises a fact."""
    if move is None or move.shuts_down:
        return []
    return [fact.id for fact in persona.hidden_facts if fact.id not in uncovered
            and any(_mentions(text, word) for word in fact.raised_by)]


def _unlocks(fact: HiddenFact, move: Move, text: str) -> bool:
    unlock = fact.unlocked_by
    move_matches = not unlock.moves or move.id in unlock.moves
    topic_matches = not unlock.topics or any(_mentions(text, t) for t in unlock.topics)
    return move_matches and topic_matches


def _mentions(text: str, topic: str) -> bool:
    """Whole words or phrases; a topic ending in * matches any word starting with it."""
    stem = topic.removesuffix("*")
    end = "" if topic.endswith("*") else r"\b"
    return re.search(r"\b" + re.escape(stem) + end, text, re.IGNORECASE) is not None


def _pick(choices: tuple[str, ...], said: set[str], last: str, rng: random.Random) -> str:
    fresh = [line for line in choices if line not in said]
    not_last = [line for line in choices if line != last]
    return rng.choice(fresh or not_last or list(choices))
