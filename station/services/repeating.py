"""A job run every few seconds on a thread of its own, for a front end without an event loop
(the console bench): its heartbeat, its watch for a lead's commands."""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable

log = logging.getLogger(__name__)


class Repeating:
    """`job` after `first_after_s` (now by default), then every `every_s` until `stop`; a
    failure is logged and the next run tries again (a locked database, a printer that hangs)."""

    def __init__(
        self, job: Callable[[], object], every_s: float, name: str, first_after_s: float = 0.0
    ) -> None:
        self.job, self.every_s, self.first_after_s = job, every_s, first_after_s
        self.stopping = threading.Event()
        self.thread = threading.Thread(target=self._run, name=name, daemon=True)

    def start(self) -> Repeating:
        self.thread.start()
        return self

    def stop(self) -> None:
        self.stopping.set()
        self.thread.join(timeout=10)

    def _run(self) -> None:
        wait = self.first_after_s
        while not self.stopping.wait(wait):
            wait = self.every_s
            try:
                self.job()
            except Exception:
                log.warning("%s: run failed", self.thread.name, exc_info=True)
