"""`kbs run` applies the retention policy when it starts and every 24 hours after, in a
thread beside the servers it supervises (kbs.retention; `kbs retention run` does the same
once). A run that fails is reported and tried again at the next; it never stops the
assistant."""

from __future__ import annotations

import threading
from collections.abc import Callable

from kbs.identity import os_user

EVERY_SECONDS = 24 * 60 * 60


class DailyRetention:
    def __init__(self, say: Callable[[str], None], every_seconds: float = EVERY_SECONDS):
        self.say = say
        self.every_seconds = every_seconds
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._loop, name="kbs-retention", daemon=True)

    def start(self) -> None:
        self._thread.start()

    def stop(self, wait_seconds: float = 30) -> None:
        self._stop.set()
        if self._thread.is_alive():
            self._thread.join(wait_seconds)

    def _loop(self) -> None:
        while not self._stop.is_set():
            self.run_once()
            self._stop.wait(self.every_seconds)

    def run_once(self) -> None:
        from kbs.retention import apply_retention, load_policy, summary
        from kbs.store.database import get_engine
        from kbs.store.tracker import tracker_engine

        user = os_user()
        try:
            policy = load_policy()
            items = apply_retention(policy, get_engine(), tracker_engine(),
                                    actor=f"cli:{user}", dry_run=False,
                                    command=f"kbs run (daily retention, os user {user})")
        except Exception as err:  # noqa: BLE001 - reported; the assistant keeps running
            self.say(f"kbs: retention could not run ({type(err).__name__}: {err}); it is "
                     "tried again in 24 hours, or run `kbs retention run`")
            return
        self.say(f"Retention ({policy.source.name}): deleted {summary(items)}")
