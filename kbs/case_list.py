"""The case list: a practitioner's cases searched, filtered, sorted and paged, each with
its level, red flags and when its next review is due.

The rules for the next review are kbs/catalogues/cases.yml's ``review`` (the project's
defaults, for a safeguarding lead to set); the web app's /cases page only renders what
``find_cases`` gives. Unknown is never safe: a case with no scored profile is due at once
and sorts with the highest levels, and while a re-assessment is in progress the red flags
of the last finished version still show.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass, replace
from datetime import date, datetime, timedelta
from functools import cache
from pathlib import Path
from typing import Any

from sqlalchemy.engine import Connection

from kbs.case_reference import CASES_FILE
from kbs.catalogues import load
from kbs.engine.rules import load_rules
from kbs.store.cases import cases_with_profiles
from kbs.store.profiles import COMPLETE

SORTS = ("updated", "review", "level", "reference")  # the first is the default
NOT_SCORED = "none"  # the level filter's value for a case with no scored profile
ANY_RED_FLAG = "any"


@dataclass(frozen=True)
class ReviewRules:
    days_by_level: Mapping[int, int]
    red_flag_days: int
    incomplete_days: int
    not_scored_days: int


@cache
def review_rules(path: Path = CASES_FILE) -> ReviewRules:
    doc = load(path).get("review")
    doc.only(("days_by_level", "red_flag_days", "incomplete_days", "not_scored_days"))
    levels = doc.get("days_by_level")
    known = load_rules().levels
    days = {}
    for level, node in levels.keyed():
        if level not in known:
            node.fail(f"is not a level of scoring.yml ({', '.join(map(str, known))})")
        days[level] = node.integer(0, 366)
    for level in known:
        if level not in days:
            levels.child(str(level), None).fail("is missing")
    return ReviewRules(days, doc.get("red_flag_days").integer(0, 366),
                       doc.get("incomplete_days").integer(0, 366),
                       doc.get("not_scored_days").integer(0, 366))


@cache
def page_size(path: Path = CASES_FILE) -> int:
    return load(path).get("case_list").get("page_size").integer(5, 200)


@dataclass(frozen=True)
class CaseRow:
    id: int
    reference: str
    versions: int
    profile_id: int | None  # the latest version
    status: str | None
    level: int | None  # None: not scored
    complete: bool  # every key factor known, in the latest version
    red_flags: tuple[str, ...]
    last_updated: datetime
    next_review: date
    review_due: bool  # on or before today


@dataclass(frozen=True)
class CaseQuery:
    """What the practitioner asked for; ``from_args`` reads it from a page's query string
    and falls back to the default for anything it cannot use."""

    search: str = ""  # part of a case reference, any case
    level: str = ""  # "" all, "1".."4", or NOT_SCORED
    red_flag: str = ""  # "" all, ANY_RED_FLAG, or a red flag's id
    review_due: bool = False
    sort: str = SORTS[0]
    page: int = 1

    @classmethod
    def from_args(cls, args: Mapping[str, str]) -> CaseQuery:
        rules = load_rules()
        level = args.get("level", "")
        flag = args.get("red_flag", "")
        sort = args.get("sort", SORTS[0])
        try:
            page = max(1, int(args.get("page", 1)))
        except ValueError:
            page = 1
        return cls(search=" ".join(str(args.get("q", "")).split())[:40],
                   level=level if level in {*map(str, rules.levels), NOT_SCORED} else "",
                   red_flag=flag if flag in {ANY_RED_FLAG, *rules.red_flags} else "",
                   review_due=args.get("due") in ("1", "on", "true"),
                   sort=sort if sort in SORTS else SORTS[0], page=page)

    def args(self, **changes: Any) -> dict[str, str]:
        """The query string for this query with ``changes`` (for the pages' links)."""
        query = replace(self, **changes)
        args = {"q": query.search, "level": query.level, "red_flag": query.red_flag,
                "due": "1" if query.review_due else "",
                "sort": query.sort if query.sort != SORTS[0] else "",
                "page": str(query.page) if query.page != 1 else ""}
        return {key: value for key, value in args.items() if value}

    @property
    def filtered(self) -> bool:
        return bool(self.search or self.level or self.red_flag or self.review_due)


@dataclass(frozen=True)
class CasePage:
    rows: tuple[CaseRow, ...]
    total: int  # cases that match, on every page
    all_cases: int  # the practitioner's cases, before search and filters
    page: int
    pages: int
    query: CaseQuery


def choices() -> tuple[list[int], list[str]]:
    """The levels and the red flags the filters offer (scoring.yml's)."""
    rules = load_rules()
    return sorted(rules.levels), list(rules.red_flags)


def find_cases(connection: Connection, owner: str, query: CaseQuery,
               today: date | None = None) -> CasePage:
    today = today or date.today()
    rows = [case_row(row._mapping, today) for row in cases_with_profiles(connection, owner)]
    matching = sorted((row for row in rows if _matches(row, query)), key=_sort_key(query.sort))
    size = page_size()
    pages = max(1, math.ceil(len(matching) / size))
    page = min(query.page, pages)
    return CasePage(tuple(matching[(page - 1) * size:page * size]), len(matching), len(rows),
                    page, pages, replace(query, page=page))


def case_row(row: Mapping[str, Any], today: date) -> CaseRow:
    result = row["result"] if isinstance(row["result"], Mapping) else {}
    finished = row["complete_result"] if isinstance(row["complete_result"], Mapping) else {}
    level = result.get("level")
    in_progress = row["status"] is not None and row["status"] != COMPLETE
    flags = tuple(result.get("red_flags") or ())
    if in_progress:  # the last finished version's red flags still stand
        flags += tuple(f for f in finished.get("red_flags") or () if f not in flags)
    last_updated = row["updated_at"] or row["created_at"]
    rules = review_rules()
    if level in rules.days_by_level:
        days = rules.days_by_level[level]
        if flags:
            days = min(days, rules.red_flag_days)
        if in_progress or not result.get("complete", False):
            days = min(days, rules.incomplete_days)
        next_review = _day(row["completed_at"] or last_updated) + timedelta(days=days)
    else:
        next_review = _day(row["created_at"]) + timedelta(days=rules.not_scored_days)
    return CaseRow(id=row["id"], reference=row["reference"], versions=row["versions"] or 0,
                   profile_id=row["profile_id"], status=row["status"],
                   level=level if level in rules.days_by_level else None,
                   complete=bool(result.get("complete", False)), red_flags=flags,
                   last_updated=last_updated, next_review=next_review,
                   review_due=next_review <= today)


def _matches(row: CaseRow, query: CaseQuery) -> bool:
    if query.search and query.search.casefold() not in row.reference.casefold():
        return False
    if query.level == NOT_SCORED and row.level is not None:
        return False
    if query.level not in ("", NOT_SCORED) and str(row.level) != query.level:
        return False
    if query.red_flag == ANY_RED_FLAG and not row.red_flags:
        return False
    if query.red_flag not in ("", ANY_RED_FLAG) and query.red_flag not in row.red_flags:
        return False
    return not (query.review_due and not row.review_due)


def _sort_key(sort: str):
    highest = max(load_rules().levels) + 1  # not scored sorts with the highest: unknown

    def by_reference(row: CaseRow) -> str:
        return row.reference.casefold()

    if sort == "reference":
        return by_reference
    if sort == "level":
        return lambda row: (-(row.level or highest), row.next_review, by_reference(row))
    if sort == "review":
        return lambda row: (row.next_review, -(row.level or highest), by_reference(row))
    return lambda row: (-row.last_updated.timestamp(), by_reference(row))


def _day(moment: datetime | date) -> date:
    return moment.date() if isinstance(moment, datetime) else moment
