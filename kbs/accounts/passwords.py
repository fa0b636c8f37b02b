"""The password rules: long enough, not a known-breached password, hashed with scrypt at the
OWASP Password Storage Cheat Sheet's parameters (N=2^17, r=8, p=1: 128 MiB, about 0.4 s).

A hash made with other parameters (werkzeug's default before, N=2^15) still checks, and is
replaced by a hash with these at the next sign-in (``needs_rehash``)."""

from __future__ import annotations

from functools import cache

from werkzeug.security import check_password_hash, generate_password_hash

from kbs.accounts import AccountError
from kbs.accounts.wording import say
from kbs.catalogues import load
from kbs.paths import CATALOGUES_DIR

MIN_PASSWORD_CHARS = 12
MAX_PASSWORD_CHARS = 1000
HASH_METHOD = "scrypt:131072:8:1"
# In a folder of its own: digit runs such as 0000000000 are passwords here, not phone
# numbers (tests/unit/engine/test_routes.py keeps those to the routes files).
BREACHED_FILE = CATALOGUES_DIR / "passwords" / "breached.yml"

# A hash of a throwaway random text at the same cost, checked when a username is unknown so
# that a wrong name takes as long as a wrong password (made once, not at import).
_DUMMY_PASSWORD = "not a password: the name is unknown"


class PasswordRefused(AccountError):
    """A password the rules refuse; the message says why, for the person choosing it."""


@cache
def breached_passwords() -> frozenset[str]:
    """The known-breached passwords (kbs/catalogues/passwords/breached.yml), lower case."""
    document = load(BREACHED_FILE)
    document.require(["passwords", "count"])
    passwords = frozenset(line for line in document.get("passwords").raw_text().splitlines()
                          if line)
    if len(passwords) != document.get("count").value:
        document.get("count").fail(f"must be the number of passwords listed ({len(passwords)})")
    return passwords


def is_breached(password: str) -> bool:
    return password.strip().lower() in breached_passwords()


def check_password(password: str, username: str | None = None) -> str:
    """``password`` when the rules allow it; else PasswordRefused saying which rule."""
    if len(password) < MIN_PASSWORD_CHARS:
        raise PasswordRefused(say("password_too_short", characters=MIN_PASSWORD_CHARS))
    if len(password) > MAX_PASSWORD_CHARS:
        raise PasswordRefused(say("password_too_long", characters=MAX_PASSWORD_CHARS))
    if is_breached(password):
        raise PasswordRefused(say("password_breached"))
    if username and username.lower() in password.lower():
        raise PasswordRefused(say("password_has_username"))
    return password


def hash_password(password: str) -> str:
    return generate_password_hash(password, method=HASH_METHOD)


def password_matches(password_hash: str, password: str) -> bool:
    return check_password_hash(password_hash, password)


def needs_rehash(password_hash: str) -> bool:
    """Whether the hash was made with other parameters than today's."""
    return not password_hash.startswith(HASH_METHOD + "$")


@cache
def _dummy_hash() -> str:
    return hash_password(_DUMMY_PASSWORD)


def waste_a_check(password: str) -> None:
    """As long as checking a real account's password (for an unknown username)."""
    check_password_hash(_dummy_hash(), password)
