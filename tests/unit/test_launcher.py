"""The one launcher of the three servers: their environment, commands and ready addresses,
and starting, killing, restarting and stopping each (with stand-in servers here; the real
ones are started by tests/integration)."""

from __future__ import annotations

import os
import stat
import subprocess
import sys
from pathlib import Path

import psutil
import pytest
from sqlalchemy.pool import QueuePool

from kbs.ops import launcher, rasa_project, settings
from kbs.ops.launcher import SERVERS, Launcher, ServerSettings
from kbs.ops.ports import free_port
from kbs.paths import BOT_DIR

MODEL = Path("/models/kbs-0123.tar.gz")


@pytest.fixture
def clean_environment(monkeypatch):
    for variable in ("KBS_FLASK_PORT", "KBS_RASA_PORT", "KBS_ACTION_PORT", "KBS_FLASK_HOST",
                     "KBS_RASA_TOKEN", "KBS_ACTION_TOKEN", "KBS_DATABASE_URL", "KBS_TRACKER_DB",
                     "KBS_ENDPOINTS",
                     "KBS_WEB_THREADS", "KBS_SECRET_KEY", "KBS_LOG_DIR", "KBS_LOG_MAX_MB",
                     "KBS_LOG_FILES_KEPT"):
        monkeypatch.delenv(variable, raising=False)


def test_scratch_settings_keep_everything_in_their_folder(tmp_path, clean_environment):
    config = ServerSettings.scratch(tmp_path, MODEL)
    assert config.database_url == f"sqlite:///{tmp_path / 'kbs.db'}"
    assert config.tracker_db == str(tmp_path / "tracker.db")
    assert config.log_dir == tmp_path / "log"
    assert len({config.ports.flask, config.ports.rasa, config.ports.action}) == 3
    assert config.token != ServerSettings.scratch(tmp_path, MODEL).token
    assert config.action_token != ServerSettings.scratch(tmp_path, MODEL).action_token
    assert config.action_token != config.token
    assert config.web_threads == settings.DEFAULT_WEB_THREADS
    assert config.endpoints == BOT_DIR / "endpoints.yml"
    assert config.web_host == "127.0.0.1"
    assert (config.log_max_bytes, config.log_files_kept) == (10 * 1024 * 1024, 5)
    assert ServerSettings.scratch(tmp_path, MODEL, web_threads=3).web_threads == 3


def test_kbs_run_takes_each_setting_from_the_environment(monkeypatch, tmp_path):
    for variable, value in {"KBS_FLASK_PORT": "5100", "KBS_RASA_PORT": "5105",
                            "KBS_ACTION_PORT": "5155", "KBS_FLASK_HOST": "0.0.0.0",
                            "KBS_RASA_TOKEN": "t0ken", "KBS_ACTION_TOKEN": "4ct10n",
                            "KBS_SECRET_KEY": "k3y",
                            "KBS_DATABASE_URL": "postgresql://kbs@db/kbs",
                            "KBS_TRACKER_DB": str(tmp_path / "t.db"),
                            "KBS_ENDPOINTS": str(tmp_path / "e.yml"),
                            "KBS_WEB_THREADS": "5", "KBS_LOG_DIR": str(tmp_path / "logs"),
                            "KBS_LOG_MAX_MB": "2", "KBS_LOG_FILES_KEPT": "3"}.items():
        monkeypatch.setenv(variable, value)
    config = ServerSettings.from_environment(MODEL)
    assert config == ServerSettings(
        model=MODEL, ports=settings.Ports(flask=5100, rasa=5105, action=5155), token="t0ken",
        action_token="4ct10n", secret_key="k3y", database_url="postgresql://kbs@db/kbs",
        tracker_db=str(tmp_path / "t.db"), log_dir=tmp_path / "logs", web_threads=5,
        log_max_bytes=2 * 1024 * 1024, log_files_kept=3, endpoints=tmp_path / "e.yml",
        web_host="0.0.0.0")


def test_the_servers_environment_carries_every_setting(tmp_path, monkeypatch):
    monkeypatch.setenv("SOMETHING_ELSE", "kept")
    config = ServerSettings.scratch(tmp_path, MODEL, web_threads=6)
    env = launcher.environment(config)
    assert env["SOMETHING_ELSE"] == "kept"
    assert env["RASA_TELEMETRY_ENABLED"] == "false"
    assert {key: env[key] for key in (
        "KBS_ACTION_PORT", "KBS_TRACKER_DB", "KBS_RASA_URL", "KBS_RASA_TOKEN",
        "KBS_ACTION_TOKEN", "KBS_SECRET_KEY", "KBS_DATABASE_URL", "KBS_WEB_THREADS",
        "SANIC_HOST")} == {
        "KBS_ACTION_PORT": str(config.ports.action), "KBS_TRACKER_DB": config.tracker_db,
        "KBS_RASA_URL": f"http://127.0.0.1:{config.ports.rasa}",
        "KBS_RASA_TOKEN": config.token, "KBS_ACTION_TOKEN": config.action_token,
        "KBS_SECRET_KEY": config.secret_key,
        "KBS_DATABASE_URL": config.database_url, "KBS_WEB_THREADS": "6",
        "SANIC_HOST": "127.0.0.1"}


