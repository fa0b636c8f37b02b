"""Sign-in that cannot be turned against anyone (issue 19): redirects only to this app's own
pages, a back-off per client and per account that a third party cannot use to lock a
practitioner out of her own account, and a per-client limit on the chat."""

import pytest

from kbs.accounts.keys import typed_name_key
from kbs.cli.users_commands import users
from tests.unit.web.conftest import PASSWORD, audit_rows, form_token, page_token, sign_in
from web_widget import chat as chat_module
from web_widget import create_app

ATTACKER = {"REMOTE_ADDR": "203.0.113.9"}
HER_COMPUTER = {"REMOTE_ADDR": "198.51.100.7"}


def client_at(app, environ: dict):
    client = app.test_client()
    client.environ_base.update(environ)
    return client


# -- redirects --------------------------------------------------------------------------

@pytest.mark.parametrize("target", [
    "/%09/evil.example",  # a tab, which browsers drop: //evil.example
    "//evil.example", "///evil.example", "/\\evil.example", "\\\\evil.example",
    "%5C%5Cevil.example", "/%5Cevil.example", "https://evil.example/", "https:/evil.example",
    "/%0d%0aSet-Cookie:%20x=1", "/cases%0d%0aLocation:%20//evil.example", "/%0a/evil.example",
    "%20//evil.example", "javascript:alert(1)", "/nowhere-on-this-site",
])
def test_sign_in_redirects_only_to_this_apps_own_pages(app, target):
    client = app.test_client()
    response = client.post(f"/sign-in?next={target}", data={
        "csrf_token": form_token(client), "username": "hv.jones", "password": PASSWORD})
    assert response.status_code == 302  # never a 500, whatever the next parameter holds
    assert response.headers["Location"] == "/"


@pytest.mark.parametrize("target", ["/cases", "/cases?level=3&sort=reference", "/profiles/12",
                                    "/plans"])
def test_sign_in_returns_to_a_page_of_the_app(app, target):
    client = app.test_client()
    response = client.post("/sign-in", query_string={"next": target}, data={
        "csrf_token": form_token(client), "username": "hv.jones", "password": PASSWORD})
    assert response.headers["Location"] == target


# -- the back-off -----------------------------------------------------------------------

def test_a_third_partys_guesses_do_not_lock_her_out_of_her_own_computer(app):
    attacker = client_at(app, ATTACKER)
    for _ in range(10):
        assert sign_in(attacker, "hv.jones", "a guess at it").status_code in (401, 429)
    assert sign_in(attacker, "hv.jones").status_code == 429  # the guesser waits
    assert sign_in(client_at(app, HER_COMPUTER), "hv.jones").status_code == 302


def test_guesses_from_many_clients_never_lock_out_a_browser_she_signed_in_with(app):
    her_browser = client_at(app, HER_COMPUTER)
    assert sign_in(her_browser, "hv.jones").status_code == 302  # gets the device cookie
    her_browser.post("/sign-out", data={"csrf_token": form_token(her_browser, "/cases")})
    for number in range(25):  # one account guessed from many addresses
        guesser = client_at(app, {"REMOTE_ADDR": f"203.0.113.{number + 10}"})
        sign_in(guesser, "hv.jones", "a guess at it")
    new_client = client_at(app, {"REMOTE_ADDR": "192.0.2.44"})
    assert sign_in(new_client, "hv.jones").status_code == 429  # unknown clients wait
    assert sign_in(her_browser, "hv.jones").status_code == 302  # hers does not


def test_one_client_trying_many_names_waits(app):
    attacker = client_at(app, ATTACKER)
    for number in range(10):
        assert sign_in(attacker, f"name.{number}", "a guess at it").status_code == 401
    refused = sign_in(attacker, "sw.smith")
    assert refused.status_code == 429
    assert sign_in(client_at(app, HER_COMPUTER), "sw.smith").status_code == 302


