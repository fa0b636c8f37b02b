"""Small validators for answers documents (the user's input to `kbs score`, AnswersError).

Each takes the field's dotted name and the error class to raise, so every message
reads "<field>: <what is wrong>". The project's own data files are read and checked by
``kbs.catalogues.load`` instead.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from kbs.engine.errors import EngineInputError


def describe(value: Any) -> str:
    """A value as a practitioner would recognise it in an error message."""
    kinds = {bool: "true/false", int: "a number", float: "a number", str: "text",
             list: "a list", dict: "a mapping", type(None): "empty"}
    kind = kinds.get(type(value), type(value).__name__)
    return kind if value is None or isinstance(value, list | dict) else f"{kind} {value!r}"


def mapping(value: Any, where: str, error: type[EngineInputError]) -> Mapping[str, Any]:
    if not isinstance(value, Mapping):
        raise error(f"{where}: must be a mapping of names to values, got {describe(value)}")
    for key in value:
        if not isinstance(key, str):
            raise error(f"{where}: every name must be text, got {describe(key)}")
    return value


def only_keys(value: Mapping[str, Any], allowed: Iterable[str], where: str,
              error: type[EngineInputError]) -> None:
    allowed = list(allowed)
    for key in value:
        if key not in allowed:
            name = f"{where}.{key}" if where else key
            raise error(f"{name}: unknown field (expected one of {', '.join(allowed)})")


def text(value: Any, where: str, error: type[EngineInputError]) -> str:
    if not isinstance(value, str):
        raise error(f"{where}: must be text, got {describe(value)}")
    return value


def required_text(value: Any, where: str, error: type[EngineInputError]) -> str:
    if value is None or (isinstance(value, str) and not value.strip()):
        raise error(f"{where}: required")
    return text(value, where, error)


def one_of(value: Any, allowed: Iterable[Any], where: str, error: type[EngineInputError]) -> Any:
    allowed = list(allowed)
    if value is None:
        raise error(f"{where}: required (one of {', '.join(map(str, allowed))})")
    if isinstance(value, bool) or value not in allowed:
        raise error(f"{where}: {value!r} is not one of {', '.join(map(str, allowed))}")
    return value


def boolean(value: Any, where: str, error: type[EngineInputError]) -> bool:
    if not isinstance(value, bool):
        raise error(f"{where}: must be true or false, got {describe(value)}")
    return value


def number(value: Any, where: str, error: type[EngineInputError], *, low: float, high: float,
           whole: bool = False) -> float:
    kinds = (int,) if whole else (int, float)
    if isinstance(value, bool) or not isinstance(value, kinds):
        wanted = "a whole number" if whole else "a number"
        raise error(f"{where}: must be {wanted}, got {describe(value)}")
    if not low <= value <= high:
        raise error(f"{where}: {value} is outside {low:g} to {high:g}")
    return value


def list_of(value: Any, where: str, error: type[EngineInputError]) -> list[Any]:
    if not isinstance(value, list):
        raise error(f"{where}: must be a list, got {describe(value)}")
    return value


def yaml_problem(err: Exception) -> str:
    """A YAML parser error as one line: where it is and what is wrong."""
    mark = getattr(err, "problem_mark", None)
    place = f" (line {mark.line + 1}, column {mark.column + 1})" if mark else ""
    problem = getattr(err, "problem", None) or str(err).splitlines()[0]
    return f"not valid YAML{place}: {problem}"
