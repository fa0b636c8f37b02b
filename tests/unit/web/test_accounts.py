"""Accounts: hashed passwords, clear refusals, and `kbs users add` as an administrator meets it."""

import os
import subprocess

import pytest
from click.testing import CliRunner
from sqlalchemy import insert, select
from werkzeug.security import generate_password_hash

from kbs.accounts import passwords
from kbs.cli import main
from kbs.store.schema import audit_log, users
from kbs.store.users import AccountError, add_user, authenticate, find_user
from tests.unit.web.conftest import PASSWORD, form_token, sign_in
from tests.web_seed import seed_case

# As shipped (read at import, before tests/unit/web/conftest.py makes hashing cheap).
SHIPPED_HASH_METHOD = passwords.HASH_METHOD


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


# -- the password rules (issue 19) --------------------------------------------------------

def test_passwords_are_hashed_at_the_owasp_scrypt_parameters(database, monkeypatch):
    assert SHIPPED_HASH_METHOD == "scrypt:131072:8:1"  # N=2^17, r=8, p=1
    monkeypatch.setattr(passwords, "HASH_METHOD", SHIPPED_HASH_METHOD)
    user = add_user(database, "hv.new", "a passphrase of my own")
    with database.connect() as connection:
        stored = connection.execute(select(users.c.password_hash)
                                    .where(users.c.account_id == user.account_id)).scalar()
    assert stored.startswith("scrypt:131072:8:1$")


def test_an_older_hash_is_replaced_at_sign_in(app, database, monkeypatch):
    monkeypatch.setattr(passwords, "HASH_METHOD", SHIPPED_HASH_METHOD)
    with database.begin() as connection:  # as `kbs users add` stored it before issue 19
        connection.execute(insert(users).values(
            account_id="u-older", username="hv.older", role="practitioner",
            password_hash=generate_password_hash("an older passphrase", "scrypt"),
            created_at=find_user(database, "hv.jones").created_at))
    assert sign_in(app.test_client(), "hv.older", "an older passphrase").status_code == 302
    with database.connect() as connection:
        stored = connection.execute(select(users.c.password_hash)
                                    .where(users.c.username == "hv.older")).scalar()
    assert stored.startswith("scrypt:131072:8:1$")
    assert authenticate(database, "hv.older", "an older passphrase").account_id == "u-older"


def test_the_breached_list_is_shipped_and_large():
    breached = passwords.breached_passwords()
    assert len(breached) >= 10_000
    assert {"password", "123456", "qwertyuiop123", "password1234"} <= breached


@pytest.mark.parametrize("password", ["password1234", "QWERTYUIOP123", " 1q2w3e4r5t6y ",
                                      "1q2w3e4r5t6y7u8i9o0p"])
def test_a_known_breached_password_is_refused(database, password):
    with pytest.raises(AccountError, match="known from data breaches"):
        add_user(database, "hv.new", password)


def test_a_password_holding_the_username_is_refused(database):
    with pytest.raises(AccountError, match="must not contain the username"):
        add_user(database, "hv.new", "my name is hv.new ok")


# -- changing one's own password ------------------------------------------------------

def change(client, current: str, new: str, repeat: str | None = None):
    return client.post("/account/password", data={
        "csrf_token": form_token(client, "/account/password"), "current": current,
        "new": new, "repeat": new if repeat is None else repeat})


def test_the_password_page_is_linked_and_labelled(jones):
    assert 'href="/account/password"' in jones.get("/cases").get_data(as_text=True)
    page = jones.get("/account/password").get_data(as_text=True)
    for label in ("Current password", "New password", "New password again"):
        assert label in page
    assert 'autocomplete="new-password"' in page


@pytest.mark.parametrize(("current", "new", "repeat", "status", "says"), [
    ("not my password", "a new passphrase of mine", None, 401, "not your current password"),
    (PASSWORD, "a new passphrase of mine", "something else", 400, "are not the same"),
    (PASSWORD, "too short", None, 400, "at least 12 characters"),
    (PASSWORD, "password1234", None, 400, "known from data breaches"),
])
def test_a_refused_change_says_why_and_changes_nothing(jones, database, current, new, repeat,
                                                       status, says):
    response = change(jones, current, new, repeat)
    assert response.status_code == status
    assert says in response.get_data(as_text=True)
    assert authenticate(database, "hv.jones", PASSWORD) is not None


