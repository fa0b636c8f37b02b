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

from actions.ops.ports import free_port
from tests.conftest import ROOT
from tests.integration.conftest import PASSWORD, start_assistant, stop_assistant

CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]
SCREENSHOTS = ROOT / "results" / "screenshots"
DESKTOP = {"width": 1280, "height": 800}
MOBILE = {"width": 375, "height": 740}
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


def sign_in(page: Page, url: str, username: str, password: str = PASSWORD) -> None:
    page.goto(f"{url}/sign-in")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(password)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url(f"{url}/")


def signed_in(page: Page, assistant, username: str) -> Page:
    """``page`` signed in as ``username`` (the account is made when new)."""
    if username not in assistant.users:
        assistant.add_user(username)
    sign_in(page, assistant.url, username)
    return page


def screenshot(page: Page, name: str) -> Path:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    path = SCREENSHOTS / f"{name}.png"
    page.screenshot(path=path, full_page=True)
    return path
