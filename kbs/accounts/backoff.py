"""The sign-in back-off: failed sign-ins slow down guessing without handing anyone a way to
lock a practitioner out of her own account.

Each failure is kept (for a day) as keyed hashes (kbs.accounts.keys) of the typed name and
of the client: the client's address or, when the browser holds a device cookie that this
account signed in with before, that device. An attempt waits when, within WINDOW:

- the same name failed LIMITS.per_account_and_client times from the same client;
- the same address failed LIMITS.per_client times, whatever the names (one client trying
  many accounts);
- the same name failed LIMITS.per_account times from clients without its device cookie (many
  clients guessing one account): those clients wait, but a browser the practitioner signed
  in with before does not, so a third party's guesses never lock her out of her own.

A successful sign-in clears the name's failures. Unknown names are counted exactly as known
ones, so the back-off does not tell which names exist. Times are naive UTC.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import delete, func, insert, select
from sqlalchemy.engine import Connection

from kbs.store.schema import sign_in_failures

WINDOW = timedelta(minutes=15)
KEPT = timedelta(days=1)


@dataclass(frozen=True)
class Limits:
    per_account_and_client: int = 5
    per_client: int = 10
    per_account: int = 20


LIMITS = Limits()


@dataclass(frozen=True)
class Attempt:
    """One sign-in attempt: whose name (keyed hash), from where (keyed hash of the address,
    or of the device cookie when it is this account's)."""

    account_key: str
    client_key: str
    trusted_device: bool = False


def wait(connection: Connection, attempt: Attempt, now: datetime,
         limits: Limits = LIMITS) -> timedelta | None:
    """None when ``attempt`` may be checked now; else how long until it may."""
    rows = sign_in_failures.c
    recent = rows.at > now - WINDOW
    checks = [((rows.account_key == attempt.account_key)
               & (rows.client_key == attempt.client_key), limits.per_account_and_client)]
    if not attempt.trusted_device:
        checks += [((rows.client_key == attempt.client_key) & ~rows.trusted_device,
                    limits.per_client),
                   ((rows.account_key == attempt.account_key) & ~rows.trusted_device,
                    limits.per_account)]
    longest = None
    for condition, limit in checks:
        # Allowed again when fewer than `limit` failures are in the window: when the
        # limit-th most recent one leaves it.
        nth = connection.execute(select(rows.at).where(recent, condition)
                                 .order_by(rows.at.desc()).offset(limit - 1).limit(1)).scalar()
        if nth is not None:
            left = nth + WINDOW - now
            longest = left if longest is None else max(longest, left)
    return longest


def record_failure(connection: Connection, attempt: Attempt, now: datetime) -> None:
    connection.execute(delete(sign_in_failures).where(sign_in_failures.c.at < now - KEPT))
    connection.execute(insert(sign_in_failures).values(
        at=now, account_key=attempt.account_key, client_key=attempt.client_key,
        trusted_device=attempt.trusted_device))


def clear(connection: Connection, account_key: str) -> None:
    """A successful sign-in: the name's failures no longer count."""
    connection.execute(delete(sign_in_failures)
                       .where(sign_in_failures.c.account_key == account_key))


def failures(connection: Connection) -> int:
    return connection.execute(select(func.count()).select_from(sign_in_failures)).scalar_one()
