"""Keyboard-wedge capture: split on the terminator only, leave people's typing alone, fix layouts."""

from __future__ import annotations

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from station import demo
from station.domain.layouts import as_typed
from station.ui.window import BenchWindow
from tests.ui.conftest import type_scan

MUG = demo.product_ean(0)  # MUG-01, 2 in order 1002


def test_two_scans_50_ms_apart_stay_two_scans(qtbot: QtBot, bench: BenchWindow) -> None:
    # GIVEN order 1002 is open
    with qtbot.waitSignal(bench.outcome_shown):
        type_scan(qtbot, bench.bench.lines, "1002")
    # WHEN two mugs are scanned 50 ms apart
    with qtbot.waitSignals([bench.outcome_shown, bench.outcome_shown], timeout=5000):
        type_scan(qtbot, bench.bench.lines, MUG)
        qtbot.wait(50)
        type_scan(qtbot, bench.bench.lines, MUG)
    qtbot.waitUntil(lambda: bench.sounds.requested.count("ok") >= 3)
    # THEN both counted: 2 / 2
    model = bench.bench.lines.lines_model
    assert model.data(model.index(0, model.PROGRESS)) == "2 / 2"


def test_typing_a_search_is_not_taken_as_a_scan(qtbot: QtBot, bench: BenchWindow) -> None:
    # GIVEN the queue is shown and its search box has focus
    bench.show_queue()
    bench.queue.search.setFocus()
    heard = list(bench.sounds.requested)
    # WHEN a person types a name and Enter in it, a key every 120 ms
    qtbot.keyClicks(bench.queue.search, "Rossi", delay=120)
    qtbot.wait(120)
    qtbot.keyClick(bench.queue.search, Qt.Key.Key_Return)
    qtbot.wait(100)
    # THEN the text is in the search box and the bench did not react
    assert bench.queue.search.text() == "Rossi"
    assert bench.sounds.requested == heard
    assert bench.stack.currentWidget() is bench.queue


def test_a_us_scanner_on_an_italian_keyboard_gives_the_right_code(
    qtbot: QtBot, bench: BenchWindow
) -> None:
    # GIVEN the scanner is set to US and the system keyboard to Italian
    bench.capture.set_layouts("us", "it")
    typed = as_typed("ABC-123/X", scanner="us", system="it")
    assert typed != "ABC-123/X"  # what Qt receives is mangled
    # WHEN the scanner types it
    with qtbot.waitSignal(bench.capture.scanned) as got:
        type_scan(qtbot, bench.bench.lines, typed)
    # THEN the bench gets the code as printed on the label
    assert got.args[0] == "ABC-123/X"


def test_an_italian_scanner_on_a_us_keyboard_gives_the_right_code(
    qtbot: QtBot, bench: BenchWindow
) -> None:
    bench.capture.set_layouts("it", "us")
    typed = as_typed("LOT-7/B", scanner="it", system="us")
    with qtbot.waitSignal(bench.capture.scanned) as got:
        type_scan(qtbot, bench.bench.lines, typed)
    assert got.args[0] == "LOT-7/B"


def test_a_command_barcode_opens_the_queue(qtbot: QtBot, bench: BenchWindow) -> None:
    # WHEN the QUEUE command barcode is scanned
    type_scan(qtbot, bench.bench.lines, "QUEUE")
    # THEN the queue is shown and fills from the database
    assert bench.stack.currentWidget() is bench.queue
    qtbot.waitUntil(lambda: bench.queue.model.rowCount() == 35, timeout=5000)
