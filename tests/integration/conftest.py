"""Start the real assistant (`kbs run`: action server, Rasa server, Flask) on free ports."""

from __future__ import annotations

import os
import queue
import signal
import subprocess
import threading
import time
from dataclasses import dataclass, field

import psutil
import pytest
import requests

from kbs.ops.ports import free_port
from tests.web_forms import form_token_in, page_token_in

READY_TIMEOUT = 300  # seconds: Rasa loads TensorFlow and the model
PASSWORD = "integration password"


@dataclass
class Assistant:
    process: subprocess.Popen
    url: str
    env: dict[str, str]
    output: list[str] = field(default_factory=list)
    users: set[str] = field(default_factory=set)

    def add_user(self, username: str, password: str = PASSWORD) -> None:
        """`kbs users add --password-stdin`, as an administrator's script would."""
        subprocess.run([_kbs(), "users", "add", username, "--password-stdin"], env=self.env,
                       input=password + "\n", text=True, check=True, capture_output=True)
        self.users.add(username)

    def session(self, username: str = "practitioner") -> Chat:
        """A signed-in practitioner's browser session (the account is made when new)."""
        if username not in self.users:
            self.add_user(username)
        return Chat(self.url, username, PASSWORD)

    def processes(self) -> list[psutil.Process]:
        return psutil.Process(self.process.pid).children(recursive=True)


class Chat:
    """One practitioner's browser session talking to Flask: signed in, with the page's token."""

    def __init__(self, url: str, username: str, password: str):
        self.url = url
        self.http = requests.Session()
        sign_in = self.http.get(f"{url}/sign-in", timeout=30).text
        response = self.http.post(f"{url}/sign-in", timeout=30, data={
            "csrf_token": form_token_in(sign_in), "username": username,
            "password": password})
        response.raise_for_status()
        page = self.http.get(f"{url}/", timeout=30).text
        self.http.headers["X-CSRFToken"] = page_token_in(page)

    def say(self, text: str) -> list[dict]:
        response = self.http.post(f"{self.url}/api/chat", json={"message": text}, timeout=60)
        response.raise_for_status()
        return response.json()["messages"]


def start_assistant(tmp_path, **extra_env: str) -> Assistant:
    env = {**os.environ, "KBS_FLASK_PORT": str(free_port()), "KBS_RASA_PORT": str(free_port()),
           "KBS_ACTION_PORT": str(free_port()), "KBS_TRACKER_DB": str(tmp_path / "tracker.db"),
           "KBS_DATABASE_URL": f"sqlite:///{tmp_path / 'kbs.db'}",
           "KBS_SECRET_KEY": "integration-test",
           # Scripted conversations send faster than a person; a test of the limit sets it.
           "KBS_CHAT_PER_MINUTE": "0", **extra_env}
    process = subprocess.Popen([_kbs(), "run"], env=env, stdout=subprocess.PIPE,
                               stderr=subprocess.STDOUT, text=True)
    assistant = Assistant(process, f"http://127.0.0.1:{env['KBS_FLASK_PORT']}", env)
    lines: queue.Queue[str | None] = queue.Queue()
    threading.Thread(target=_pump, args=(process.stdout, lines, assistant.output),
                     daemon=True).start()
    deadline = time.monotonic() + READY_TIMEOUT
    while time.monotonic() < deadline:
        try:
            line = lines.get(timeout=1)
        except queue.Empty:
            continue
        if line is None:
            raise AssertionError("kbs run ended before it was ready:\n" +
                                 "".join(assistant.output))
        if "is ready" in line:
            return assistant
    stop_assistant(assistant)
    raise AssertionError("kbs run was not ready in time:\n" + "".join(assistant.output))


def stop_assistant(assistant: Assistant) -> int:
    if assistant.process.poll() is None:
        assistant.process.send_signal(signal.SIGINT)
    return assistant.process.wait(timeout=60)


def _kbs() -> str:
    return os.path.join(os.path.dirname(os.sys.executable), "kbs")


def _pump(stream, lines: queue.Queue, output: list[str]) -> None:
    for line in stream:
        output.append(line)
        lines.put(line)
    lines.put(None)


@pytest.fixture(scope="module")
def assistant(tmp_path_factory):
    running = start_assistant(tmp_path_factory.mktemp("assistant"))
    yield running
    stop_assistant(running)
