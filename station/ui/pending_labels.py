"""The pending-label round beside the window, on its own thread: asks the carriers again for
the labels this bench's parcels wait for (at start, a label left when the app stopped, then
every `label_retry_s`), hands what they give to the printer thread, and says how many parcels
still wait. A carrier's slow answer holds up neither the window nor the bench's scans."""

from __future__ import annotations

import logging
import uuid
from collections.abc import Callable, Container
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QTimer, Signal, Slot

from station.context import AppContext

if TYPE_CHECKING:
    from station.printing.archive import DocumentArchive

log = logging.getLogger(__name__)


class PendingLabels(QObject):
    printed = Signal(object)  # list[PrintedDocument]: carrier labels to print, committed
    waiting = Signal(int)  # this bench's parcels still waiting for their carrier's label
    warned = Signal(str)  # a carrier's refusal, one sentence

    def __init__(self, ctx: AppContext, asking: Callable[[], Container[uuid.UUID]]) -> None:
        """`asking`: the orders the bench is asking its carrier for right now, left be."""
        super().__init__()
        self._ctx = ctx
        self._asking = asking
        self._operator = ""
        self._timer: QTimer | None = None

    @Slot()
    def start(self) -> None:
        self._timer = QTimer(self)
        self._timer.timeout.connect(self.round)
        self._timer.start(int(self._ctx.settings.label_retry_s * 1000))
        self.round()

    @Slot()
    def stop(self) -> None:
        if self._timer is not None:
            self._timer.stop()

    @Slot(str)
    def set_operator(self, name: str) -> None:
        self._operator = name

    @Slot()
    def round(self) -> None:
        from station.services.bench import utc_now
        from station.services.pending_labels import retry_pending

        settings = self._ctx.settings
        try:
            done = retry_pending(
                self._ctx.db,
                settings,
                self._archive(),
                bench=settings.bench_name,
                operator=self._operator,
                clock=utc_now,
                asking=self._asking(),
            )
        except Exception:  # a locked database, a full disk: the next round tries again
            log.exception("pending labels: round failed")
            return
        if done.printed:
            self.printed.emit(list(done.printed))
        for warning in done.warnings:
            self.warned.emit(warning)
        self.count()

    @Slot()
    def count(self) -> None:
        """Say how many parcels wait (after a round, and when the bench packed an order)."""
        from station.services.pending_labels import waiting_parcels

        with self._ctx.db.read() as session:
            self.waiting.emit(waiting_parcels(session, self._ctx.settings.bench_name))

    def _archive(self) -> DocumentArchive:
        from station.printing.archive import DocumentArchive

        return DocumentArchive(self._ctx.home)
