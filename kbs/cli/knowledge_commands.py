"""`kbs ask` and `kbs eval knowledge`: the knowledge base on the command line.

spaCy is slow to import, so the knowledge modules are imported inside the commands.
"""

import click

from kbs.cli.output import FORMAT, GateMissed, echo_json


@click.command()
@click.argument("question")
@FORMAT
def ask(question: str, output_format: str) -> None:
    """Answer QUESTION from the knowledge cards, with sources.

    When no card matches well, says so and offers the nearest cards. A question about a baby
    you are worried about now also gets the urgent routes.
    """
    from kbs.knowledge.answer import answer_question
    from kbs.knowledge.render import format_reply, reply_to_dict

    reply = answer_question(question)
    if output_format == "json":
        echo_json(reply_to_dict(reply))
    else:
        click.echo(format_reply(reply))


@click.command("knowledge")
@click.option("--dev", is_flag=True,
              help="Measure the development set used for tuning instead of the held-out set.")
@FORMAT
def knowledge_eval(dev: bool, output_format: str) -> None:
    """Check the search on held-out and unanswerable questions (tests/knowledge).

    Prints top-1 and top-3 card accuracy against their targets and lists the misses; exits
    with 1 if a target is missed or an unanswerable question gets a card. With --dev, the
    same figures for tuning: the cards' example questions, each left out of its card in
    turn, and tests/knowledge/dev_*.yml.
    """
    from kbs.catalogues import CatalogueError
    from kbs.knowledge import evaluation
    from kbs.knowledge.answer import default_knowledge_base

    kb = default_knowledge_base()
    try:
        if dev:
            reports = {
                "Leave-one-out over the cards' example questions":
                    evaluation.leave_one_out(kb.cards, kb.analyse),
                "Development questions": evaluation.evaluate(
                    kb, evaluation.read_heldout(evaluation.DEV_FILE),
                    evaluation.read_unanswerable(evaluation.DEV_UNANSWERABLE_FILE)),
            }
        else:
            reports = {"Held-out questions": evaluation.evaluate(
                kb, evaluation.read_heldout(), evaluation.read_unanswerable())}
    except CatalogueError as err:
        raise click.ClickException(str(err)) from err
    if output_format == "json":
        echo_json(_json_document(reports))
    else:
        for title, report in reports.items():
            _echo_report(title, report)
    if not all(report.passed for report in reports.values()):
        raise GateMissed("knowledge search below target")


def _json_document(reports: dict) -> dict:
    from kbs.knowledge.evaluation import TOP1_TARGET, TOP3_TARGET

    return {"targets": {"top1": TOP1_TARGET, "top3": TOP3_TARGET},
            "met": all(report.passed for report in reports.values()),
            "reports": [{"title": title, "met": report.passed, "report": report}
                        for title, report in reports.items()]}


def _echo_report(title: str, report) -> None:
    from kbs.knowledge.evaluation import TOP1_TARGET, TOP3_TARGET

    click.echo(f"{title}: {report.total}")
    click.echo(_score_line("top-1 accuracy", report.top1, TOP1_TARGET))
    click.echo(_score_line("top-3 accuracy", report.top3, TOP3_TARGET))
    click.echo(f"  answered confidently with the right card: {report.answered_right:.3f}, "
               f"with another card: {report.answered_wrong:.3f}")
    for label, misses in (("top-1", report.top1_misses), ("top-3", report.top3_misses)):
        if misses:
            click.echo(f"{label} misses:")
        for miss in misses:
            click.echo(f"  {miss.question}\n    expected {miss.expected}; got "
                       f"{', '.join(miss.ranked)}")
    if report.unanswerable_total:
        failures = report.unanswerable_failures
        click.echo(f"Unanswerable questions: {report.unanswerable_total - len(failures)}/"
                   f"{report.unanswerable_total} got \"I don't know\" with suggestions")
        for question, problem in failures:
            click.echo(f"  {question}: {problem}")


def _score_line(label: str, value: float, target: float) -> str:
    verdict = "ok" if value >= target else "BELOW TARGET"
    return f"  {label}: {value:.3f} (target {target:.2f}) {verdict}"
