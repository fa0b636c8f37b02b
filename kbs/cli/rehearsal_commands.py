"""`kbs rehearsals`: saved rehearsals (progress over time) and the persona files."""

from __future__ import annotations

import click


@click.group()
def rehearsals() -> None:
    """Rehearse mode: finished rehearsals and the personas a trainer writes."""


@rehearsals.command("list")
@click.option("--owner", help="Only this practitioner's rehearsals.")
def list_rehearsals(owner: str | None) -> None:
    """Finished rehearsals, oldest first: owner, persona, date, hidden facts uncovered.

    Reads the database at KBS_DATABASE_URL (default var/kbs.db).
    """
    from sqlalchemy import inspect
    from sqlalchemy.exc import SQLAlchemyError

    from kbs.store.database import get_engine
    from kbs.store.rehearsals import finished_rehearsals

    try:
        if not inspect(get_engine()).has_table("rehearsals"):
            raise click.ClickException("the database has no rehearsals yet; `kbs run` "
                                       "creates its tables")
        found = finished_rehearsals(owner)
    except SQLAlchemyError as err:
        reason = " ".join(str(getattr(err, "orig", None) or err).split())
        raise click.ClickException(f"the database cannot be read: {reason}") from err
    if not found:
        click.echo("No finished rehearsals" + (f" for {owner}." if owner else "."))
        return
    _echo_table([("owner", "persona", "finished", "facts uncovered")] + [
        (r.owner, r.persona, f"{r.finished_at:%Y-%m-%d %H:%M}", f"{r.uncovered}/{r.facts_total}")
        for r in found])


@rehearsals.command("personas")
def check_personas() -> None:
    """Check every persona file and list the personas (id, number of hidden facts, title).

    A file with a mistake is named with the field that is wrong; see docs/PERSONAS.md.
    """
    from kbs.catalogues import CatalogueError
    from kbs.rehearsal.personas import read_personas

    try:
        found = read_personas()
    except CatalogueError as err:
        raise click.ClickException(str(err)) from err
    _echo_table([("persona", "hidden facts", "title")] + [
        (p.id, str(len(p.hidden_facts)), p.title) for p in found.values()])


def _echo_table(rows: list[tuple[str, ...]]) -> None:
    widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]))]
    for row in rows:
        click.echo("  ".join(cell.ljust(width) for cell, width in zip(row, widths, strict=True))
                   .rstrip())
