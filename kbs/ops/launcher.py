"""The assistant's three servers: the action server, the Rasa server and the web app.

One place says how they are started: the environment of each (with only the tokens it
needs), their command lines (the Rasa ones from kbs.ops.rasa_project), the address each
answers on when ready. `kbs run`, the integration tests and `kbs bench` all start them
through ``Launcher``, which can also stop, kill or restart any one of them while the
others keep running.

Every file the servers write (databases, logs) is private to the user running them: each
server starts with the umask 077 (``PRIVATE_UMASK``), and the launcher makes the log
folder 0700 and the logs 0600 (kbs.ops.logs). The tokens (kbs.ops.server_auth) are in the
servers' environment only, never on a command line or in a URL.
"""

from __future__ import annotations

import dataclasses
import secrets
import time
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from kbs.ops import rasa_project, server_auth, settings
from kbs.ops.ports import free_port
from kbs.ops.process_group import Child, ProcessGroup
from kbs.paths import ROOT

SERVERS = ("action-server", "rasa", "web")
# Files and folders the servers make are readable by their user alone.
PRIVATE_UMASK = 0o077
# The secrets in the environment each server must not have (it needs the others): the
# action server answers Rasa only; the Rasa server signs no session; the web app never
# calls the action server's actions.
NOT_FOR = {"action-server": ("KBS_RASA_TOKEN", "KBS_SECRET_KEY"),
           "rasa": ("KBS_SECRET_KEY",),
           "web": ("KBS_ACTION_TOKEN",)}
# Seconds each may take to answer; Rasa loads TensorFlow and the model (about a minute).
READY_SECONDS = {"action-server": 60, "rasa": 300, "web": 60}
# The quick ones first, so that a broken one is reported before Rasa has loaded.
READY_ORDER = ("action-server", "web", "rasa")
LOOPBACK = "127.0.0.1"


@dataclass(frozen=True)
class ServerSettings:
    """Everything the three servers are started with."""

    model: Path
    ports: settings.Ports
    token: str  # the web app's token for the Rasa server (its channel and its HTTP API)
    action_token: str  # the Rasa server's token for the action server
    secret_key: str  # the web app's session signing key
    database_url: str  # the project's database
    tracker_db: str  # Rasa's tracker store (SQLite file named in the endpoints file)
    log_dir: Path
    web_threads: int = dataclasses.field(default_factory=settings.web_threads)
    log_max_bytes: int = dataclasses.field(default_factory=settings.log_max_bytes)
    log_files_kept: int = dataclasses.field(default_factory=settings.log_files_kept)
    endpoints: Path = dataclasses.field(default_factory=settings.endpoints_file)
    web_host: str = LOOPBACK
    ready_seconds: Mapping[str, float] = dataclasses.field(
        default_factory=lambda: dict(READY_SECONDS))

    @classmethod
    def from_environment(cls, model: Path) -> ServerSettings:
        """`kbs run`'s: each setting from the environment (README, "Configuration")."""
        return cls(model=model, ports=settings.ports(), token=settings.rasa_token_or_new(),
                   action_token=settings.action_token_or_new(),
                   secret_key=settings.flask_secret_key(), database_url=settings.database_url(),
                   tracker_db=settings.tracker_db(), log_dir=settings.log_dir(),
                   web_threads=settings.web_threads(), log_max_bytes=settings.log_max_bytes(),
                   log_files_kept=settings.log_files_kept(),
                   endpoints=settings.endpoints_file(), web_host=settings.flask_host())

    @classmethod
    def scratch(cls, directory: Path, model: Path, **changes) -> ServerSettings:
        """Free loopback ports; a project database, tracker store and logs of their own in
        ``directory``; a new token and key (tests and `kbs bench`). ``changes`` replace
        any of these."""
        fresh = cls(
            model=model,
            ports=settings.Ports(flask=free_port(), rasa=free_port(), action=free_port()),
            token=secrets.token_hex(24), action_token=secrets.token_hex(24),
            secret_key=secrets.token_hex(24), database_url=f"sqlite:///{directory / 'kbs.db'}",
            tracker_db=str(directory / "tracker.db"), log_dir=directory / "log")
        return dataclasses.replace(fresh, **changes)

    @property
    def rasa_url(self) -> str:
        return f"http://{LOOPBACK}:{self.ports.rasa}"

    @property
    def web_url(self) -> str:
        return f"http://{LOOPBACK}:{self.ports.flask}"


def environment(config: ServerSettings) -> dict[str, str]:
    """The servers' environment: this process's, with what each of the three reads.

    KBS_ACTION_PORT, KBS_ACTION_TOKEN and KBS_TRACKER_DB fill the endpoints file;
    KBS_WEB_THREADS sizes the project database's connection pool in each server, as it
    sizes the web app's threads.
    """
    return rasa_project.rasa_env(
        KBS_ACTION_PORT=str(config.ports.action), KBS_TRACKER_DB=config.tracker_db,
        KBS_RASA_URL=config.rasa_url, KBS_RASA_TOKEN=config.token,
        KBS_ACTION_TOKEN=config.action_token,
        KBS_SECRET_KEY=config.secret_key, KBS_DATABASE_URL=config.database_url,
        KBS_WEB_THREADS=str(config.web_threads), SANIC_HOST=LOOPBACK, PYTHONUNBUFFERED="1")


