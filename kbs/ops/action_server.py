"""The action server (rasa_sdk): taking calls from the Rasa server alone, never logging or
returning a conversation, with the knowledge base built before it listens.

Who may call: rasa_sdk runs any action for any caller. Here every call but ``GET /health``
(the readiness check) must carry the Rasa server's token (KBS_ACTION_TOKEN, in the header
kbs.ops.server_auth.ACTION_TOKEN_HEADER that bot/endpoints.yml names, compared in
constant time); without it the answer is 401 and no action runs. Without a token the
action server does not start.

When a call fails: rasa_sdk's own error handler logs the request and answers with the
request's body, the whole conversation (its tracker), which the Rasa server then writes
to its log. Here the error is logged by its kind and the project's code it was raised in
(kbs.faults.description), and the answer says only that the action failed. (An action
catches its own errors and answers safely, actions/turns.py; this is for what fails
around it, such as a malformed call.)

The knowledge base (the project's spaCy pipeline, the cards and their search index) used to
be built on the first Look up question: about 4 s on this machine, in the action server's
one event loop, so every conversation's actions waited behind it (`kbs bench`, py-spy).
Built here at start-up instead, it is ready (and counted in the start-up time) before the
health check answers. The Assess answers' spaCy pipeline is the same cached one.
"""

from __future__ import annotations

import functools
import logging
import sys

from kbs import faults
from kbs.ops import server_auth, settings

log = logging.getLogger(__name__)

OPEN_PATHS = ("/health",)  # the readiness check: says nothing but "ok"
FAILED = {"error": "the action failed; the action server's log says where"}


class NoToken(RuntimeError):
    """The action server was to start without the token the Rasa server sends."""


def warm_up() -> None:
    from kbs.knowledge.answer import default_knowledge_base

    default_knowledge_base()


def secured(create_app, token: str):
    """rasa_sdk's ``create_app``, whose app refuses calls without ``token`` and answers a
    failure without the request's body."""

    @functools.wraps(create_app)
    def create(*args, **kwargs):
        app = create_app(*args, **kwargs)
        guard(app, token)
        return app

    return create


def guard(app, token: str) -> None:
    """Add the token check and the error handler to a rasa_sdk Sanic ``app``."""
    from sanic import response
    from sanic.exceptions import SanicException

    async def only_rasa(request):
        if request.path in OPEN_PATHS and request.method == "GET":
            return None
        if not server_auth.authorised(request.headers.get(server_auth.ACTION_TOKEN_HEADER),
                                      token):
            return response.json({"error": "not authorised"}, status=401)
        return None

    async def failed(request, exception: Exception):
        if isinstance(exception, SanicException):  # 404, a body that is not JSON, ...
            status = getattr(exception, "status_code", 500) or 500
            return response.json({"error": type(exception).__name__}, status=status)
        log.error("an action call failed: %s", faults.description(exception))
        return response.json(FAILED, status=500)

    app.register_middleware(only_rasa, "request")
    app.exception(Exception)(failed)  # replaces rasa_sdk's handler (the last one added)


def main() -> None:
    """`python -m kbs.ops.action_server --actions ... --port ...`: rasa_sdk's command,
    secured (above)."""
    token = settings.action_token()
    if not token:
        print("kbs: KBS_ACTION_TOKEN is not set: the action server does not start without "
              "the token that the Rasa server sends (`kbs run` sets it)", file=sys.stderr,
              flush=True)
        sys.exit(1)
    warm_up()
    import rasa_sdk.endpoint
    from rasa_sdk.__main__ import main as sdk_main

    rasa_sdk.endpoint.create_app = secured(rasa_sdk.endpoint.create_app, token)
    sys.argv[0] = "rasa_sdk"
    sdk_main()


if __name__ == "__main__":
    main()
