"""The practitioner moves a rehearsal recognises, from kbs/catalogues/rehearsal_moves.yml."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from pathlib import Path

from kbs.catalogues import load
from kbs.rehearsal.openness import LOWEST, MOST

MOVES_FILE = Path(__file__).resolve().parent.parent / "catalogues" / "rehearsal_moves.yml"

# Greetings and thanks in a rehearsal: the carer answers, nothing is scored.
SMALL_TALK = "small_talk"


@dataclass(frozen=True)
class Move:
    id: str
    label: str
    openness: int  # change to the carer's openness, unless a persona overrides it
    worked: str  # feedback where the move uncovered a fact
    better: str  # feedback where it did not

    @property
    def shuts_down(self) -> bool:
        """Premature reassurance and blame: such a move never uncovers a hidden fact."""
        return self.openness < 0


def read_moves(path: Path = MOVES_FILE) -> dict[str, Move]:
    doc = load(path)
    doc.only(("moves",))
    moves = {}
    for move_id, node in doc.get("moves").entries():
        node.only(("label", "openness", "worked", "better"))
        moves[move_id] = Move(move_id, node.get("label").text(),
                              node.get("openness").integer(LOWEST - MOST, MOST - LOWEST),
                              node.get("worked").text(), node.get("better").text())
    return moves


@cache
def moves() -> dict[str, Move]:
    return read_moves()
