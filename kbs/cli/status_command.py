"""`kbs status`: is the running assistant ready? What the web app's /readyz says, for a person."""

from __future__ import annotations

import click
import requests

from kbs.cli.output import FORMAT, echo_json
from kbs.ops import readiness, settings


def default_url() -> str:
    """The web app `kbs run` starts with these settings (KBS_FLASK_HOST, KBS_FLASK_PORT)."""
    host = settings.flask_host()
    host = "127.0.0.1" if host in ("0.0.0.0", "::", "") else host
    return f"http://{host}:{settings.ports().flask}"


@click.command()
@click.option("--url", help="The web app's address (default: the one `kbs run` serves, "
                            "from KBS_FLASK_HOST and KBS_FLASK_PORT).")
@FORMAT
def status(url: str | None, output_format: str) -> None:
    """Say whether the running assistant is ready: the web app, the Rasa server and its
    model, the action server and the project's database.

    Asks the web app's /readyz (which checks the others). Exit code 0 when every part is
    ready, 1 when any is not (or the web app does not answer).
    """
    try:
        url = (url or default_url()).rstrip("/")
    except settings.SettingsError as err:
        raise click.ClickException(str(err)) from err
    web, found = _ask(url)
    ready = web.ok and found.ready
    if output_format == "json":
        document = {"url": url, "ready": ready,
                    "checks": {"web": {"ok": web.ok, "detail": web.detail},
                               **found.to_dict()["checks"]}}
        echo_json(document)
    else:
        click.echo(f"The assistant at {url}/ is {'ready' if ready else 'NOT ready'}.")
        width = max(len(label) for label in readiness.LABELS.values())
        for check in (web, *found.checks):
            mark = "ok " if check.ok else "NO "
            click.echo(f"  {mark} {readiness.LABELS.get(check.name, check.name):<{width}}  "
                       f"{check.detail}")
    raise SystemExit(0 if ready else 1)


def _ask(url: str) -> tuple[readiness.Check, readiness.Readiness]:
    try:
        response = requests.get(f"{url}/readyz", timeout=readiness.TIMEOUT * 3)
    except requests.RequestException:
        return (readiness.Check("web", False, "not answering (is `kbs run` running?)"),
                readiness.Readiness(()))
    try:
        body = response.json()
    except ValueError:
        body = None
    if response.status_code not in (200, 503) or not isinstance(body, dict):
        return (readiness.Check("web", False, f"/readyz answered {response.status_code}"),
                readiness.Readiness(()))
    return readiness.Check("web", True, "answers"), readiness.Readiness.from_dict(body)
