"""Settings go to the bench's config file; the scanner test page finds the right layouts."""

from __future__ import annotations

from pytestqt.qtbot import QtBot

from station.config import Settings
from station.context import AppContext
from station.domain.layouts import as_typed
from station.ui.scanner_test import TEST_CODE, ScannerTestDialog
from station.ui.settings_dialog import SettingsDialog
from station.ui.window import BenchWindow
from tests.ui.conftest import type_scan


def test_settings_are_saved_to_the_config_file(
    qtbot: QtBot, bench: BenchWindow, ctx: AppContext
) -> None:
    # GIVEN the settings dialog
    dialog = SettingsDialog(ctx.settings, bench)
    qtbot.addWidget(dialog)
    # WHEN the bench is renamed, the tolerance and scanner layout changed, and saved
    dialog.bench_name.setText("banco-7")
    dialog.tolerance_g.setValue(80)
    dialog.scanner_layout.setCurrentIndex(dialog.scanner_layout.findData("it"))
    dialog.language.setCurrentIndex(dialog.language.findData("it"))
    bench.apply_settings(dialog.settings())
    # THEN station.toml holds them and the window uses them
    saved = Settings.load(ctx.home)
    assert saved.bench_name == "banco-7"
    assert saved.weight_tolerance_g == 80
    assert saved.language == "it"
    assert saved.extra["scanner_layout"] == "it"
    assert bench.capture.scanner_layout == "it"
    assert "banco-7" in bench.windowTitle()


def test_the_scanner_test_page_finds_the_layout_mix_up(qtbot: QtBot, bench: BenchWindow) -> None:
    # GIVEN the scanner test page is open
    dialog = ScannerTestDialog(bench.capture, bench)
    dialog.open()
    qtbot.waitExposed(dialog)
    # WHEN a US-layout scanner on an Italian keyboard scans the test code
    type_scan(qtbot, dialog, as_typed(TEST_CODE, scanner="us", system="it"))
    # THEN the page names the mix-up and offers the fix
    qtbot.waitUntil(lambda: dialog.chosen is not None)
    assert dialog.chosen == ("us", "it")
    assert dialog.apply.isEnabled()
    # AND the scan did not reach the bench
    assert bench.view.order is None
    dialog.close()
