"""`kbs retention run` and `kbs case erase`: what the retention policy says goes, and one
case with everything about it (kbs.retention; SECURITY.md, "Retention")."""

from __future__ import annotations

import click

from kbs.cli.audited import actor, cli_door
from kbs.cli.database import database_errors, owner_account, upgraded_database
from kbs.cli.output import FORMAT, echo_json
from kbs.cli.saved_profile_commands import OWNER

DRY_RUN = click.option("--dry-run", is_flag=True,
                       help="List exactly what would be deleted, and delete nothing.")


@click.group()
def retention() -> None:
    """Keep records no longer than the retention policy says (UK GDPR minimisation)."""


@retention.command("run")
@DRY_RUN
@FORMAT
def run_retention(dry_run: bool, output_format: str) -> None:
    """Delete what is past its period: conversations in Rasa's tracker store, finished
    rehearsals, closed cases (with their profiles and plans), plans without a case, audit
    rows. The periods are in kbs/catalogues/retention.yml, or the file KBS_RETENTION_FILE
    names. Each deletion is written to the audit log. `kbs run` runs this every day.
    """
    from kbs.retention import apply_retention, load_policy

    policy = _policy(load_policy)
    engine, tracker_engine = _engines()
    with database_errors():
        items = apply_retention(policy, engine, tracker_engine, actor=actor(None),
                                command=cli_door("kbs retention run"), dry_run=dry_run)
    if output_format == "json":
        echo_json({"dry_run": dry_run, "policy": str(policy.source),
                   "periods_days": policy.days, "items": [i.to_dict() for i in items]})
        return
    click.echo(f"Retention policy: {policy.source} ("
               + ", ".join(f"{name} {days} days" for name, days in policy.days.items()) + ")")
    _list(items, dry_run)


@click.group("case")
def case() -> None:
    """One case and everything about it."""


@case.command("erase")
@click.argument("reference")
@DRY_RUN
@click.option("--yes", is_flag=True, help="Erase without asking first.")
@FORMAT
@OWNER
def erase_case(reference: str, dry_run: bool, yes: bool, output_format: str,
               owner: str) -> None:
    """Erase the owner's case REFERENCE: the case, every version of its profile, every plan
    saved with it, and the owner's conversations in Rasa's tracker store that name it (the
    owner is a username; its records and conversations are those of its account id).
    Each erasure is written to the audit log (which keeps that the case existed and who
    erased it). Asks first unless --yes or --dry-run.
    """
    from kbs.retention import NoSuchCase, erase, erasure

    engine, tracker_engine = _engines()
    account = owner_account(engine, owner)  # records are owned by account ids
    try:
        with database_errors():
            items = erasure(account, reference, engine, tracker_engine)
            if not dry_run and not yes:
                for item in items:
                    click.echo(item.line(), err=True)
                click.confirm(f"Erase {reference} of {owner} and everything above?",
                              abort=True, err=True)
            items = erase(account, reference, engine, tracker_engine, actor=actor(None),
                          command=cli_door("kbs case erase"), dry_run=dry_run)
    except NoSuchCase as err:  # named by the username given, not the account id
        raise click.ClickException(f"{owner} has no case {reference}") from err
    if output_format == "json":
        echo_json({"dry_run": dry_run, "case": reference, "owner": owner,
                   "items": [i.to_dict() for i in items]})
        return
    _list(items, dry_run)


def _list(items, dry_run: bool) -> None:
    if not items:
        click.echo("Nothing to delete.")
        return
    click.echo(f"{'Would delete' if dry_run else 'Deleted'} {len(items)}:")
    for item in items:
        click.echo(f"  {item.line()}")


def _policy(load_policy):
    from kbs.catalogues import CatalogueError

    try:
        return load_policy()
    except CatalogueError as err:
        raise click.ClickException(str(err)) from err


def _engines():
    from kbs.store.tracker import TrackerStoreError, tracker_engine

    engine = upgraded_database()
    try:
        return engine, tracker_engine()
    except TrackerStoreError as err:
        raise click.ClickException(str(err)) from err
