"""A pseudo-terminal pair standing in for a USB serial device, with an optional stable link.

`vanish()` closes both ends, so the device node disappears and an open reader gets an error, as
when a USB cable is pulled; `come_back()` opens a new pair and points the link at it again, as a
replugged device reappears under /dev/serial/by-id.
"""

from __future__ import annotations

import contextlib
import fcntl
import os
import select
import threading
import tty
from pathlib import Path


class PtyPort:
    def __init__(self, link: Path | None = None) -> None:
        self.link = link
        self._lock = threading.Lock()
        self._master: int | None = None
        self._slave: int | None = None
        self.device = ""

    @property
    def port(self) -> str:
        """The name a driver opens: the stable link when there is one."""
        return str(self.link) if self.link else self.device

    @property
    def present(self) -> bool:
        return self._master is not None

    def open(self) -> None:
        master, slave = os.openpty()
        # Raw from the start: a cooked slave would echo our own frames back before a driver opens.
        tty.setraw(slave)
        fcntl.fcntl(master, fcntl.F_SETFL, fcntl.fcntl(master, fcntl.F_GETFL) | os.O_NONBLOCK)
        with self._lock:
            self._master, self._slave = master, slave
            self.device = os.ttyname(slave)
        if self.link:
            tmp = self.link.with_name(self.link.name + ".tmp")
            with contextlib.suppress(FileNotFoundError):
                tmp.unlink()
            tmp.symlink_to(self.device)
            tmp.replace(self.link)

    def close(self) -> None:
        with self._lock:
            fds, self._master, self._slave = (self._master, self._slave), None, None
        if self.link:
            with contextlib.suppress(FileNotFoundError):
                self.link.unlink()
        for fd in fds:
            if fd is not None:
                with contextlib.suppress(OSError):
                    os.close(fd)

    def write(self, data: bytes) -> None:
        """Send to the host; dropped when nobody drains the line, as on a real wire."""
        with self._lock:
            if self._master is None:
                return
            with contextlib.suppress(BlockingIOError, OSError):
                os.write(self._master, data)

    def read(self, timeout_s: float) -> bytes:
        """What the host sent, waiting at most `timeout_s`; b"" when nothing or no port."""
        master = self._master
        if master is None:
            threading.Event().wait(timeout_s)
            return b""
        try:
            ready, _, _ = select.select([master], [], [], timeout_s)
            return os.read(master, 4096) if ready else b""
        except (OSError, ValueError):
            return b""
