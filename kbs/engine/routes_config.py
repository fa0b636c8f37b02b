"""A partnership's routes file: names, descriptions and local contact text (docs/ROUTES.md).

The file is kbs/catalogues/routes/derby-derbyshire.yml unless the environment
variable KBS_ROUTES_FILE names another. Phone numbers live only in these files.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

import yaml

from kbs.engine import checks
from kbs.engine.errors import RoutesError
from kbs.engine.rules import ROUTE_IDS
from kbs.ops import settings

ROUTES_ENV = settings.ROUTES_VARIABLE
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


def routes_file() -> Path:
    """The routes file in use: KBS_ROUTES_FILE if set, else Derby and Derbyshire's."""
    return settings.routes_file()


def load_routes(path: str | Path | None = None) -> RoutesConfig:
    """Read and check a routes file; every problem raises RoutesError naming file and field."""
    return _load(Path(path) if path else routes_file())


@cache
def _load(path: Path) -> RoutesConfig:
    try:
        doc = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError) as err:
        reason = getattr(err, "strerror", None) or "not UTF-8 text"
        raise RoutesError(f"{path}: cannot be read ({reason}); check {ROUTES_ENV}") from err
    except yaml.YAMLError as err:
        raise RoutesError(f"{path}: {checks.yaml_problem(err)}") from err
    try:
        return _config(path, checks.mapping(doc, "routes file", RoutesError))
    except RoutesError as err:
        raise RoutesError(f"{path}: {err}") from err


def _config(path: Path, doc: Mapping[str, Any]) -> RoutesConfig:
    checks.only_keys(doc, ("partnership", "sources", "routes"), "", RoutesError)
    routes = checks.mapping(doc.get("routes"), "routes", RoutesError)
    checks.only_keys(routes, ROUTE_IDS, "routes", RoutesError)
    sources = checks.list_of(doc.get("sources", []), "sources", RoutesError)
    return RoutesConfig(
        partnership=checks.required_text(doc.get("partnership"), "partnership", RoutesError),
        file=path,
        routes={route: _route(route, routes.get(route)) for route in ROUTE_IDS},
        sources=tuple(checks.text(s, "sources", RoutesError) for s in sources),
    )


def _route(route: str, value: Any) -> Route:
    where = f"routes.{route}"
    if value is None:
        raise RoutesError(f"{where}: missing (every route needs name, description and contact)")
    entry = checks.mapping(value, where, RoutesError)
    checks.only_keys(entry, ("name", "description", "contact"), where, RoutesError)
    return Route(id=route, **{field: checks.required_text(entry.get(field), f"{where}.{field}",
                                                          RoutesError)
                              for field in ("name", "description", "contact")})
