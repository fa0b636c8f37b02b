"""A sliding-window rate limit kept in memory: at most ``limit`` events per ``window``
seconds for each key (the chat's messages per client). One process, any number of threads;
the clock is given, so tests move time instead of sleeping."""

from __future__ import annotations

import threading
import time
from collections import deque
from collections.abc import Callable


class SlidingWindow:
    def __init__(self, limit: int, window: float, clock: Callable[[], float] = time.monotonic):
        if limit < 1 or window <= 0:
            raise ValueError("a limit needs at least one event in a positive window")
        self.limit = limit
        self.window = window
        self.clock = clock
        self._events: dict[str, deque[float]] = {}
        self._lock = threading.Lock()

    def hit(self, key: str) -> float:
        """Count an event for ``key`` and return 0; or, when ``key`` is at its limit, count
        nothing and return the seconds until the next event would be allowed."""
        now = self.clock()
        with self._lock:
            events = self._events.setdefault(key, deque())
            while events and events[0] <= now - self.window:
                events.popleft()
            if len(events) >= self.limit:
                return events[0] + self.window - now
            events.append(now)
            self._forget_idle(now)
            return 0.0

    def _forget_idle(self, now: float) -> None:
        """Drop keys with no event in the window, so memory stays bounded by active keys."""
        if len(self._events) < 1024:
            return
        for key in [k for k, events in self._events.items()
                    if not events or events[-1] <= now - self.window]:
            del self._events[key]
