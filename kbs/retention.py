"""Retention and erasure (UK GDPR storage limitation and minimisation, issue 19).

``due`` lists what the retention policy (kbs/catalogues/retention.yml, or the file
KBS_RETENTION_FILE names) says is kept no longer: conversations in Rasa's tracker store,
finished rehearsals, closed cases with their profiles and plans, plans without a case and
rows of the audit log, each older than its period. ``apply_retention`` deletes them from
the project's database and the tracker store and writes an audit row for each;
``erasure`` and ``erase`` do the same for one case and everything about it (its profiles,
its plans, its owner's conversations that name it). `kbs retention run`, `kbs case erase`
and `kbs run` (daily) call these; kbs.store.tracker reads the tracker store.

Deletion is in two transactions, the project's database first: the audit rows for the
conversations are written once the tracker store has deleted them.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import asdict, dataclass
from datetime import UTC, datetime, timedelta
from functools import cache
from pathlib import Path
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.engine import Connection, Engine

from kbs.catalogues import load
from kbs.ops import settings
from kbs.store import tracker
from kbs.store.audit import door, record_access
from kbs.store.schema import audit_log, cases, plans, profiles, rehearsals

PERIODS = ("conversations", "finished_rehearsals", "closed_cases", "plans_without_case",
           "audit_log")
MOST_DAYS = 36_500  # a century: a period is a number of days, not "forever"
DELETED, ERASED = "deleted", "erased"


@dataclass(frozen=True)
class Policy:
    days: dict[str, int]  # period name (PERIODS) -> days
    source: Path

    def cutoff(self, period: str, now: datetime) -> datetime:
        return now - timedelta(days=self.days[period])


@cache
def _policy(path: Path) -> Policy:
    doc = load(path)
    doc.only(("periods_days",))
    periods = doc.get("periods_days")
    periods.only(PERIODS)
    return Policy({name: periods.get(name).integer(1, MOST_DAYS) for name in PERIODS}, path)


def load_policy(path: Path | None = None) -> Policy:
    """The retention policy: ``path``, else KBS_RETENTION_FILE, else the defaults."""
    return _policy(Path(path or settings.retention_file()))


@dataclass(frozen=True)
class Item:
    """One record that goes."""

    kind: str  # conversation | rehearsal | case | profile | plan | audit_log
    id: str  # a conversation's sender id, else the row's id
    owner: str | None
    at: datetime  # what it is counted from: last message, finished, last activity, saved
    detail: str  # what the listing shows besides (a case's reference and what it holds)

    def line(self) -> str:
        return (f"{self.kind:<12} {self.id:<24} {self.owner or '-':<16} "
                f"{self.at:%Y-%m-%d %H:%M}  {self.detail}").rstrip()

    def to_dict(self) -> dict[str, Any]:
        return {**asdict(self), "at": self.at.isoformat()}


def now_utc() -> datetime:
    return datetime.now(UTC).replace(tzinfo=None)


# -- retention -------------------------------------------------------------------------------

def due(policy: Policy, engine: Engine, tracker_engine: Engine | None,
        now: datetime | None = None) -> list[Item]:
    """Everything past its period, by kind (conversations first), each oldest first."""
    now = now or now_utc()
    old = []
    if tracker_engine is not None:  # None: Rasa has not made its store yet
        with tracker_engine.connect() as connection:
            old = [c for c in tracker.conversations(connection)
                   if c.last_at < policy.cutoff("conversations", now)]
    items = [Item("conversation", c.sender_id, c.practitioner, c.last_at,
                  f"{c.events} events; last message over {policy.days['conversations']} "
                  "days ago") for c in old]
    with engine.connect() as connection:
        items += _old_rehearsals(connection, policy, now)
        items += _closed_cases(connection, policy, now)
        items += _plans_without_case(connection, policy, now)
        items += _old_audit_rows(connection, policy, now)
    return items


def apply_retention(policy: Policy, engine: Engine, tracker_engine: Engine | None, *,
                    actor: str, command: str, dry_run: bool,
                    now: datetime | None = None) -> list[Item]:
    """What is past the policy's periods: listed only (``dry_run``), or deleted from the
    project's database and the tracker store, each deletion audited as ``actor`` with the
    command that did it, and the run itself (a summary row, also when nothing went)."""
    items = due(policy, engine, tracker_engine, now)
    if dry_run:
        return items
    if items:
        reason = f"retention ({policy.source.name})"
        _delete(items, engine, tracker_engine, actor, DELETED, door(command, reason))
    with engine.begin() as connection:  # every run, so that the log shows it ran
        record_access(connection, actor, "retention_run", "retention", policy.source.name,
                      door(command, summary(items)))
    return items


def summary(items: Iterable[Item]) -> str:
    """"2 conversations, 1 case, 3 audit_log rows" (or "nothing")."""
    counts: dict[str, int] = {}
    for item in items:
        counts[item.kind] = counts.get(item.kind, 0) + 1
    return ", ".join(f"{count} {kind}" for kind, count in counts.items()) or "nothing"


def _old_rehearsals(connection: Connection, policy: Policy, now: datetime) -> list[Item]:
    query = (select(rehearsals.c.id, rehearsals.c.owner, rehearsals.c.persona,
                    rehearsals.c.finished_at)
             .where(rehearsals.c.finished_at.is_not(None),
                    rehearsals.c.finished_at < policy.cutoff("finished_rehearsals", now))
             .order_by(rehearsals.c.finished_at))
    return [Item("rehearsal", str(row.id), row.owner, _naive(row.finished_at),
                 f"{row.persona}; finished over {policy.days['finished_rehearsals']} days ago")
            for row in connection.execute(query)]


def _closed_cases(connection: Connection, policy: Policy, now: datetime) -> list[Item]:
    cutoff = policy.cutoff("closed_cases", now)
    items = [Item("case", str(row["id"]), row["owner"], last,
                  f"{row['reference']}: {_holds(row)}; last activity over "
                  f"{policy.days['closed_cases']} days ago")
             for row, last in _cases_with_last_activity(connection) if last < cutoff]
    return sorted(items, key=lambda item: item.at)


def _plans_without_case(connection: Connection, policy: Policy, now: datetime) -> list[Item]:
    query = (select(plans.c.id, plans.c.owner, plans.c.kind, plans.c.created_at)
             .where(plans.c.case_id.is_(None),
                    plans.c.created_at < policy.cutoff("plans_without_case", now))
             .order_by(plans.c.created_at))
    return [Item("plan", str(row.id), row.owner, _naive(row.created_at),
                 f"{row.kind}, saved without a case over "
                 f"{policy.days['plans_without_case']} days ago")
            for row in connection.execute(query)]


def _old_audit_rows(connection: Connection, policy: Policy, now: datetime) -> list[Item]:
    query = (select(audit_log).where(audit_log.c.at < policy.cutoff("audit_log", now))
             .order_by(audit_log.c.at, audit_log.c.id))
    return [Item("audit_log", str(row.id), None, _naive(row.at),
                 f"{row.actor} {row.action} {row.object_type} {row.object_id}")
            for row in connection.execute(query)]


def _cases_with_last_activity(connection: Connection,
                              owner: str | None = None) -> list[tuple[dict, datetime]]:
    """Each case with its profiles' and plans' counts, and its last activity."""
    saved = (select(profiles.c.case_id, func.max(profiles.c.updated_at).label("profile_at"),
                    func.count().label("profiles"))
             .group_by(profiles.c.case_id).subquery())
    planned = (select(plans.c.case_id, func.max(plans.c.created_at).label("plan_at"),
                      func.count().label("plans"))
               .where(plans.c.case_id.is_not(None)).group_by(plans.c.case_id).subquery())
    query = (select(cases.c.id, cases.c.reference, cases.c.owner, cases.c.created_at,
                    saved.c.profile_at, saved.c.profiles, planned.c.plan_at, planned.c.plans)
             .select_from(cases.outerjoin(saved, saved.c.case_id == cases.c.id)
                          .outerjoin(planned, planned.c.case_id == cases.c.id)))
    if owner is not None:
        query = query.where(cases.c.owner == owner)
    found = []
    for row in connection.execute(query).mappings():
        moments = [_naive(m) for m in (row["created_at"], row["profile_at"], row["plan_at"])
                   if m is not None]
        found.append((dict(row), max(moments)))
    return found


def _holds(row: dict) -> str:
    return f"{row['profiles'] or 0} profile(s), {row['plans'] or 0} plan(s)"


# -- erasure of one case ---------------------------------------------------------------------

class NoSuchCase(LookupError):
    pass


def erasure(owner: str, reference: str, engine: Engine,
            tracker_engine: Engine | None) -> list[Item]:
    """What erasing ``owner``'s case ``reference`` deletes: the case, each version of its
    profile, each plan saved with it, and the owner's conversations that name it."""
    with engine.connect() as connection:
        found = [(row, last) for row, last in _cases_with_last_activity(connection, owner)
                 if row["reference"] == reference]
        if not found:
            raise NoSuchCase(f"{owner} has no case {reference}")
        row, last = found[0]
        items = [Item("case", str(row["id"]), owner, last, f"{reference}: {_holds(row)}")]
        items += [Item("profile", str(p.id), owner, _naive(p.updated_at),
                       f"{reference} version {p.version} ({p.status})")
                  for p in connection.execute(select(profiles).where(
                      profiles.c.case_id == row["id"]).order_by(profiles.c.version))]
        items += [Item("plan", str(p.id), owner, _naive(p.created_at), f"{reference}: {p.kind}")
                  for p in connection.execute(select(plans).where(
                      plans.c.case_id == row["id"]).order_by(plans.c.id))]
    if tracker_engine is not None:
        with tracker_engine.connect() as connection:
            items += [Item("conversation", c.sender_id, owner, c.last_at,
                           f"{c.events} events naming {reference}")
                      for c in tracker.conversations_naming(connection, owner, reference)]
    return items


