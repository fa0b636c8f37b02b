"""The chat endpoints: sign-in and CSRF first, bad input refused clearly, Rasa down said plainly,
and every message sent to Rasa as the signed-in practitioner's own conversation."""

import pytest

from tests.unit.web.conftest import JONES, SMITH, form_token, page_token, sign_in
from web_widget import chat as chat_module
from web_widget.rasa_client import messages_from_events


def post(client, body, token=None):
    token = token or page_token(client)
    return client.post("/api/chat", json=body, headers={"X-CSRFToken": token})


def test_the_page_has_a_labelled_chat_box_that_announces_new_messages(jones):
    page = jones.get("/").get_data(as_text=True)
    assert '<label for="message">' in page and 'aria-live="polite"' in page
    assert 'role="log"' in page and "Start again" in page


def test_the_chat_needs_sign_in(app):
    client = app.test_client()
    assert client.get("/").status_code == 302
    response = post(client, {"message": "hello"}, token=form_token(client))
    assert response.status_code == 401
    assert "signed out" in response.get_json()["error"]


def test_a_message_without_the_page_token_is_refused(jones):
    response = jones.post("/api/chat", json={"message": "hello"})
    assert response.status_code == 400
    assert "security token" in response.get_json()["error"]
    assert post(jones, {"message": "hello"}, token="forged").status_code == 400


@pytest.mark.parametrize("body", [None, {}, {"message": ""}, {"message": "  "}, {"message": 3}])
def test_a_message_without_text_is_refused_clearly(jones, body):
    response = post(jones, body)
    assert response.status_code == 400
    assert "message" in response.get_json()["error"]


def test_a_very_long_message_is_refused_with_its_length(jones):
    response = post(jones, {"message": "x" * 10_000})
    assert response.status_code == 413
    assert "10,000 characters" in response.get_json()["error"]


def test_rasa_down_gives_a_clear_message(jones):
    response = post(jones, {"message": "hello"})
    assert response.status_code == 503
    assert "not answering" in response.get_json()["error"]


MENU = [{"title": "Rehearse a conversation", "payload": "/start_rehearse"},
        {"title": "Look something up", "payload": "/start_lookup"}]


class Sent(list):
    """Who each message was sent to Rasa as (the list), with what and which token."""

    def __init__(self):
        super().__init__()
        self.texts: list[str] = []
        self.tokens: list[str] = []
        self.history: list[dict] = []  # the events of every conversation's tracker
        self.histories_read = 0


@pytest.fixture
def rasa(monkeypatch):
    """Stands in for the Rasa server's channel and its tracker: "hello" gets the menu's
    buttons, anything else is echoed without buttons."""
    sent = Sent()

    def send_message(url, token, sender, text):
        sent.append(sender)
        sent.texts.append(text)
        sent.tokens.append(token)
        return [{"from": "bot", "text": f"echo {text}",
                 "buttons": MENU if text == "hello" else []}]

    def fetch_history(url, token, sender):
        sent.histories_read += 1
        return messages_from_events(sent.history)

    monkeypatch.setattr(chat_module, "send_message", send_message)
    monkeypatch.setattr(chat_module, "fetch_history", fetch_history)
    return sent


def test_messages_go_to_rasa_as_the_practitioners_own_conversation(jones, smith, rasa):
    assert post(jones, {"message": "hello"}).get_json()["messages"][0]["text"] == "echo hello"
    post(jones, {"message": "again"})
    post(smith, {"message": "hello"})
    jones_first, jones_second, smith_first = rasa
    assert jones_first == jones_second and jones_first.startswith(f"{JONES}~")
    assert smith_first.startswith(f"{SMITH}~")


def test_start_again_begins_a_new_conversation(jones, rasa):
    post(jones, {"message": "hello"})
    token = page_token(jones)
    assert jones.post("/api/chat/restart", headers={"X-CSRFToken": token}).status_code == 200
    post(jones, {"message": "hello"})
    assert rasa[0] != rasa[1] and rasa[1].startswith(f"{JONES}~")


def test_signing_in_again_starts_a_new_conversation_for_that_practitioner(app, jones, rasa):
    post(jones, {"message": "hello"})
    sign_in(jones, "sw.smith")
    post(jones, {"message": "hello"})
    assert rasa[1].startswith(f"{SMITH}~") and rasa[1].split("~")[1] != rasa[0].split("~")[1]


def test_reading_the_conversation_back_is_audited(jones, rasa, database):
    from sqlalchemy import select

    from kbs.store.schema import audit_log

    post(jones, {"message": "hello"})
    assert jones.get("/api/chat/history").status_code == 200
    with database.connect() as connection:
        read = connection.execute(select(
            audit_log.c.actor, audit_log.c.action, audit_log.c.object_type,
            audit_log.c.detail).where(audit_log.c.object_type == "conversation")).all()
    assert [tuple(row) for row in read] == [
        (JONES, "viewed", "conversation", "web GET /api/chat/history: 0 messages")]


