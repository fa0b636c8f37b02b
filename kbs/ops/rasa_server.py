"""`rasa run` with two fixes to Rasa 3.6's message path, found and measured by `kbs bench`.

Both remove waiting that blocked the Rasa server's one event loop, so every conversation
queued behind it (README, "Measuring"):

1. Rasa checks each reply of the action server with ``jsonschema.validate``, which first
   checks Rasa's own large, fixed schema against the JSON Schema meta-schema: about 35 ms
   of CPU per action call on 2 cores (an Assess turn makes two calls). Here the validator
   is built (and the schema checked) once; replies are checked against the same schema
   and an invalid one is refused with the same error as before.
2. Rasa's SQL tracker store commits to SQLite in rollback-journal mode, which waits for
   the disk at every commit (about 20 ms here). Here a SQLite tracker store uses WAL with
   synchronous=NORMAL, as the project's own database does: a crash or kill of any process
   loses nothing; a power cut or operating-system crash may lose the last turns. Other
   databases (PostgreSQL through KBS_ENDPOINTS) are left as they are.
3. SQLAlchemy 1.4 gives a SQLite file a NullPool: every read and every save of a tracker
   (two or more a turn) opened a new connection and closed it, and closing the last
   connection to a WAL database checkpoints the log into the file and deletes it, waiting
   for the disk each time (py-spy: connection close and commit were a fifth of the Rasa
   server's CPU per turn, `kbs bench`). Here the SQLite tracker store keeps its
   connections open in a small pool.
4. Rasa turns each stored event back into its class by walking every subclass of
   ``Event`` (``Event.resolve_by_type``), for every event of the conversation at every
   turn and for every event an action returns: nine tenths of the time spent reading a
   tracker (cProfile of `kbs bench`'s conversations; 6.5 ms of 7.6 for 300 events). The
   classes are defined once, when Rasa is imported, so here each name is looked up once.

Besides the fixes, kbs.ops.tracker_redaction keeps text the screening refused out of the
tracker store (a control, applied with KBS_RASA_STOCK=1 too).

Each fix is applied only when Rasa is the version it was written for; otherwise Rasa runs
unchanged and a warning says so. KBS_RASA_STOCK=1 runs Rasa unchanged (to measure the
difference: `KBS_RASA_STOCK=1 kbs bench`).

One change is not a fix of speed and is always made (``secure``, whatever KBS_RASA_STOCK
says): Rasa's HTTP API takes its token only in the URL (``?token=...``), where it ends up
in logs and error messages, and `rasa run` takes it only on the command line, where any
user of the machine sees it in ``ps``. Here the token comes from the environment
(KBS_RASA_TOKEN) and each call of the API must carry it in a header
(kbs.ops.server_auth.RASA_TOKEN_HEADER), compared in constant time; a token in the URL is
never read. Without a token the server does not start.
"""

from __future__ import annotations

import functools
import sys
from inspect import isawaitable

from kbs.ops import server_auth, settings, tracker_redaction

PATCHED_RASA = "3.6."
_applied: list[str] = []


def apply() -> list[str]:
    """Apply the fixes once; returns their names (empty when Rasa is another version)."""
    import rasa

    if _applied:
        return list(_applied)
    if settings.rasa_stock():
        return []
    if not rasa.__version__.startswith(PATCHED_RASA):
        print(f"kbs: Rasa {rasa.__version__} is not {PATCHED_RASA}x; running it unchanged",
              file=sys.stderr)
        return []
    _applied.append(_validate_with_one_validator())
    _applied.append(_sqlite_tracker_store_in_wal())
    _applied.append(_event_classes_looked_up_once())
    return list(_applied)


