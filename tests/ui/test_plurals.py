"""Italian (and English) counts take the right plural form in the window, for 1 and for 2:
the core's sentences through the catalogue's plural forms, the window's own through Qt's %n."""

from __future__ import annotations

from pathlib import Path

from pytestqt.qtbot import QtBot

from station import demo
from station.context import AppContext
from station.ui.window import BenchWindow
from tests.ui.conftest import open_window, type_scan

TSHIRT = demo.product_ean(15)  # TSH-01, the only line of order 1001
MUG = demo.product_ean(0)  # MUG-01, 2 of the 3 units of order 1002


def scan(qtbot: QtBot, window: BenchWindow, code: str) -> None:
    with qtbot.waitSignal(window.outcome_shown, timeout=10_000):
        type_scan(qtbot, window.bench.lines, code)


def test_italian_counts_of_one_and_two(qtbot: QtBot, ctx: AppContext, tmp_path: Path) -> None:
    # GIVEN an Italian bench, anna signed in
    ctx.settings.language = "it"
    window = open_window(qtbot, ctx, tmp_path)
    type_scan(qtbot, window.signin.pin, "OPANNA")
    qtbot.waitUntil(lambda: window.operator == "anna")
    # WHEN order 1001 (one unit) opens
    scan(qtbot, window, "1001")
    # THEN one unit is "1 pezzo", "ne manca 1", "Manca 1 pezzo"
    assert window.bench.banner.text().endswith("1 pezzo.")
    assert "ne manca 1." in window.bench.prompt.text()
    assert window.bench.header.units.text() == "Manca 1 pezzo da scansionare, su 1"
    # WHEN it is packed and weighed
    scan(qtbot, window, TSHIRT)
    type_scan(qtbot, window.bench.lines, "WEIGH")
    qtbot.waitUntil(lambda: window.bench.banner.kind == "done", timeout=10_000)
    # THEN one parcel is "1 collo"
    assert window.bench.banner.text().endswith("imballato: 1 collo.")
    # WHEN order 1002 (three units) opens and one mug is scanned
    scan(qtbot, window, "1002")
    assert window.bench.banner.text().endswith("3 pezzi.")
    scan(qtbot, window, MUG)
    # THEN two left are "ne mancano 2", "Mancano 2 pezzi"
    assert "ne mancano 2." in window.bench.prompt.text()
    assert window.bench.header.units.text() == "Mancano 2 pezzi da scansionare, su 3"
    assert "/i" not in window.bench.prompt.text() + window.bench.banner.text()
    window.close()


def test_english_counts_of_one_and_two(qtbot: QtBot, bench: BenchWindow) -> None:
    scan(qtbot, bench, "1001")
    assert bench.bench.banner.text().endswith("1 unit.")
    assert bench.bench.header.units.text() == "1 unit left to scan, of 1"
    scan(qtbot, bench, "ABORT")
    scan(qtbot, bench, "1002")
    scan(qtbot, bench, MUG)
    assert bench.bench.header.units.text() == "2 units left to scan, of 3"
