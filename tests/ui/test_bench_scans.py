"""A wedge scanner drives the bench window: banner, line progress, sound and the database."""

from __future__ import annotations

from pytestqt.qtbot import QtBot

from station import demo
from station.context import AppContext
from station.db.models import Counter
from station.services.orders import show_order
from station.ui.window import BenchWindow
from tests.ui.conftest import type_scan

TSHIRT = demo.product_ean(15)  # TSH-01, the only line of order 1001
MUG = demo.product_ean(0)  # MUG-01, 2 in order 1002


def scan_and_wait(qtbot: QtBot, window: BenchWindow, code: str, delay_ms: int = 0) -> None:
    target = window.bench.lines  # never focused: the scan must be caught application-wide
    with qtbot.waitSignal(window.outcome_shown, timeout=5000):
        type_scan(qtbot, target, code, delay_ms)


def test_scanning_an_order_opens_it_with_its_lines(qtbot: QtBot, bench: BenchWindow) -> None:
    # GIVEN a signed-in bench with no order open
    # WHEN the operator scans order 1002
    scan_and_wait(qtbot, bench, "1002")
    # THEN the banner is green, the header shows the order and both lines start at 0
    assert bench.bench.banner.kind == "ok"
    assert "1002" in bench.bench.header.number.text()
    model = bench.bench.lines.lines_model
    assert model.rowCount() == 2
    assert model.data(model.index(0, model.PROGRESS)) == "0 / 2"
    assert bench.sounds.requested[-1] == "ok"


def test_an_item_scan_moves_its_line_and_is_stored(
    qtbot: QtBot, bench: BenchWindow, ctx: AppContext
) -> None:
    # GIVEN order 1002 is open
    scan_and_wait(qtbot, bench, "1002")
    # WHEN a mug is scanned, fast
    scan_and_wait(qtbot, bench, MUG)
    # THEN its line reads 1 / 2, the banner is green, the OK sound was asked for
    model = bench.bench.lines.lines_model
    assert model.data(model.index(0, model.PROGRESS)) == "1 / 2"
    assert bench.bench.banner.kind == "ok"
    assert bench.sounds.requested[-1] == "ok"
    # AND the database has it
    with ctx.db.read() as session:
        order = show_order(session, "1002")
    assert order is not None
    assert order["lines"][0]["verified"] == 1


def test_a_slow_bluetooth_scan_stays_one_code(qtbot: QtBot, bench: BenchWindow) -> None:
    # GIVEN order 1002 is open
    scan_and_wait(qtbot, bench, "1002")
    # WHEN a mug is scanned by a slow scanner, 100 ms between characters
    scan_and_wait(qtbot, bench, MUG, delay_ms=100)
    # THEN it counted as one mug
    model = bench.bench.lines.lines_model
    assert model.data(model.index(0, model.PROGRESS)) == "1 / 2"


def test_a_wrong_item_is_red_with_the_reason(qtbot: QtBot, bench: BenchWindow) -> None:
    # GIVEN order 1001 (one T-shirt) is open
    scan_and_wait(qtbot, bench, "1001")
    # WHEN a mug is scanned
    scan_and_wait(qtbot, bench, MUG)
    # THEN the banner is the wrong item's red, says the mug is not in the order, and the error
    # sound was asked for
    assert bench.bench.banner.kind == "wrong_item"
    assert "not in order 1001" in bench.bench.banner.text()
    assert bench.sounds.requested[-1] == "error"
    model = bench.bench.lines.lines_model
    assert model.data(model.index(0, model.PROGRESS)) == "0 / 1"


def test_packing_weighing_and_done(qtbot: QtBot, bench: BenchWindow, ctx: AppContext) -> None:
    # GIVEN order 1001 with its T-shirt scanned
    scan_and_wait(qtbot, bench, "1001")
    scan_and_wait(qtbot, bench, TSHIRT)
    assert "WEIGH" in bench.bench.prompt.text()
    # WHEN WEIGH is scanned and the (simulated) scale answers
    with qtbot.waitSignal(bench.outcome_shown, timeout=5000):
        type_scan(qtbot, bench.bench.lines, "WEIGH")
    qtbot.waitUntil(lambda: bench.bench.banner.kind == "done", timeout=5000)
    # THEN the order is done: blue banner, done sound, and shipped in the database
    assert "1001" in bench.bench.banner.text()
    assert bench.sounds.requested[-1] == "done"
    with ctx.db.read() as session:
        order = show_order(session, "1001")
    assert order is not None
    assert order["status"] == "shipped"
    assert order["parcels"][0]["weight_g"] is not None


def test_the_shop_hears_of_a_packed_order_and_the_status_bar_says_so(
    qtbot: QtBot, bench: BenchWindow, ctx: AppContext
) -> None:
    # GIVEN the demo shop (a drop folder) with nothing waiting
    qtbot.waitUntil(lambda: "0 updates waiting" in bench.sync_label.text(), timeout=5000)
    # WHEN order 1001 is packed
    scan_and_wait(qtbot, bench, "1001")
    scan_and_wait(qtbot, bench, TSHIRT)
    with qtbot.waitSignal(bench.outcome_shown, timeout=5000):
        type_scan(qtbot, bench.bench.lines, "WEIGH")
    qtbot.waitUntil(lambda: bench.bench.banner.kind == "done", timeout=5000)
    # THEN the background sync sends its tracking to the shop, and the backlog empties again
    shipped = ctx.home / "demo-shop" / "shipped"
    qtbot.waitUntil(lambda: len(list(shipped.glob("1001-*.json"))) == 2, timeout=10_000)
    qtbot.waitUntil(lambda: "0 updates waiting" in bench.sync_label.text(), timeout=10_000)


def test_a_used_up_number_range_is_a_red_banner_and_nothing_ships(
    qtbot: QtBot, bench: BenchWindow, ctx: AppContext
) -> None:
    # GIVEN a GLS range whose only number is taken (order 1001 goes with GLS)
    ranges = {"GLS": {"first": 7, "last": 7, "prefix": "M1", "width": 9, "check": "luhn"}}
    ctx.settings.tracking_ranges = ranges
    with ctx.db.write() as session:
        session.add(Counter(name="tracking:GLS:M1:7-7", value=7))
    scan_and_wait(qtbot, bench, "1001")
    scan_and_wait(qtbot, bench, TSHIRT)
    # WHEN the parcel is weighed and the order would ship
    with qtbot.waitSignal(bench.outcome_shown, timeout=5000):
        type_scan(qtbot, bench.bench.lines, "WEIGH")
    qtbot.waitUntil(lambda: bench.bench.banner.kind == "error", timeout=5000)
    # THEN the banner says why, and the order is still open, unshipped
    assert "GLS number range (7-7) is used up" in bench.bench.banner.text()
    with ctx.db.read() as session:
        order = show_order(session, "1001")
    assert order is not None
    assert order["status"] == "packing"
