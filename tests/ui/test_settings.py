"""Settings go to the bench's config file; the scanner test page finds the right layouts."""

from __future__ import annotations

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from station.config import Settings
from station.context import AppContext
from station.domain.layouts import as_typed
from station.ui.scanner_test import TEST_CODE, ScannerTestDialog
from station.ui.settings_dialog import SettingsDialog, kiosk
from station.ui.window import BenchWindow
from tests.ui.conftest import type_scan


def test_settings_are_saved_to_the_config_file(
    qtbot: QtBot, bench: BenchWindow, ctx: AppContext
) -> None:
    # GIVEN the settings dialog, opened with a lead signed in over the operator
    dialog = SettingsDialog(ctx.settings, bench, lead="giulia")
    qtbot.addWidget(dialog)
    # WHEN the bench is renamed, the tolerance, scanner layout and device changed, and saved
    dialog.bench_name.setText("banco-7")
    dialog.tolerance_g.setValue(80)
    dialog.scanner_layout.setCurrentIndex(dialog.scanner_layout.findData("it"))
    dialog.language.setCurrentIndex(dialog.language.findData("it"))
    wedge = "/dev/input/by-id/usb-Honeywell_Xenon_1900-event-kbd"
    dialog.scanner_device.setEditText(wedge)
    bench.apply_settings(dialog.settings())
    # THEN station.toml holds them and the window uses them
    saved = Settings.load(ctx.home)
    assert saved.bench_name == "banco-7"
    assert saved.weight_tolerance_g == 80
    assert saved.language == "it"
    assert saved.extra["scanner_layout"] == "it"
    assert saved.extra["scanner_device"] == wedge
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


def edit_settings(qtbot: QtBot, window: BenchWindow, tolerance_g: int) -> list[bool]:
    """Open the settings as the operator would, try to set the tolerance, save; whether the
    tolerance field could be edited."""
    editable: list[bool] = []

    def edit() -> None:
        dialog = QApplication.activeModalWidget()
        assert isinstance(dialog, SettingsDialog)
        editable.append(dialog.tolerance_g.isEnabled())
        dialog.tolerance_g.setValue(tolerance_g)  # as a script would, past the disabled field
        dialog.accept()

    QTimer.singleShot(100, edit)
    window.open_settings()
    return editable


def test_an_operator_cannot_raise_the_weight_tolerance(
    qtbot: QtBot, bench: BenchWindow, ctx: AppContext
) -> None:
    # GIVEN anna, an operator, at the bench
    # WHEN she opens the settings and tries to raise the weight tolerance to 2 kg
    editable = edit_settings(qtbot, bench, 2000)
    # THEN the field was locked, the change is refused with a sentence, and nothing is saved
    assert editable == [False]
    assert "Only a lead can change the weight checks" in bench.bench.banner.text()
    assert Settings.load(ctx.home).weight_tolerance_g == 50
    assert ctx.settings.weight_tolerance_g == 50


def test_a_lead_signed_in_over_the_operator_changes_the_tolerance(
    qtbot: QtBot, bench: BenchWindow, ctx: AppContext
) -> None:
    # GIVEN giulia, a lead, signs in over anna with her PIN
    bench.show_signin("lead")
    type_scan(qtbot, bench.signin.pin, "9999")
    qtbot.waitUntil(lambda: bench.lead == "giulia")
    # WHEN she sets the tolerance to 80 g in the settings
    editable = edit_settings(qtbot, bench, 80)
    # THEN the field was open to her and the new tolerance is saved
    assert editable == [True]
    assert Settings.load(ctx.home).weight_tolerance_g == 80


def test_the_bench_is_full_screen_unless_the_setting_says_not(
    qtbot: QtBot, bench: BenchWindow, ctx: AppContext
) -> None:
    # GIVEN a bench with no fullscreen setting: a kiosk
    assert kiosk(ctx.settings)
    # WHEN full screen is unticked in the settings and saved
    dialog = SettingsDialog(ctx.settings, bench)
    qtbot.addWidget(dialog)
    assert dialog.fullscreen.isChecked()
    dialog.fullscreen.setChecked(False)
    bench.apply_settings(dialog.settings())
    # THEN station.toml says so, for the next start
    assert not kiosk(Settings.load(ctx.home))
