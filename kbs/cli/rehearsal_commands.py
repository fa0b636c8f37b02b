"""`kbs rehearsals`: saved rehearsals (progress over time) and the persona files."""

from __future__ import annotations

import click

from kbs.cli.audited import actor, audit
from kbs.cli.database import database_errors, owner_account, upgraded_database, usernames
from kbs.cli.output import FORMAT, echo_json


@click.group()
def rehearsals() -> None:
    """Rehearse mode: finished rehearsals and the personas a trainer writes."""


@rehearsals.command("list")
@click.option("--owner", help="Only this practitioner's rehearsals (her username).")
@FORMAT
def list_rehearsals(owner: str | None, output_format: str) -> None:
    """Finished rehearsals, oldest first: owner, persona, date, hidden facts uncovered.
    Audited, with the operating-system user who ran it.

    Reads the database at KBS_DATABASE_URL (default var/kbs.db), brought up to date first.
    """
    from kbs.store.rehearsals import finished_rehearsals

    engine = upgraded_database()
    account = owner_account(engine, owner) if owner else None
    with database_errors():
        found = finished_rehearsals(account, engine)
    # A read of the rehearsals listed: for the owner's account id, or everyone's (no
    # --owner) by the operating-system user.
    audit(actor(account), "listed", "rehearsal", account or "(all)", "kbs rehearsals list",
          f"{len(found)} shown")
    names = usernames(engine)  # owners are account ids; earlier ones may be other names
    if output_format == "json":
        echo_json([{"id": r.id, "owner": names.get(r.owner, r.owner), "persona": r.persona,
                    "finished_at": r.finished_at, "uncovered": r.uncovered,
                    "facts_total": r.facts_total} for r in found])
        return
    if not found:
        click.echo("No finished rehearsals" + (f" for {owner}." if owner else "."))
        return
    _echo_table([("owner", "persona", "finished", "facts uncovered")] + [
        (names.get(r.owner, r.owner), r.persona, f"{r.finished_at:%Y-%m-%d %H:%M}",
         f"{r.uncovered}/{r.facts_total}")
        for r in found])


@rehearsals.command("personas")
@FORMAT
def check_personas(output_format: str) -> None:
    """Check every persona file and list the personas (id, number of hidden facts, title).

    A file with a mistake is named with the field that is wrong; see docs/PERSONAS.md.
    """
    from kbs.catalogues import CatalogueError
    from kbs.rehearsal.personas import read_personas

    try:
        found = read_personas()
    except CatalogueError as err:
        raise click.ClickException(str(err)) from err
    if output_format == "json":
        echo_json([{"id": p.id, "title": p.title, "name": p.name,
                    "hidden_facts": len(p.hidden_facts)} for p in found.values()])
        return
    _echo_table([("persona", "hidden facts", "title")] + [
        (p.id, str(len(p.hidden_facts)), p.title) for p in found.values()])


def _echo_table(rows: list[tuple[str, ...]]) -> None:
    widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]))]
    for row in rows:
        click.echo("  ".join(cell.ljust(width) for cell, width in zip(row, widths, strict=True))
                   .rstrip())
