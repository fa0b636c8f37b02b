"""`kbs users`: practitioner accounts for the web app, from adding one to closing it.

Accounts are never deleted: a closed one is disabled, so its records keep their owner and its
username cannot be taken by someone else. Every change is written to the audit log, with
the operating-system user who ran the command as the actor (``cli:NAME``)."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from contextlib import contextmanager

import click

from kbs.accounts import ROLES
from kbs.cli.audited import actor, audit
from kbs.cli.database import database_errors, upgraded_database
from kbs.cli.output import FORMAT, echo_json

PASSWORD_STDIN = click.option(
    "--password-stdin", is_flag=True,
    help="Read the password from the first line of standard input (for scripts).")


@click.group()
def users() -> None:
    """Practitioner accounts for signing in to the web app.

    The database is KBS_DATABASE_URL's (default var/kbs.db), brought up to date first.
    """


@users.command("add")
@click.argument("username")
@click.option("--role", type=click.Choice(ROLES), default="practitioner",
              show_default=True, help="What the account is for (a later release uses it).")
@PASSWORD_STDIN
def add(username: str, role: str, password_stdin: bool) -> None:
    """Create the account USERNAME; asks for its password twice (not shown).

    USERNAME: 2 to 80 lower-case letters, digits, dots, dashes or underscores. The
    password needs at least 12 characters, must not be a password known from data breaches
    and is stored only as a salted scrypt hash.
    """
    from kbs.store.users import add_user, check_password, check_username

    with _account_errors():
        check_username(username)
        password = check_password(_read_password(password_stdin), username)
        engine = upgraded_database()
        user = add_user(engine, username, password, role=role)
        _audit("add", "account_added", user.account_id, f"{username} ({role})")
    click.echo(f"Added the account {username!r}; sign in with it at the web app's address.")


@users.command("list")
@FORMAT
def list_users(output_format: str) -> None:
    """Every account: username, role, open or disabled, created, last sign-in, account id."""
    from kbs.store.users import list_users as all_users

    engine = upgraded_database()
    with database_errors():
        found = all_users(engine)
    if output_format == "json":
        echo_json([{"username": u.username, "role": u.role,
                    "status": "disabled" if u.disabled else "open",
                    "created_at": u.created_at, "last_sign_in_at": u.last_sign_in_at,
                    "account_id": u.account_id} for u in found])
        return
    if not found:
        click.echo("No accounts yet (`kbs users add USERNAME`).")
        return
    rows = [("username", "role", "status", "created", "last sign-in", "account id")] + [
        (u.username, u.role, "disabled" if u.disabled else "open", _date(u.created_at),
         _date(u.last_sign_in_at) or "never", u.account_id) for u in found]
    widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]))]
    for row in rows:
        click.echo("  ".join(cell.ljust(width) for cell, width in zip(row, widths, strict=True))
                   .rstrip())


@users.command("disable")
@click.argument("username")
def disable(username: str) -> None:
    """Close the account USERNAME: it can no longer sign in or be a command's --owner, and
    every session of it ends at once. Its records stay, owned by it; `kbs users enable`
    opens it again."""
    from kbs.store.users import set_disabled

    with _account_errors():
        engine = upgraded_database()
        user = set_disabled(engine, username, True)
        _audit("disable", "account_disabled", user.account_id, username)
    click.echo(f"Disabled the account {username!r}; its sessions have ended.")


@users.command("enable")
@click.argument("username")
def enable(username: str) -> None:
    """Open the disabled account USERNAME again (with its password as it was)."""
    from kbs.store.users import set_disabled

    with _account_errors():
        engine = upgraded_database()
        user = set_disabled(engine, username, False)
        _audit("enable", "account_enabled", user.account_id, username)
    click.echo(f"Enabled the account {username!r}.")


@users.command("reset-password")
@click.argument("username")
@PASSWORD_STDIN
def reset_password(username: str, password_stdin: bool) -> None:
    """Set a new password for USERNAME (asked twice, not shown), for a practitioner who
    forgot hers; every session of the account ends. Give it to her by a safe route and
    ask her to change it (the web app's Password page)."""
    from kbs.store.users import check_password, find_user, set_password

    with _account_errors():
        engine = upgraded_database()
        if find_user(engine, username) is None:
            raise click.ClickException(f"there is no account called {username!r}")
        password = check_password(_read_password(password_stdin), username)
        user = set_password(engine, username, password)
        _audit("reset-password", "password_reset", user.account_id, username)
    click.echo(f"Set a new password for {username!r}; its sessions have ended.")


@users.command("set-role")
@click.argument("username")
@click.argument("role", type=click.Choice(ROLES))
def set_role(username: str, role: str) -> None:
    """Give USERNAME the role ROLE (practitioner, supervisor, safeguarding_lead or
    administrator)."""
    from kbs.store.users import set_role as change_role

    with _account_errors():
        engine = upgraded_database()
        user = change_role(engine, username, role)
        _audit("set-role", "role_set", user.account_id, f"{username}: {role}")
    click.echo(f"{username!r} is now {role}.")


def _audit(command: str, action: str, account_id: str, detail: str) -> None:
    """A change to an account, by the operating-system user (``cli:NAME``: the command acts
    for nobody), with the command's door (kbs.cli.audited)."""
    audit(actor(None), action, "user", account_id, f"kbs users {command}", detail)


@contextmanager
def _account_errors() -> Iterator[None]:
    """AccountError and database errors as a one-line `Error:` (exit code 1)."""
    from kbs.accounts import AccountError

    try:
        with database_errors():
            yield
    except AccountError as err:
        raise click.ClickException(str(err)) from err


def _date(moment) -> str:
    return f"{moment:%Y-%m-%d %H:%M}" if moment else ""


def _read_password(from_stdin: bool) -> str:
    if from_stdin:
        return sys.stdin.readline().rstrip("\r\n")
    return click.prompt("Password", hide_input=True, confirmation_prompt=True)
