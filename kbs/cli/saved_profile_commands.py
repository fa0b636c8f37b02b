"""`kbs profile list|show|export`: the Infant Care Profiles saved by the Assess mode.

Profiles belong to the practitioner who made them, so every command needs --owner (or
KBS_PRACTITIONER): the command runs on the server, where it could otherwise read anyone's.
The owner is a username of an open account; its records are those of its account id (a
disabled account's cannot be read this way).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import click

from kbs import engine
from kbs.cli.audited import audit
from kbs.cli.database import database_errors, owner_account, upgraded_database
from kbs.cli.output import FORMAT, echo_json, json_text
from kbs.engine.rescore import Rescored, rescore, saved_profile
from kbs.ops import settings
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
@FORMAT
@OWNER
def list_profiles(output_format: str, owner: str) -> None:
    """Every saved profile of the owner: reference, version, status, dates and level."""
    account = _account(owner)
    rows = _rows(account)
    audit(account, "listed", "profile", account, "kbs profile list", f"{len(rows)} shown")
    if output_format == "json":
        echo_json([{**_saved(row), "level": (row.result or {}).get("level"),
                    "level_name": (row.result or {}).get("level_name"),
                    "complete": (row.result or {}).get("complete"),
                    "red_flags": (row.result or {}).get("red_flags")} for row in rows])
        return
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
    """One version of CASE's profile as it was saved: the result it was scored with (never
    re-scored), and whether today's catalogue would score its answers differently.

    With --format json: the saved result (the keys of `kbs score --format json`) plus
    "answers" (the saved answers) and "saved" (case, version, status, dates, the catalogue
    version that scored it, and "today": today's catalogue version, whether it scores the
    answers differently and which keys it changes).
    """
    account = _account(owner)
    row = _version(owner, account, case, version)
    _audit(account, "viewed", row, "kbs profile show")
    today = rescore(row.answers, row.result, row.catalogue_version)
    if output_format == "json":
        saved = {**_saved(row), "today": today.to_dict()}
        echo_json({**(row.result or {}), "answers": row.answers, "saved": saved})
        return
    click.echo(f"{row.reference}, version {row.version} ({row.status.replace('_', ' ')})")
    click.echo(_catalogue_note(row, today) + "\n")
    if not row.result:
        click.echo("This version has no saved result.")
        return
    try:
        text = engine.render_profile(saved_profile(row.result), engine.load_routes())
    except (ValueError, KeyError) as err:  # saved by an older version of the engine
        raise click.ClickException(f"the saved result cannot be shown as a report ({err}); "
                                   "--format json shows it as saved") from err
    click.echo(text, nl=False)


def _catalogue_note(row: Any, today: Rescored) -> str:
    """Which catalogue scored the saved result, and what today's would change."""
    scored = (f"Scored with catalogue version {row.catalogue_version}"
              if row.catalogue_version else
              "Scored before catalogue versions were recorded")
    if row.catalogue_version == today.today_version and not today.differs:
        return f"{scored} (today's)."
    if today.problem:
        return (f"{scored}; today's catalogue ({today.today_version}) cannot score these "
                f"answers: {today.problem}. This is the result as saved.")
    if not today.differs:
        return f"{scored}; today's catalogue ({today.today_version}) scores it the same."
    level = (f"level {today.today_level} instead of {row.result.get('level')}; "
             if row.result and today.today_level != row.result.get("level") else "")
    return (f"{scored}; TODAY'S CATALOGUE ({today.today_version}) WOULD SCORE IT "
            f"DIFFERENTLY: {level}changed: {', '.join(today.changed)}. This is the result "
            f"as saved; to see today's: kbs profile export {row.reference} --version "
            f"{row.version} -o answers.json && kbs score answers.json")


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
    account = _account(owner)
    row = _version(owner, account, case, version)
    _audit(account, "exported", row, "kbs profile export")
    text = json_text(row.answers)
    if output is None:
        click.echo(text, nl=False)
    else:
        output.write_text(text, encoding="utf-8")
        click.echo(f"Wrote {output}", err=True)


def _account(owner: str) -> str:
    """The account id owning the records of --owner (a username): kbs.cli.database."""
    return owner_account(upgraded_database(), owner)


def _rows(account: str, reference: str | None = None) -> list[Any]:
    from kbs.store.database import get_engine  # brought up to date by _account

    with database_errors(), get_engine().connect() as connection:
        return profiles_of(connection, account, reference)


def _audit(account: str, action: str, row: Any, command: str) -> None:
    """As the web app does for its pages: the profile's id, who (the account id), and which
    command."""
    audit(account, action, "profile", row.id, command, row.reference)


def _saved(row: Any) -> dict[str, Any]:
    return {"case": row.reference, "version": row.version, "status": row.status,
            "started_at": _iso(row.started_at), "updated_at": _iso(row.updated_at),
            "completed_at": _iso(row.completed_at),
            "catalogue_version": row.catalogue_version}


def _version(owner: str, account: str, reference: str, version: int | None) -> Any:
    rows = _rows(account, reference)
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
