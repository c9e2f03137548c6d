"""The lead console's board with 50 benches and 100,000 orders: GUI-thread time per refresh.

50 benches each pack an order (BenchService, the real write path) while the console refreshes;
a writer thread keeps them scanning, so rows change between refreshes. The reads run on the
console's worker thread as in the app; what is timed is the GUI thread's share of each refresh:
the board model taking the snapshot and the window painting what changed (the rows that changed
and the columns of times), before the next event. The queue against
the clock (500 rows of 100,000) is timed the same way, and both reads are reported too.
Offscreen Qt, software raster.
"""

from __future__ import annotations

import copy
import datetime as dt
import os
import statistics
import tempfile
import threading
import time
from pathlib import Path
from typing import Any

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from bench.bench_window import ORDERS, fill, pct
from station import demo
from station.app import open_home
from station.context import AppContext
from station.printing.archive import DocumentArchive
from station.services.bench import BenchService
from station.services.board import board, queue_clock
from station.workflow.io import Scan

BENCHES = 50
REFRESHES = 300


def benches(ctx: AppContext) -> list[BenchService]:
    """50 benches, each with an order of its own open (the bench's B-numbers)."""
    services = []
    for n in range(BENCHES):
        settings = copy.deepcopy(ctx.settings)
        settings.bench_name = f"bench-{n + 1:02d}"
        service = BenchService(ctx.db, settings, DocumentArchive(ctx.home), operator=f"op{n}")
        service.handle(Scan(f"B{n * 7 + 1:06d}"))
        services.append(service)
    return services


class Scanning(threading.Thread):
    """The benches at work: a unit scanned at one bench after another, until stopped."""

    def __init__(self, services: list[BenchService]) -> None:
        super().__init__(daemon=True)
        self.services = services
        self.stop = threading.Event()
        self.scans = 0

    def run(self) -> None:
        ean = demo.product_ean(0)  # MUG-01: every B order is mugs
        while not self.stop.is_set():
            service = self.services[self.scans % len(self.services)]
            service.handle(Scan(ean))
            self.scans += 1
            time.sleep(0.01)


def gui_times(ctx: AppContext) -> tuple[list[float], list[float]]:
    from PySide6.QtCore import QEventLoop, QObject, QTimer, Slot
    from PySide6.QtWidgets import QApplication

    from station.ui.lead_window import LeadConsole

    app = QApplication.instance() or QApplication([])
    console = LeadConsole(ctx, "giulia")
    console.resize(1280, 800)
    console.show()
    for timer in console.findChildren(QTimer):
        timer.stop()  # the bench asks for each refresh itself
    board_ms: list[float] = []
    clock_ms: list[float] = []
    loop = QEventLoop()

    class Timed(QObject):
        """Receives the snapshots on the GUI thread (a plain function would run on the
        worker's), shows them as the console does and times it."""

        @Slot(object)
        def board(self, snapshot: object) -> None:
            self.time(console.show_board, snapshot, console.board_view, board_ms)

        @Slot(object)
        def clock(self, snapshot: object) -> None:
            self.time(console.show_clock, snapshot, console.clock_view, clock_ms)

        def time(self, show: Any, snapshot: object, view: Any, into: list[float]) -> None:
            started = time.perf_counter()
            show(snapshot)
            app.processEvents()  # the repaint of what changed is part of the figure
            into.append((time.perf_counter() - started) * 1000)
            loop.quit()

    timed = Timed()
    worker = console.worker
    worker.board_ready.disconnect(console.show_board)
    worker.clock_ready.disconnect(console.show_clock)
    worker.board_ready.connect(timed.board)
    worker.clock_ready.connect(timed.clock)
    guard = QTimer()  # a refresh that never comes ends the wait, not the bench
    guard.setSingleShot(True)
    guard.timeout.connect(loop.quit)
    console.tabs.currentChanged.disconnect(console._tab_changed)  # the bench asks for each read
    for n in range(REFRESHES):
        clock = n >= REFRESHES * 9 // 10  # the board first, then the queue tab
        console.tabs.setCurrentIndex(1 if clock else 0)
        (console.want_clock if clock else console.want_board).emit()
        guard.start(30_000)
        loop.exec()
    console.close()
    app.processEvents()
    return board_ms, clock_ms


def read_times(ctx: AppContext) -> tuple[float, float]:
    now = dt.datetime.now(dt.UTC)
    with ctx.db.read() as session:
        started = time.perf_counter()
        board(session, now)
        board_s = time.perf_counter() - started
        started = time.perf_counter()
        queue_clock(session, now)
        clock_s = time.perf_counter() - started
    return board_s * 1000, clock_s * 1000


def main() -> None:
    with (
        tempfile.TemporaryDirectory(prefix="station-bench-lead-") as tmp,
        open_home(Path(tmp) / "home", demo_mode=True) as ctx,
    ):
        started = time.perf_counter()
        fill(ctx.db)
        services = benches(ctx)
        print(
            f"   {ORDERS:,} orders, {BENCHES} benches packing, in {time.perf_counter() - started:.1f} s"
        )
        board_read, clock_read = read_times(ctx)
        print(
            f"   reads on the worker thread: board {board_read:.1f} ms, queue against the clock {clock_read:.1f} ms"
        )
        scanning = Scanning(services)
        scanning.start()
        try:
            board_ms, clock_ms = gui_times(ctx)
        finally:
            scanning.stop.set()
            scanning.join()
        print(
            f"   board refresh, GUI thread ({len(board_ms)} refreshes, {scanning.scans} scans "
            f"meanwhile): p50 {statistics.median(board_ms):.2f} ms, p99 {pct(board_ms, 99):.2f} ms, "
            f"max {max(board_ms):.2f} ms (target p99 < 100 ms)"
        )
        print(
            f"   queue against the clock refresh, GUI thread ({len(clock_ms)}): "
            f"p50 {statistics.median(clock_ms):.2f} ms, p99 {pct(clock_ms, 99):.2f} ms"
        )


if __name__ == "__main__":
    main()
