"""The chat endpoint's handling of bad input and of a Rasa server that does not answer."""

import pytest

from actions.ops.ports import free_port
from web_widget import create_app


@pytest.fixture
def client():
    # Nothing listens on this port: the Rasa server is down.
    app = create_app({"TESTING": True, "SECRET_KEY": "test",
                      "RASA_URL": f"http://127.0.0.1:{free_port()}"})
    return app.test_client()


def test_the_page_has_a_labelled_chat_box(client):
    page = client.get("/").get_data(as_text=True)
    assert '<label for="message">' in page and 'aria-live="polite"' in page


@pytest.mark.parametrize("body", [None, {}, {"message": ""}, {"message": "  "}, {"message": 3}])
def test_a_message_without_text_is_refused_clearly(client, body):
    response = client.post("/api/chat", json=body)
    assert response.status_code == 400
    assert "message" in response.get_json()["error"]


def test_a_very_long_message_is_refused_with_its_length(client):
    response = client.post("/api/chat", json={"message": "x" * 10_000})
    assert response.status_code == 413
    assert "10,000 characters" in response.get_json()["error"]


def test_rasa_down_gives_a_clear_message(client):
    response = client.post("/api/chat", json={"message": "hello"})
    assert response.status_code == 503
    assert "not answering" in response.get_json()["error"]