def test_each_server_has_only_the_secrets_it_needs(tmp_path, monkeypatch):
    monkeypatch.setenv("KBS_RASA_TOKEN", "from the shell")
    config = ServerSettings.scratch(tmp_path, MODEL)
    secrets = ("KBS_RASA_TOKEN", "KBS_ACTION_TOKEN", "KBS_SECRET_KEY")

    def held(name):
        return {key for key in secrets if key in launcher.server_environment(config, name)}

    assert held("web") == {"KBS_RASA_TOKEN", "KBS_SECRET_KEY"}
    assert held("rasa") == {"KBS_RASA_TOKEN", "KBS_ACTION_TOKEN"}
    assert held("action-server") == {"KBS_ACTION_TOKEN"}
    assert launcher.server_environment(config, "web")["KBS_RASA_TOKEN"] == config.token


def test_a_change_to_a_launchers_env_reaches_every_server_it_starts(tmp_path, monkeypatch):
    """The integration tests and the bench turn the chat's limit off through ``env``."""
    started = {}
    monkeypatch.setattr(launcher.ProcessGroup, "start",
                        lambda self, name, command, env, cwd, umask: started.setdefault(
                            name, env))
    monkeypatch.setattr(launcher.ProcessGroup, "wait_ready", lambda *args: None)
    running = launcher.Launcher(ServerSettings.scratch(tmp_path, MODEL))
    monkeypatch.setattr(running, "_prepare", lambda: None)
    running.env["KBS_CHAT_PER_MINUTE"] = "0"
    running.start()
    assert {name: env.get("KBS_CHAT_PER_MINUTE") for name, env in started.items()} == {
        "action-server": "0", "rasa": "0", "web": "0"}
    assert "KBS_SECRET_KEY" not in started["action-server"]  # still only what each needs


def test_each_server_has_its_command_and_ready_address(tmp_path):
    config = ServerSettings.scratch(tmp_path, MODEL, web_threads=6, web_host="0.0.0.0",
                                    endpoints=tmp_path / "endpoints.yml")
    ports = config.ports
    assert launcher.command(config, "action-server") == \
        rasa_project.action_server_command(ports.action)
    assert launcher.command(config, "rasa") == rasa_project.server_command(
        MODEL, ports.rasa, tmp_path / "endpoints.yml")
    assert not any(config.token in argument or config.action_token in argument
                   for name in SERVERS for argument in launcher.command(config, name))
    web = launcher.command(config, "web")
    assert web[0] == rasa_project.venv_bin("waitress-serve")
    assert web[1:] == ["--host=0.0.0.0", f"--port={ports.flask}", "--threads=6", "--call",
                       "web_widget:create_app"]
    assert launcher.ready_url(config, "action-server") == \
        f"http://127.0.0.1:{ports.action}/health"
    # Rasa's token goes in a header, never in the URL.
    assert launcher.ready_url(config, "rasa") == f"http://127.0.0.1:{ports.rasa}/status"
    assert launcher.ready_headers(config, "rasa") == {"X-KBS-Rasa-Token": config.token}
    assert launcher.ready_headers(config, "web") == {}
    assert launcher.ready_url(config, "web") == f"http://127.0.0.1:{ports.flask}/healthz"
    with pytest.raises(ValueError, match="no server called 'nginx'"):
        launcher.command(config, "nginx")


def test_the_web_threads_setting_sizes_the_pool_the_web_app_opens(tmp_path, monkeypatch):
    """The web app reads KBS_WEB_THREADS from the environment the launcher gives it, the
    same number waitress is started with: one setting, no hand coupling."""
    from kbs.store.database import engine_for

    config = ServerSettings.scratch(tmp_path, MODEL, web_threads=5)
    env = launcher.environment(config)
    assert "--threads=5" in launcher.command(config, "web")
    monkeypatch.setenv("KBS_WEB_THREADS", env["KBS_WEB_THREADS"])
    engine = engine_for(f"sqlite:///{tmp_path / 'pool.db'}")
    assert isinstance(engine.pool, QueuePool) and engine.pool.size() == 5
    engine.dispose()


