"""One line per request in the web app's log: method, path, status and duration.

Never the query string, the body, a message's text, a cookie or a token: the path alone
(``/api/chat``, ``/profiles/12``) says what was asked for. The lines go to standard error,
which `kbs run` appends to ``web.log`` (kbs.ops.logs).
"""

from __future__ import annotations

import logging
import sys
import time

from flask import Flask, Response, request

LOGGER = logging.getLogger("web_widget.requests")
STARTED = "kbs.request_started"


def install(app: Flask) -> None:
    """Log every request of ``app``; call before any other ``before_request`` (a refused
    CSRF token stops the rest), so that every request is timed."""
    if not LOGGER.handlers:
        handler = logging.StreamHandler(sys.stderr)
        handler.setFormatter(logging.Formatter("%(asctime)s %(message)s"))
        LOGGER.addHandler(handler)
        LOGGER.setLevel(logging.INFO)
        LOGGER.propagate = False
    app.before_request(_start)
    app.after_request(_log)


def line(method: str, path: str, status: int, seconds: float) -> str:
    return f"request {method} {path} {status} {seconds * 1000:.0f} ms"


def _start() -> None:
    request.environ[STARTED] = time.perf_counter()


def _log(response: Response) -> Response:
    started = request.environ.get(STARTED, time.perf_counter())
    LOGGER.info(line(request.method, request.path, response.status_code,
                     time.perf_counter() - started))
    return response
