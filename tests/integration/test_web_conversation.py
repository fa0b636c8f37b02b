"""The web app in front of the real Rasa: sign-in first, history from the tracker, start again."""

import pytest
import requests

pytestmark = pytest.mark.integration


def test_kbs_run_says_how_to_add_the_first_account(assistant):
    assert any("kbs users add USERNAME" in line for line in assistant.output)


def test_the_chat_needs_sign_in(assistant):
    response = requests.post(f"{assistant.url}/api/chat", json={"message": "hello"}, timeout=30)
    assert response.status_code in (400, 401)  # no token, no session
    assert requests.get(f"{assistant.url}/", timeout=30, allow_redirects=False).status_code == 302


def test_the_conversation_comes_back_from_rasa_after_a_reload(assistant):
    chat = assistant.session("hv.history")
    chat.say("hello")
    chat.say("/start_assess")
    history = chat.http.get(f"{assistant.url}/api/chat/history", timeout=30).json()["messages"]
    assert [m["from"] for m in history[:2]] == ["you", "bot"]
    assert history[0]["text"] == "hello"
    assert history[2]["text"] == "Assess a baby's care (Infant Care Profile)"  # button title
    assert chat.http.post(f"{assistant.url}/api/chat/restart", timeout=30).ok
    after = chat.http.get(f"{assistant.url}/api/chat/history", timeout=30).json()["messages"]
    assert after == []


def test_practitioners_never_share_a_conversation(assistant):
    first, second = assistant.session("hv.first"), assistant.session("hv.second")
    first.say("hello")
    history = second.http.get(f"{assistant.url}/api/chat/history", timeout=30).json()
    assert history == {"messages": []}
