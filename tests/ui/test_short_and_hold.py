"""SHORT (F6) and HOLD in the bench window: F6 asks before anything is marked missing, a
reason and F6 again confirm, the missing units stay as a backorder; after a hold the idle
screen does not call the held order packed, and REPRINT says there is nothing to reprint."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from station import demo
from station.context import AppContext
from station.services.orders import show_order
from station.ui.window import BenchWindow
from tests.ui.conftest import open_window, type_scan

MUG = demo.product_ean(0)  # MUG-01, 2 in order 1002 (with a cable)
TSHIRT = demo.product_ean(15)  # TSH-01, the only line of order 1001


def scan(qtbot: QtBot, window: BenchWindow, code: str) -> None:
    with qtbot.waitSignal(window.outcome_shown, timeout=5000):
        type_scan(qtbot, window.bench.lines, code)


def press(qtbot: QtBot, window: BenchWindow, key: Qt.Key) -> None:
    with qtbot.waitSignal(window.outcome_shown, timeout=5000):
        qtbot.keyClick(window, key)


def order(ctx: AppContext, number: str) -> dict:  # type: ignore[type-arg]
    with ctx.db.read() as session:
        found = show_order(session, number)
    assert found is not None
    return found


def test_f6_asks_then_a_reason_and_f6_again_ship_short_with_a_backorder(
    qtbot: QtBot, bench: BenchWindow, ctx: AppContext
) -> None:
    # GIVEN order 1002 open with one of its two mugs scanned
    scan(qtbot, bench, "1002")
    scan(qtbot, bench, MUG)
    # WHEN F6 is pressed once
    press(qtbot, bench, Qt.Key.Key_F6)
    # THEN the banner says what would be missing and asks why; nothing is marked yet
    assert "would be marked missing" in bench.bench.banner.text()
    assert "OUT" in bench.bench.prompt.text()
    assert [ln["short"] for ln in order(ctx, "1002")["lines"]] == [0, 0]
    # WHEN the reason is scanned and F6 pressed again
    scan(qtbot, bench, "OUT")
    assert "SHORT again" in bench.bench.prompt.text()
    press(qtbot, bench, Qt.Key.Key_F6)
    # THEN the units are marked missing, and the parcel is to be weighed
    assert "backorder" in bench.bench.banner.text()
    assert "WEIGH" in bench.bench.prompt.text()
    # WHEN it is weighed
    with qtbot.waitSignal(bench.outcome_shown, timeout=5000):
        type_scan(qtbot, bench.bench.lines, "WEIGH")
    qtbot.waitUntil(lambda: bench.bench.banner.kind == "done", timeout=5000)
    # THEN it shipped, and what it still owes is a backorder
    shipped = order(ctx, "1002")
    assert shipped["status"] == "shipped"
    assert [ln["backorder"] for ln in shipped["lines"]] == [1, 1]


def test_after_a_hold_the_idle_screen_has_no_last_packed_order_and_reprint_says_why(
    qtbot: QtBot, bench: BenchWindow
) -> None:
    # GIVEN order 1001 opened, its t-shirt scanned, then held
    scan(qtbot, bench, "1001")
    scan(qtbot, bench, TSHIRT)
    scan(qtbot, bench, "HOLD")
    # THEN the idle screen does not call 1001 packed
    assert "1001" not in bench.bench.idle_hint.text()
    # WHEN REPRINT is scanned
    scan(qtbot, bench, "REPRINT")
    # THEN it says there is nothing to reprint, in the amber of an exception (no mistake made)
    assert bench.bench.banner.kind == "exception"
    assert "Nothing to reprint" in bench.bench.banner.text()


def test_a_short_asked_before_the_window_closed_is_asked_again_when_it_reopens(
    qtbot: QtBot, ctx: AppContext, tmp_path: Path
) -> None:
    # GIVEN order 1002 open, a mug scanned, F6 pressed (asked, not answered), the window closed
    window = open_window(qtbot, ctx, tmp_path)
    type_scan(qtbot, window.signin.pin, "OPANNA")
    qtbot.waitUntil(lambda: window.operator == "anna")
    scan(qtbot, window, "1002")
    scan(qtbot, window, MUG)
    press(qtbot, window, Qt.Key.Key_F6)
    asked = window.bench.prompt.text()
    window.close()
    # WHEN the window opens again and anna signs in
    again = open_window(qtbot, ctx, tmp_path)
    type_scan(qtbot, again.signin.pin, "OPANNA")
    qtbot.waitUntil(lambda: again.operator == "anna")
    # THEN the same question is asked, and the reason and F6 confirm it
    qtbot.waitUntil(lambda: again.bench.prompt.text() == asked, timeout=5000)
    scan(qtbot, again, "OUT")
    press(qtbot, again, Qt.Key.Key_F6)
    assert "backorder" in again.bench.banner.text()
    assert [ln["short"] for ln in order(ctx, "1002")["lines"]] == [1, 1]
    again.close()
