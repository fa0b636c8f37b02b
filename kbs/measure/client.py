"""One simulated practitioner: a signed-in browser session of the web app, as the widget
uses it (session cookie, the page's CSRF token in X-CSRFToken, JSON to /api/chat)."""

from __future__ import annotations

import re
import time
from dataclasses import dataclass
from urllib.parse import urlparse

import requests

CSRF_FIELD = re.compile(r'name="csrf_token"[^>]*? value="([^"]+)"')
CSRF_META = re.compile(r'<meta name="csrf-token" content="([^"]+)"')


class TurnError(RuntimeError):
    """A turn that did not get an answer: timeout, refused connection, HTTP error."""

    def __init__(self, kind: str, detail: str):
        super().__init__(f"{kind}: {detail}")
        self.kind = kind


@dataclass
class Reply:
    seconds: float
    messages: list[dict]

    @property
    def text(self) -> str:
        return "\n".join(m.get("text") or "" for m in self.messages)


class Practitioner:
    def __init__(self, url: str, username: str, password: str, timeout: float):
        if not url.startswith(("http://127.0.0.1:", "http://localhost:")):
            raise ValueError(f"the bench talks to loopback addresses only, not {url}")
        self.url, self.username, self.timeout = url, username, timeout
        self.http = requests.Session()

    def sign_in(self, password: str) -> None:
        form = self._get("/sign-in")
        token = CSRF_FIELD.search(form)
        if not token:
            raise TurnError("sign-in", "no CSRF field on the sign-in page")
        self._call("post", "/sign-in", data={
            "csrf_token": token.group(1), "username": self.username, "password": password})
        page = self._call("get", "/")  # the chat page, unless sent back to sign in
        meta = CSRF_META.search(page.text)
        if urlparse(page.url).path != "/" or not meta:
            raise TurnError("sign-in", f"{self.username} could not sign in")
        self.http.headers["X-CSRFToken"] = meta.group(1)

    def new_conversation(self) -> None:
        self._call("post", "/api/chat/restart", json={})

    def say(self, text: str) -> Reply:
        started = time.perf_counter()
        response = self._call("post", "/api/chat", json={"message": text})
        seconds = time.perf_counter() - started
        try:
            messages = response.json()["messages"]
        except (ValueError, KeyError, TypeError) as err:
            raise TurnError("bad reply", f"not the chat's JSON: {response.text[:200]!r}") from err
        return Reply(seconds, messages)

    def close(self) -> None:
        self.http.close()

    def _get(self, path: str) -> str:
        return self._call("get", path).text

    def _call(self, method: str, path: str, **kwargs) -> requests.Response:
        try:
            response = self.http.request(method, self.url + path, timeout=self.timeout,
                                         **kwargs)
        except requests.Timeout as err:
            raise TurnError("timeout", f"no answer within {self.timeout:g} s") from err
        except requests.RequestException as err:
            raise TurnError("connection", " ".join(str(err).split())[:200]) from err
        if response.status_code != 200:
            raise TurnError(f"HTTP {response.status_code}", response.text[:200])
        return response
