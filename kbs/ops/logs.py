"""The servers' log files: appended to by every run, and rotated by size.

Each server's output (standard output and error) comes through a pipe to a thread of the
supervisor, which writes it to ``<name>.log``. When a write would take the file past its
size, the file is rotated first: ``web.log`` becomes ``web.log.1``, ``web.log.1`` becomes
``web.log.2``, and so on; the oldest beyond the number kept is deleted. A new run adds to
the file the last one left, after a line saying when and which process started, so every
run's logs stay until rotation takes them. The size and the number of files kept come from
kbs.ops.settings (KBS_LOG_MAX_MB, KBS_LOG_FILES_KEPT). A log is readable by its user alone
(0600, whatever the umask): it names practitioners and what they asked for.
"""

from __future__ import annotations

import contextlib
import os
import threading
from datetime import datetime
from pathlib import Path
from typing import BinaryIO

CHUNK = 64 * 1024
PRIVATE_FILE = 0o600


class RotatingLog:
    """A log file appended to and rotated when it would grow past ``max_bytes``, keeping
    ``kept`` older files (``name.log.1`` the newest of them)."""

    def __init__(self, path: Path, max_bytes: int, kept: int):
        if max_bytes < 1 or kept < 0:
            raise ValueError("a log needs max_bytes >= 1 and kept >= 0")
        self.path = path
        self.max_bytes = max_bytes
        self.kept = kept
        self._lock = threading.Lock()
        self._file: BinaryIO | None = None
        self._size = 0

    def write(self, data: bytes) -> None:
        """Append ``data``; the file is rotated at a line's end before it would pass its
        size (a single line longer than a whole file is split)."""
        with self._lock:
            if self._file is None:
                self._open()
            while data:
                room = max(0, self.max_bytes - self._size)
                if len(data) <= room:
                    self._put(data)
                    break
                cut = data.rfind(b"\n", 0, room) + 1  # 0: no line ends in the room left
                if cut == 0 and self._size == 0:
                    cut = room
                if cut:
                    self._put(data[:cut])
                    data = data[cut:]
                self._rotate()

    def mark(self, text: str) -> None:
        """A line of the supervisor's own (a run starting), with the time."""
        stamp = datetime.now().astimezone().isoformat(timespec="seconds")
        self.write(f"----- {stamp} {text} -----\n".encode())

    def close(self) -> None:
        with self._lock:
            if self._file is not None:
                self._file.close()
                self._file = None

    def files(self) -> list[Path]:
        """The log and its older files that exist, newest first."""
        names = [self.path, *(self._older(n) for n in range(1, self.kept + 1))]
        return [path for path in names if path.exists()]

    def _put(self, data: bytes) -> None:
        self._file.write(data)
        self._file.flush()
        self._size += len(data)

    def _open(self) -> None:
        self.path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
        # Append: the last run's lines stay. A log left readable by others is made private.
        fd = os.open(self.path, os.O_WRONLY | os.O_CREAT | os.O_APPEND, PRIVATE_FILE)
        os.fchmod(fd, PRIVATE_FILE)
        self._file = os.fdopen(fd, "ab")
        self._size = self._file.seek(0, os.SEEK_END)

    def _rotate(self) -> None:
        self._file.close()
        if self.kept == 0:
            self.path.unlink(missing_ok=True)
        else:
            self._older(self.kept).unlink(missing_ok=True)
            for n in range(self.kept - 1, 0, -1):
                if self._older(n).exists():
                    os.replace(self._older(n), self._older(n + 1))
            os.replace(self.path, self._older(1))
        self._open()

    def _older(self, n: int) -> Path:
        return self.path.with_name(f"{self.path.name}.{n}")


class LogPump:
    """A thread copying what a child writes to its pipe into its log, until the pipe ends."""

    def __init__(self, pipe: BinaryIO, log: RotatingLog):
        self.pipe = pipe
        self.log = log
        self.thread = threading.Thread(target=self._run, name=f"log {log.path.name}",
                                       daemon=True)
        self.thread.start()

    def _run(self) -> None:
        try:
            fd = self.pipe.fileno()
            while chunk := os.read(fd, CHUNK):
                self.log.write(chunk)
        except (OSError, ValueError):
            pass  # the pipe was closed under us: the child is gone
        finally:
            with contextlib.suppress(OSError):
                self.pipe.close()

    def finish(self, timeout: float = 5) -> None:
        """Wait for the rest of the child's output (the pipe ends when the child and
        everything it started have exited), then close the log."""
        self.thread.join(timeout)
        self.log.close()
