"""Render the lead console to PNG: `python -m station.ui.lead_screenshots DIR [LANG]`.

A throwaway demo home is worked as a shift would be, through the real write path: benches
(BenchService, each with its own clock) pack orders over the last two hours; at the end one is
packing, one weighing, one idle, one went quiet mid-order. More orders arrive from the shop
with close cut-offs (some at risk, some late). Then the console shows the board, the queue
against the clock and the figures. Run with QT_QPA_PLATFORM=offscreen without a display.
"""

from __future__ import annotations

import copy
import datetime as dt
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QEventLoop
from PySide6.QtWidgets import QApplication, QWidget

from station import demo
from station.app import open_home
from station.context import AppContext
from station.domain import events as ev
from station.printing.archive import DocumentArchive
from station.services.bench import BenchService
from station.services.events import new_uid, record_all, recorded
from station.services.heartbeat import Heartbeat, SelfReport
from station.services.picking import PickService
from station.ui.i18n import install_translators
from station.ui.lead_window import LeadConsole
from station.workflow.io import (
    Command,
    CommandName,
    Input,
    ReadScale,
    Scan,
    Weight,
    parse_line,
)

SIZE = (1280, 800)
EAN = {p.sku: demo.product_ean(i) for i, p in enumerate(demo.demo_products())}


class Clock:
    def __init__(self, at: dt.datetime) -> None:
        self.at = at

    def __call__(self) -> dt.datetime:
        return self.at


def bench(ctx: AppContext, name: str, operator: str, clock: Clock) -> BenchService:
    settings = copy.deepcopy(ctx.settings)
    settings.bench_name = name
    return BenchService(ctx.db, settings, DocumentArchive(ctx.home), operator=operator, clock=clock)


def feed(service: BenchService, clock: Clock, inputs: list[Input], step_s: int = 20) -> None:
    """Each input `step_s` seconds after the one before; WEIGH is answered with the expected
    weight, as the scale would."""
    for inp in inputs:
        clock.at += dt.timedelta(seconds=step_s)
        effects = service.handle(inp).effects
        asked = next((e for e in effects if isinstance(e, ReadScale)), None)
        if asked is not None:
            clock.at += dt.timedelta(seconds=5)
            service.handle(Weight(asked.expected_g))


def pack(number: str, *skus: str, extra: list[Input] | None = None) -> list[Input]:
    return [Scan(number), *[Scan(EAN[s]) for s in skus], *(extra or []), Command(CommandName.WEIGH)]


def work_the_shift(ctx: AppContext, now: dt.datetime) -> None:
    start = now - dt.timedelta(hours=2)
    anna, marco = Clock(start), Clock(start + dt.timedelta(minutes=3))
    one, two = bench(ctx, "bench-1", "anna", anna), bench(ctx, "bench-2", "marco", marco)
    feed(one, anna, [*pack("1001", "TSH-01"), Command(CommandName.REPRINT)])
    feed(one, anna, pack("1013", "MUG-05", extra=[Scan(EAN["TSH-01"])]), step_s=400)
    feed(two, marco, pack("1002", "MUG-01", "MUG-01", "CAV-01", extra=[Scan("4006381333931")]), 300)
    short = [Command(CommandName.SHORT, "OUT"), Command(CommandName.SHORT)]  # reason, confirmed
    feed(two, marco, pack("1012", "TSH-05", extra=short), step_s=500)
    feed(one, anna, pack("1017", "LIB-05"), step_s=600)
    anna.at, marco.at = now - dt.timedelta(minutes=2), now - dt.timedelta(minutes=1)
    feed(one, anna, [Scan("1003"), Scan(EAN["MUG-02"]), Scan(EAN["TSH-02"])], step_s=15)
    feed(two, marco, [Scan("1025")] + [Scan(EAN[line]) for line in _skus(ctx, "1025")], step_s=10)
    idle = Clock(now - dt.timedelta(minutes=3))
    feed(bench(ctx, "bench-3", "anna", idle), idle, pack("1020", *_skus(ctx, "1020")), step_s=15)
    quiet = Clock(now - dt.timedelta(minutes=40))
    feed(bench(ctx, "bench-4", "marco", quiet), quiet, [Scan("1005"), Scan(EAN["TSH-04"])])
    report_devices(ctx, now)
    short_at_a_bin(ctx, now - dt.timedelta(minutes=25))


