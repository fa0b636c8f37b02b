"""Cookies over https only, with HSTS, by default; not over http on a loopback address, so
`make run` on http://127.0.0.1 works (issue 19). Behind KBS_TRUSTED_PROXIES proxies, the
forwarded scheme and host count."""

import pytest

from tests.unit.web.conftest import PASSWORD
from tests.web_forms import form_token_in
from web_widget import create_app

SITE = "https://kbs.example.org"


def sign_in_at(client, base_url: str, headers: dict | None = None):
    page = client.get("/sign-in", base_url=base_url, headers=headers)
    return client.post("/sign-in", base_url=base_url, headers={
        "Referer": f"{base_url}/sign-in", **(headers or {})}, data={
        "csrf_token": form_token_in(page.get_data(as_text=True)), "username": "hv.jones",
        "password": PASSWORD})


def session_cookie(response) -> str:
    return next(c for c in response.headers.getlist("Set-Cookie") if "session=" in c)


def make_app(database, clock, **config):
    return create_app({"SECRET_KEY": "test", "DATABASE_URL": str(database.url), "CLOCK": clock,
                       **config})


def test_over_https_the_session_cookie_is_secure_and_host_only(app):
    client = app.test_client()
    response = sign_in_at(client, SITE)
    assert response.status_code == 302
    cookie = session_cookie(response)
    assert cookie.startswith("__Host-kbs_session=")
    assert "Secure" in cookie and "HttpOnly" in cookie and "Path=/" in cookie
    assert "Domain" not in cookie
    assert response.headers["Strict-Transport-Security"] == "max-age=31536000"
    assert client.get("/cases", base_url=SITE).status_code == 200  # it opens pages


@pytest.mark.parametrize("base_url", ["http://kbs.example.org", "http://10.1.2.3:5000"])
def test_plain_http_beyond_loopback_still_gets_secure_cookies(app, base_url):
    response = sign_in_at(app.test_client(), base_url)
    assert "Secure" in session_cookie(response)
    assert "Strict-Transport-Security" in response.headers


@pytest.mark.parametrize("base_url", ["http://127.0.0.1:5000", "http://localhost",
                                      "http://[::1]:5000"])
def test_plain_http_on_loopback_works_for_development(app, base_url):
    client = app.test_client()
    response = sign_in_at(client, base_url)
    cookie = session_cookie(response)
    assert cookie.startswith("kbs_session=") and "Secure" not in cookie
    assert "Strict-Transport-Security" not in response.headers
    assert client.get("/cases", base_url=base_url).status_code == 200


def test_kbs_secure_cookies_0_turns_them_off(database, clock):
    response = sign_in_at(make_app(database, clock, KBS_SECURE_COOKIES=False).test_client(),
                          "http://kbs.example.org")
    assert "Secure" not in session_cookie(response)
    assert "Strict-Transport-Security" not in response.headers


def test_kbs_secure_cookies_1_turns_them_on_even_on_loopback(database, clock, monkeypatch):
    monkeypatch.setenv("KBS_SECURE_COOKIES", "1")
    app = create_app({"SECRET_KEY": "test", "DATABASE_URL": str(database.url), "CLOCK": clock})
    response = sign_in_at(app.test_client(), "http://127.0.0.1:5000")
    assert "Secure" in session_cookie(response)


FORWARDED = {"X-Forwarded-Proto": "https", "X-Forwarded-Host": "kbs.example.org",
             "X-Forwarded-For": "198.51.100.7"}


def test_behind_a_trusted_proxy_the_forwarded_https_counts(database, clock):
    app = make_app(database, clock, TRUSTED_PROXIES=1)
    response = sign_in_at(app.test_client(), "http://127.0.0.1:5000",
                          {**FORWARDED, "Referer": f"{SITE}/sign-in"})
    assert response.status_code == 302
    assert session_cookie(response).startswith("__Host-kbs_session=")
    assert "Secure" in session_cookie(response)


def test_forwarded_headers_are_ignored_without_trusted_proxies(app):
    response = sign_in_at(app.test_client(), "http://127.0.0.1:5000", FORWARDED)
    assert session_cookie(response).startswith("kbs_session=")  # the loopback request it is
    assert "Secure" not in session_cookie(response)


def test_trusted_proxies_come_from_the_settings(database, monkeypatch):
    monkeypatch.setenv("KBS_TRUSTED_PROXIES", "2")
    app = create_app({"SECRET_KEY": "test", "DATABASE_URL": str(database.url)})
    assert app.config["TRUSTED_PROXIES"] == 2
    assert type(app.wsgi_app).__name__ == "ProxyFix"
    assert create_app({"SECRET_KEY": "test", "DATABASE_URL": str(database.url),
                       "TRUSTED_PROXIES": 0}).wsgi_app.__class__.__name__ != "ProxyFix"
