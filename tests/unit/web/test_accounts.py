"""Accounts: hashed passwords, clear refusals, and `kbs users add` as an administrator meets it."""

import os
import subprocess

import pytest
from sqlalchemy import select

from kbs.store.schema import users
from kbs.store.users import AccountError, add_user, authenticate


def test_a_password_is_stored_only_as_a_salted_hash(database):
    with database.connect() as connection:
        hashes = [row.password_hash for row in connection.execute(select(users))]
    assert all(h.startswith("scrypt:") and "correct horse" not in h for h in hashes)
    assert hashes[0] != hashes[1]  # same password, different salt


def test_only_the_right_password_signs_in(database):
    assert authenticate(database, "hv.jones", "correct horse battery").username == "hv.jones"
    assert authenticate(database, "hv.jones", "wrong password!") is None
    assert authenticate(database, "nobody", "correct horse battery") is None


@pytest.mark.parametrize(("username", "password", "message"), [
    ("HV.Jones", "long enough password", "lower-case"),
    ("hv~jones", "long enough password", "lower-case"),
    ("hv.jones", "short", "at least 12 characters"),
    ("hv.jones", "long enough password", "already an account"),
])
def test_unusable_accounts_are_refused_with_the_reason(database, username, password, message):
    with pytest.raises(AccountError, match=message):
        add_user(database, username, password)


def run_users_add(kbs, tmp_path, *args, password="a long password\n"):
    env = {**os.environ, "KBS_DATABASE_URL": f"sqlite:///{tmp_path / 'kbs.db'}"}
    return subprocess.run([kbs, "users", "add", *args], input=password, capture_output=True,
                          text=True, env=env, timeout=60)


def test_kbs_users_add_creates_an_account_on_a_new_database(kbs, tmp_path):
    result = run_users_add(kbs, tmp_path, "hv.jones", "--password-stdin")
    assert result.returncode == 0, result.stderr
    assert "Added the account 'hv.jones'" in result.stdout
    again = run_users_add(kbs, tmp_path, "hv.jones", "--password-stdin")
    assert again.returncode != 0
    assert again.stderr.strip() == "Error: there is already an account called 'hv.jones'"


def test_kbs_users_add_asks_twice_for_a_hidden_password(kbs, tmp_path):
    result = run_users_add(kbs, tmp_path, "hv.jones", password="a long password\n" * 2)
    assert result.returncode == 0, result.stderr
    assert "a long password" not in result.stdout
    mismatch = run_users_add(kbs, tmp_path, "sw.smith",
                             password="a long password\nanother password\n")
    assert mismatch.returncode != 0


def test_kbs_users_add_refuses_a_short_password_in_one_line(kbs, tmp_path):
    result = run_users_add(kbs, tmp_path, "hv.jones", "--password-stdin", password="short\n")
    assert result.returncode != 0 and "Traceback" not in result.stderr
    assert result.stderr.strip() == "Error: the password must have at least 12 characters"
