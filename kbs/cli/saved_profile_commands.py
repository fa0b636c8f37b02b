"""`kbs profile list|show|export`: the Infant Care Profiles saved by the Assess mode.

Profiles belong to the practitioner who made them, so every command needs --owner (or
KBS_PRACTITIONER): the command runs on the server, where it could otherwise read anyone's.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import click
from sqlalchemy.exc import SQLAlchemyError

from kbs import engine
from kbs.cli.profile_commands import FORMAT, json_text
from kbs.ops import settings
from kbs.store.audit import record_access
from kbs.store.database import get_engine, upgrade
from kbs.store.profiles import profiles_of


def _owner(ctx: click.Context, param: click.Parameter, value: str | None) -> str:
    """--owner, else KBS_PRACTITIONER; required either way."""
    owner = value or settings.practitioner()
    if not owner:
        raise click.MissingParameter(ctx=ctx, param=param)
    return owner


OWNER = click.option("--owner", callback=_owner,
                     help="The practitioner whose profiles these are (their sign-in name); "
                          "KBS_PRACTITIONER sets it.  [required]")
VERSION = click.option("--version", "version", type=click.IntRange(min=1),
                       help="Which version (default: the latest).")


@click.group("profile")
def profile() -> None:
    """Saved Infant Care Profiles: list them, show one, export its answers.

    The Assess mode in the chat saves every answer as it is given; each case (a pseudonymous
    reference such as KBS-0142) has dated versions, one of which may be in progress.
    """


@profile.command("list")
@OWNER
def list_profiles(owner: str) -> None:
    """Every saved profile of the owner: reference, version, status, dates and level."""
    rows = _rows(owner)
    if not rows:
        click.echo(f"No saved profiles for {owner}.")
        return
    for row in rows:
        result = row.result or {}
        level = f"level {result['level']} ({result['level_name']})" if result else ""
        state = "" if result.get("complete", True) else ", incomplete"
        date = row.completed_at or row.updated_at
        click.echo(f"{row.reference:<24} v{row.version:<3} {row.status:<11} "
                   f"{date:%Y-%m-%d}  {level}{state}")


@profile.command()
@click.argument("case")
@VERSION
@FORMAT
@OWNER
def show(case: str, version: int | None, output_format: str, owner: str) -> None:
    """One version of CASE's profile: the report, or with --format json the same JSON as
    `kbs score --format json` plus "answers" (the saved answers) and "saved" (case, version,
    status, dates)."""
    row = _version(owner, case, version)
    _audit(owner, "viewed", row, "kbs profile show")
    scored = engine.score(row.answers)
    if output_format == "json":
        saved = {"case": row.reference, "version": row.version, "status": row.status,
                 "started_at": _iso(row.started_at), "updated_at": _iso(row.updated_at),
                 "completed_at": _iso(row.completed_at)}
        document = {**scored.to_dict(), "answers": row.answers, "saved": saved}
        click.echo(json_text(document), nl=False)
        return
    click.echo(f"{row.reference}, version {row.version} ({row.status.replace('_', ' ')})\n")
    click.echo(engine.render_profile(scored, engine.load_routes()), nl=False)


@profile.command()
@click.argument("case")
@VERSION
@click.option("--output", "-o", type=click.Path(dir_okay=False, writable=True, path_type=Path),
              help="Write to this file instead of standard output.")
@OWNER
def export(case: str, version: int | None, output: Path | None, owner: str) -> None:
    """The answers of one version of CASE as JSON, for `kbs score` and `kbs compare`.

    \b
    kbs profile export KBS-0142 --version 1 -o v1.json --owner hv.one
    kbs profile export KBS-0142 -o v2.json --owner hv.one
    kbs compare v1.json v2.json
    """
    row = _version(owner, case, version)
    _audit(owner, "exported", row, "kbs profile export")
    text = json_text(row.answers)
    if output is None:
        click.echo(text, nl=False)
    else:
        output.write_text(text, encoding="utf-8")
        click.echo(f"Wrote {output}", err=True)


def _rows(owner: str, reference: str | None = None) -> list[Any]:
    try:
        upgrade()
        with get_engine().connect() as connection:
            return profiles_of(connection, owner, reference)
    except SQLAlchemyError as err:
        reason = " ".join(str(getattr(err, "orig", None) or err).split())
        where = settings.database_url().split("@")[-1]
        raise click.ClickException(f"the database at {where} cannot be read: {reason}") from err


def _audit(owner: str, action: str, row: Any, command: str) -> None:
    """As the web app does for its pages: the profile's id, who, and which command."""
    with get_engine().begin() as connection:
        record_access(connection, owner, action, "profile", row.id, command)


def _version(owner: str, reference: str, version: int | None) -> Any:
    rows = _rows(owner, reference)
    if not rows:
        raise click.ClickException(f"no saved profile for {reference} (owner {owner}); "
                                   "`kbs profile list` shows the saved ones")
    if version is None:
        return rows[-1]
    found = next((row for row in rows if row.version == version), None)
    if found is None:
        raise click.ClickException(f"{reference} has no version {version} (versions "
                                   f"{', '.join(str(row.version) for row in rows)})")
    return found


def _iso(moment: Any) -> str | None:
    return moment.isoformat() if moment else None
