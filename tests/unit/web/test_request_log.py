"""One line per request in the web app's log: method, path, status, duration; never the
message's text, the query string or a token (issue 21)."""

import logging
import re

import pytest

from tests.unit.web.conftest import page_token
from web_widget.request_log import LOGGER

LINE = re.compile(r"request (GET|POST) (/\S*) (\d{3}) \d+ ms")


@pytest.fixture
def lines():
    records: list[str] = []

    class Keep(logging.Handler):
        def emit(self, record):
            records.append(record.getMessage())

    handler = Keep()
    LOGGER.addHandler(handler)
    yield records
    LOGGER.removeHandler(handler)


def test_each_request_is_one_line_without_text_or_tokens(jones, lines):
    token = page_token(jones)
    lines.clear()
    jones.post("/api/chat", json={"message": "mum drinks secret-words"},
               headers={"X-CSRFToken": token})
    jones.get("/sign-in?next=/cases&token=abc123")
    jones.get("/no-such-page")
    assert [LINE.fullmatch(line).groups() for line in lines] == [
        ("POST", "/api/chat", "503"), ("GET", "/sign-in", "200"), ("GET", "/no-such-page", "404")]
    logged = "\n".join(lines)
    assert "secret-words" not in logged and "abc123" not in logged and token not in logged


def test_a_refused_request_is_logged_too(app, lines):
    app.test_client().post("/api/chat", json={"message": "hello"})
    [line] = lines
    assert LINE.fullmatch(line).groups() == ("POST", "/api/chat", "400")
