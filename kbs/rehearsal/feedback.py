"""Feedback at the end of a rehearsal, as a JSON-ready dict (saved, and worded by feedback_text).

It holds: the hidden facts uncovered (the carer told them), raised (the practitioner named
them herself first, and the carer did not tell them: covered, not missed) and missed (with
what might have uncovered them),
the moves used and how often, how the carer's openness moved, two or three moments
quoted in the practitioner's own words with what might have worked better, what a
good conversation achieves with this carer, and the learning point from the review.
"""

from __future__ import annotations

from collections import Counter

from kbs.rehearsal.engine import practitioner_lines
from kbs.rehearsal.moves import Move
from kbs.rehearsal.personas import Persona
from kbs.rehearsal.wording import wording

MOMENTS = 3

# Which moments are quoted first: where the conversation was closed down, then where a
# fact was near but the carer not ready, then moves that got nowhere, then what worked.
SHUT_DOWN, NEAR_MISS, GOT_NOWHERE, WORKED, BUILT_TRUST = range(5)


def build_feedback(persona: Persona, moves: dict[str, Move], state: dict) -> dict:
    lines = practitioner_lines(state)
    counts = Counter(line["move"] for line in lines)
    told = set(state["uncovered"])
    raised = {fact_id for line in lines for fact_id in line.get("raised") or ()} - told
    return {
        "persona": persona.id,
        "title": persona.title,
        "name": persona.name,
        "facts_total": len(persona.hidden_facts),
        "uncovered": [{"id": f.id, "summary": f.summary} for f in persona.hidden_facts
                      if f.id in told],
        "raised": [{"id": f.id, "summary": f.summary, "tip": f.tip}
                   for f in persona.hidden_facts if f.id in raised],
        "missed": [{"id": f.id, "summary": f.summary, "tip": f.tip}
                   for f in persona.hidden_facts if f.id not in told | raised],
        "moves": [{"move": m.id, "label": m.label, "count": counts[m.id]}
                  for m in moves.values() if counts[m.id]],
        "openness": {"start": persona.openness, "end": state["openness"]},
        "moments": _moments(persona, moves, lines),
        "good_conversation": list(persona.good_conversation),
        "learning_point": {"sections": persona.learning_point.sections,
                           "text": persona.learning_point.text},
    }


def _moments(persona: Persona, moves: dict[str, Move], lines: list[dict]) -> list[dict]:
    ranked = []
    for turn, line in enumerate(lines, start=1):
        move = moves.get(line["move"])
        if move is not None:  # small talk is not a move
            rank, comment = _assess(persona, move, line)
            ranked.append((rank, turn, move, line["text"], comment))
    chosen = sorted(sorted(ranked, key=lambda r: (r[0], r[1]))[:MOMENTS], key=lambda r: r[1])
    return [{"turn": turn, "quote": text, "move": move.label, "comment": comment}
            for _, turn, move, text, comment in chosen]


def _assess(persona: Persona, move: Move, line: dict) -> tuple[int, str]:
    if move.shuts_down:
        return SHUT_DOWN, move.better
    if line["near_miss"]:
        fact = persona.fact(line["near_miss"])
        words = wording()
        return NEAR_MISS, words.phrase("near_miss", name=persona.name,
                                       openness=words.openness(line["openness"]), tip=fact.tip)
    if line["revealed"]:
        return WORKED, move.worked
    if line["openness"] <= line["openness_before"]:
        return GOT_NOWHERE, move.better
    return BUILT_TRUST, move.better
