"""Who may call the Rasa server and the action server.

The three servers listen on the loopback interface, where any process of the machine can
reach them; each call must therefore carry a token that only the expected caller holds:

- the web app -> the Rasa server: ``RASA_TOKEN_HEADER`` (KBS_RASA_TOKEN), on the web app's
  channel (kbs/ops/rasa_channel.py) and on Rasa's own HTTP API (kbs/ops/rasa_server.py),
  with the conversation in ``SENDER_HEADER``: the signed-in practitioner's, set by the web
  app, never taken from a request body anyone could write;
- the Rasa server -> the action server: ``ACTION_TOKEN_HEADER`` (KBS_ACTION_TOKEN), named
  in the endpoints file (bot/endpoints.yml) and checked by kbs/ops/action_server.py.

Tokens travel in headers only: never in a URL (which ends up in logs and error messages)
nor on a command line (which any user of the machine sees in ``ps``). They come from the
environment (kbs.ops.settings); `kbs run` makes new ones for each run when none is set.
"""

from __future__ import annotations

import hmac

RASA_TOKEN_HEADER = "X-KBS-Rasa-Token"
SENDER_HEADER = "X-KBS-Sender"
ACTION_TOKEN_HEADER = "X-KBS-Action-Token"
MOST_SENDER_CHARS = 200


def authorised(given: str | None, expected: str) -> bool:
    """Whether ``given`` is the token ``expected``, compared in constant time; never when
    no token is expected (a server without one refuses every call)."""
    if not expected or not given:
        return False
    return hmac.compare_digest(given.encode("utf-8"), expected.encode("utf-8"))


def usable_sender(sender: str | None) -> bool:
    """A sender id the web app could have sent: printable, of a sensible length."""
    return bool(sender) and len(sender) <= MOST_SENDER_CHARS and sender.isprintable()
