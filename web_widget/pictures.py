"""Geometry of the two pictures (drawn as inline SVG by templates/_pictures.html).

Each picture also has a table with the same numbers for screen readers and print.
"""

from __future__ import annotations

from dataclasses import dataclass

from kbs.engine.rules import load_rules
from web_widget.labels import level_label, words
from web_widget.profile_domains import Domain

STATUSES = ("present", "unknown", "excluded")
LABEL_WIDTH = 130
UNIT = 26  # pixels per factor
ROW = 34
BAR = 22


@dataclass(frozen=True)
class Segment:
    status: str
    count: int
    x: int
    width: int


@dataclass(frozen=True)
class DomainRow:
    name: str
    y: int
    segments: tuple[Segment, ...]


@dataclass(frozen=True)
class DomainPicture:
    rows: tuple[DomainRow, ...]
    width: int
    height: int
    bar_height: int = BAR

    @property
    def table(self) -> list[tuple]:
        """Domain, then the count of each status."""
        return [(row.name, *(next((s.count for s in row.segments if s.status == status), 0)
                             for status in STATUSES)) for row in self.rows]


def domain_picture(domains: list[Domain]) -> DomainPicture:
    rows = []
    for index, domain in enumerate(domains):
        x, segments = LABEL_WIDTH, []
        for status in STATUSES:
            count = domain.count(status)
            if count:
                segments.append(Segment(status, count, x, count * UNIT))
                x += count * UNIT
        rows.append(DomainRow(domain.name, index * ROW, tuple(segments)))
    widest = max((d.total for d in domains), default=0)
    return DomainPicture(tuple(rows), LABEL_WIDTH + widest * UNIT + 10, len(rows) * ROW)


@dataclass(frozen=True)
class LevelPoint:
    version: int
    level: int
    complete: bool
    date: str
    x: int
    y: int


@dataclass(frozen=True)
class LevelPicture:
    points: tuple[LevelPoint, ...]
    levels: tuple[tuple[int, str, int], ...]  # level, name, y
    width: int
    height: int
    left: int = LABEL_WIDTH + 20

    @property
    def table(self) -> list[tuple]:
        """Version, date, level, complete."""
        return [(p.version, p.date, level_label(p.level), "yes" if p.complete else "no")
                for p in self.points]


def level_picture(versions: list[tuple[int, int, bool, str]]) -> LevelPicture:
    """``versions``: (version, level, complete, date) of each scored profile, oldest first."""
    left, step, top, gap = LevelPicture.left, 90, 20, 45
    names = {number: words(level.name).lower() for number, level in load_rules().levels.items()}
    y_of = {level: top + (max(names) - level) * gap for level in names}
    points = tuple(LevelPoint(version, level, complete, date, left + 30 + i * step, y_of[level])
                   for i, (version, level, complete, date) in enumerate(versions)
                   if level in y_of)
    levels = tuple((level, name, y_of[level]) for level, name in names.items())
    width = left + 60 + max(len(points) - 1, 0) * step + 30
    return LevelPicture(points, levels, width, top + 3 * gap + 50)
