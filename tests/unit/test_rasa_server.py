"""The fixes `kbs run` applies to Rasa's message path keep Rasa's behaviour."""

import asyncio

import jsonschema
import pytest

from kbs.ops import rasa_server

rasa_actions = pytest.importorskip("rasa.core.actions.action")

VALID = [
    {"events": [{"event": "slot", "name": "assessment_step", "value": "age"},
                {"event": "active_loop", "name": None}],
     "responses": [{"text": "How old is the baby?", "buttons": []}]},
    {"events": [], "responses": []},
    {},
]
INVALID = [
    {"events": [{"event": "slot"}]},  # no slot name
    {"events": "not a list"},
    {"responses": [42]},
]


@pytest.fixture(scope="module")
def applied():
    return rasa_server.apply()


def stock_accepts(result) -> bool:
    try:
        jsonschema.validate(result, rasa_actions.RemoteAction.action_response_format_spec())
    except jsonschema.ValidationError:
        return False
    return True


def test_the_fixes_are_applied_to_rasa_3_6(applied):
    assert len(applied) == 3  # the validator; SQLite WAL with pooled connections; events


@pytest.mark.parametrize("result", VALID)
def test_valid_replies_are_accepted_as_before(applied, result):
    action = rasa_actions.RemoteAction("action_x", None)
    assert stock_accepts(result)
    assert action._validate_action_result(result) is True


@pytest.mark.parametrize("result", INVALID)
def test_invalid_replies_are_refused_with_rasas_message(applied, result):
    action = rasa_actions.RemoteAction("action_x", None)
    assert not stock_accepts(result)
    with pytest.raises(jsonschema.ValidationError, match="Failed to validate Action server"):
        action._validate_action_result(result)


def test_a_sqlite_tracker_store_uses_wal_without_waiting_for_the_disk(applied, tmp_path):
    from rasa.core.tracker_store import SQLTrackerStore

    store = SQLTrackerStore(None, dialect="sqlite", db=str(tmp_path / "tracker.db"))
    with store.engine.connect() as connection:
        assert connection.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert connection.exec_driver_sql("PRAGMA synchronous").scalar() == 1  # NORMAL


def test_a_sqlite_tracker_store_keeps_its_connection_and_its_trackers(applied, tmp_path):
    from rasa.core.tracker_store import SQLTrackerStore
    from rasa.shared.core.domain import Domain
    from rasa.shared.core.events import UserUttered
    from rasa.shared.core.trackers import DialogueStateTracker

    store = SQLTrackerStore(Domain.empty(), dialect="sqlite", db=str(tmp_path / "tracker.db"))
    for turn in range(3):
        tracker = (asyncio.run(store.retrieve("someone"))
                   or DialogueStateTracker("someone", []))
        tracker.update(UserUttered(f"turn {turn}"))
        asyncio.run(store.save(tracker))
    assert [e.text for e in asyncio.run(store.retrieve("someone")).events] == [
        "turn 0", "turn 1", "turn 2"]
    assert store.engine.pool.checkedin() == 1  # one connection, reused and still open


def test_every_event_name_gives_the_class_rasa_gives(applied):
    from rasa.shared.core import events
    from rasa.shared.utils.common import all_subclasses

    def stock(type_name, default=None):  # Rasa 3.6's own lookup
        for cls in all_subclasses(events.Event):
            if cls.type_name == type_name:
                return cls
        if type_name == "topic":
            return None
        if default is not None:
            return default
        raise ValueError(f"Unknown event name '{type_name}'.")

    for name in {cls.type_name for cls in all_subclasses(events.Event)}:
        for _ in range(2):  # looked up, then remembered
            assert events.Event.resolve_by_type(name) is stock(name)
    assert events.Event.resolve_by_type("topic") is None
    assert events.Event.resolve_by_type("no such event", events.SlotSet) is events.SlotSet
    with pytest.raises(ValueError, match="Unknown event name"):
        events.Event.resolve_by_type("no such event")


def test_events_read_back_are_the_events_written(applied):
    from rasa.shared.core import events

    written = [events.UserUttered("hi", {"name": "greet", "confidence": 0.9}),
               events.ActionExecuted("utter_greet"), events.SlotSet("x", 3),
               events.ActiveLoop("a_form"), events.SessionStarted(), events.Restarted()]
    read = events.deserialise_events([e.as_dict() for e in written])
    assert [type(e) for e in read] == [type(e) for e in written]
    assert read == written