def test_a_change_is_audited(jones, database):
    assert change(jones, PASSWORD, "a new passphrase of mine").status_code == 302
    with database.connect() as connection:
        actions = connection.execute(select(audit_log.c.action)).scalars().all()
    assert "password_changed" in actions
    assert "Your password is changed" in jones.get("/").get_data(as_text=True)


# -- `kbs users`: the account's life ------------------------------------------------------

@pytest.fixture
def kbs_on(database, monkeypatch):
    """`kbs` on the web app's database."""
    monkeypatch.setenv("KBS_DATABASE_URL", str(database.url))
    monkeypatch.delenv("KBS_PRACTITIONER", raising=False)

    def run(*args: str, password: str | None = None):
        return CliRunner().invoke(main, list(args), input=password, prog_name="kbs")
    return run


def test_kbs_users_list_shows_every_account(kbs_on):
    result = kbs_on("users", "list")
    assert result.exit_code == 0
    lines = result.output.splitlines()
    assert lines[0].split() == ["username", "role", "status", "created", "last", "sign-in",
                                "account", "id"]
    assert lines[1].split()[:3] == ["hv.jones", "practitioner", "open"]
    assert lines[1].split()[-1] == find_user_id(kbs_on, "hv.jones")


def find_user_id(kbs_on, username: str) -> str:
    import json

    listed = json.loads(kbs_on("users", "list", "--format", "json").output)
    return next(entry["account_id"] for entry in listed if entry["username"] == username)


def test_a_disabled_account_cannot_sign_in_or_be_a_commands_owner(app, jones, database,
                                                                  kbs_on):
    seed_case(database, find_user(database, "hv.jones").account_id, "KBS-0142")
    assert kbs_on("profile", "list", "--owner", "hv.jones").exit_code == 0
    result = kbs_on("users", "disable", "hv.jones")
    assert result.exit_code == 0, result.output
    assert jones.get("/cases").status_code == 302  # its session has ended
    assert sign_in(app.test_client(), "hv.jones").status_code == 403
    refused = kbs_on("profile", "list", "--owner", "hv.jones")
    assert refused.exit_code == 1
    assert "the account 'hv.jones' is disabled" in refused.output
    assert "disabled" in kbs_on("users", "list").output
    assert kbs_on("users", "enable", "hv.jones").exit_code == 0
    assert sign_in(app.test_client(), "hv.jones").status_code == 302
    assert "KBS-0142" in kbs_on("profile", "list", "--owner", "hv.jones").output


def test_reset_password_ends_the_sessions_and_sets_the_new_one(app, jones, database, kbs_on):
    result = kbs_on("users", "reset-password", "hv.jones", "--password-stdin",
                    password="a passphrase set for her\n")
    assert result.exit_code == 0, result.output
    assert jones.get("/cases").status_code == 302
    assert sign_in(app.test_client(), "hv.jones").status_code == 401
    assert sign_in(app.test_client(), "hv.jones", "a passphrase set for her").status_code == 302
    weak = kbs_on("users", "reset-password", "hv.jones", "--password-stdin",
                  password="password1234\n")
    assert weak.exit_code == 1 and "known from data breaches" in weak.output
    assert kbs_on("users", "reset-password", "nobody", "--password-stdin",
                  password="a passphrase set for her\n").exit_code == 1


def test_set_role_takes_the_four_roles_only(kbs_on, database):
    assert kbs_on("users", "set-role", "hv.jones", "safeguarding_lead").exit_code == 0
    assert find_user(database, "hv.jones").role == "safeguarding_lead"
    assert kbs_on("users", "set-role", "hv.jones", "supervisor").exit_code == 0
    assert kbs_on("users", "set-role", "hv.jones", "director").exit_code == 2
    assert find_user(database, "hv.jones").role == "supervisor"


def test_account_changes_are_audited_with_who_ran_the_command(kbs_on, database):
    kbs_on("users", "disable", "sw.smith")
    kbs_on("users", "enable", "sw.smith")
    kbs_on("users", "set-role", "sw.smith", "administrator")
    with database.connect() as connection:
        rows = connection.execute(select(audit_log.c.actor, audit_log.c.action)).all()
    assert [action for _, action in rows] == ["account_disabled", "account_enabled",
                                              "role_set"]
    assert all(actor.startswith("cli:") for actor, _ in rows)
