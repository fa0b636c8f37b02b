"""The words about accounts, from kbs/catalogues/accounts.yml: ``say(key, **values)``."""

from __future__ import annotations

import string
from functools import cache

from kbs.catalogues import load
from kbs.paths import CATALOGUES_DIR

ACCOUNTS_FILE = CATALOGUES_DIR / "accounts.yml"

# Each message and the {values} it is given: a message may leave one out, never add one.
MESSAGES: dict[str, frozenset[str]] = {
    "wrong_password": frozenset(), "too_many_failures": frozenset({"minutes"}),
    "account_disabled": frozenset(), "session_idle": frozenset({"minutes"}),
    "session_too_old": frozenset({"hours"}), "session_revoked": frozenset(),
    "signed_out": frozenset(), "chat_too_fast": frozenset({"seconds"}),
    "current_password_wrong": frozenset(), "passwords_differ": frozenset(),
    "password_changed": frozenset(), "password_too_short": frozenset({"characters"}),
    "password_too_long": frozenset({"characters"}), "password_breached": frozenset(),
    "password_has_username": frozenset(),
}


@cache
def messages() -> dict[str, str]:
    document = load(ACCOUNTS_FILE)
    document.only(MESSAGES)
    found = {}
    for key, node in document.entries():
        text = node.text()
        fields = {name for _, name, _, _ in string.Formatter().parse(text) if name}
        if not fields <= MESSAGES[key]:
            node.fail(f"has {{{', '.join(sorted(fields - MESSAGES[key]))}}}, which is never "
                      f"filled in (it may use: {', '.join(sorted(MESSAGES[key])) or 'none'})")
        found[key] = text
    return found


def say(key: str, **values: object) -> str:
    return messages()[key].format(**values)
