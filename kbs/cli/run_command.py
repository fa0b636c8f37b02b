"""`kbs run`: the action server, the Rasa server and the Flask app as one supervised group."""

from __future__ import annotations

import os
import signal
import sys

import click

from kbs.cli.database import upgraded_database
from kbs.ops import settings
from kbs.ops.daily_retention import DailyRetention
from kbs.ops.fingerprint import fingerprint, model_for, trained_models
from kbs.ops.launcher import PRIVATE_UMASK, Launcher, ServerSettings, private_folder
from kbs.ops.ports import port_is_free
from kbs.ops.process_group import StartupError
from kbs.paths import VAR_DIR


class Interrupted(Exception):
    pass


def _raise_interrupted(signum, frame):
    raise Interrupted


def _check_ports(ports: settings.Ports, flask_host: str) -> None:
    wanted = [("flask", ports.flask, flask_host), ("rasa", ports.rasa, "127.0.0.1"),
              ("action", ports.action, "127.0.0.1")]
    for name, port, host in wanted:
        if not port_is_free(port, host):
            variable = settings.PORT_VARIABLES[name]
            raise click.ClickException(
                f"port {port} is already in use; stop what is using it or set {variable}")


def _choose_model():
    model = model_for(fingerprint(), settings.models_dir())
    if model.exists():
        return model
    models = trained_models(settings.models_dir())
    if not models:
        raise click.ClickException("no trained model; run `kbs train` first (or `make run`)")
    click.echo(f"Note: the data changed since {models[0].name} was trained; "
               "`kbs train` makes a current one.", err=True)
    return models[0]


@click.command()
def run() -> None:
    """Start the assistant: action server, Rasa server and web app, until Ctrl-C.

    Ports come from KBS_FLASK_PORT (5000), KBS_RASA_PORT (5005) and KBS_ACTION_PORT
    (5055). Logs go to KBS_LOG_DIR (var/log/): action-server.log, rasa.log and web.log,
    appended to by every run and rotated at KBS_LOG_MAX_MB (10) megabytes, keeping
    KBS_LOG_FILES_KEPT (5) older files of each. The Rasa server and the action server
    listen on 127.0.0.1 only and take calls only with the tokens in KBS_RASA_TOKEN and
    KBS_ACTION_TOKEN (new ones each run when unset). Everything under var/ is readable by
    this user alone. `kbs status`
    says whether the running assistant is ready. The retention policy (`kbs retention
    run`) is applied at start and every 24 hours.
    """
    os.umask(PRIVATE_UMASK)
    if VAR_DIR.is_dir():
        private_folder(VAR_DIR)  # made before files were private, perhaps
    try:
        ports = settings.ports()
        web_threads = settings.web_threads()
        settings.log_max_bytes()
        settings.log_files_kept()
    except settings.SettingsError as err:
        raise click.ClickException(str(err)) from err
    flask_host = settings.flask_host()
    _check_ports(ports, flask_host)
    model = _choose_model()
    _upgrade_database()
    config = ServerSettings.from_environment(model)
    click.echo(f"Logs: {config.log_dir.resolve()}/ (action-server.log, rasa.log, web.log; "
               f"appended, rotated at {config.log_max_bytes // (1024 * 1024)} MB, "
               f"{config.log_files_kept} older files kept)")
    servers = Launcher(config)
    retention = DailyRetention(lambda line: click.echo(line, err=line.startswith("kbs:")))
    signal.signal(signal.SIGINT, _raise_interrupted)
    signal.signal(signal.SIGTERM, _raise_interrupted)
    try:
        click.echo(f"Starting the action server on {ports.action}, Rasa on {ports.rasa} "
                   f"({model.name}) and the web app on {ports.flask} ({web_threads} threads)...")
        servers.start()
        retention.start()  # now, and every 24 hours (KBS_RETENTION_FILE's periods)
        click.echo(f"The Keeping Babies Safe assistant is ready: open "
                   f"http://{flask_host}:{ports.flask}/  (Ctrl-C stops it; logs in "
                   f"{config.log_dir.resolve()}/)")
        ended = servers.wait_for_exit()
        click.echo(f"kbs: {ended.name} stopped unexpectedly (exit {ended.process.returncode}); "
                   f"see {ended.log}", err=True)
        code = 1
    except StartupError as err:
        click.echo(f"kbs: {err}", err=True)
        code = 1
    except Interrupted:
        click.echo("Stopping...")
        code = 0
    finally:
        signal.signal(signal.SIGINT, signal.SIG_IGN)
        signal.signal(signal.SIGTERM, signal.SIG_IGN)
        retention.stop()
        servers.stop()
    click.echo("Stopped." if code == 0 else "kbs: the assistant was stopped.", err=code != 0)
    sys.exit(code)


def _upgrade_database() -> None:
    from kbs.store.users import count_users

    engine = upgraded_database()
    click.echo(f"Database ready: {settings.database_url().split('@')[-1]}")
    if count_users(engine) == 0:
        click.echo("No practitioner account yet: to sign in, create one in another terminal "
                   "with `.venv/bin/kbs users add USERNAME`.")

