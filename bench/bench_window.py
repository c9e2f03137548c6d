"""Scan to screen in the bench window: from the Enter key event to the repainted banner and line.

With 100,000 orders in the database and a background thread writing (a stand-in for sync).
Also the queue's page reads at that size. Offscreen Qt, software raster.
"""

from __future__ import annotations

import datetime as dt
import os
import statistics
import tempfile
import threading
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from sqlalchemy import select

from station import demo
from station.app import open_home
from station.db.engine import Database
from station.db.models import Order, Product
from station.domain import events as ev
from station.services.events import new_uid, record_all, recorded
from station.services.queue import QueueFilter, queue_count, queue_page

ORDERS = 100_000
SCANS = 200
BENCH_ORDER = "BENCH1"


def fill(db: Database) -> None:
    """100,000 queued orders and one big order for the bench, imported as events."""
    now = dt.datetime.now(dt.UTC)
    with db.read() as session:
        mug = session.scalar(select(Product).where(Product.sku == "MUG-01"))
        assert mug is not None

    def order(number: str, n: int, quantity: int) -> ev.Recorded:
        line = ev.ImportedLine(
            line=new_uid(), line_no=1, sku="MUG-01", name=mug.name, quantity=quantity
        )
        return recorded(
            ev.OrderImported(
                order=new_uid(),
                number=number,
                created_at=now,
                priority=n % 3,
                cutoff_at=now + dt.timedelta(minutes=n % 600),
                details=ev.OrderDetails(customer_name=f"Cliente {n}"),
                carrier=("BRT", "GLS", "SDA")[n % 3],
                service="standard",
                lines=(line,),
            ),
            at=now,
        )

    events = [order(f"B{n:06d}", n, 1 + n % 3) for n in range(ORDERS)]
    events.append(order(BENCH_ORDER, 0, SCANS + 10))
    with db.write() as session:
        record_all(session, events)


class BusyWriter(threading.Thread):
    """Writes in small transactions as shop sync would, until stopped."""

    def __init__(self, db: Database) -> None:
        super().__init__(daemon=True)
        self.db = db
        self.stop = threading.Event()
        self.commits = 0

    def run(self) -> None:
        with self.db.read() as session:
            uids = dict(session.execute(select(Order.number, Order.uid)).all())
        n = 0
        while not self.stop.is_set():
            now = dt.datetime.now(dt.UTC)
            with self.db.write() as session:
                updates = [
                    recorded(
                        ev.OrderUpdatedByShop(
                            order=uids[f"B{(n + i) % ORDERS:06d}"],
                            shop="",
                            shop_updated_at=now,
                            details=ev.OrderDetails(customer_note=f"sync {n}"),
                        ),
                        at=now,
                    )
                    for i in range(50)
                ]
                record_all(session, updates)
            self.commits += 1
            n += 50
            time.sleep(0.005)


def pct(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(p / 100 * (len(ordered) - 1)))]


def queue_figures(db: Database) -> None:
    with db.read() as session:
        timings: dict[str, float] = {}
        started = time.perf_counter()
        page = queue_page(session, QueueFilter())
        timings["first page"] = time.perf_counter() - started
        for _ in range(250):  # walk to row 50,000
            page = queue_page(session, QueueFilter(), page[-1])
        started = time.perf_counter()
        queue_page(session, QueueFilter(), page[-1])
        timings["page after row 50,000"] = time.perf_counter() - started
        started = time.perf_counter()
        queue_count(session, QueueFilter(status="queued"))
        timings["count (queued)"] = time.perf_counter() - started
        started = time.perf_counter()
        queue_page(session, QueueFilter(search="Cliente 9999"))
        timings["search customer"] = time.perf_counter() - started
        started = time.perf_counter()
        queue_page(session, QueueFilter(carrier="GLS", status="queued"))
        timings["filter carrier+status"] = time.perf_counter() - started
    for name, seconds in timings.items():
        print(f"   queue {name}: {seconds * 1000:.1f} ms")


def scan_figures(ctx, cache: Path) -> list[float]:  # type: ignore[no-untyped-def]
    from PySide6.QtCore import QEventLoop, Qt, QTimer
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QApplication

    from station.devices.scale import SimulatedScale
    from station.ui.main import create_window

    app = QApplication.instance() or QApplication([])
    window = create_window(ctx, SimulatedScale(), cache)
    window.resize(1280, 800)
    window.show()
    latencies: list[float] = []

    def wait(signal) -> object:  # type: ignore[no-untyped-def]
        got: list[object] = []
        loop = QEventLoop()
        timer = QTimer(loop)
        timer.setSingleShot(True)
        timer.timeout.connect(loop.quit)

        def done(*args: object) -> None:
            got.extend(args)
            loop.quit()

        signal.connect(done)
        timer.start(10_000)
        loop.exec()
        signal.disconnect(done)
        return got[0] if got else None

    def scan(code: str) -> object:
        target = window.bench.lines
        for char in code:
            QTest.keyClick(target, char)
        QTest.keyClick(target, Qt.Key.Key_Return)
        outcome = wait(window.outcome_shown)
        window.repaint()  # the repaint is part of the figure: paint now, synchronously
        return outcome

    wait(window.workers.bench.ready)
    window.workers.sign_in.emit("operator", "OPANNA")
    wait(window.operator_changed)
    scan(BENCH_ORDER)
    ean = demo.product_ean(0)
    for _ in range(SCANS):
        outcome = scan(ean)
        latencies.append(time.perf_counter() - outcome.started_at)  # type: ignore[attr-defined]
    assert window.bench.banner.kind == "ok", window.bench.banner.text()
    window.close()
    app.processEvents()
    return latencies


def main() -> None:
    with (
        tempfile.TemporaryDirectory(prefix="station-bench-") as tmp,
        open_home(Path(tmp) / "home", demo_mode=True) as ctx,
    ):
        started = time.perf_counter()
        fill(ctx.db)
        print(f"   filled {ORDERS:,} orders in {time.perf_counter() - started:.1f} s")
        queue_figures(ctx.db)
        writer = BusyWriter(ctx.db)
        writer.start()
        try:
            latencies = scan_figures(ctx, Path(tmp) / "cache")
        finally:
            writer.stop.set()
            writer.join()
        ms = [x * 1000 for x in latencies]
        print(
            f"   scan -> repainted banner and line, {len(ms)} scans, background writer "
            f"{writer.commits} commits: p50 {statistics.median(ms):.1f} ms, "
            f"p99 {pct(ms, 99):.1f} ms, max {max(ms):.1f} ms (target p99 < 50 ms)"
        )
