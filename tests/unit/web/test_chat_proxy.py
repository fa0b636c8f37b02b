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


@pytest.fixture
def rasa(monkeypatch):
    """Stands in for Rasa's REST channel; records who each message was sent as."""
    senders = []

    def send_message(url, sender, text):
        senders.append(sender)
        return [{"from": "bot", "text": f"echo {text}", "buttons": []}]

    monkeypatch.setattr(chat_module, "send_message", send_message)
    return senders


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


def test_history_when_rasa_is_down_says_the_conversation_is_not_lost(jones, rasa):
    post(jones, {"message": "hello"})
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