def _validate_with_one_validator() -> str:
    from jsonschema import validators
    from jsonschema.exceptions import best_match
    from rasa.core.actions.action import RemoteAction
    from rasa.shared.constants import DOCS_BASE_URL

    @functools.cache
    def validator_for(action_class: type):
        schema = action_class.action_response_format_spec()
        cls = validators.validator_for(schema)
        cls.check_schema(schema)
        return cls(schema)

    def _validate_action_result(self, result):
        # As jsonschema.validate (the best-matching error), without re-checking the schema.
        error = best_match(validator_for(type(self)).iter_errors(result))
        if error is None:
            return True
        error.message += (
            ". Failed to validate Action server response from API, make sure your response "
            "from the Action endpoint is valid. For more information about the format visit "
            f"{DOCS_BASE_URL}/custom-actions")
        raise error

    RemoteAction._validate_action_result = _validate_action_result
    return "action server replies checked by one prebuilt validator"


def _sqlite_tracker_store_in_wal() -> str:
    from rasa.core.tracker_store import SQLTrackerStore
    from sqlalchemy import event
    from sqlalchemy.orm import sessionmaker

    from kbs.store.database import pooled_sqlite_engine, sqlite_wal

    original = SQLTrackerStore.__init__

    @functools.wraps(original)
    def __init__(self, *args, **kwargs):
        original(self, *args, **kwargs)
        if self.engine.dialect.name == "sqlite":
            created = self.engine
            self.engine = pooled_sqlite_engine(created.url, POOL_SIZE)
            event.listen(self.engine, "connect", sqlite_wal)
            self.sessionmaker = sessionmaker(bind=self.engine)
            created.dispose()  # connections opened while creating the tables

    SQLTrackerStore.__init__ = __init__
    return "SQLite tracker store in WAL mode with synchronous=NORMAL, connections kept open"


def _event_classes_looked_up_once() -> str:
    from rasa.shared.core.events import Event

    original = Event.resolve_by_type
    found: dict[str, type] = {}

    def resolve_by_type(type_name, default=None):
        if type_name in found:
            return found[type_name]
        cls = original(type_name, default)
        if cls is not None and cls is not default:  # not the caller's default, not "topic"
            found[type_name] = cls
        return cls

    Event.resolve_by_type = staticmethod(resolve_by_type)
    return "event classes looked up once by name"


POOL_SIZE = 4  # Rasa reads and saves trackers from one event loop


class NoToken(RuntimeError):
    """The Rasa server was to start without a token for its API and the web app's channel."""


def secure() -> None:
    """Rasa's HTTP API takes its token from a header, never from the URL (see above)."""
    import rasa.server

    token = settings.rasa_token()
    if not token:
        raise NoToken("KBS_RASA_TOKEN is not set: the Rasa server does not start without the "
                      "token that the web app sends (`kbs run` sets it)")
    rasa.server.requires_auth = _token_in_a_header(token, rasa.server.ErrorResponse)


def _token_in_a_header(token: str, error: type[Exception]):
    """Rasa's ``requires_auth(app, token)`` decorator, checking ``token`` (from the
    environment, whatever Rasa was given) in the header instead of the URL."""

    def requires_auth(app, _token_given_to_rasa=None):
        def decorator(handler):
            @functools.wraps(handler)
            async def decorated(request, *args, **kwargs):
                if not server_auth.authorised(
                        request.headers.get(server_auth.RASA_TOKEN_HEADER), token):
                    raise error(401, "NotAuthenticated", "User is not authenticated.")
                result = handler(request, *args, **kwargs)
                return await result if isawaitable(result) else result

            return decorated

        return decorator

    return requires_auth


APPLIED_NOTE = "kbs: fixes applied to Rasa:"


def main() -> None:
    """`python -m kbs.ops.rasa_server run ...`: the `rasa` command, secured, with the fixes."""
    try:
        secure()
    except NoToken as err:
        print(f"kbs: {err}", file=sys.stderr, flush=True)
        sys.exit(1)
    applied = apply()
    print(f"{APPLIED_NOTE} {'; '.join(applied)}" if applied else "kbs: Rasa runs unchanged",
          file=sys.stderr, flush=True)
    # Not a fix but a control (issue 19): applied with KBS_RASA_STOCK=1 too.
    tracker_redaction.apply()
    from rasa.__main__ import main as rasa_main

    sys.argv[0] = "rasa"
    rasa_main()


if __name__ == "__main__":
    main()
