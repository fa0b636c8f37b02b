"""The web app's channel into the Rasa server: the only way a message reaches the assistant.

Loaded by the Rasa server alone (bot/credentials.yml names this class), so this is the one
module of ``kbs`` besides kbs/ops/rasa_server.py that imports Rasa; nothing else imports it.

Rasa's REST channel takes the conversation (``sender``) from the request's body, so any
process on the machine could read or write any practitioner's conversation. Here a call
is taken only with the web app's token (kbs.ops.server_auth.RASA_TOKEN_HEADER, compared in
constant time), and the conversation comes from the web app's header
(``SENDER_HEADER``), which the web app sets from the signed-in practitioner. The body
carries the message and nothing else is read from it.

``POST /webhooks/kbs/webhook`` with ``{"message": "..."}``: 200 and the bot's messages
(as Rasa's REST channel answers), 401 without the token, 400 without a conversation or a
message, 500 when the message could not be answered. Nothing a practitioner wrote is
logged, nor the token.
"""

from __future__ import annotations

import logging
from asyncio import CancelledError
from collections.abc import Awaitable, Callable
from typing import Any

from rasa.core.channels.channel import CollectingOutputChannel, InputChannel, UserMessage
from sanic import Blueprint, response
from sanic.request import Request
from sanic.response import HTTPResponse

from kbs.ops import server_auth, settings

log = logging.getLogger(__name__)

CHANNEL = "kbs"


class WebAppInput(InputChannel):
    """The web app's channel (``/webhooks/kbs/webhook``)."""

    def __init__(self, token: str):
        self.token = token

    @classmethod
    def name(cls) -> str:
        return CHANNEL

    @classmethod
    def from_credentials(cls, credentials: dict[str, Any] | None) -> WebAppInput:
        # The token comes from the environment (KBS_RASA_TOKEN), never from a file in the
        # repository; without one every call is refused.
        return cls(settings.rasa_token())

    def blueprint(self, on_new_message: Callable[[UserMessage], Awaitable[Any]]) -> Blueprint:
        webhook = Blueprint("kbs_web_app_channel", __name__)

        @webhook.route("/webhook", methods=["POST"])
        async def receive(request: Request) -> HTTPResponse:
            refused = self.refusal(request)
            if refused is not None:
                return refused
            collector = CollectingOutputChannel()
            message = UserMessage(request.json["message"], collector,
                                  request.headers[server_auth.SENDER_HEADER],
                                  input_channel=CHANNEL)
            try:
                await on_new_message(message)
            except (CancelledError, Exception) as err:
                # The kind of error only: its message may quote what was written.
                log.error("a message could not be answered (%s)", type(err).__name__)
                return response.json({"error": "the message could not be answered"},
                                      status=500)
            return response.json(collector.messages)

        return webhook

    def refusal(self, request: Request) -> HTTPResponse | None:
        """The answer to a call that cannot be taken, or None for one that can."""
        if not server_auth.authorised(request.headers.get(server_auth.RASA_TOKEN_HEADER),
                                      self.token):
            return response.json({"error": "not authorised"}, status=401)
        if not server_auth.usable_sender(request.headers.get(server_auth.SENDER_HEADER)):
            return response.json({"error": f"no conversation in {server_auth.SENDER_HEADER}"},
                                 status=400)
        try:
            body = request.json
        except Exception:  # Sanic's error for a body that is not JSON
            body = None
        text = body.get("message") if isinstance(body, dict) else None
        if not isinstance(text, str) or not text.strip():
            return response.json({"error": "send a JSON body with a non-empty 'message'"},
                                 status=400)
        return None
