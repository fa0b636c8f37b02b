"""`kbs plan show ID`: a saved safer sleep or safe handling plan, as Markdown."""

import click


@click.group()
def plan() -> None:
    """Plans written in the safer sleep and safe handling discussions."""


@plan.command("show")
@click.argument("plan_id", type=int)
@click.option("--family", is_flag=True, help="Leave out the section for the practitioner.")
def show(plan_id: int, family: bool) -> None:
    """Print plan PLAN_ID as Markdown, ready to print or copy."""
    from sqlalchemy.exc import SQLAlchemyError

    from kbs.safer_practice.render import render_markdown
    from kbs.store.database import get_engine
    from kbs.store.plans import get_plan

    try:
        with get_engine().connect() as connection:
            saved = get_plan(connection, plan_id)
    except SQLAlchemyError as err:
        reason = " ".join(str(getattr(err, "orig", None) or err).split())
        raise click.ClickException(f"the plans cannot be read from KBS_DATABASE_URL: "
                                   f"{reason}") from err
    if saved is None:
        raise click.ClickException(f"there is no plan {plan_id}")
    click.echo(render_markdown(saved.content, practitioner=not family), nl=False)
