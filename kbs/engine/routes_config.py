"""A partnership's routes file: names, descriptions and local contact text (docs/ROUTES.md).

The file is kbs/catalogues/routes/derby-derbyshire.yml unless the environment
variable KBS_ROUTES_FILE names another. Phone numbers live only in these files.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from functools import cache
from pathlib import Path

from kbs.catalogues import CatalogueError, Node, load
from kbs.engine.rules import ROUTE_IDS
from kbs.ops import settings

ROUTES_ENV = settings.ROUTES_VARIABLE
# Urgent contacts given beside the routes, not suggested by the profile: what to do in a
# carer's mental health crisis (the Assess mode gives it when a carer's mental health is
# present).
CRISIS_IDS = ("carer_mental_health",)
DEFAULT_ROUTES_FILE = settings.DEFAULT_ROUTES_FILE


@dataclass(frozen=True)
class Route:
    id: str
    name: str
    description: str
    contact: str


@dataclass(frozen=True)
class RoutesConfig:
    partnership: str
    file: Path
    routes: Mapping[str, Route]
    sources: tuple[str, ...] = ()
    crisis: Mapping[str, Route] = field(default_factory=dict)


def routes_file() -> Path:
    """The routes file in use: KBS_ROUTES_FILE if set, else Derby and Derbyshire's."""
    return settings.routes_file()


def load_routes(path: str | Path | None = None) -> RoutesConfig:
    """Read and check a routes file; every problem raises kbs.catalogues.CatalogueError
    naming the file, the line and the field."""
    return _load(Path(path) if path else routes_file())


@cache
def _load(path: Path) -> RoutesConfig:
    try:
        doc = load(path)
    except CatalogueError as err:
        if err.line is not None:
            raise
        # missing, unreadable or empty: perhaps the variable names the wrong file
        raise CatalogueError(path, f"{err.problem}; check {ROUTES_ENV}") from err
    doc.only(("partnership", "routes"), ("sources", "crisis"))
    routes = doc.get("routes")
    routes.only(ROUTE_IDS)
    config = RoutesConfig(
        partnership=doc.get("partnership").text(),
        file=path,
        routes={route: _route(route, routes.get(route)) for route in ROUTE_IDS},
        sources=doc.get("sources").texts(at_least=0) if doc.has("sources") else (),
    )
    doc.require(("crisis",))  # required, but checked after the routes
    crisis = doc.get("crisis")
    crisis.only(CRISIS_IDS)
    return replace(config, crisis={name: _route(name, crisis.get(name)) for name in CRISIS_IDS})


def _route(route: str, entry: Node) -> Route:
    entry.only(("name", "description", "contact"))
    return Route(id=route, **{name: entry.get(name).text()
                              for name in ("name", "description", "contact")})
