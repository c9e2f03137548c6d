"""A bench window is told at once when a lead takes, holds or gives it an order: no key is
pressed after the lead's command, and the banner changes within two seconds."""

from __future__ import annotations

import datetime as dt
import time

from pytestqt.qtbot import QtBot

from station import demo
from station.context import AppContext
from station.services.board import BenchRow, board
from station.services.lead import LeadService
from station.ui.window import BenchWindow
from tests.ui.test_bench_scans import scan_and_wait

MUG = demo.product_ean(0)  # MUG-01, 2 in order 1002


def open_and_scan_a_mug(qtbot: QtBot, bench: BenchWindow) -> None:
    scan_and_wait(qtbot, bench, "1002")
    scan_and_wait(qtbot, bench, MUG)
    assert bench.view.order is not None


def banner_within_two_seconds(qtbot: QtBot, bench: BenchWindow, says: str) -> None:
    started = time.monotonic()
    qtbot.waitUntil(lambda: says in bench.bench.banner.text(), timeout=2000)
    assert time.monotonic() - started < 2.0


def test_a_lead_taking_the_open_order_is_told_at_once(
    qtbot: QtBot, ctx: AppContext, bench: BenchWindow
) -> None:
    # GIVEN anna packing order 1002 at the window, one mug scanned
    open_and_scan_a_mug(qtbot, bench)
    # WHEN a lead (another thread, as another process would) moves it back to the queue
    LeadService(ctx.db, "giulia").reassign("1002", take=True)
    # THEN, with no key pressed, the banner says the lead took it and where it went
    banner_within_two_seconds(qtbot, bench, "A lead took order 1002 from this bench")
    assert "(now: the queue)" in bench.bench.banner.text()
    assert bench.bench.banner.kind == "exception"
    # AND the bench has no order open: the next scan is not counted into 1002
    assert bench.view.order is None
    assert bench.sounds.requested[-1] == "error"


def test_a_lead_holding_the_open_order_is_told_at_once(
    qtbot: QtBot, ctx: AppContext, bench: BenchWindow
) -> None:
    # GIVEN order 1002 open at the window
    open_and_scan_a_mug(qtbot, bench)
    # WHEN a lead holds it with a note
    LeadService(ctx.db, "giulia").hold("1002", "box damaged")
    # THEN the banner says it is on hold and why, and to set it aside; the order is closed here
    banner_within_two_seconds(qtbot, bench, "Order 1002 was put on hold (box damaged)")
    assert "Set it aside" in bench.bench.banner.text()
    assert bench.view.order is None
    # AND the mug scanned stays with the order (released later, it resumes where it was)
    LeadService(ctx.db, "giulia").release("1002")
    scan_and_wait(qtbot, bench, "1002")
    model = bench.bench.lines.lines_model
    assert model.data(model.index(0, model.PROGRESS)) == "1 / 2"


def test_an_idle_bench_is_told_of_an_order_a_lead_gave_it(
    qtbot: QtBot, ctx: AppContext, bench: BenchWindow
) -> None:
    # GIVEN anna signed in, no order open
    assert bench.view.order is None
    # WHEN a lead gives order 1003 to this bench
    LeadService(ctx.db, "giulia").reassign("1003", bench=ctx.settings.bench_name)
    # THEN the bench says so, and NEXT is the way to it
    banner_within_two_seconds(qtbot, bench, "A lead gave order 1003 to this bench")
    scan_and_wait(qtbot, bench, "NEXT")
    assert "1003" in bench.bench.header.number.text()


def test_the_italian_bench_is_told_in_italian(
    qtbot: QtBot, ctx: AppContext, bench: BenchWindow
) -> None:
    # GIVEN an Italian bench packing 1002
    settings = ctx.settings
    settings.language = "it"
    bench.workers.apply_settings.emit(settings)
    open_and_scan_a_mug(qtbot, bench)
    # WHEN a lead moves it
    LeadService(ctx.db, "giulia").reassign("1002", take=True)
    # THEN the banner says it in Italian
    banner_within_two_seconds(qtbot, bench, "Il capoturno ha tolto l'ordine 1002")


def test_the_window_reports_its_devices_for_the_lead_board(
    qtbot: QtBot, ctx: AppContext, bench: BenchWindow
) -> None:
    # GIVEN the demo window: the scale on its pty simulator, a keyboard scanner, a folder printer
    name = ctx.settings.bench_name

    def reported() -> BenchRow | None:
        with ctx.db.read() as session:
            row = next(r for r in board(session, dt.datetime.now(dt.UTC)) if r.bench == name)
        return row if row.scale and row.printer and row.scanner else None

    # WHEN it has run for a moment
    qtbot.waitUntil(lambda: reported() is not None, timeout=5000)
    # THEN the board has its word: every device fine, on its own (no hub)
    row = reported()
    assert row is not None
    assert (row.scale, row.printer, row.scanner, row.lag_s) == ("ok", "ok", "ok", None)
    assert row.state == "idle"
    # WHEN the scale's cable is pulled (its pty closes)
    simulator = getattr(bench.workers.scale, "simulator", None)
    assert simulator is not None
    simulator.vanish()
    # THEN the board hears of it at once, not at the next heartbeat
    qtbot.waitUntil(lambda: getattr(reported(), "scale", "") == "failed", timeout=5000)
