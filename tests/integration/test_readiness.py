"""/readyz and `kbs status` with the real servers, started through the one launcher
(issue 21): 503 and exit 1 while the Rasa server is not running, 200 and exit 0 when all
three are up, 503 again when the Rasa server is stopped."""

import json
import subprocess

import pytest
import requests

from kbs.ops import rasa_project
from tests.integration.servers import Servers

pytestmark = pytest.mark.integration


def readyz(servers: Servers) -> tuple[int, dict]:
    response = requests.get(f"{servers.url}/readyz", timeout=30)
    return response.status_code, response.json()


def kbs_status(servers: Servers) -> subprocess.CompletedProcess:
    return subprocess.run([rasa_project.venv_bin("kbs"), "status", "--url", servers.url,
                           "--format", "json"], env=servers.env, capture_output=True,
                          text=True, timeout=60)


def failing(body: dict) -> list[str]:
    return sorted(name for name, check in body["checks"].items() if not check["ok"])


def test_readyz_is_503_without_rasa_and_200_when_all_are_up(tmp_path):
    servers = Servers(tmp_path)
    try:
        servers.start("action-server")
        servers.start("web")
        status, body = readyz(servers)
        assert (status, body["ready"], failing(body)) == (503, False, ["model", "rasa"])
        assert kbs_status(servers).returncode == 1

        servers.start("rasa")
        status, body = readyz(servers)
        assert (status, body["ready"], failing(body)) == (200, True, [])
        assert body["checks"]["model"]["detail"] == \
            f"loaded: {servers.config.model.name}"
        shown = kbs_status(servers)
        assert shown.returncode == 0, shown.stdout + shown.stderr
        assert json.loads(shown.stdout)["ready"] is True

        servers.launcher.stop("rasa")
        status, body = readyz(servers)
        assert (status, body["ready"], failing(body)) == (503, False, ["model", "rasa"])
        shown = kbs_status(servers)
        assert shown.returncode == 1
        assert json.loads(shown.stdout)["checks"]["rasa"]["ok"] is False
    finally:
        servers.stop()
