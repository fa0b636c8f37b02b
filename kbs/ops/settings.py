"""Settings that come from the environment, with the embedded defaults (SQLite, local ports).

The one place where the code reads a ``KBS_*`` variable (``kbs.paths`` alone reads
``KBS_PROJECT_DIR``, which the defaults below are built from). Every variable is documented
in README.md, "Configuration".
"""

from __future__ import annotations

import os
import re
import secrets
from dataclasses import dataclass
from pathlib import Path

from kbs.paths import BOT_DIR, CATALOGUES_DIR, MODELS_DIR, VAR_DIR


class SettingsError(ValueError):
    """A setting with a value that cannot be used; the message names the variable."""


@dataclass(frozen=True)
class Ports:
    flask: int
    rasa: int
    action: int


PORT_VARIABLES = {"flask": "KBS_FLASK_PORT", "rasa": "KBS_RASA_PORT", "action": "KBS_ACTION_PORT"}
DEFAULT_PORTS = {"flask": 5000, "rasa": 5005, "action": 5055}
ROUTES_VARIABLE = "KBS_ROUTES_FILE"
DEFAULT_ROUTES_FILE = CATALOGUES_DIR / "routes" / "derby-derbyshire.yml"
WEB_THREADS_VARIABLE = "KBS_WEB_THREADS"
DEFAULT_WEB_THREADS = 8
MOST_WEB_THREADS = 64
LOG_MAX_MB_VARIABLE = "KBS_LOG_MAX_MB"
DEFAULT_LOG_MAX_MB = 10
LOG_FILES_KEPT_VARIABLE = "KBS_LOG_FILES_KEPT"
DEFAULT_LOG_FILES_KEPT = 5
TRUE = ("1", "true", "yes", "on")
FALSE = ("", "0", "false", "no", "off")


def _text(variable: str, default: str = "") -> str:
    return os.environ.get(variable, default)


def _whole_number(variable: str, default: int, lowest: int, highest: int, what: str) -> int:
    raw = _text(variable).strip()
    if not raw:
        return default
    if not raw.isdigit() or not lowest <= int(raw) <= highest:
        raise SettingsError(f"{variable}={raw!r} is not {what} ({lowest}-{highest})")
    return int(raw)


def _flag(variable: str) -> bool:
    raw = _text(variable).strip().lower()
    if raw not in TRUE + FALSE:
        raise SettingsError(f"{variable}={raw!r} is not a yes/no value (1 or 0, true or false)")
    return raw in TRUE


def ports() -> Ports:
    return Ports(**{name: _whole_number(PORT_VARIABLES[name], default, 1, 65535, "a port number")
                    for name, default in DEFAULT_PORTS.items()})


def flask_host() -> str:
    return _text("KBS_FLASK_HOST", "127.0.0.1")


def web_threads() -> int:
    """Threads of the web app: the launcher serves it with this many, and the project
    database keeps as many connections open in each process (one per thread at most)."""
    return _whole_number(WEB_THREADS_VARIABLE, DEFAULT_WEB_THREADS, 1, MOST_WEB_THREADS,
                         "a number of threads")


def log_dir() -> Path:
    """Where the three servers' logs go (``action-server.log``, ``rasa.log``, ``web.log``)."""
    return Path(_text("KBS_LOG_DIR").strip() or VAR_DIR / "log")


def log_max_bytes() -> int:
    """The size (KBS_LOG_MAX_MB, in megabytes) at which a server's log is rotated."""
    return _whole_number(LOG_MAX_MB_VARIABLE, DEFAULT_LOG_MAX_MB, 1, 10_000,
                         "a size in megabytes") * 1024 * 1024


def log_files_kept() -> int:
    """How many rotated files of each log are kept (``web.log.1`` ... ``web.log.N``)."""
    return _whole_number(LOG_FILES_KEPT_VARIABLE, DEFAULT_LOG_FILES_KEPT, 0, 1000,
                         "a number of files")


def endpoints_file() -> Path:
    return Path(_text("KBS_ENDPOINTS") or BOT_DIR / "endpoints.yml")


def endpoints_value(text: str) -> str:
    """A value of the endpoints file with its ``${VARIABLES}`` filled from the environment,
    as Rasa fills them when `kbs run` starts it (KBS_TRACKER_DB by its default)."""
    defaults = {"KBS_TRACKER_DB": tracker_db()}
    return re.sub(r"\$\{(\w+)\}",
                  lambda m: _text(m.group(1), defaults.get(m.group(1), "")), text)


def models_dir() -> Path:
    return Path(_text("KBS_MODELS_DIR") or MODELS_DIR)


def tracker_db() -> str:
    return _text("KBS_TRACKER_DB") or str(VAR_DIR / "rasa-tracker.db")


