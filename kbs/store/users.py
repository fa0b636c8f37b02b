"""Practitioner accounts: usernames and password hashes (werkzeug's scrypt), nothing else."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import UTC, datetime

from sqlalchemy import func, insert, select
from sqlalchemy.engine import Engine
from sqlalchemy.exc import IntegrityError
from werkzeug.security import check_password_hash, generate_password_hash

from kbs.store.schema import users

MIN_PASSWORD_CHARS = 10
# Lower case, so "HV.Jones" and "hv.jones" cannot be two accounts; no "~", because the
# username is the practitioner part of Rasa's sender id (kbs.identity).
USERNAME = re.compile(r"^[a-z0-9][a-z0-9._-]{1,79}$")

# Checked when the username is unknown, so that a wrong name takes as long as a wrong password.
_DUMMY_HASH = generate_password_hash("not a password")


class AccountError(ValueError):
    """An account that cannot be made; the message says why."""


@dataclass(frozen=True)
class User:
    username: str
    role: str


def check_username(username: str) -> str:
    if not USERNAME.match(username):
        raise AccountError(f"{username!r} is not a usable username: use 2 to 80 lower-case "
                           "letters, digits, dots, dashes or underscores, starting with a "
                           "letter or digit")
    return username


def check_password(password: str) -> str:
    if len(password) < MIN_PASSWORD_CHARS:
        raise AccountError(f"the password must have at least {MIN_PASSWORD_CHARS} characters")
    return password


def add_user(engine: Engine, username: str, password: str) -> User:
    row = {"username": check_username(username),
           "password_hash": generate_password_hash(check_password(password)),
           "role": "practitioner", "created_at": datetime.now(UTC)}
    try:
        with engine.begin() as connection:
            connection.execute(insert(users).values(row))
    except IntegrityError as err:
        raise AccountError(f"there is already an account called {username!r}") from err
    return User(username, "practitioner")


def find_user(engine: Engine, username: str) -> User | None:
    with engine.connect() as connection:
        row = connection.execute(select(users.c.username, users.c.role)
                                 .where(users.c.username == username)).first()
    return User(row.username, row.role) if row else None


def authenticate(engine: Engine, username: str, password: str) -> User | None:
    """The user when the password is right, else None (unknown names take as long)."""
    with engine.connect() as connection:
        row = connection.execute(select(users).where(users.c.username == username)).first()
    if row is None:
        check_password_hash(_DUMMY_HASH, password)
        return None
    if not check_password_hash(row.password_hash, password):
        return None
    return User(row.username, row.role)


def count_users(engine: Engine) -> int:
    with engine.connect() as connection:
        return connection.execute(select(func.count()).select_from(users)).scalar_one()
