"""Saved records for the web tests: cases with profile versions, plans and rehearsals.

The profiles are the engine's scenario files for the review's Infant 2, before and after
the fractures were found, saved as the assess dialogue (issue 4) will save them: the
answers document and the engine's result.
"""

from __future__ import annotations

import json
from datetime import datetime, timedelta
from functools import cache

import yaml
from sqlalchemy import insert
from sqlalchemy.engine import Engine

from kbs.engine import score
from kbs.store.schema import cases, plans, profiles, rehearsals, users
from tests.conftest import ROOT

FIXTURES = ROOT / "tests" / "fixtures" / "profiles"
PROFILES = ("infant-2-before-injury", "infant-2-after-fractures")
START = datetime(2026, 3, 2, 10, 0)


def saved_profile(name: str) -> dict:
    """{"answers": ..., "result": ...} of one scenario file, as JSON columns hold them."""
    return json.loads(_saved_profile(name))


@cache
def _saved_profile(name: str) -> str:  # scored once per test run: seeding many cases is quick
    document = yaml.safe_load((FIXTURES / f"{name}.yml").read_text(encoding="utf-8"))
    answers = json.loads(json.dumps(document, default=str))  # dates as the JSON column keeps them
    return json.dumps({"answers": answers, "result": score(answers).to_dict()})


def seed_case(engine: Engine, owner: str, reference: str,
              versions: tuple[str, ...] = PROFILES, last: datetime | None = None,
              in_progress: bool = False) -> dict:
    """A case with one profile per fixture name, 18 days apart (the last on ``last``, by
    default START + 18 days per earlier version); ``in_progress``: the last version is not
    finished. Returns {"case": id, "profiles": [ids]}."""
    first = START if last is None else last - timedelta(days=18 * (len(versions) - 1))
    with engine.begin() as connection:
        case_id = connection.execute(insert(cases).values(
            reference=reference, owner=owner,
            created_at=first)).inserted_primary_key[0]
        ids = []
        for number, name in enumerate(versions, start=1):
            saved = saved_profile(name)
            when = first + timedelta(days=18 * (number - 1))
            finished = not (in_progress and number == len(versions))
            ids.append(connection.execute(insert(profiles).values(
                case_id=case_id, version=number,
                status="complete" if finished else "in_progress", answers=saved["answers"],
                result=saved["result"], started_at=when, updated_at=when,
                completed_at=when if finished else None)).inserted_primary_key[0])
    return {"case": case_id, "profiles": ids}


def seed_case_without_profile(engine: Engine, owner: str, reference: str,
                              created: datetime = START) -> int:
    with engine.begin() as connection:
        return connection.execute(insert(cases).values(
            reference=reference, owner=owner, created_at=created)).inserted_primary_key[0]


def seed_case_list(engine: Engine, owner: str, today: datetime) -> dict[str, int]:
    """26 cases (two pages of the case list), relative to ``today``: 21 routine ones
    (HV-1001..HV-1021: level 1, complete, updated in the last three weeks, review not due)
    and five to find:
      KBS-0142  level 4, red flag "injury to a baby who is not mobile", 2 days ago: due
      KBS-0143  level 2, incomplete, today: review in 7 days
      KBS-0200  level 4, red flag "intoxicated care", 30 days ago: due
      KBS-0300  no profile (created 200 days ago): not scored, due at once
      OLD-0001  level 1, complete, 100 days ago: due (84 days)
    Returns reference -> case id."""
    ids = {}
    for n in range(1, 22):
        ids[f"HV-{1000 + n}"] = seed_case(engine, owner, f"HV-{1000 + n}", ("all-excluded",),
                                          last=today - timedelta(days=n))["case"]
    ids["KBS-0142"] = seed_case(engine, owner, "KBS-0142", PROFILES,
                                last=today - timedelta(days=2))["case"]
    ids["KBS-0143"] = seed_case(engine, owner, "KBS-0143", ("all-unknown",), last=today)["case"]
    ids["KBS-0200"] = seed_case(engine, owner, "KBS-0200", ("infant-1-before-harm",),
                                last=today - timedelta(days=30))["case"]
    ids["KBS-0300"] = seed_case_without_profile(engine, owner, "KBS-0300",
                                                today - timedelta(days=200))
    ids["OLD-0001"] = seed_case(engine, owner, "OLD-0001", ("all-excluded",),
                                last=today - timedelta(days=100))["case"]
    return ids


def seed_plan(engine: Engine, owner: str, content: dict, case_id: int | None = None,
              kind: str = "safer_sleep") -> int:
    with engine.begin() as connection:
        return connection.execute(insert(plans).values(
            case_id=case_id, owner=owner, kind=kind, content=content,
            created_at=START)).inserted_primary_key[0]


# A short rehearsal with the mother who says her drinking is under control: an open
# question about the evenings uncovers when she drinks; asking how much, too soon, is a
# near miss; reassurance closes her down.
REHEARSAL_PERSONA = "mother_drinking"
REHEARSAL_LINES = (
    ("small_talk", "Hello, thanks for having me."),
    ("open_question", "How are the evenings for you at the moment?"),
    ("ask_specifics", "How much is a glass, would you say?"),
    ("premature_reassurance", "Don't worry, lots of mums have a glass of wine."),
)


def played_rehearsal(lines=REHEARSAL_LINES, persona_id: str = REHEARSAL_PERSONA):
    """(transcript, feedback) of a rehearsal played through the persona engine."""
    from kbs.rehearsal import engine as rehearsal
    from kbs.rehearsal.feedback import build_feedback
    from kbs.rehearsal.moves import moves
    from kbs.rehearsal.personas import personas

    persona = personas()[persona_id]
    state = rehearsal.start(persona, seed=7, started_at=START)
    for move, text in lines:
        state = rehearsal.take_turn(state, persona, moves().get(move), text)
    return state["transcript"], build_feedback(persona, moves(), state)


def seed_rehearsal(engine: Engine, owner: str, finished: bool = True) -> int:
    """A rehearsal played as ``played_rehearsal``; unfinished: no feedback, no end."""
    transcript, feedback = played_rehearsal()
    with engine.begin() as connection:
        return connection.execute(insert(rehearsals).values(
            owner=owner, persona=REHEARSAL_PERSONA, transcript=transcript,
            feedback=feedback if finished else None, started_at=START,
            finished_at=START + timedelta(minutes=12) if finished else None)
        ).inserted_primary_key[0]


def seed_account(engine: Engine, username: str, account_id: str, disabled: bool = False) -> str:
    """An account row that owns records, without the cost of hashing a password (it cannot
    sign in: the hash is not one); ``account_id``, which its records' owner must be."""
    with engine.begin() as connection:
        connection.execute(insert(users).values(
            account_id=account_id, username=username, password_hash="(no password)",
            role="practitioner", created_at=datetime(2026, 1, 1), session_generation=0,
            disabled_at=datetime(2026, 2, 1) if disabled else None))
    return account_id
