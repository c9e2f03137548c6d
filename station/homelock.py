"""One process per home: a second bench (or sync) on the same folder would claim, verify and
ship the same orders twice. The lock is the operating system's, on a file in the home, so it
goes away with the process however that ends; the file says who holds it."""

from __future__ import annotations

import datetime as dt
import os
import sys
from pathlib import Path
from typing import IO

from station.domain.messages import MessageError

LOCK_FILE = "station.lock"


class HomeBusyError(MessageError):
    """Another process works on this home; the message names it."""


def _try_lock(handle: IO[str]) -> bool:
    try:
        if sys.platform == "win32":  # pragma: no cover - Windows
            import msvcrt

            handle.seek(0)
            msvcrt.locking(handle.fileno(), msvcrt.LK_NBLCK, 1)
        else:
            import fcntl

            fcntl.flock(handle.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError:
        return False
    return True


class HomeLock:
    """Held from `acquire` until `release` (or the process ends)."""

    def __init__(self, home: Path) -> None:
        self.path = home / LOCK_FILE
        self._handle: IO[str] | None = None

    def acquire(self, command: str, now: dt.datetime | None = None) -> None:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o600)
        handle = open(fd, "a+", encoding="utf-8")  # noqa: SIM115 - held until release
        if not _try_lock(handle):
            handle.seek(0)
            holder = handle.read().strip()
            handle.close()
            if holder:
                raise HomeBusyError("home_busy", home=self.path.parent, holder=holder)
            raise HomeBusyError("home_busy_unknown", home=self.path.parent)
        since = (now or dt.datetime.now(dt.UTC)).astimezone().isoformat(timespec="seconds")
        # On Windows the locked first byte stays unwritable by others, not by us.
        handle.seek(0)
        handle.truncate()
        handle.write(f"pid {os.getpid()}, {command}, since {since}\n")
        handle.flush()
        self._handle = handle

    def release(self) -> None:
        if self._handle is not None:
            self._handle.close()  # closing the file drops the lock
            self._handle = None


def command_line(argv: list[str] | None = None) -> str:
    words = sys.argv if argv is None else argv
    return "station " + " ".join(words[1:]) if words else "station"
