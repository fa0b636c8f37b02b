"""Practitioner accounts: username, a password hash (kbs.accounts.passwords), a role, and
the account id that owns the practitioner's records.

The account id is made once, at random, and never given to another account: re-creating a
username (after its row was deleted) makes a new id, so the new person sees none of the
earlier person's cases, plans, rehearsals or conversations. A closed account is disabled
(``disabled_at``), never deleted: it cannot sign in or be a command's --owner.
"""

from __future__ import annotations

import re
import secrets
from dataclasses import dataclass
from datetime import UTC, datetime

from sqlalchemy import func, insert, select, update
from sqlalchemy.engine import Engine
from sqlalchemy.exc import IntegrityError

from kbs.accounts import ROLES, AccountError
from kbs.accounts.passwords import (
    check_password,
    hash_password,
    needs_rehash,
    password_matches,
    waste_a_check,
)
from kbs.store.schema import users

__all__ = ["ROLES", "USERNAME", "AccountError", "User", "add_user", "authenticate",
           "check_password", "check_role", "check_username", "count_users", "end_sessions",
           "find_account", "find_user", "list_users", "owner_id", "set_disabled",
           "set_password", "set_role"]

# Lower case, so "HV.Jones" and "hv.jones" cannot be two accounts; no "~" (kbs.identity).
USERNAME = re.compile(r"^[a-z0-9][a-z0-9._-]{1,79}$")


@dataclass(frozen=True)
class User:
    account_id: str
    username: str
    role: str
    disabled: bool = False
    session_generation: int = 0
    created_at: datetime | None = None
    last_sign_in_at: datetime | None = None


def new_account_id() -> str:
    return "u" + secrets.token_hex(8)


def check_username(username: str) -> str:
    if not USERNAME.match(username):
        raise AccountError(f"{username!r} is not a usable username: use 2 to 80 lower-case "
                           "letters, digits, dots, dashes or underscores, starting with a "
                           "letter or digit")
    return username


def check_role(role: str) -> str:
    role = role.strip().lower().replace(" ", "_").replace("-", "_")
    if role not in ROLES:
        raise AccountError(f"{role!r} is not a role: use one of {', '.join(ROLES)}")
    return role


def add_user(engine: Engine, username: str, password: str, role: str = "practitioner",
             account_id: str | None = None) -> User:
    """A new account (``account_id`` given only by tests that need a known one)."""
    row = {"account_id": account_id or new_account_id(), "username": check_username(username),
           "password_hash": hash_password(check_password(password, username)),
           "role": check_role(role), "created_at": _now(), "session_generation": 0}
    try:
        with engine.begin() as connection:
            connection.execute(insert(users).values(row))
    except IntegrityError as err:
        raise AccountError(f"there is already an account called {username!r}") from err
    return User(row["account_id"], username, row["role"], created_at=row["created_at"])


def find_user(engine: Engine, username: str) -> User | None:
    return _one(engine, users.c.username == username)


def find_account(engine: Engine, account_id: str) -> User | None:
    return _one(engine, users.c.account_id == account_id)


def list_users(engine: Engine) -> list[User]:
    with engine.connect() as connection:
        rows = connection.execute(select(users).order_by(users.c.username)).all()
    return [_user(row) for row in rows]


def authenticate(engine: Engine, username: str, password: str) -> User | None:
    """The account when the password is right (disabled or not: the caller says which),
    else None; unknown names take as long. A right password with a hash made at an older
    cost is hashed again at today's, and the sign-in time is kept."""
    with engine.connect() as connection:
        row = connection.execute(select(users).where(users.c.username == username)).first()
    if row is None:
        waste_a_check(password)
        return None
    if not password_matches(row.password_hash, password):
        return None
    user = _user(row)
    if not user.disabled:
        changes = {"last_sign_in_at": _now()}
        if needs_rehash(row.password_hash):
            changes["password_hash"] = hash_password(password)
        with engine.begin() as connection:
            connection.execute(update(users).where(users.c.id == row.id).values(changes))
    return user


def set_password(engine: Engine, username: str, password: str) -> User:
    """A new password (checked against the rules); every session of the account ends."""
    user = _existing(engine, username)
    check_password(password, username)
    _change(engine, user, password_hash=hash_password(password),
            session_generation=users.c.session_generation + 1)
    return _existing(engine, username)


def set_disabled(engine: Engine, username: str, disabled: bool) -> User:
    """Close (every session ends) or reopen an account."""
    user = _existing(engine, username)
    if disabled:
        _change(engine, user, disabled_at=user_disabled_at(engine, username) or _now(),
                session_generation=users.c.session_generation + 1)
    else:
        _change(engine, user, disabled_at=None)
    return _existing(engine, username)


def set_role(engine: Engine, username: str, role: str) -> User:
    user = _existing(engine, username)
    _change(engine, user, role=check_role(role))
    return _existing(engine, username)


def end_sessions(engine: Engine, account_id: str) -> int:
    """End every session of the account (sign-out); the new session generation."""
    with engine.begin() as connection:
        connection.execute(update(users).where(users.c.account_id == account_id)
                           .values(session_generation=users.c.session_generation + 1))
        return connection.execute(select(users.c.session_generation)
                                  .where(users.c.account_id == account_id)).scalar_one()


def owner_id(engine: Engine, username: str) -> str:
    """The account id whose records a command may read as ``username``: only an open
    account's (AccountError names the problem)."""
    user = find_user(engine, username)
    if user is None:
        raise AccountError(f"there is no account called {username!r} (`kbs users list`)")
    if user.disabled:
        raise AccountError(f"the account {username!r} is disabled (`kbs users enable`)")
    return user.account_id


def count_users(engine: Engine) -> int:
    with engine.connect() as connection:
        return connection.execute(select(func.count()).select_from(users)).scalar_one()


def user_disabled_at(engine: Engine, username: str) -> datetime | None:
    with engine.connect() as connection:
        return connection.execute(select(users.c.disabled_at)
                                  .where(users.c.username == username)).scalar()


def _existing(engine: Engine, username: str) -> User:
    user = find_user(engine, username)
    if user is None:
        raise AccountError(f"there is no account called {username!r}")
    return user


def _change(engine: Engine, user: User, **values) -> None:
    with engine.begin() as connection:
        connection.execute(update(users).where(users.c.account_id == user.account_id)
                           .values(**values))


def _one(engine: Engine, condition) -> User | None:
    with engine.connect() as connection:
        row = connection.execute(select(users).where(condition)).first()
    return _user(row) if row else None


def _user(row) -> User:
    return User(row.account_id, row.username, row.role, row.disabled_at is not None,
                row.session_generation, row.created_at, row.last_sign_in_at)


def _now() -> datetime:
    return datetime.now(UTC).replace(tzinfo=None)
