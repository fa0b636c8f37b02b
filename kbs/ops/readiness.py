"""Is the assistant ready to take a practitioner's message? The web app's ``/readyz`` and
`kbs status` both answer with this.

Ready means: the Rasa server answers and has a model loaded, the action server answers,
and the project's database answers with its newest schema. Each check has a short
timeout and they run at once, so the answer comes within a few seconds whatever is down.
Nothing here names a token, a password or a message.
"""

from __future__ import annotations

from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import PurePosixPath

import requests

from kbs.ops.server_auth import RASA_TOKEN_HEADER

TIMEOUT = 2.0  # seconds for each check
# In the order `kbs status` lists them.
CHECKS = ("rasa", "model", "action_server", "database")
LABELS = {"web": "web app", "rasa": "Rasa server", "model": "model",
          "action_server": "action server", "database": "database"}


@dataclass(frozen=True)
class Check:
    name: str
    ok: bool
    detail: str


@dataclass(frozen=True)
class Readiness:
    checks: tuple[Check, ...]

    @property
    def ready(self) -> bool:
        return all(check.ok for check in self.checks)

    def to_dict(self) -> dict:
        return {"ready": self.ready,
                "checks": {c.name: {"ok": c.ok, "detail": c.detail} for c in self.checks}}

    @classmethod
    def from_dict(cls, data: dict) -> Readiness:
        """From ``to_dict``'s JSON (whose keys may come back sorted), in CHECKS' order."""
        found = [Check(name, bool(c.get("ok")), str(c.get("detail", "")))
                 for name, c in data.get("checks", {}).items()]
        order = {name: n for n, name in enumerate(CHECKS)}
        return cls(tuple(sorted(found, key=lambda c: order.get(c.name, len(CHECKS)))))


def check(rasa_url: str, rasa_token: str, action_url: str, database_url: str,
          timeout: float = TIMEOUT) -> Readiness:
    """Every check, run at once."""
    with ThreadPoolExecutor(max_workers=3) as pool:
        rasa = pool.submit(_rasa, rasa_url, rasa_token, timeout)
        action = pool.submit(_guarded, "action_server", lambda: _action_server(action_url,
                                                                               timeout))
        database = pool.submit(_guarded, "database", lambda: _database(database_url))
        found = [*rasa.result(), action.result(), database.result()]
    return Readiness(tuple(sorted(found, key=lambda c: CHECKS.index(c.name))))


def _rasa(url: str, token: str, timeout: float) -> list[Check]:
    """The Rasa server and its model: /status (with the token in its header) names the
    loaded model, and answers 409 while none is loaded."""
    try:
        response = requests.get(f"{url}/status", headers={RASA_TOKEN_HEADER: token},
                                timeout=timeout)
    except requests.RequestException:
        return [Check("rasa", False, f"not answering at {url}"),
                Check("model", False, "not known: the Rasa server is not answering")]
    if response.status_code == 409:
        return [Check("rasa", True, "answers"), Check("model", False, "no model loaded")]
    if response.status_code in (401, 403):
        return [Check("rasa", False, "refuses the web app's token (KBS_RASA_TOKEN)"),
                Check("model", False, "not known: the Rasa server refused the token")]
    if response.status_code != 200:
        return [Check("rasa", False, f"answers {response.status_code}"),
                Check("model", False, "not known")]
    try:
        model = response.json().get("model_file")
    except ValueError:
        model = None
    if not model:
        return [Check("rasa", True, "answers"), Check("model", False, "no model loaded")]
    return [Check("rasa", True, "answers"),
            Check("model", True, f"loaded: {PurePosixPath(str(model)).name}")]


def _action_server(url: str, timeout: float) -> Check:
    try:
        response = requests.get(f"{url}/health", timeout=timeout)
    except requests.RequestException:
        return Check("action_server", False, f"not answering at {url}")
    if response.status_code != 200:
        return Check("action_server", False, f"answers {response.status_code}")
    return Check("action_server", True, "answers")


def _database(url: str) -> Check:
    from kbs.store.database import schema_problem  # SQLAlchemy and alembic: only when asked

    problem = schema_problem(url)
    if problem:
        return Check("database", False, f"answers, but {problem}")
    return Check("database", True, "answers, with the newest schema")


def _guarded(name: str, run: Callable[[], Check]) -> Check:
    """A check that raised is a failed check, named by the kind of error only (a driver's
    message may hold the address and its password)."""
    try:
        return run()
    except Exception as err:  # any failure to answer means not ready
        return Check(name, False, f"not answering ({type(err).__name__})")
