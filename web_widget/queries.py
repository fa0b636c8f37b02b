"""Reading the records the pages show. Ownership is checked by the caller (access.py)."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.engine import Row

from kbs.store.schema import cases, plans, profiles, rehearsals
from web_widget.db import engine


def _all(query) -> list[Row]:
    with engine().connect() as connection:
        return list(connection.execute(query))


def _one(query) -> Row | None:
    with engine().connect() as connection:
        return connection.execute(query).first()


def case(case_id: int) -> Row | None:
    return _one(select(cases).where(cases.c.id == case_id))


def profiles_of(case_id: int) -> list[Row]:
    return _all(select(profiles).where(profiles.c.case_id == case_id)
                .order_by(profiles.c.version))


def profile(profile_id: int) -> Row | None:
    """A profile with its case's reference and owner."""
    return _one(select(profiles, cases.c.reference, cases.c.owner)
                .join(cases, cases.c.id == profiles.c.case_id)
                .where(profiles.c.id == profile_id))


def plans_of(owner: str, case_id: int | None = None) -> list[Row]:
    query = (select(plans, cases.c.reference).outerjoin(cases, cases.c.id == plans.c.case_id)
             .where(plans.c.owner == owner).order_by(plans.c.created_at.desc()))
    if case_id is not None:
        query = query.where(plans.c.case_id == case_id)
    return _all(query)


def plan(plan_id: int) -> Row | None:
    return _one(select(plans, cases.c.reference).outerjoin(cases, cases.c.id == plans.c.case_id)
                .where(plans.c.id == plan_id))


def rehearsals_of(owner: str) -> list[Row]:
    return _all(select(rehearsals).where(rehearsals.c.owner == owner)
                .order_by(rehearsals.c.started_at.desc()))


def rehearsal(rehearsal_id: int) -> Row | None:
    return _one(select(rehearsals).where(rehearsals.c.id == rehearsal_id))
