"""`kbs plan show ID --owner NAME`: a saved safer sleep or safe handling plan, as Markdown
or JSON; only its owner's (as `kbs profile`: NAME is a username, the plan's owner its
account id), and every attempt is in the audit log."""

import click

from kbs.cli.audited import audit
from kbs.cli.database import database_errors, owner_account, upgraded_database
from kbs.cli.output import FORMAT, echo_json
from kbs.cli.saved_profile_commands import OWNER

COMMAND = "kbs plan show"


@click.group()
def plan() -> None:
    """Plans written in the safer sleep and safe handling discussions."""


@plan.command("show")
@click.argument("plan_id", type=int)
@click.option("--family", is_flag=True, help="Leave out the section for the practitioner.")
@FORMAT
@OWNER
def show(plan_id: int, family: bool, output_format: str, owner: str) -> None:
    """Print plan PLAN_ID as Markdown, ready to print or copy (--format json: the saved
    plan's content, with its kind, case reference and date). Only the owner's plans: another
    practitioner's is refused, as one that does not exist, and the attempt audited."""
    from kbs.safer_practice.render import family_copy, render_markdown
    from kbs.store.plans import get_plan

    engine = upgraded_database()
    account = owner_account(engine, owner)  # plans are owned by account ids
    with database_errors(), engine.connect() as connection:
        saved = get_plan(connection, plan_id)
    if saved is not None and saved.owner != account:
        audit(account, "denied", "plan", plan_id, COMMAND, f"owner: {saved.owner}")
        saved = None
    if saved is None:
        raise click.ClickException(f"there is no plan {plan_id} of {owner}")
    audit(account, "exported" if output_format == "json" else "viewed", "plan", plan_id, COMMAND,
          saved.case_reference)
    if output_format == "json":
        echo_json({"id": saved.id, "kind": saved.kind, "case_reference": saved.case_reference,
                   "created_at": saved.created_at,
                   "content": family_copy(saved.content) if family else saved.content})
        return
    click.echo(render_markdown(saved.content, practitioner=not family), nl=False)
