"""A label that does not print is impossible to miss at the window, and is retried from it."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from station import demo
from station.context import AppContext
from station.devices.simulators.printer import FakePrinter
from station.ui.window import BenchWindow
from tests.ui.conftest import open_window, type_scan

TSHIRT = demo.product_ean(15)  # TSH-01, the only line of order 1001


@pytest.fixture
def printer() -> Iterator[FakePrinter]:
    fake = FakePrinter().start()
    yield fake
    fake.stop()


@pytest.fixture
def zpl_bench(
    qtbot: QtBot, ctx: AppContext, tmp_path: Path, printer: FakePrinter
) -> Iterator[BenchWindow]:
    """A signed-in window whose printer is the fake ZPL printer, retried quickly."""
    ctx.settings.printer = f"zpl:127.0.0.1:{printer.port}"
    ctx.settings.print_retry_delay_s = 0.01
    window = open_window(qtbot, ctx, tmp_path)
    type_scan(qtbot, window.signin.pin, "OPANNA")
    qtbot.waitUntil(lambda: window.operator == "anna")
    yield window
    window.close()


def pack_1001(qtbot: QtBot, window: BenchWindow) -> None:
    for code in ("1001", TSHIRT, "WEIGH"):
        type_scan(qtbot, window.bench.lines, code)
    qtbot.waitUntil(lambda: "1001" in window.bench.idle_hint.text(), timeout=10_000)


def redirect_failed_to(qtbot: QtBot, window: BenchWindow, folder: Path) -> list[Path]:
    """Send the failed print jobs to a folder printer from the print jobs dialog; the files."""
    window.open_print_jobs()
    dialog = window.print_dialog
    assert dialog is not None
    dialog.redirect(f"folder:{folder}")
    qtbot.waitUntil(lambda: bool(labels_in(folder)), timeout=5000)
    return labels_in(folder)


def labels_in(folder: Path) -> list[Path]:
    """The files a person sees in the tray folder (not a temporary file being written)."""
    if not folder.is_dir():
        return []
    return [p for p in folder.iterdir() if not p.name.startswith(".")]


def test_a_refused_label_is_loud_and_retried_from_the_print_jobs_dialog(
    qtbot: QtBot, zpl_bench: BenchWindow, printer: FakePrinter
) -> None:
    window = zpl_bench
    # GIVEN the label printer is switched off
    printer.refuse()
    # WHEN order 1001 is packed
    pack_1001(qtbot, window)
    # THEN a red banner says the label of 1001 did not print and why, with the error sound
    banner = window.bench.banner
    qtbot.waitUntil(lambda: "Label for order 1001 not printed" in banner.text(), timeout=10_000)
    assert banner.kind == "error"
    assert "refused the connection" in banner.text()
    assert window.sounds.requested[-1] == "error"
    # AND the status bar keeps a red count of failed prints
    qtbot.waitUntil(window.print_label.isVisible)
    assert window.print_label.text() == "1 print failed (Ctrl+P)"

    # WHEN the printer is back and the operator opens the print jobs with Ctrl+P and hits Enter
    printer.accept_again()
    qtbot.keyClick(window, Qt.Key.Key_P, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: window.print_dialog is not None and window.print_dialog.isVisible())
    dialog = window.print_dialog
    assert dialog is not None
    assert dialog.failed.topLevelItemCount() == 1
    assert "refused" in dialog.reason.text()
    qtbot.keyClick(dialog.failed, Qt.Key.Key_Return)
    # THEN the label prints, the failed list empties and the label is listed as printed today
    assert printer.wait_for_jobs(1)
    assert printer.jobs[0].startswith(b"^XA")
    qtbot.waitUntil(lambda: dialog.printed.topLevelItemCount() == 1)
    assert dialog.failed.topLevelItemCount() == 0
    assert not window.print_label.isVisible()
    assert dialog.printed.topLevelItem(0).text(1) == "Label 1001, parcel 1"

    # WHEN the operator reprints it from the day's list
    dialog.printed.setFocus()
    qtbot.keyClick(dialog.printed, Qt.Key.Key_Return)
    # THEN the printer gets the same label again
    assert printer.wait_for_jobs(2)
    assert printer.jobs[1] == printer.jobs[0]
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: window.print_dialog is None)


def test_a_failed_label_is_redirected_to_a_folder_printer(
    qtbot: QtBot, zpl_bench: BenchWindow, printer: FakePrinter, tmp_path: Path
) -> None:
    window = zpl_bench
    # GIVEN a label that failed on a printer that hangs up
    printer.mode = "hangup"
    pack_1001(qtbot, window)
    qtbot.waitUntil(window.print_label.isVisible, timeout=10_000)
    # WHEN the operator sends it to a folder printer instead
    # THEN the label lands there as a PDF and nothing is left failed
    [written] = redirect_failed_to(qtbot, window, tmp_path / "spare")
    assert written.read_bytes().startswith(b"%PDF")
    qtbot.waitUntil(lambda: not window.print_label.isVisible())


def test_a_damaged_failed_list_is_set_aside_and_said_in_the_status_bar(
    qtbot: QtBot, ctx: AppContext, tmp_path: Path
) -> None:
    # GIVEN a bench home whose failed print list is damaged
    state = ctx.home / "print"
    state.mkdir(parents=True, exist_ok=True)
    (state / "print-failed.json").write_text("{half")
    # WHEN the window opens
    window = open_window(qtbot, ctx, tmp_path)
    try:
        # THEN the status bar says the list was set aside, and the file is kept aside
        bar = window.statusBar()
        qtbot.waitUntil(lambda: "was damaged and was set aside" in bar.currentMessage())
        [aside] = list(state.glob("print-failed.json.corrupt-*"))
        assert aside.read_text() == "{half"
        assert str(aside) in bar.currentMessage()
    finally:
        window.close()
