"""Practitioner accounts, without the web: the password rules (passwords.py), the sign-in
back-off (backoff.py), the chat's rate limit (limits.py), keyed hashes of what must not be
stored as typed (keys.py) and the words a practitioner reads about their account
(wording.py, from kbs/catalogues/accounts.yml). The accounts table is kbs.store.users."""


class AccountError(ValueError):
    """An account that cannot be made or changed as asked; the message says why."""


# A simple column for now; who may see whose records by role and team comes later.
ROLES = ("practitioner", "supervisor", "safeguarding_lead", "administrator")
