"""Saved records for the web tests: cases with profile versions, plans and rehearsals.

The profiles are the engine's scenario files for the review's Infant 2, before and after
the fractures were found, saved as the assess dialogue (issue 4) will save them: the
answers document and the engine's result.
"""

from __future__ import annotations

import json
from datetime import datetime, timedelta

import yaml
from sqlalchemy import insert
from sqlalchemy.engine import Engine

from kbs.engine import score
from kbs.store.schema import cases, plans, profiles, rehearsals
from tests.conftest import ROOT

FIXTURES = ROOT / "tests" / "fixtures" / "profiles"
PROFILES = ("infant-2-before-injury", "infant-2-after-fractures")
START = datetime(2026, 3, 2, 10, 0)


def saved_profile(name: str) -> dict:
    """{"answers": ..., "result": ...} of one scenario file, as JSON columns hold them."""
    document = yaml.safe_load((FIXTURES / f"{name}.yml").read_text(encoding="utf-8"))
    answers = json.loads(json.dumps(document, default=str))  # dates as the JSON column keeps them
    return {"answers": answers, "result": score(answers).to_dict()}


def seed_case(engine: Engine, owner: str, reference: str,
              versions: tuple[str, ...] = PROFILES) -> dict:
    """A case with one profile per fixture name; returns {"case": id, "profiles": [ids]}."""
    with engine.begin() as connection:
        case_id = connection.execute(insert(cases).values(
            reference=reference, owner=owner, created_at=START)).inserted_primary_key[0]
        ids = []
        for number, name in enumerate(versions, start=1):
            saved = saved_profile(name)
            when = START + timedelta(days=18 * (number - 1))
            ids.append(connection.execute(insert(profiles).values(
                case_id=case_id, version=number, status="complete", answers=saved["answers"],
                result=saved["result"], started_at=when, updated_at=when,
                completed_at=when)).inserted_primary_key[0])
    return {"case": case_id, "profiles": ids}


def seed_plan(engine: Engine, owner: str, content: dict, case_id: int | None = None,
              kind: str = "safer_sleep") -> int:
    with engine.begin() as connection:
        return connection.execute(insert(plans).values(
            case_id=case_id, owner=owner, kind=kind, content=content,
            created_at=START)).inserted_primary_key[0]


def seed_rehearsal(engine: Engine, owner: str, feedback: dict | None) -> int:
    transcript = [{"speaker": "practitioner", "text": "Can we talk about how nights are going?"},
                  {"speaker": "carer", "text": "Fine. Why does everyone keep asking?"}]
    with engine.begin() as connection:
        return connection.execute(insert(rehearsals).values(
            owner=owner, persona="defensive_father", transcript=transcript, feedback=feedback,
            started_at=START, finished_at=START + timedelta(minutes=12))
        ).inserted_primary_key[0]