def test_unknown_names_wait_as_known_ones_do(app):
    client = app.test_client()
    for _ in range(5):
        assert sign_in(client, "no.such.name", "a guess at it").status_code == 401
    assert sign_in(client, "no.such.name", "a guess at it").status_code == 429


def test_the_waiting_message_promises_only_what_exists(app):
    client = app.test_client()
    for _ in range(6):
        response = sign_in(client, "hv.jones", "a guess at it")
    text = response.get_data(as_text=True)
    assert "Try again in 15 minutes" in text
    # It says an administrator can set a new password: `kbs users reset-password` does.
    assert "set a new one" in text and "reset-password" in users.commands


def test_a_refused_attempt_is_audited_by_hash(app, database):
    client = app.test_client()
    for _ in range(6):
        sign_in(client, "hv.jones", "a guess at it")
    rows = audit_rows(database)
    assert ("(not signed in)", "sign_in_refused", "user",
            typed_name_key("test", "hv.jones")) in rows
    assert not any("guess" in str(row) or "hv.jones" in str(row) for row in rows)


def test_forwarded_addresses_are_ignored_unless_proxies_are_trusted(app):
    for number in range(10):  # each claims another address: still one client
        client = client_at(app, ATTACKER)
        response = client.post("/sign-in", headers={"X-Forwarded-For": f"10.9.9.{number}"},
                               data={"csrf_token": form_token(client),
                                     "username": f"name.{number}", "password": "a guess at it"})
        assert response.status_code == 401
    assert sign_in(client_at(app, ATTACKER), "sw.smith").status_code == 429


def test_behind_a_trusted_proxy_the_forwarded_address_is_the_client(database, clock):
    app = create_app({"SECRET_KEY": "test", "DATABASE_URL": str(database.url), "CLOCK": clock,
                      "TRUSTED_PROXIES": 1})
    proxy = {"REMOTE_ADDR": "127.0.0.1"}
    for _ in range(5):
        guesser = client_at(app, proxy)
        guesser.post("/sign-in", headers={"X-Forwarded-For": "203.0.113.9"}, data={
            "csrf_token": form_token(guesser), "username": "hv.jones",
            "password": "a guess at it"})
    her = client_at(app, proxy)
    response = her.post("/sign-in", headers={"X-Forwarded-For": "198.51.100.7"}, data={
        "csrf_token": form_token(her), "username": "hv.jones", "password": PASSWORD})
    assert response.status_code == 302


# -- the chat's limit -------------------------------------------------------------------

@pytest.fixture
def rasa(monkeypatch):
    monkeypatch.setattr(chat_module, "send_message",
                        lambda url, token, sender, text: [
                            {"from": "bot", "text": "ok", "buttons": []}])


def chat(client, text: str = "hello"):
    return client.post("/api/chat", json={"message": text},
                       headers={"X-CSRFToken": page_token(client)})


def test_a_client_sending_too_fast_is_told_to_wait(database, clock, rasa):
    app = create_app({"SECRET_KEY": "test", "DATABASE_URL": str(database.url), "CLOCK": clock,
                      "CHAT_PER_MINUTE": 3})
    jones, smith = app.test_client(), app.test_client()
    sign_in(jones, "hv.jones")
    sign_in(smith, "sw.smith")
    for _ in range(3):
        assert chat(jones).status_code == 200
    refused = chat(jones)
    assert refused.status_code == 429
    assert refused.headers["Retry-After"] == "60"
    assert "Wait 60 seconds" in refused.get_json()["error"]
    assert "stays in the box" in refused.get_json()["error"]
    assert chat(smith).status_code == 200  # another practitioner is not held up
    clock.advance(seconds=61)
    assert chat(jones).status_code == 200


def test_the_chat_limit_is_30_a_minute_unless_set(app, jones, rasa):
    assert app.config["CHAT_PER_MINUTE"] == 30
    assert [chat(jones).status_code for _ in range(31)] == [200] * 30 + [429]
