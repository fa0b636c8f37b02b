"""What every `kbs` command shares: --format, JSON on standard output, the exit code of a
missed gate, and the old names of renamed commands.

Exit codes (README, "The kbs command"): 0 when the command did its work and every gate
it checks was met; 1 when a gate was missed or the command could not do its work (one
line on standard error); 2 for a mistake in the command line itself (click's usage
error). With --format json, standard output holds the JSON document alone, also when a
gate is missed: progress and messages go to standard error.
"""

from __future__ import annotations

import dataclasses
import json
import math
from collections.abc import Callable
from typing import Any

import click

FORMAT = click.option("--format", "output_format", type=click.Choice(["text", "json"]),
                      default="text", show_default=True,
                      help="text: what a person reads; json: one JSON document.")


class GateMissed(click.ClickException):
    """A target or gate the command checks was missed: exit code 1."""

    exit_code = 1


def json_ready(value: Any) -> Any:
    """JSON-safe: NaN becomes null, a dataclass a dict, dates, paths and other objects text."""
    if isinstance(value, float) and math.isnan(value):
        return None
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return json_ready(dataclasses.asdict(value))
    if isinstance(value, dict):
        return {str(k): json_ready(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [json_ready(v) for v in value]
    if isinstance(value, str | int | float | bool) or value is None:
        return value
    if hasattr(value, "isoformat"):
        return value.isoformat()
    return str(value)


def json_text(document: Any) -> str:
    return json.dumps(json_ready(document), indent=2, ensure_ascii=False) + "\n"


def echo_json(document: Any) -> None:
    click.echo(json_text(document), nl=False)


def progress(output_format: str) -> Callable[[str], None]:
    """Where a long command's progress lines go: standard output for text, standard error
    with --format json (so that standard output is the JSON document alone)."""
    if output_format == "json":
        return lambda line: click.echo(line, err=True)
    return click.echo


def renamed(command: click.Command, old: str, new: str) -> click.Command:
    """``command`` under its ``old`` name for one more release: hidden from `kbs --help`,
    and saying on standard error that it is now ``kbs new``."""

    def callback(**params: Any) -> Any:
        click.echo(f"kbs: `kbs {old}` is now `kbs {new}`; the old name will be removed in "
                   "the next release.", err=True)
        return click.get_current_context().invoke(command, **params)

    return click.Command(old, params=command.params, callback=callback, hidden=True,
                         help=f"Old name of `kbs {new}` (kept for one release).\n\n"
                              f"{command.help or ''}",
                         short_help=f"old name of `kbs {new}`",
                         context_settings=command.context_settings)