def test_a_bad_web_threads_setting_names_the_variable(monkeypatch):
    for value in ("abc", "0", "65"):
        monkeypatch.setenv("KBS_WEB_THREADS", value)
        with pytest.raises(settings.SettingsError, match="KBS_WEB_THREADS"):
            settings.web_threads()


def test_kbs_run_with_a_bad_web_threads_setting_says_so_in_one_line(kbs):
    result = subprocess.run(
        [kbs, "run"], capture_output=True, text=True, timeout=60,
        env={**os.environ, "KBS_WEB_THREADS": "many", "KBS_FLASK_PORT": str(free_port()),
             "KBS_RASA_PORT": str(free_port()), "KBS_ACTION_PORT": str(free_port())})
    assert result.returncode != 0 and "Traceback" not in result.stderr
    assert result.stderr.strip() == ("Error: KBS_WEB_THREADS='many' is not a number of "
                                     "threads (1-64)")


# Stand-ins: Python's own HTTP server on each server's port, ready when "/" answers.
def _stand_in(config, name):
    return [sys.executable, "-m", "http.server", str(_port(config, name)), "--bind",
            "127.0.0.1", "--directory", str(config.log_dir)]


def _port(config, name):
    return {"action-server": config.ports.action, "rasa": config.ports.rasa,
            "web": config.ports.flask}[name]


@pytest.fixture
def stand_ins(monkeypatch, tmp_path):
    monkeypatch.setattr(launcher, "command", _stand_in)
    monkeypatch.setattr(launcher, "ready_url",
                        lambda config, name: f"http://127.0.0.1:{_port(config, name)}/")
    monkeypatch.setattr(rasa_project, "ensure_spacy_pipeline", lambda: False)
    servers = Launcher(ServerSettings.scratch(tmp_path, MODEL))
    yield servers
    servers.stop(grace_seconds=5)


def test_the_launcher_starts_kills_restarts_and_stops_each_server(stand_ins):
    servers = stand_ins
    seconds = servers.start()
    assert set(seconds) == set(SERVERS) and all(s > 0 for s in seconds.values())
    first = servers.pids()
    assert set(first) == set(SERVERS)

    servers.kill("rasa")
    assert not _alive([first["rasa"]])
    assert set(servers.pids()) == {"action-server", "web"}
    assert psutil.pid_exists(first["web"]) and psutil.pid_exists(first["action-server"])

    servers.start("rasa")
    servers.restart("web")
    now = servers.pids()
    assert now["action-server"] == first["action-server"]
    assert now["rasa"] != first["rasa"] and now["web"] != first["web"]
    assert servers.log("web").exists()

    servers.stop("web", grace_seconds=5)
    assert set(servers.pids()) == {"action-server", "rasa"} and not _alive([now["web"]])
    servers.stop(grace_seconds=5)
    assert servers.pids() == {} and not _alive(list(now.values()))


def test_the_logs_and_their_folder_are_private_whatever_the_umask(stand_ins):
    """Issue 19: var/ and its logs were readable by every user of the machine."""
    old = os.umask(0o022)
    try:
        stand_ins.start("web")
    finally:
        os.umask(old)
    assert stat.S_IMODE(stand_ins.config.log_dir.stat().st_mode) == 0o700
    assert stat.S_IMODE(stand_ins.log("web").stat().st_mode) == 0o600


def test_the_servers_start_with_a_private_umask(stand_ins, monkeypatch):
    """What the servers write (databases, the tracker store) is readable by their user
    alone: each starts with the umask 077."""
    started = []
    original = stand_ins.group.start

    def start(name, argv, env, cwd, umask=-1):
        started.append(umask)
        return original(name, argv, env, cwd, umask=umask)

    monkeypatch.setattr(stand_ins.group, "start", start)
    stand_ins.start()
    assert started == [0o077] * 3
    pid = stand_ins.pids()["web"]
    status = Path(f"/proc/{pid}/status").read_text()
    assert "Umask:\t0077" in status


def test_a_server_cannot_be_started_twice(stand_ins):
    stand_ins.start("web")
    with pytest.raises(RuntimeError, match="web is already running"):
        stand_ins.start("web")
    with pytest.raises(ValueError, match="no server called nginx"):
        stand_ins.start("nginx")


def _alive(pids, timeout=5):
    processes = [psutil.Process(pid) for pid in pids if psutil.pid_exists(pid)]
    _, alive = psutil.wait_procs(processes, timeout=timeout)
    return [p.pid for p in alive if p.status() != psutil.STATUS_ZOMBIE]
