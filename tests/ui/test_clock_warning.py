"""The bench window tells a clock jump in its status bar, through the same path as the bench's
other warnings; packing goes on. A fake time source moves the clock; nothing sleeps on it."""

from __future__ import annotations

import dataclasses
import datetime as dt
from pathlib import Path

from pytestqt.qtbot import QtBot

from station import demo
from station.context import AppContext
from station.services.clock import ClockWatch
from station.services.orders import show_order
from tests.fakes.clock import FakeTime
from tests.ui.conftest import open_window, type_scan

TSHIRT = demo.product_ean(15)  # TSH-01, the only line of order 1001


def test_a_clock_jump_is_told_in_the_status_bar(
    qtbot: QtBot, ctx: AppContext, tmp_path: Path
) -> None:
    # GIVEN the bench window, signed in, order 1001 open, its clock read by a fake time source
    clock = FakeTime(dt.datetime(2026, 3, 3, 9, 0, tzinfo=dt.UTC))
    window = open_window(qtbot, dataclasses.replace(ctx, clock=ClockWatch(clock)), tmp_path)
    type_scan(qtbot, window.signin.pin, "OPANNA")
    qtbot.waitUntil(lambda: window.operator == "anna")
    with qtbot.waitSignal(window.outcome_shown, timeout=5000):
        type_scan(qtbot, window.bench.lines, "1001")
    # WHEN someone sets the clock a day back, and the operator scans the T-shirt
    clock.advance(30)
    clock.move_wall(-dt.timedelta(days=1))
    with qtbot.waitSignal(window.outcome_shown, timeout=5000):
        type_scan(qtbot, window.bench.lines, TSHIRT)

    # THEN the status bar says so in one sentence, and the scan counted
    assert window.statusBar().currentMessage() == (
        "The computer's clock jumped 24 h 00 min back: check its date, time and time zone; "
        "packing goes on, and manifests and shop updates stay in order."
    )
    assert window.bench.banner.kind == "ok"
    with ctx.db.read() as session:
        order = show_order(session, "1001")
    assert order is not None
    assert order["lines"][0]["verified"] == 1
    window.close()
