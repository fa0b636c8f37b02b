"""Every setting from the environment is read in kbs/ops/settings.py, with its default."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from kbs.ops import settings
from kbs.paths import PACKAGE_DIR, VAR_DIR

ROOT = PACKAGE_DIR.parent
# Reading the environment: os.environ.get / os.environ[...] / os.getenv / click's envvar=.
ENVIRONMENT_READ = re.compile(r"os\.environ\.get\(|os\.environ\[|getenv\(|envvar=")
# kbs/paths.py finds the project by KBS_PROJECT_DIR; settings builds its defaults on it.
READERS = {PACKAGE_DIR / "ops" / "settings.py", PACKAGE_DIR / "paths.py"}


def test_only_the_settings_module_reads_the_environment():
    sources = [*PACKAGE_DIR.rglob("*.py"), *(ROOT / "web_widget").rglob("*.py")]
    readers = {path.relative_to(ROOT).as_posix() for path in sources
               if path not in READERS and ENVIRONMENT_READ.search(path.read_text("utf-8"))}
    assert readers == set()


@pytest.fixture
def environment(monkeypatch):
    for variable in ("KBS_DATABASE_URL", "KBS_ROUTES_FILE", "KBS_RASA_URL", "KBS_RASA_TOKEN",
                     "KBS_FRAME_ANCESTORS", "KBS_SECURE_COOKIES", "KBS_RASA_STOCK",
                     "KBS_PRACTITIONER", "KBS_WEB_THREADS", "KBS_LOG_DIR", "KBS_LOG_MAX_MB",
                     "KBS_LOG_FILES_KEPT", "KBS_ACTION_URL", "KBS_TRUSTED_PROXIES",
                     "KBS_IDLE_MINUTES", "KBS_SESSION_HOURS", "KBS_CHAT_PER_MINUTE"):
        monkeypatch.delenv(variable, raising=False)
    return monkeypatch


def test_the_defaults(environment):
    assert settings.database_url() == f"sqlite:///{VAR_DIR / 'kbs.db'}"
    assert settings.routes_file() == settings.DEFAULT_ROUTES_FILE
    assert settings.DEFAULT_ROUTES_FILE.is_file()
    assert settings.rasa_url() == "http://127.0.0.1:5005"
    assert settings.rasa_token() == ""
    assert settings.frame_ancestors() == []
    assert settings.secure_cookies() is None  # secure except on loopback (web_widget.security)
    assert settings.trusted_proxies() == 0
    assert settings.idle_minutes() == 30
    assert settings.session_hours() == 8
    assert settings.chat_per_minute() == 30
    assert settings.rasa_stock() is False
    assert settings.practitioner() is None
    assert settings.web_threads() == 8
    assert settings.log_dir() == VAR_DIR / "log"
    assert settings.log_max_bytes() == 10 * 1024 * 1024
    assert settings.log_files_kept() == 5


def test_each_variable(environment, tmp_path):
    values = {"KBS_DATABASE_URL": "postgresql://kbs@db/kbs",
              "KBS_ROUTES_FILE": f" {tmp_path / 'routes.yml'} ",
              "KBS_RASA_URL": "http://127.0.0.1:6005", "KBS_RASA_TOKEN": "t0ken",
              "KBS_FRAME_ANCESTORS": "https://a.example.org  https://b.example.org",
              "KBS_SECURE_COOKIES": "yes", "KBS_RASA_STOCK": "1",
              "KBS_PRACTITIONER": "hv.one", "KBS_WEB_THREADS": "12",
              "KBS_LOG_DIR": str(tmp_path / "logs"), "KBS_LOG_MAX_MB": "3",
              "KBS_LOG_FILES_KEPT": "0", "KBS_TRUSTED_PROXIES": "2", "KBS_IDLE_MINUTES": "15",
              "KBS_SESSION_HOURS": "10", "KBS_CHAT_PER_MINUTE": "0"}
    for variable, value in values.items():
        environment.setenv(variable, value)
    assert settings.database_url() == "postgresql://kbs@db/kbs"
    assert settings.routes_file() == Path(tmp_path / "routes.yml")
    assert settings.rasa_url() == "http://127.0.0.1:6005"
    assert settings.rasa_token() == settings.rasa_token_or_new() == "t0ken"
    assert settings.frame_ancestors() == ["https://a.example.org", "https://b.example.org"]
    assert settings.secure_cookies() is True
    assert settings.rasa_stock() is True
    assert settings.practitioner() == "hv.one"
    assert settings.web_threads() == 12
    assert settings.log_dir() == tmp_path / "logs"
    assert settings.log_max_bytes() == 3 * 1024 * 1024
    assert settings.log_files_kept() == 0
    assert settings.trusted_proxies() == 2
    assert settings.idle_minutes() == 15
    assert settings.session_hours() == 10
    assert settings.chat_per_minute() == 0


def test_a_new_rasa_token_for_each_run_when_none_is_set(environment):
    assert settings.rasa_token_or_new() != settings.rasa_token_or_new()


def test_only_1_runs_rasa_unchanged(environment):
    environment.setenv("KBS_RASA_STOCK", "yes")
    assert settings.rasa_stock() is False


@pytest.mark.parametrize("variable,value,message", [
    ("KBS_SECURE_COOKIES", "maybe", "is not a yes/no value"),
    ("KBS_WEB_THREADS", "0", "is not a number of threads (1-64)"),
    ("KBS_RASA_PORT", "70000", "is not a port number (1-65535)"),
    ("KBS_LOG_MAX_MB", "0", "is not a size in megabytes (1-10000)"),
    ("KBS_LOG_FILES_KEPT", "many", "is not a number of files (0-1000)"),
    ("KBS_TRUSTED_PROXIES", "-1", "is not a number of proxies (0-10)"),
    ("KBS_IDLE_MINUTES", "0", "is not a number of minutes (1-1440)"),
    ("KBS_SESSION_HOURS", "48", "is not a number of hours (1-24)"),
])
def test_an_unusable_value_names_its_variable(environment, variable, value, message):
    environment.setenv(variable, value)
    read = {"KBS_SECURE_COOKIES": settings.secure_cookies, "KBS_WEB_THREADS":
            settings.web_threads, "KBS_RASA_PORT": settings.ports,
            "KBS_LOG_MAX_MB": settings.log_max_bytes,
            "KBS_LOG_FILES_KEPT": settings.log_files_kept,
            "KBS_TRUSTED_PROXIES": settings.trusted_proxies,
            "KBS_IDLE_MINUTES": settings.idle_minutes,
            "KBS_SESSION_HOURS": settings.session_hours}[variable]
    with pytest.raises(settings.SettingsError, match=re.escape(f"{variable}={value!r} {message}")):
        read()
