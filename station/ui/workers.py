"""The window's background threads: the bench, the scale, the printer, slow reads and the
pending carrier labels, one each.

One thread per job, as the architecture asks: a scale waiting for a parcel to settle must
not hold up a scan, and neither must a queue page.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, QThread, Signal

from station.context import AppContext
from station.devices.scale import Scale
from station.ui.pending_labels import PendingLabels
from station.ui.print_worker import PrintWorker
from station.ui.query_worker import QueryWorker
from station.ui.scale_worker import ScaleWorker
from station.ui.shop_sync import ShopSync
from station.ui.worker import BenchWorker


def _start(obj: QObject, name: str, parent: QObject) -> QThread:
    thread = QThread(parent)
    thread.setObjectName(name)
    obj.moveToThread(thread)
    # Deleted in its own thread as the thread ends, so its timers die where they live.
    thread.finished.connect(obj.deleteLater)
    thread.start()
    return thread


class Workers(QObject):
    """Requests go out as signals, so each runs in its worker's thread, in the order sent."""

    submit = Signal(str, float)  # a scanned or typed line, perf_counter() at its terminator
    set_operator = Signal(str)
    apply_settings = Signal(object)
    fetch_page = Signal(int, object, object, int)
    fetch_carriers = Signal()
    sign_in = Signal(str, str)  # purpose, badge or PIN
    wake_sync = Signal()
    print_documents = Signal(object)  # list[PrintedDocument] of one committed input
    retry_print = Signal(str, str)  # job id, printer spec ("" = the bench's printer)
    discard_print = Signal(str)
    reprint = Signal(str)
    _start_bench = Signal()
    _stop_bench = Signal()
    _start_sync = Signal()
    _stop_sync = Signal()
    _start_printer = Signal()
    _stop_printer = Signal()
    _start_labels = Signal()
    _stop_labels = Signal()
    count_pending = Signal()

    def __init__(self, ctx: AppContext, scale: Scale | None, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.scale = scale
        self.bench = BenchWorker(
            ctx,
            typed_weights=scale is None,
            lag=lambda: self.shop_sync.hub_lag_s(),
            wake_hub=lambda: self.shop_sync.wake_hub(),
        )
        self.query = QueryWorker(ctx.db)
        language = ctx.settings.language
        self.scale_worker = ScaleWorker(scale, language) if scale is not None else None
        self.shop_sync = ShopSync(ctx)
        self.printing = PrintWorker(ctx)
        self.pending_labels = PendingLabels(ctx, self.bench.asking)
        self._threads = [
            _start(self.bench, "bench", self),
            _start(self.query, "queries", self),
            _start(self.shop_sync, "shop-sync", self),
            _start(self.printing, "printer", self),
            _start(self.pending_labels, "pending-labels", self),
        ]
        if self.scale_worker is not None:
            self.bench.weigh_requested.connect(self.scale_worker.read)
            self.scale_worker.reading.connect(self.bench.on_reading)
            self._threads.append(_start(self.scale_worker, "scale", self))
        self.submit.connect(self.bench.submit)
        self.set_operator.connect(self.bench.set_operator)
        self.set_operator.connect(self.printing.set_operator)
        self.apply_settings.connect(self.bench.apply_settings)
        self.apply_settings.connect(self.shop_sync.apply_settings)
        self._start_bench.connect(self.bench.start)
        self._stop_bench.connect(self.bench.stop)
        self.fetch_page.connect(self.query.fetch_page)
        self.fetch_carriers.connect(self.query.fetch_carriers)
        self.sign_in.connect(self.query.sign_in)
        self.wake_sync.connect(self.shop_sync.wake)
        self._start_sync.connect(self.shop_sync.start)
        self._stop_sync.connect(self.shop_sync.stop)
        self.apply_settings.connect(self.printing.apply_settings)
        self.printing.health.connect(self.bench.note_health)
        self.print_documents.connect(self.printing.submit)
        self.retry_print.connect(self.printing.retry)
        self.discard_print.connect(self.printing.discard)
        self.reprint.connect(self.printing.reprint)
        self._start_printer.connect(self.printing.start)
        self._stop_printer.connect(self.printing.stop)
        self.set_operator.connect(self.pending_labels.set_operator)
        self.pending_labels.printed.connect(self.printing.submit)
        self.count_pending.connect(self.pending_labels.count)
        self._start_labels.connect(self.pending_labels.start)
        self._stop_labels.connect(self.pending_labels.stop)

    def start(self) -> None:
        """Open the bench service; call once the window listens to `bench.ready`."""
        self._start_bench.emit()
        self._start_sync.emit()
        self._start_printer.emit()
        self._start_labels.emit()

    def stop(self) -> None:
        """Let each thread finish what it is doing (a scan is committed or not at all)."""
        if not self._threads:
            return
        self._stop_bench.emit()
        self._stop_sync.emit()
        self._stop_printer.emit()
        self._stop_labels.emit()
        for thread in self._threads:
            thread.quit()
        for thread in self._threads:
            thread.wait()
        self._threads.clear()
        if self.scale is not None:
            self.scale.close()