def erase(owner: str, reference: str, engine: Engine, tracker_engine: Engine | None, *,
          actor: str, command: str, dry_run: bool) -> list[Item]:
    """``erasure``'s items, deleted unless ``dry_run``; each audited as erased."""
    items = erasure(owner, reference, engine, tracker_engine)
    if not dry_run:
        _delete(items, engine, tracker_engine, actor, ERASED,
                door(command, f"case {reference} of {owner}"))
    return items


# -- deleting, audited -----------------------------------------------------------------------

def _delete(items: list[Item], engine: Engine, tracker_engine: Engine | None, actor: str,
            action: str, detail: str) -> None:
    ids = {kind: [int(i.id) for i in items if i.kind == kind]
           for kind in ("rehearsal", "case", "profile", "plan", "audit_log")}
    senders = [i.id for i in items if i.kind == "conversation"]
    with engine.begin() as connection:
        if ids["audit_log"]:
            connection.execute(audit_log.delete().where(audit_log.c.id.in_(ids["audit_log"])))
        if ids["rehearsal"]:
            connection.execute(rehearsals.delete().where(rehearsals.c.id.in_(ids["rehearsal"])))
        if ids["case"]:
            connection.execute(profiles.delete().where(profiles.c.case_id.in_(ids["case"])))
            connection.execute(plans.delete().where(plans.c.case_id.in_(ids["case"])))
        if ids["profile"]:
            connection.execute(profiles.delete().where(profiles.c.id.in_(ids["profile"])))
        if ids["plan"]:
            connection.execute(plans.delete().where(plans.c.id.in_(ids["plan"])))
        if ids["case"]:
            connection.execute(cases.delete().where(cases.c.id.in_(ids["case"])))
        for item in items:
            if item.kind == "audit_log":
                continue
            if item.kind != "conversation":
                record_access(connection, actor, action, item.kind, item.id,
                              f"{detail}; {item.detail}")
        if ids["audit_log"]:
            record_access(connection, actor, action, "audit_log", _span(ids["audit_log"]),
                          f"{detail}; {len(ids['audit_log'])} rows")
    if senders and tracker_engine is not None:
        with tracker_engine.begin() as connection:
            tracker.delete_conversations(connection, senders)
        with engine.begin() as connection:
            for item in items:
                if item.kind == "conversation":
                    record_access(connection, actor, action, "conversation", item.id,
                                  f"{detail}; {item.detail}")


def _span(ids: list[int]) -> str:
    return f"{min(ids)}-{max(ids)}" if len(ids) > 1 else str(ids[0])


def _naive(moment: datetime) -> datetime:
    """A moment as UTC without a time zone (as the databases give it back)."""
    if moment.tzinfo is not None:
        return moment.astimezone(UTC).replace(tzinfo=None)
    return moment
