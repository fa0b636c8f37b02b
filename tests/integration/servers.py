"""The three real processes, each of which a test can kill and start again on its own.

`kbs run` supervises them as one group and stops everything when one exits; a test of
restarts needs to stop one child while the others keep running, so it starts them here
through the same launcher (kbs.ops.launcher) on free ports, with its own databases.
"""

from __future__ import annotations

import subprocess
from pathlib import Path

from kbs.ops import rasa_project, settings
from kbs.ops.fingerprint import fingerprint, model_for
from kbs.ops.launcher import Launcher, ServerSettings
from kbs.store.database import upgrade
from tests.integration.conftest import PASSWORD, Chat


class Servers:
    def __init__(self, directory: Path):
        model = model_for(fingerprint(), settings.models_dir())
        assert model.exists(), "no model for the current data: run `kbs train` first"
        self.config = ServerSettings.scratch(directory, model)
        self.database = Path(self.config.database_url.removeprefix("sqlite:///"))
        upgrade(self.config.database_url)
        self.launcher = Launcher(self.config)
        # Scripted conversations send faster than a person (as in conftest.start_assistant);
        # the web app reads the limit when it starts, so this holds for every start.
        self.launcher.env["KBS_CHAT_PER_MINUTE"] = "0"
        self.env = self.launcher.env
        self.users: set[str] = set()

    @property
    def url(self) -> str:
        return self.config.web_url

    def session(self, username: str) -> Chat:
        """A practitioner signed in to the web app (the account is made on first use)."""
        if username not in self.users:
            subprocess.run([rasa_project.venv_bin("kbs"), "users", "add", username,
                            "--password-stdin"], env=self.env, input=PASSWORD + "\n",
                           text=True, check=True, capture_output=True)
            self.users.add(username)
        return Chat(self.url, username, PASSWORD)

    def start(self, name: str) -> None:
        self.launcher.start(name)

    def kill(self, name: str) -> None:
        """Stop one server at once, as a crash would (SIGKILL, no clean shutdown)."""
        self.launcher.kill(name)

    def stop(self) -> None:
        self.launcher.stop()