def server_environment(config: ServerSettings, name: str,
                       base: dict[str, str] | None = None) -> dict[str, str]:
    """One server's environment: ``base`` (``environment``'s, or a launcher's own ``env``
    with a caller's changes), less the secrets it has no use for."""
    env = dict(environment(config) if base is None else base)
    for variable in NOT_FOR[name]:
        env.pop(variable, None)
    return env


def web_command(host: str, port: int, threads: int) -> list[str]:
    """The web app (Flask) served with ``threads`` threads."""
    return [rasa_project.venv_bin("waitress-serve"), f"--host={host}", f"--port={port}",
            f"--threads={threads}", "--call", "web_widget:create_app"]


def command(config: ServerSettings, name: str) -> list[str]:
    if name == "action-server":
        return rasa_project.action_server_command(config.ports.action)
    if name == "rasa":
        return rasa_project.server_command(config.model, config.ports.rasa, config.endpoints)
    if name == "web":
        return web_command(config.web_host, config.ports.flask, config.web_threads)
    raise ValueError(f"no server called {name!r} (one of {', '.join(SERVERS)})")


def ready_url(config: ServerSettings, name: str) -> str:
    """The address that answers 200 once the server is ready (with ``ready_headers``)."""
    return {"action-server": f"http://{LOOPBACK}:{config.ports.action}/health",
            "rasa": f"{config.rasa_url}/status",
            "web": f"{config.web_url}/healthz"}[name]


def ready_headers(config: ServerSettings, name: str) -> dict[str, str]:
    """The headers of the ready check: Rasa's /status needs the token (in a header)."""
    return {server_auth.RASA_TOKEN_HEADER: config.token} if name == "rasa" else {}


class Launcher:
    """The three servers as one supervised group (kbs.ops.process_group), each of which can
    be stopped, killed and started again on its own."""

    def __init__(self, config: ServerSettings):
        self.config = config
        self.env = environment(config)
        self.group = ProcessGroup(config.log_dir, config.log_max_bytes, config.log_files_kept)
        self.running: dict[str, Child] = {}
        self.ready_seconds: dict[str, float] = {}
        self._prepared = False

    def __enter__(self) -> Launcher:
        return self

    def __exit__(self, *exc) -> None:
        self.stop()

    def start(self, *names: str) -> dict[str, float]:
        """Start the named servers (all three when none is named) at once and wait until
        each answers; returns (and keeps in ``ready_seconds``) the seconds from each one's
        start to its first answer. StartupError names one that exited or did not answer
        in time, with its log."""
        chosen = [name for name in SERVERS if name in (names or SERVERS)]
        unknown = set(names) - set(SERVERS)
        if unknown:
            raise ValueError(f"no server called {', '.join(sorted(unknown))}")
        running = [name for name in chosen if name in self.running]
        if running:
            raise RuntimeError(f"{', '.join(running)} is already running")
        self._prepare()
        started = {}
        for name in chosen:
            started[name] = time.monotonic()
            self.running[name] = self.group.start(
                name, command(self.config, name),
                server_environment(self.config, name, self.env),
                ROOT, umask=PRIVATE_UMASK)
        for name in (name for name in READY_ORDER if name in chosen):
            self.group.wait_ready(self.running[name], ready_url(self.config, name),
                                  self.config.ready_seconds[name],
                                  ready_headers(self.config, name))
            self.ready_seconds[name] = time.monotonic() - started[name]
        return {name: self.ready_seconds[name] for name in chosen}

    def stop(self, *names: str, grace_seconds: float = 20) -> None:
        """Stop the named servers (all when none is named): SIGTERM, then SIGKILL to what
        is left of each after ``grace_seconds``."""
        if not names:
            self.running.clear()
            self.group.stop(grace_seconds)
            return
        self.group.stop(grace_seconds, [self.running.pop(name) for name in names])

    def kill(self, name: str) -> None:
        """Stop one server at once, as a crash would (SIGKILL, no clean shutdown)."""
        self.group.kill(self.running.pop(name))

    def restart(self, name: str) -> float:
        """Stop one server and start it again; returns its seconds until ready."""
        self.stop(name)
        return self.start(name)[name]

    def wait_for_exit(self) -> Child:
        """Block until one server exits; return it."""
        return self.group.wait_for_exit()

    def pids(self) -> dict[str, int]:
        return {name: child.process.pid for name, child in dict(self.running).items()}

    def log(self, name: str) -> Path:
        return self.group.log_dir / f"{name}.log"

    def _prepare(self) -> None:
        """What the servers need on disk: the spaCy pipeline the model names (built when
        its sources changed) and the log folder."""
        if self._prepared:
            return
        rasa_project.ensure_spacy_pipeline()
        private_folder(self.config.log_dir)
        self._prepared = True


def private_folder(folder: Path) -> None:
    """``folder`` made (with its parents) or kept, readable by this user alone."""
    folder.mkdir(mode=0o700, parents=True, exist_ok=True)
    folder.chmod(0o700)