def test_history_when_rasa_is_down_says_the_conversation_is_not_lost(jones, rasa,
                                                                     monkeypatch):
    post(jones, {"message": "hello"})
    monkeypatch.undo()  # Rasa is down again
    response = jones.get("/api/chat/history")
    assert response.status_code == 503
    assert "not lost" in response.get_json()["error"]


def test_a_new_session_has_an_empty_history_without_asking_rasa(jones):
    assert jones.get("/api/chat/history").get_json() == {"messages": []}


def test_history_shows_each_button_press_as_its_title():
    events = [
        {"event": "action", "name": "action_listen"},
        {"event": "user", "text": "hello"},
        {"event": "bot", "text": "What would you like to do?",
         "data": {"buttons": [{"title": "Assess a baby", "payload": "/start_assess"}]}},
        {"event": "user", "text": "/start_assess"},
        {"event": "bot", "text": "<script>alert(1)</script>", "data": {}},
    ]
    assert messages_from_events(events) == [
        {"from": "you", "text": "hello", "buttons": []},
        {"from": "bot", "text": "What would you like to do?",
         "buttons": [{"title": "Assess a baby", "payload": "/start_assess"}]},
        {"from": "you", "text": "Assess a baby", "buttons": []},
        {"from": "bot", "text": "<script>alert(1)</script>", "buttons": []},
    ]


def test_messages_carry_the_web_apps_token_for_rasa(jones, rasa):
    post(jones, {"message": "hello"})
    assert rasa.tokens == ["token"]  # the app's RASA_TOKEN (conftest), sent in a header


def test_a_button_just_shown_goes_to_rasa_as_its_payload(jones, rasa):
    post(jones, {"message": "hello"})
    post(jones, {"message": " /start_rehearse "})
    assert rasa.texts == ["hello", "/start_rehearse"]


@pytest.mark.parametrize(("typed", "sent"), [
    ('/start_rehearse{"persona": {"x": 1}}', 'start_rehearse{"persona": {"x": 1}}'),
    ('/start_rehearse{"persona": "mother_drinking"}',  # not a button shown
     'start_rehearse{"persona": "mother_drinking"}'),
    ("  //start_lookup", "start_lookup"),
    ("/ /start_assess", "start_assess"),
])
def test_a_typed_intent_goes_to_rasa_as_plain_words(jones, rasa, typed, sent):
    """Issue 19: `/intent{...}` typed by hand forced any intent at confidence 1, with any
    entity values; it now reaches Rasa without its slashes, to be read like any words."""
    post(jones, {"message": "hello"})
    response = post(jones, {"message": typed})
    assert response.status_code == 200
    assert rasa.texts == ["hello", sent]


def test_a_button_of_an_earlier_turn_is_not_pressed_again(jones, rasa):
    post(jones, {"message": "hello"})
    post(jones, {"message": "/start_lookup"})  # shown: sent as it is
    post(jones, {"message": "/start_rehearse"})  # the last answer had no buttons
    assert rasa.texts == ["hello", "/start_lookup", "start_rehearse"]


def test_a_conversation_the_web_app_does_not_know_has_its_buttons_read_from_the_tracker(
        jones, rasa):
    """After the web app restarted, the buttons last shown come from Rasa's tracker."""
    post(jones, {"message": "hello"})
    rasa.history = [{"event": "user", "text": "hello"},
                    {"event": "bot", "text": "What would you like to do?",
                     "data": {"buttons": MENU}}]
    jones.application.extensions.pop("kbs.offered_buttons")  # as after a restart
    post(jones, {"message": "/start_lookup"})
    assert rasa.texts == ["hello", "/start_lookup"] and rasa.histories_read == 1
    post(jones, {"message": "/start_rehearse"})  # known again: from the last answer
    assert rasa.texts[-1] == "start_rehearse" and rasa.histories_read == 1


def test_nothing_but_slashes_is_refused_clearly(jones, rasa):
    response = post(jones, {"message": " / "})
    assert response.status_code == 400
    assert "in words" in response.get_json()["error"]
    assert rasa.texts == []


def test_when_rasa_does_not_answer_the_error_names_no_token_and_no_conversation():
    """Issue 19: a failed history call wrote Rasa's token (in the URL) to web.log."""
    from kbs.ops.ports import free_port
    from web_widget.rasa_client import RasaUnavailable, fetch_history, send_message

    nowhere = f"http://127.0.0.1:{free_port()}"
    for call in (lambda: fetch_history(nowhere, "secret-token-31c7", "hv.jones~c0nv"),
                 lambda: send_message(nowhere, "secret-token-31c7", "hv.jones~c0nv", "hi")):
        with pytest.raises(RasaUnavailable) as failed:
            call()
        assert "31c7" not in str(failed.value) and "c0nv" not in str(failed.value)
        assert "ConnectionError" in str(failed.value)