def report_devices(ctx: AppContext, now: dt.datetime) -> None:
    """What each bench last said of itself: bench-2's printer has failed, bench-4 went quiet
    with its last report; the warehouse's hub is a few seconds behind."""
    said = {
        "bench-1": (now, SelfReport("ok", "ok", "ok", 2)),
        "bench-2": (now, SelfReport("ok", "failed", "ok", 3)),
        "bench-3": (now, SelfReport("ok", "ok", "ok", 2)),
        "bench-4": (now - dt.timedelta(minutes=39), SelfReport("ok", "ok", "ok", 1)),
    }
    for name, (at, report) in said.items():
        Heartbeat(ctx.db, name, Clock(at)).beat(report)


def short_at_a_bin(ctx: AppContext, at: dt.datetime) -> None:
    """A picker working a one-order batch finds nothing at its first bin."""
    picker = PickService(ctx.db, size=1, bench="pick-1", operator="luca", language="en")
    steps = [lambda: "TOTE11", lambda: picker.pick.stops[0].bin.code, lambda: "SHORT 0"]
    for step in steps:
        inp = parse_line(step())
        assert inp is not None
        picker.handle(inp, at)
        at += dt.timedelta(seconds=40)


def _skus(ctx: AppContext, number: str) -> list[str]:
    from sqlalchemy import select

    from station.db.models import Order

    with ctx.db.read() as session:
        order = session.scalars(select(Order).where(Order.number == number)).one()
        return [line.sku for line in order.lines for _ in range(line.quantity)]


def orders_due_soon(ctx: AppContext, now: dt.datetime) -> None:
    """The afternoon's orders from the shop, as sync imports them: close cut-offs."""
    due = [("GLS", 35, 14), ("BRT", -10, 3), ("POSTE", 150, 6)]
    recs = []
    for carrier, minutes, count in due:
        for n in range(count):
            number = f"2{len(recs) + 1:03d}"
            line = ev.ImportedLine(new_uid(), 1, "MUG-01", "Tazza in ceramica Bianca", 1 + n % 2)
            imported = ev.OrderImported(
                order=new_uid(),
                number=number,
                created_at=now - dt.timedelta(hours=3),
                details=ev.OrderDetails(customer_name=f"Cliente {number}"),
                carrier=carrier,
                service="standard",
                cutoff_at=now + dt.timedelta(minutes=minutes),
                lines=(line,),
            )
            recs.append(recorded(imported, at=now - dt.timedelta(hours=3)))
    with ctx.db.write() as session:
        record_all(session, recs)


def settle(check: Callable[[], bool], timeout_s: float = 10) -> None:
    deadline = time.monotonic() + timeout_s
    while not check() and time.monotonic() < deadline:
        QApplication.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 50)
    QApplication.processEvents()


def shoot(widget: QWidget, out: Path, name: str) -> Path:
    settle(lambda: True, 0.3)
    path = out / f"{name}.png"
    widget.grab().save(str(path))
    print(path)
    return path


def take_all(console: LeadConsole, out: Path) -> list[Path]:
    settle(lambda: len(console.board_model.rows) >= 4 and bool(console.clock_model.rows))
    console.board_view.selectRow(0)
    shots = [shoot(console, out, "7-lead-board")]
    console.tabs.setCurrentIndex(1)
    shots.append(shoot(console, out, "8-lead-queue-clock"))
    console.figures.choice.setCurrentIndex(1)  # today: the whole worked span
    console.tabs.setCurrentWidget(console.figures)
    settle(
        lambda: console.figures.report is not None and console.figures.report.window.shift is None
    )
    shots.append(shoot(console, out, "9-lead-figures"))
    console.tabs.setCurrentWidget(console.shorts_view)
    settle(lambda: bool(console.shorts_model.rows))
    shots.append(shoot(console, out, "10-lead-picking-shorts"))
    return shots


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    out = Path(args[0] if args else "docs/screenshots")
    out.mkdir(parents=True, exist_ok=True)
    app = QApplication.instance() or QApplication(sys.argv[:1])
    language = args[1] if len(args) > 1 else "en"
    with (
        tempfile.TemporaryDirectory(prefix="station-lead-shots-") as tmp,
        open_home(Path(tmp) / "home", demo_mode=True) as ctx,
    ):
        ctx.settings.language = language
        translators = install_translators(app, language, Path(tmp) / "cache")
        now = dt.datetime.now(dt.UTC)
        work_the_shift(ctx, now)
        orders_due_soon(ctx, now)
        console = LeadConsole(ctx, "giulia")
        console.resize(*SIZE)
        console.show()
        take_all(console, out)
        console.close()
        for translator in translators:
            app.removeTranslator(translator)
    app.processEvents()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
