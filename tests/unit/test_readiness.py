"""Readiness (kbs.ops.readiness): the web app's /readyz and `kbs status` say 200/0 only when
Rasa answers with a model, the action server answers and the database has its schema."""

from __future__ import annotations

import http.server
import json
import threading

import pytest
from click.testing import CliRunner

from kbs.cli import main
from kbs.ops import readiness
from kbs.ops.ports import free_port
from kbs.ops.server_auth import RASA_TOKEN_HEADER
from kbs.store.database import upgrade


class Stub:
    """A local HTTP server answering GET paths with set (status, JSON body) pairs."""

    def __init__(self):
        self.answers: dict[str, tuple[int, object]] = {}
        self.asked: list[str] = []
        self.tokens: list[str | None] = []  # the header kbs.ops.server_auth names
        stub = self

        class Handler(http.server.BaseHTTPRequestHandler):
            def do_GET(self):
                stub.asked.append(self.path)
                stub.tokens.append(self.headers.get(RASA_TOKEN_HEADER))
                status, body = stub.answers.get(self.path.split("?")[0], (404, {}))
                data = json.dumps(body).encode()
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

            def log_message(self, *args):
                pass

        self.server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"
        threading.Thread(target=self.server.serve_forever, args=(0.05,), daemon=True).start()

    def close(self):
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture
def rasa():
    stub = Stub()
    stub.answers["/status"] = (200, {"model_file": "/srv/models/kbs-0123.tar.gz"})
    yield stub
    stub.close()


@pytest.fixture
def action_server():
    stub = Stub()
    stub.answers["/health"] = (200, {"status": "ok"})
    yield stub
    stub.close()


@pytest.fixture
def database_url(tmp_path):
    url = f"sqlite:///{tmp_path / 'kbs.db'}"
    upgrade(url)
    return url


def nowhere() -> str:
    return f"http://127.0.0.1:{free_port()}"


def checks(found: readiness.Readiness) -> dict[str, tuple[bool, str]]:
    return {c.name: (c.ok, c.detail) for c in found.checks}


def test_ready_when_every_part_answers(rasa, action_server, database_url):
    found = readiness.check(rasa.url, "t0ken", action_server.url, database_url)
    assert found.ready
    assert checks(found) == {
        "rasa": (True, "answers"), "model": (True, "loaded: kbs-0123.tar.gz"),
        "action_server": (True, "answers"),
        "database": (True, "answers, with the newest schema")}
    # The token in a header, never in the URL (which ends up in logs).
    assert rasa.asked == ["/status"] and rasa.tokens == ["t0ken"]


def test_not_ready_with_the_rasa_server_down(action_server, database_url):
    found = readiness.check(nowhere(), "t0ken", action_server.url, database_url)
    assert not found.ready
    assert [c.name for c in found.checks if not c.ok] == ["rasa", "model"]


def test_not_ready_while_rasa_has_no_model_loaded(rasa, action_server, database_url):
    rasa.answers["/status"] = (409, {"message": "No agent loaded"})
    found = readiness.check(rasa.url, "t0ken", action_server.url, database_url)
    assert not found.ready and checks(found)["model"] == (False, "no model loaded")
    assert checks(found)["rasa"] == (True, "answers")


def test_not_ready_when_rasa_refuses_the_token(rasa, action_server, database_url):
    rasa.answers["/status"] = (401, {"message": "Token is wrong"})
    found = readiness.check(rasa.url, "wrong", action_server.url, database_url)
    assert not found.ready and not checks(found)["rasa"][0]
    assert "wrong" not in json.dumps(found.to_dict())


def test_not_ready_with_the_action_server_down(rasa, database_url):
    found = readiness.check(rasa.url, "t0ken", nowhere(), database_url)
    assert [c.name for c in found.checks if not c.ok] == ["action_server"]


def test_not_ready_with_a_database_without_its_schema(rasa, action_server, tmp_path):
    found = readiness.check(rasa.url, "t0ken", action_server.url,
                            f"sqlite:///{tmp_path / 'empty.db'}")
    assert [c.name for c in found.checks if not c.ok] == ["database"]
    assert "no schema" in checks(found)["database"][1]


def test_a_database_that_cannot_be_reached_names_no_address_or_password(rasa, action_server):
    url = f"postgresql://kbs:s3cret@127.0.0.1:{free_port()}/kbs"
    found = readiness.check(rasa.url, "t0ken", action_server.url, url)
    assert not checks(found)["database"][0]
    assert "s3cret" not in json.dumps(found.to_dict())


def test_the_web_apps_readyz_is_200_only_when_ready(rasa, action_server, database_url):
    from web_widget import create_app

    config = {"TESTING": True, "SECRET_KEY": "test", "DATABASE_URL": database_url,
              "RASA_URL": rasa.url, "RASA_TOKEN": "t0ken", "ACTION_URL": action_server.url}
    ready = create_app(config).test_client().get("/readyz")
    assert ready.status_code == 200 and ready.get_json()["ready"] is True
    down = create_app({**config, "RASA_URL": nowhere()}).test_client().get("/readyz")
    assert down.status_code == 503 and down.get_json()["ready"] is False
    assert down.get_json()["checks"]["rasa"]["ok"] is False
    # Liveness says nothing of the others: the process answers.
    assert create_app({**config, "RASA_URL": nowhere()}).test_client().get(
        "/healthz").status_code == 200


@pytest.fixture
def web():
    stub = Stub()
    yield stub
    stub.close()


def test_kbs_status_prints_each_part_and_exits_0_when_ready(web):
    web.answers["/readyz"] = (200, {"ready": True, "checks": {  # keys sorted, as Flask's
        "action_server": {"ok": True, "detail": "answers"},
        "database": {"ok": True, "detail": "answers, with the newest schema"},
        "model": {"ok": True, "detail": "loaded: kbs-0123.tar.gz"},
        "rasa": {"ok": True, "detail": "answers"}}})
    result = CliRunner().invoke(main, ["status", "--url", web.url])
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert lines[0] == f"The assistant at {web.url}/ is ready."
    assert [line.split()[0] for line in lines[1:]] == ["ok"] * 5
    assert [line[6:20].strip() for line in lines[1:]] == [
        "web app", "Rasa server", "model", "action server", "database"]
    assert "loaded: kbs-0123.tar.gz" in lines[3]


def test_kbs_status_exits_1_and_says_what_is_not_ready(web):
    web.answers["/readyz"] = (503, {"ready": False, "checks": {
        "rasa": {"ok": False, "detail": "not answering at http://127.0.0.1:5005"},
        "model": {"ok": False, "detail": "not known: the Rasa server is not answering"},
        "action_server": {"ok": True, "detail": "answers"},
        "database": {"ok": True, "detail": "answers, with the newest schema"}}})
    result = CliRunner().invoke(main, ["status", "--url", web.url])
    assert result.exit_code == 1
    assert "is NOT ready" in result.output
    assert "NO  Rasa server" in result.output
    document = json.loads(CliRunner().invoke(
        main, ["status", "--url", web.url, "--format", "json"]).output)
    assert document["ready"] is False and document["checks"]["web"]["ok"] is True
    assert document["checks"]["rasa"]["ok"] is False


def test_kbs_status_exits_1_when_the_web_app_does_not_answer():
    result = CliRunner().invoke(main, ["status", "--url", nowhere()])
    assert result.exit_code == 1
    assert "NO  web app" in result.output and "is `kbs run` running?" in result.output
