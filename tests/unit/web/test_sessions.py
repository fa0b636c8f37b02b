"""Sessions the server can end (issue 19): sign-out everywhere, idle timeout, an absolute
lifetime that use does not extend, a password change, a closed account."""

from sqlalchemy import delete

from kbs.store.schema import users
from kbs.store.users import add_user, set_disabled
from tests.unit.web.conftest import PASSWORD, form_token, sign_in
from tests.web_seed import seed_case
from web_widget import create_app

COOKIE = "kbs_session"


def saved_cookie(client) -> str:
    return client.get_cookie(COOKIE).value


def replay(app, cookie: str):
    """A new browser holding a copy of a saved session cookie."""
    client = app.test_client()
    client.set_cookie(COOKIE, cookie)
    return client


def sign_out(client):
    return client.post("/sign-out", data={"csrf_token": form_token(client, "/cases")})


def test_a_cookie_saved_before_sign_out_no_longer_opens_cases(app, jones):
    saved = saved_cookie(jones)
    assert replay(app, saved).get("/cases").status_code == 200
    assert sign_out(jones).status_code == 302
    response = replay(app, saved).get("/cases")
    assert response.status_code == 302 and response.headers["Location"].startswith("/sign-in")


def test_signing_out_ends_the_sessions_on_every_device(app, jones):
    other_device = app.test_client()
    assert sign_in(other_device, "hv.jones").status_code == 302
    sign_out(jones)
    assert other_device.get("/cases").status_code == 302
    assert other_device.post("/api/chat", json={"message": "hello"}).status_code in (400, 401)


def test_a_session_unused_for_30_minutes_ends(app, jones, clock):
    clock.advance(minutes=29)
    assert jones.get("/cases").status_code == 200  # used: the idle time starts again
    clock.advance(minutes=29)
    assert jones.get("/cases").status_code == 200
    clock.advance(minutes=30, seconds=1)
    response = jones.get("/cases")
    assert response.status_code == 302
    assert "not used for 30 minutes" in jones.get(response.headers["Location"]).get_data(
        as_text=True)


def test_the_idle_timeout_comes_from_the_settings(database, clock, monkeypatch):
    monkeypatch.setenv("KBS_IDLE_MINUTES", "5")
    app = create_app({"SECRET_KEY": "test", "DATABASE_URL": str(database.url), "CLOCK": clock})
    client = app.test_client()
    sign_in(client, "hv.jones")
    clock.advance(minutes=5, seconds=1)
    assert client.get("/cases").status_code == 302


def test_a_session_ends_8_hours_after_sign_in_however_much_it_is_used(jones, clock):
    for _ in range(23):  # every 20 minutes for 7 h 40 min
        clock.advance(minutes=20)
        assert jones.get("/cases").status_code == 200
    clock.advance(minutes=20, seconds=1)  # 8 hours and a second after sign-in
    response = jones.get("/cases")
    assert response.status_code == 302
    assert "signed in 8 hours ago" in jones.get(response.headers["Location"]).get_data(
        as_text=True)


def test_an_api_call_after_the_session_ended_says_why(jones, clock):
    clock.advance(minutes=31)
    response = jones.get("/api/chat/history")
    assert response.status_code == 401
    assert "not used for 30 minutes" in response.get_json()["error"]


def test_changing_the_password_ends_every_other_session(app, jones):
    other_device = app.test_client()
    sign_in(other_device, "hv.jones")
    saved = saved_cookie(jones)
    response = jones.post("/account/password", data={
        "csrf_token": form_token(jones, "/account/password"), "current": PASSWORD,
        "new": "a new passphrase of mine", "repeat": "a new passphrase of mine"})
    assert response.status_code == 302
    assert jones.get("/cases").status_code == 200  # this browser carries on
    assert other_device.get("/cases").status_code == 302
    assert replay(app, saved).get("/cases").status_code == 302  # its own old cookie too
    assert sign_in(app.test_client(), "hv.jones").status_code == 401
    assert sign_in(app.test_client(), "hv.jones", "a new passphrase of mine").status_code == 302


def test_a_closed_account_loses_its_sessions_and_cannot_sign_in(app, jones, database):
    set_disabled(database, "hv.jones", True)
    assert jones.get("/cases").status_code == 302
    refused = sign_in(app.test_client(), "hv.jones")
    assert refused.status_code == 403
    assert "This account is closed" in refused.get_data(as_text=True)
    set_disabled(database, "hv.jones", False)
    assert sign_in(app.test_client(), "hv.jones").status_code == 302


def test_a_username_made_again_does_not_inherit_the_earlier_persons_records(app, database):
    # Issue 19: records were owned by the username, so a new account with an old name
    # opened the last person's cases.
    first = add_user(database, "hv.temp", PASSWORD)
    seed_case(database, first.account_id, "KBS-0900")
    client = app.test_client()
    sign_in(client, "hv.temp")
    assert "KBS-0900" in client.get("/cases").get_data(as_text=True)
    with database.begin() as connection:  # the row is gone (by hand, or a later erasure)
        connection.execute(delete(users).where(users.c.username == "hv.temp"))
    second = add_user(database, "hv.temp", PASSWORD)
    assert second.account_id != first.account_id
    newcomer = app.test_client()
    sign_in(newcomer, "hv.temp")
    assert "KBS-0900" not in newcomer.get("/cases").get_data(as_text=True)
    assert client.get("/cases").status_code == 302  # the earlier person's session is over
