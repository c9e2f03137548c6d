"""What the operator sees after each kind of scan: a colour per outcome, the line that needs a
lot before its scan, the line just scanned in view, and the done screen's labels and boxes."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from station import demo
from station.context import AppContext
from station.services.orders import show_order
from station.ui import banner as banner_module
from station.ui.commands import COMMANDS
from station.ui.hold_dialog import HoldDialog
from station.ui.window import BenchWindow
from tests.ui.conftest import open_window, type_scan
from tests.ui.test_signin import HeavyScale

TSHIRT = demo.product_ean(15)  # TSH-01, the only line of order 1001
MUG = demo.product_ean(0)  # MUG-01, 2 in order 1002


def scan(qtbot: QtBot, window: BenchWindow, code: str) -> str:
    """Scan `code` and give back the banner's kind once its outcome is painted."""
    with qtbot.waitSignal(window.outcome_shown, timeout=10_000):
        type_scan(qtbot, window.bench.lines, code)
    return window.bench.banner.kind


def test_each_outcome_has_its_colour(qtbot: QtBot, bench: BenchWindow) -> None:
    # GIVEN a signed-in bench; WHEN the operator makes each kind of scan, THEN each has its kind
    kinds = {
        "good scan": scan(qtbot, bench, "1002"),
        "good item": scan(qtbot, bench, MUG),
        "undo": scan(qtbot, bench, "UNDO"),
        "wrong item": scan(qtbot, bench, TSHIRT),
        "unknown code": scan(qtbot, bench, "4006381333931"),
    }
    unknown_text = bench.bench.banner.text()
    scan(qtbot, bench, MUG)
    scan(qtbot, bench, MUG)
    kinds["already packed"] = scan(qtbot, bench, MUG)
    kinds["abort"] = scan(qtbot, bench, "ABORT")
    assert kinds == {
        "good scan": "ok",
        "good item": "ok",
        "undo": "exception",
        "wrong item": "wrong_item",
        "unknown code": "unknown_code",
        "already packed": "already_packed",
        "abort": "exception",
    }
    # AND the unknown code tells how to teach it
    assert "LEARN" in unknown_text
    # AND the colours are told apart: green only for good scans, amber for exceptions, and
    # each mistake its own
    painted = {kind: banner_module.colours_of(kind)[0] for kind in set(kinds.values())}
    assert len(set(painted.values())) == len(painted)
    assert painted["ok"] == "#1b5e20"
    assert painted["exception"] == "#ffb300"


def test_a_held_order_is_amber(qtbot: QtBot, bench: BenchWindow) -> None:
    # GIVEN order 1002 is open
    scan(qtbot, bench, "1002")

    def give_reason() -> None:
        dialog = QApplication.activeModalWidget()
        assert isinstance(dialog, HoldDialog)
        dialog.setTextValue("damaged box")
        dialog.accept()

    # WHEN it is put on hold with a reason
    QTimer.singleShot(100, give_reason)
    with qtbot.waitSignal(bench.outcome_shown, timeout=5000):
        bench.run_command(next(c for c in COMMANDS if c.word == "HOLD"))
    # THEN the banner is amber, not green
    assert bench.bench.banner.kind == "exception"
    assert "damaged box" in bench.bench.banner.text()


def test_a_weight_out_of_tolerance_has_its_own_treatment(
    qtbot: QtBot, ctx: AppContext, tmp_path: Path
) -> None:
    # GIVEN a bench whose parcels weigh 2 kg more than expected, order 1001 packed
    window = open_window(qtbot, ctx, tmp_path, HeavyScale())
    type_scan(qtbot, window.signin.pin, "OPANNA")
    qtbot.waitUntil(lambda: window.operator == "anna")
    scan(qtbot, window, "1001")
    scan(qtbot, window, TSHIRT)
    # WHEN it is weighed
    type_scan(qtbot, window.bench.lines, "WEIGH")
    qtbot.waitUntil(lambda: window.bench.banner.kind == "bad_weight", timeout=5000)
    # THEN the banner is titled so, and not in the wrong item's red
    assert window.bench.banner.text().startswith("CHECK THE WEIGHT")
    assert banner_module.colours_of("bad_weight") != banner_module.colours_of("wrong_item")
    window.close()


def test_a_line_that_needs_a_lot_says_so_before_the_scan(qtbot: QtBot, bench: BenchWindow) -> None:
    # WHEN order 1008 (coffee and oil, both with lot and expiry) is opened
    scan(qtbot, bench, "1008")
    # THEN each line says, before any scan, that its GS1 code with the lot is wanted
    model = bench.bench.lines.lines_model
    names = [str(model.data(model.index(row, model.NAME))) for row in range(model.rowCount())]
    assert names
    assert all("scan the GS1 code with its lot + expiry date" in name for name in names)


def test_the_line_just_scanned_scrolls_into_view(qtbot: QtBot, bench: BenchWindow) -> None:
    # GIVEN a short window, so order 1002's second line is below the fold
    scan(qtbot, bench, "1002")
    view = bench.bench.lines
    view.setFixedHeight(view.horizontalHeader().height() + 60)
    qtbot.wait(50)
    model = view.lines_model
    last = model.rowCount() - 1
    assert view.visualRect(model.index(last, model.PROGRESS)).top() > 40
    # WHEN that line's item is scanned
    sku = model.line(last).sku
    index = next(i for i, p in enumerate(demo.demo_products()) if p.sku == sku)
    scan(qtbot, bench, demo.product_ean(index))
    # THEN the table scrolled to it
    rect = view.visualRect(model.index(last, model.PROGRESS))
    assert rect.top() >= 0
    assert rect.bottom() <= view.viewport().height()


def test_the_done_screen_says_which_label_goes_on_which_box(
    qtbot: QtBot, bench: BenchWindow, ctx: AppContext
) -> None:
    # GIVEN order 1001 packed in a medium box
    for code in ("1001", "BOXM", TSHIRT):
        scan(qtbot, bench, code)
    # WHEN it is weighed and ships
    type_scan(qtbot, bench.bench.lines, "WEIGH")
    qtbot.waitUntil(lambda: bench.bench.banner.kind == "done", timeout=10_000)
    # THEN the screen shows the parcel's tracking number beside its parcel and box
    with ctx.db.read() as session:
        order = show_order(session, "1001")
    assert order is not None
    tracking = order["parcels"][0]["tracking_number"]
    shown = bench.bench.idle_hint.tracking_shown()
    assert "Last order packed: 1001" in shown
    assert tracking in shown
    assert bench.bench.idle_hint.rows[0][:3] == [f"GLS {tracking}", "parcel 1", "BOXM"]


def test_a_short_asked_and_a_reprint_of_nothing_are_amber(qtbot: QtBot, bench: BenchWindow) -> None:
    # GIVEN nothing packed at this bench yet
    # WHEN REPRINT is pressed
    with qtbot.waitSignal(bench.outcome_shown, timeout=5000):
        bench.run_command(next(c for c in COMMANDS if c.word == "REPRINT"))
    # THEN the banner says so in amber, not green and not as a mistake
    assert bench.bench.banner.kind == "exception"
    # GIVEN order 1002 is open
    scan(qtbot, bench, "1002")
    # WHEN SHORT is pressed (it asks why before anything ships)
    with qtbot.waitSignal(bench.outcome_shown, timeout=5000):
        bench.run_command(next(c for c in COMMANDS if c.word == "SHORT"))
    # THEN the question is amber too
    assert bench.bench.banner.kind == "exception"
