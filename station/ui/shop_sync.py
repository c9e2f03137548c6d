"""Shop sync beside the window: the sync worker runs on its own thread, and its backlog and
online state are read on another (a database query) and shown in the status bar."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QObject, QTimer, Signal, Slot

from station.config import Settings
from station.context import AppContext
from station.domain.messages import text
from station.domain.reasons import reason_text

REFRESH_MS = 5_000


class ShopSync(QObject):
    """Lives on its own QThread; `status` carries the text to show and whether all is well."""

    status = Signal(str, bool)

    def __init__(self, ctx: AppContext) -> None:
        super().__init__()
        self._ctx = ctx
        self._worker: Any = None
        self._hub: Any = None  # a warehouse bench's replicator (sync.hub), on its own thread
        self._timer: QTimer | None = None

    @Slot()
    def start(self) -> None:
        try:
            from sync.hub.replicator import shop_sync_gate, start_hub_worker
            from sync.runner import SyncWorker, sync_status
        except ModuleNotFoundError:
            return
        self._hub = start_hub_worker(self._ctx)
        if not sync_status(self._ctx).shops:
            return
        self._worker = SyncWorker(self._ctx, interval_s=60.0, gate=shop_sync_gate(self._ctx))
        self._worker.start()
        self._timer = QTimer(self)
        self._timer.timeout.connect(self.refresh)
        self._timer.start(REFRESH_MS)
        self.refresh()

    @Slot(object)
    def apply_settings(self, settings: Settings) -> None:
        """A bench that has just joined a hub replicates from now on, not from the next start."""
        if self._hub is None and settings.extra.get("hub_joined"):
            from sync.hub.replicator import start_hub_worker

            self._hub = start_hub_worker(self._ctx)

    @Slot()
    def refresh(self) -> None:
        from sync.outbox import last_parked
        from sync.runner import sync_status

        now, language = sync_status(self._ctx), self._ctx.settings.language
        said = text(
            "shop_waiting_parked" if now.parked else "shop_waiting",
            language,
            pending=now.pending,
            parked=now.parked,
        )
        if now.parked:  # what the shop refused, in the bench's language
            why = reason_text(last_parked(self._ctx.db), language)
            said = text("shop_parked_why", language, status=said, reason=why) if why else said
        if not now.online:
            said = text("shop_offline", language, status=said)
        self.status.emit(said, now.online and not now.parked)

    def hub_lag_s(self) -> int | None:
        """Read from the bench's thread: None for a bench on its own."""
        hub = self._hub
        return int(hub.lag_s()) if hub is not None else None

    def wake_hub(self) -> None:
        """Called from the bench's thread after an input: the hub hears of it now."""
        hub = self._hub
        if hub is not None:
            hub.wake()

    @Slot()
    def wake(self) -> None:
        """An order was packed: let the shop hear now rather than at the next round."""
        if self._worker is not None:
            self._worker.wake()
            QTimer.singleShot(1_500, self.refresh)

    @Slot()
    def stop(self) -> None:
        if self._timer is not None:
            self._timer.stop()
        if self._worker is not None:
            self._worker.stop()
        if self._hub is not None:
            self._hub.stop()