def database_url() -> str:
    """The project's database (SQLAlchemy URL): KBS_DATABASE_URL, else var/kbs.db."""
    return _text("KBS_DATABASE_URL") or f"sqlite:///{VAR_DIR / 'kbs.db'}"


def routes_file() -> Path:
    """The routes file in use: KBS_ROUTES_FILE if set, else Derby and Derbyshire's."""
    chosen = _text(ROUTES_VARIABLE).strip()
    return Path(chosen) if chosen else DEFAULT_ROUTES_FILE


def retention_file() -> Path:
    """The retention policy in use: KBS_RETENTION_FILE if set, else the defaults."""
    chosen = _text("KBS_RETENTION_FILE").strip()
    return Path(chosen) if chosen else CATALOGUES_DIR / "retention.yml"


def rasa_url() -> str:
    """Where the web app reaches Rasa's HTTP API (`kbs run` sets it from KBS_RASA_PORT)."""
    return _text("KBS_RASA_URL", "http://127.0.0.1:5005")


def action_url() -> str:
    """Where the web app's readiness check (/readyz) reaches the action server:
    KBS_ACTION_URL, else 127.0.0.1 on KBS_ACTION_PORT (which `kbs run` sets)."""
    return _text("KBS_ACTION_URL").strip().rstrip("/") or f"http://127.0.0.1:{ports().action}"


def rasa_token() -> str:
    """The web app's token for the Rasa server (its channel and its HTTP API, sent in a
    header, kbs.ops.server_auth), or "" when none is set."""
    return _text("KBS_RASA_TOKEN")


def rasa_token_or_new() -> str:
    """The token `kbs run` gives Rasa and the web app: from the environment, or new for
    each run (then it lives only in the two servers' environment)."""
    return rasa_token() or secrets.token_urlsafe(32)


def action_token() -> str:
    """Rasa's token for the action server (sent in a header, kbs.ops.server_auth), or ""
    when none is set."""
    return _text("KBS_ACTION_TOKEN")


def action_token_or_new() -> str:
    """The token `kbs run` gives Rasa and the action server: from the environment, or new
    for each run."""
    return action_token() or secrets.token_urlsafe(32)


def secure_cookies() -> bool | None:
    """KBS_SECURE_COOKIES: 1, cookies go over https only and HSTS is sent, whoever asks; 0,
    never (plain http on a network, not advised); unset (None), both on except for a
    request over http to a loopback address (`make run` and the tests on 127.0.0.1)."""
    if not _text("KBS_SECURE_COOKIES").strip():
        return None
    return _flag("KBS_SECURE_COOKIES")


def trusted_proxies() -> int:
    """KBS_TRUSTED_PROXIES: how many proxies (TLS in front) set X-Forwarded-For, -Proto,
    -Host and -Port before a request reaches the web app; 0, the headers are ignored."""
    return _whole_number("KBS_TRUSTED_PROXIES", 0, 0, 10, "a number of proxies")


def idle_minutes() -> int:
    """KBS_IDLE_MINUTES: a session unused this long ends (default 30)."""
    return _whole_number("KBS_IDLE_MINUTES", 30, 1, 24 * 60, "a number of minutes")


def session_hours() -> int:
    """KBS_SESSION_HOURS: a session ends this long after sign-in, used or not (default 8)."""
    return _whole_number("KBS_SESSION_HOURS", 8, 1, 24, "a number of hours")


def chat_per_minute() -> int:
    """KBS_CHAT_PER_MINUTE: messages one client may send to /api/chat in a minute (default
    30; 0 for no limit, as the bench and the integration tests set)."""
    return _whole_number("KBS_CHAT_PER_MINUTE", 30, 0, 100_000, "a number of messages")


def frame_ancestors() -> list[str]:
    """Origins of other sites' pages that may show the widget in a frame."""
    return _text("KBS_FRAME_ANCESTORS").split()


def rasa_stock() -> bool:
    """KBS_RASA_STOCK=1: the Rasa server runs without kbs.ops.rasa_server's fixes."""
    return _text("KBS_RASA_STOCK") == "1"


def practitioner() -> str | None:
    """Whose saved profiles `kbs profile` reads when --owner is not given."""
    return _text("KBS_PRACTITIONER") or None


def flask_secret_key() -> str:
    """From the environment, or a key made once for this checkout (git-ignored var/)."""
    key = _text("KBS_SECRET_KEY")
    if key:
        return key
    path = VAR_DIR / "flask-secret-key"
    if not path.exists():
        VAR_DIR.mkdir(mode=0o700, parents=True, exist_ok=True)
        path.touch(mode=0o600)
        path.write_text(secrets.token_urlsafe(48), encoding="utf-8")
    return path.read_text(encoding="utf-8").strip()