def test_the_rasa_server_runs_through_the_fixes():
    from kbs.ops.rasa_project import server_command

    argv = server_command(rasa_server.__file__, 5005, rasa_server.__file__)
    assert argv[1:4] == ["-m", "kbs.ops.rasa_server", "run"]


class Request:
    """What the token check and the web app's channel read of a Sanic request."""

    def __init__(self, headers=None, args=None, json=None):
        self.headers, self.args, self.json = headers or {}, args or {}, json


TOKEN = "the-web-apps-token"


@pytest.fixture
def guarded(monkeypatch):
    """A handler of Rasa's HTTP API behind ``requires_auth`` as `kbs run` makes it."""
    import rasa.server

    monkeypatch.setenv("KBS_RASA_TOKEN", TOKEN)
    monkeypatch.setattr(rasa.server, "requires_auth", rasa.server.requires_auth)
    rasa_server.secure()

    async def tracker(request, conversation_id):
        return f"the tracker of {conversation_id}"

    return rasa.server.requires_auth(None, "a token given to rasa")(tracker)


def test_rasas_api_takes_the_token_in_its_header(guarded):
    asked = Request(headers={"X-KBS-Rasa-Token": TOKEN})
    assert asyncio.run(guarded(asked, conversation_id="hv.one~c1")) == "the tracker of hv.one~c1"


@pytest.mark.parametrize("request_", [
    Request(),
    Request(args={"token": TOKEN}),  # in the URL: never read (it ends up in logs)
    Request(headers={"X-KBS-Rasa-Token": "wrong"}),
    Request(headers={"X-KBS-Rasa-Token": "a token given to rasa"}),  # not from the env
], ids=["none", "in the URL", "wrong", "from the command line"])
def test_rasas_api_refuses_a_call_without_the_token_in_its_header(guarded, request_):
    from rasa.server import ErrorResponse

    with pytest.raises(ErrorResponse) as refused:
        asyncio.run(guarded(request_, conversation_id="hv.one~c1"))
    assert refused.value.status == 401


def test_without_a_token_the_rasa_server_does_not_start(monkeypatch):
    import rasa.server

    monkeypatch.delenv("KBS_RASA_TOKEN", raising=False)
    monkeypatch.setattr(rasa.server, "requires_auth", rasa.server.requires_auth)
    with pytest.raises(rasa_server.NoToken, match="KBS_RASA_TOKEN is not set"):
        rasa_server.secure()


@pytest.fixture
def channel(monkeypatch):
    from kbs.ops.rasa_channel import WebAppInput

    monkeypatch.setenv("KBS_RASA_TOKEN", TOKEN)
    return WebAppInput.from_credentials(None)


WEB_APP = {"X-KBS-Rasa-Token": TOKEN, "X-KBS-Sender": "hv.one~c1"}


def test_the_channel_takes_a_message_from_the_web_app(channel):
    assert channel.refusal(Request(WEB_APP, json={"message": "hello"})) is None
    assert channel.name() == "kbs"


@pytest.mark.parametrize(("headers", "body", "status"), [
    ({}, {"message": "hello", "sender": "hv.one~c1"}, 401),  # Rasa's REST channel's body
    ({**WEB_APP, "X-KBS-Rasa-Token": "wrong"}, {"message": "hello"}, 401),
    ({"X-KBS-Sender": "hv.one~c1"}, {"message": "hello"}, 401),
    ({"X-KBS-Rasa-Token": TOKEN}, {"message": "hello", "sender": "hv.one~c1"}, 400),
    ({**WEB_APP, "X-KBS-Sender": "hv.one\n~c1"}, {"message": "hello"}, 400),
    (WEB_APP, {"text": "hello"}, 400),
    (WEB_APP, {"message": "  "}, 400),
    (WEB_APP, ["hello"], 400),
])
def test_the_channel_refuses_what_the_web_app_would_not_send(channel, headers, body, status):
    refused = channel.refusal(Request(headers, json=body))
    assert refused is not None and refused.status == status
