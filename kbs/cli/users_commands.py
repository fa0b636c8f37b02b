"""`kbs users`: practitioner accounts for the web app."""

from __future__ import annotations

import sys

import click

from kbs.cli.database import upgraded_database


@click.group()
def users() -> None:
    """Practitioner accounts for signing in to the web app."""


@users.command("add")
@click.argument("username")
@click.option("--password-stdin", is_flag=True,
              help="Read the password from the first line of standard input (for scripts).")
def add(username: str, password_stdin: bool) -> None:
    """Create the account USERNAME; asks for its password twice (not shown).

    USERNAME: 2 to 80 lower-case letters, digits, dots, dashes or underscores. The
    password needs at least 10 characters and is stored only as a salted hash. The
    database is KBS_DATABASE_URL's (default var/kbs.db), brought up to date first.
    """
    from kbs.store.users import AccountError, add_user, check_password, check_username

    try:
        check_username(username)
        password = check_password(_read_password(password_stdin))
        engine = upgraded_database()
        add_user(engine, username, password)
    except AccountError as err:
        raise click.ClickException(str(err)) from err
    click.echo(f"Added the account {username!r}; sign in with it at the web app's address.")


def _read_password(from_stdin: bool) -> str:
    if from_stdin:
        return sys.stdin.readline().rstrip("\r\n")
    return click.prompt("Password", hide_input=True, confirmation_prompt=True)
