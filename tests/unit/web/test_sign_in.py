"""Signing in and out: hashed-password check, safe cookies, CSRF on the forms, audit."""

import pytest

from kbs.accounts.keys import typed_name_key
from tests.unit.web.conftest import JONES, audit_rows, form_token, sign_in
from web_widget import create_app


def test_pages_send_a_signed_out_practitioner_to_sign_in(app):
    client = app.test_client()
    for path in ("/", "/widget", "/cases", "/profiles/1", "/plans", "/rehearsals/1"):
        response = client.get(path)
        assert response.status_code == 302
        assert response.headers["Location"].startswith("/sign-in?next=")


def test_signing_in_sets_a_cookie_scripts_cannot_read(app, database):
    client = app.test_client()
    response = sign_in(client, "hv.jones")
    assert response.status_code == 302 and response.headers["Location"] == "/"
    cookie = response.headers["Set-Cookie"]
    assert "HttpOnly" in cookie and "SameSite=Lax" in cookie and "Secure" not in cookie
    assert (JONES, "signed_in", "user", JONES) in audit_rows(database)


def test_cookies_are_secure_when_configured_for_https(database, monkeypatch):
    monkeypatch.setenv("KBS_SECURE_COOKIES", "1")
    app = create_app({"SECRET_KEY": "test", "DATABASE_URL": str(database.url)})
    response = sign_in(app.test_client(), "hv.jones")
    assert "Secure" in response.headers["Set-Cookie"]


def test_a_wrong_password_is_refused_and_recorded(app, database):
    # Issue 19: the audit log kept the typed name, sometimes a password typed in the wrong
    # box; now a keyed hash of it, never the text.
    response = sign_in(app.test_client(), "hv.jones", "not the password")
    assert response.status_code == 401
    assert "do not match an account" in response.get_data(as_text=True)
    typed = typed_name_key("test", "hv.jones")
    assert ("(not signed in)", "sign_in_failed", "user", typed) in audit_rows(database)
    assert not any("hv.jones" in str(row) or "not the password" in str(row)
                   for row in audit_rows(database))


def test_repeated_failures_lock_the_account_for_a_while(app, database, clock):
    client = app.test_client()
    for _ in range(5):
        assert sign_in(client, "hv.jones", "a guess").status_code == 401
    refused = sign_in(client, "hv.jones")  # even the right password, until the back-off ends
    assert refused.status_code == 429
    assert "Too many failed sign-ins" in refused.get_data(as_text=True)
    assert int(refused.headers["Retry-After"]) == 15 * 60
    typed = typed_name_key("test", "hv.jones")
    assert ("(not signed in)", "sign_in_refused", "user", typed) in audit_rows(database)
    assert sign_in(client, "sw.smith").status_code == 302  # other accounts are not locked
    clock.advance(minutes=15, seconds=1)  # the failures are older than the back-off
    assert sign_in(client, "hv.jones").status_code == 302


def test_a_successful_sign_in_clears_earlier_failures(app):
    client = app.test_client()
    for _ in range(4):
        sign_in(client, "hv.jones", "a guess")
    assert sign_in(client, "hv.jones").status_code == 302
    other = app.test_client()
    for _ in range(4):
        assert sign_in(other, "hv.jones", "a guess").status_code == 401
    assert sign_in(other, "hv.jones").status_code == 302


def test_the_sign_in_form_needs_its_token(app):
    client = app.test_client()
    response = client.post("/sign-in", data={"username": "hv.jones",
                                             "password": "correct horse battery"})
    assert response.status_code == 400
    assert "security token" in response.get_data(as_text=True)


@pytest.mark.parametrize("target", ["https://evil.example/", "//evil.example/", "/\\evil.example"])
def test_sign_in_never_sends_the_browser_to_another_site(app, target):
    client = app.test_client()
    response = client.post(f"/sign-in?next={target}", data={
        "csrf_token": form_token(client), "username": "hv.jones",
        "password": "correct horse battery"})
    assert response.headers["Location"] == "/"


def test_sign_in_returns_to_the_page_asked_for(app):
    client = app.test_client()
    response = client.post("/sign-in?next=/cases", data={
        "csrf_token": form_token(client), "username": "hv.jones",
        "password": "correct horse battery"})
    assert response.headers["Location"] == "/cases"


def test_signing_out_needs_the_token_and_ends_the_session(jones, database):
    assert jones.post("/sign-out").status_code == 400
    token = form_token(jones, "/cases")
    assert jones.post("/sign-out", data={"csrf_token": token}).status_code == 302
    assert jones.get("/cases").status_code == 302
    assert (JONES, "signed_out", "user", JONES) in audit_rows(database)


def test_bad_cookie_setting_names_the_variable(database, monkeypatch):
    from kbs.ops.settings import SettingsError

    monkeypatch.setenv("KBS_SECURE_COOKIES", "maybe")
    with pytest.raises(SettingsError, match="KBS_SECURE_COOKIES"):
        create_app({"SECRET_KEY": "test", "DATABASE_URL": str(database.url)})


def test_pages_forbid_inline_script_caching_and_foreign_frames(jones):
    response = jones.get("/cases")
    policy = response.headers["Content-Security-Policy"]
    assert "script-src 'self'" in policy and "frame-ancestors 'self'" in policy
    assert response.headers["Cache-Control"] == "no-store"
    assert response.headers["X-Content-Type-Options"] == "nosniff"
