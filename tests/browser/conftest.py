"""Chromium (Debian's, never a downloaded one) driving the real assistant: `kbs run`."""

from __future__ import annotations

import functools
import http.server
import shutil
import threading
from pathlib import Path

import pytest
from playwright.sync_api import Page, sync_playwright
from sqlalchemy import create_engine

from kbs.ops.ports import free_port
from tests.browser.journey import Assessed, assess_in_the_chat
from tests.browser.pages import DESKTOP
from tests.integration.conftest import start_assistant, stop_assistant

CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]
HOST_PAGE = """<!doctype html><html lang="en"><head><meta charset="utf-8">
<title>A partner's intranet</title></head><body><main><h1>Team pages</h1>
<p>Some other site's page.</p></main>
<script src="{url}/static/embed.js" defer></script></body></html>"""


@pytest.fixture(scope="session")
def browser():
    chromium = shutil.which("chromium") or "/usr/bin/chromium"
    if not Path(chromium).exists():
        pytest.fail("Debian's chromium is needed: apt-get install -y chromium (see .ci/run)")
    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=chromium, args=CHROMIUM_ARGS)
        yield launched
        launched.close()


@pytest.fixture(scope="session")
def host_page_port() -> int:
    """The port of another site's page that embeds the widget (served by `host_page`)."""
    return free_port()


@pytest.fixture(scope="session")
def assistant(tmp_path_factory, host_page_port):
    running = start_assistant(tmp_path_factory.mktemp("assistant"),
                              KBS_FRAME_ANCESTORS=f"http://127.0.0.1:{host_page_port}")
    yield running
    stop_assistant(running)


@pytest.fixture(scope="session")
def database(assistant):
    engine = create_engine(assistant.env["KBS_DATABASE_URL"], future=True)
    yield engine
    engine.dispose()


@pytest.fixture(scope="session")
def assessed(browser, assistant, database) -> Assessed:
    """A case with two profile versions made in the chat (tests/browser/journey.py)."""
    return assess_in_the_chat(browser, assistant, database)


@pytest.fixture
def page(browser) -> Page:
    context = browser.new_context(viewport=DESKTOP)
    opened = context.new_page()
    yield opened
    context.close()


@pytest.fixture(scope="session")
def host_page(tmp_path_factory, assistant, host_page_port) -> str:
    """Another site's page with the one script tag; returns its address."""
    folder = tmp_path_factory.mktemp("host")
    (folder / "index.html").write_text(HOST_PAGE.format(url=assistant.url), encoding="utf-8")
    handler = functools.partial(_QuietHandler, directory=str(folder))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", host_page_port), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{host_page_port}/index.html"
    server.shutdown()


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args) -> None:
        pass
