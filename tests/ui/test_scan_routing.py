"""Every scan reaches the bench or is answered: with a dialog open, in a text field, or bad."""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from station import demo
from station.ui.commands import COMMANDS
from station.ui.hold_dialog import HoldDialog
from station.ui.scan_notice import ScanNotice
from station.ui.window import BenchWindow
from station.workflow.scan_input import MAX_SCAN_CHARS
from tests.ui.conftest import type_scan

MUG = demo.product_ean(0)  # MUG-01, 2 in order 1002


def progress(window: BenchWindow, row: int = 0) -> str:
    model = window.bench.lines.lines_model
    return str(model.data(model.index(row, model.PROGRESS)))


def test_a_scan_with_the_print_jobs_dialog_open_reaches_the_bench(
    qtbot: QtBot, bench: BenchWindow
) -> None:
    # GIVEN order 1002 is open and the print jobs dialog is open over the bench
    with qtbot.waitSignal(bench.outcome_shown):
        type_scan(qtbot, bench.bench.lines, "1002")
    bench.open_print_jobs()
    dialog = bench.print_dialog
    assert dialog is not None
    qtbot.waitUntil(dialog.isVisible)
    assert QApplication.activeModalWidget() is dialog
    # WHEN a mug is scanned
    with qtbot.waitSignal(bench.outcome_shown, timeout=5000):
        type_scan(qtbot, dialog, MUG)
    # THEN the bench counted it, and its answer is shown across the top of the dialog
    assert progress(bench) == "1 / 2"
    notice = dialog.findChild(ScanNotice)
    assert notice is not None
    assert notice.isVisible()
    assert "1/2" in notice.text()
    assert notice.height() >= notice.heightForWidth(notice.width()) > 40  # no line cut off
    assert bench.sounds.requested[-1] == "ok"


def test_a_window_command_with_a_dialog_open_is_answered_not_dropped(
    qtbot: QtBot, bench: BenchWindow
) -> None:
    # GIVEN the print jobs dialog is open
    bench.open_print_jobs()
    dialog = bench.print_dialog
    assert dialog is not None
    qtbot.waitUntil(dialog.isVisible)
    # WHEN the QUEUE command barcode is scanned
    type_scan(qtbot, dialog, "QUEUE")
    # THEN the dialog says to close it first, with the error sound, and the queue is not behind it
    notice = dialog.findChild(ScanNotice)
    assert notice is not None
    assert notice.isVisible()
    assert "close this window first" in notice.text()
    assert bench.sounds.requested[-1] == "error"
    assert bench.stack.currentWidget() is bench.bench


def test_a_scan_into_the_queue_search_goes_to_the_bench(qtbot: QtBot, bench: BenchWindow) -> None:
    # GIVEN the queue is shown, its search box has focus and holds "Ros" typed by a person
    bench.show_queue()
    bench.queue.search.setFocus()
    qtbot.keyClicks(bench.queue.search, "Ros", delay=120)
    # WHEN order 1002's packing slip is scanned (a burst of keys ending with Enter)
    with qtbot.waitSignal(bench.outcome_shown, timeout=5000):
        type_scan(qtbot, bench.queue.search, "ORD1002")
    # THEN the order opens at the bench, and the search box keeps what the person typed
    assert bench.stack.currentWidget() is bench.bench
    assert "1002" in bench.bench.header.number.text()
    assert bench.queue.search.text() == "Ros"


def test_a_scan_while_typing_a_hold_reason_is_not_typed_into_it(
    qtbot: QtBot, bench: BenchWindow
) -> None:
    # GIVEN order 1002 is open and the hold dialog asks for a reason, "late" typed so far
    with qtbot.waitSignal(bench.outcome_shown):
        type_scan(qtbot, bench.bench.lines, "1002")
    reasons: list[str] = []

    def answer() -> None:
        dialog = QApplication.activeModalWidget()
        assert isinstance(dialog, HoldDialog)
        field = QApplication.focusWidget()
        qtbot.keyClicks(field, "late", delay=120)
        # WHEN a mug is scanned into the reason field
        with qtbot.waitSignal(bench.outcome_shown, timeout=5000):
            type_scan(qtbot, field, MUG)
        reasons.append(dialog.textValue())
        dialog.reject()

    QTimer.singleShot(100, answer)
    bench.run_command(next(c for c in COMMANDS if c.word == "HOLD"))
    # THEN the mug was counted at the bench and the reason field kept only what was typed
    assert reasons == ["late"]
    assert progress(bench) == "1 / 2"


def test_an_over_long_scan_is_refused_with_a_sentence(qtbot: QtBot, bench: BenchWindow) -> None:
    # WHEN a scanner sends a line longer than any barcode
    type_scan(qtbot, bench.bench.lines, "A" * (MAX_SCAN_CHARS + 5))
    # THEN the banner says it is too long and how long, with the error sound
    text = bench.bench.banner.text()
    assert f"{MAX_SCAN_CHARS + 5} characters" in text
    assert bench.sounds.requested[-1] == "error"


def test_a_person_typing_slowly_in_the_search_box_filters_the_queue(
    qtbot: QtBot, bench: BenchWindow
) -> None:
    # GIVEN the queue with its search box focused
    bench.show_queue()
    bench.queue.search.setFocus()
    heard = list(bench.sounds.requested)
    # WHEN a person types a number and Enter at a person's pace
    qtbot.keyClicks(bench.queue.search, "1002", delay=90)
    qtbot.wait(90)
    qtbot.keyClick(bench.queue.search, Qt.Key.Key_Return)
    # THEN it stays a search: the queue shows, the text is there, the bench did not react
    assert bench.stack.currentWidget() is bench.queue
    assert bench.queue.search.text() == "1002"
    assert bench.sounds.requested == heard
