"""The device health panel: a scale on a pty serial port (the real driver) unplugged and back,
a label printer out of labels."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from station import demo
from station.context import AppContext
from station.devices.health import HealthLevel
from station.devices.printers import HostStatus
from station.devices.serialscale import SerialScale
from station.devices.simulators.printer import FakePrinter
from station.devices.simulators.scale import ScaleSimulator
from station.devices.simulators.scanner import ScannerSimulator
from station.ui.window import BenchWindow
from tests.ui.conftest import open_window, type_scan

TSHIRT = demo.product_ean(15)  # TSH-01, the only line of order 1001
SHIFT = Qt.KeyboardModifier.ShiftModifier


@pytest.fixture
def pty_scale(tmp_path: Path) -> SerialScale:
    """An MT-SICS scale simulator on a pty behind a stable link, driven by the serial driver;
    the window closes it."""
    simulator = ScaleSimulator("mt-sics", link=tmp_path / "ttyScale").start()
    scale = SerialScale(str(tmp_path / "ttyScale"), "mt-sics")
    scale.simulator = simulator
    return scale.start()


@pytest.fixture
def pty_bench(
    qtbot: QtBot, ctx: AppContext, tmp_path: Path, pty_scale: SerialScale
) -> Iterator[BenchWindow]:
    window = open_window(qtbot, ctx, tmp_path, pty_scale)
    type_scan(qtbot, window.signin.pin, "OPANNA")
    qtbot.waitUntil(lambda: window.operator == "anna")
    yield window
    window.close()


def test_an_unplugged_scale_is_red_loud_and_refuses_weigh(
    qtbot: QtBot, pty_bench: BenchWindow, pty_scale: SerialScale
) -> None:
    window = pty_bench
    # GIVEN the scale answers and order 1001 is packed, ready to weigh
    qtbot.waitUntil(lambda: window.health.level("scale") is HealthLevel.OK, timeout=5000)
    for code in ("1001", TSHIRT):
        with qtbot.waitSignal(window.outcome_shown, timeout=5000):
            type_scan(qtbot, window.bench.lines, code)
    heard = len(window.sounds.requested)
    # WHEN the scale's cable is pulled (its pty closes)
    assert pty_scale.simulator is not None
    pty_scale.simulator.vanish()
    # THEN the panel turns the scale red and says what to do, and the alarm sounds
    qtbot.waitUntil(lambda: window.health.level("scale") is HealthLevel.FAILED, timeout=5000)
    shown = window.health.text_of("scale")
    assert "Scale" in shown
    assert "unplugged" in shown or "does not exist" in shown
    assert "error" in window.sounds.requested[heard:]
    # AND WEIGH is refused at once with that reason; the order stays open, unweighed
    type_scan(qtbot, window.bench.lines, "WEIGH")
    assert window.bench.banner.text().startswith("Cannot weigh:")
    assert window.bench.banner.kind == "error"
    assert window.view.order is not None
    assert window.view.order.parcels[0].measured_g is None
    # AND once plugged back in, the scale is green again and WEIGH packs the order
    pty_scale.simulator.come_back()
    qtbot.waitUntil(lambda: window.health.level("scale") is HealthLevel.OK, timeout=5000)
    type_scan(qtbot, window.bench.lines, "WEIGH")
    qtbot.waitUntil(lambda: window.bench.banner.kind == "done", timeout=10_000)


@pytest.fixture
def printer() -> Iterator[FakePrinter]:
    fake = FakePrinter().start()
    yield fake
    fake.stop()


def test_a_printer_out_of_labels_turns_the_panel_red(
    qtbot: QtBot, ctx: AppContext, tmp_path: Path, printer: FakePrinter
) -> None:
    # GIVEN a bench whose ZPL label printer works at start, then runs out of labels
    ctx.settings.printer = f"zpl:127.0.0.1:{printer.port}"
    ctx.settings.print_retry_delay_s = 0.01
    window = open_window(qtbot, ctx, tmp_path)
    type_scan(qtbot, window.signin.pin, "OPANNA")
    qtbot.waitUntil(lambda: window.operator == "anna")
    qtbot.waitUntil(lambda: printer.status_queries > 0, timeout=5000)
    assert window.health.level("printer") is HealthLevel.OK
    printer.status = HostStatus(paper_out=True)
    # WHEN order 1001 is packed and its label cannot print
    for code in ("1001", TSHIRT, "WEIGH"):
        type_scan(qtbot, window.bench.lines, code)
    # THEN the panel shows the printer failed, saying it is out of labels
    qtbot.waitUntil(lambda: window.health.level("printer") is HealthLevel.FAILED, timeout=15_000)
    assert "out of labels" in window.health.text_of("printer")
    window.close()


def test_an_unplugged_serial_scanner_is_red_and_its_scans_reach_the_bench(
    qtbot: QtBot, ctx: AppContext, tmp_path: Path
) -> None:
    # GIVEN a bench reading a serial scanner (a pty behind a stable link)
    scanner = ScannerSimulator(link=tmp_path / "ttyScanner").start()
    ctx.settings.extra["scanner_port"] = str(tmp_path / "ttyScanner")
    window = open_window(qtbot, ctx, tmp_path)
    qtbot.waitUntil(lambda: window.health.level("scanner") is HealthLevel.OK, timeout=5000)
    type_scan(qtbot, window.signin.pin, "OPANNA")
    qtbot.waitUntil(lambda: window.operator == "anna")
    # WHEN it scans order 1002's number
    with qtbot.waitSignal(window.outcome_shown, timeout=5000):
        scanner.scan("1002")
    # THEN the order opens, as from a keyboard scanner
    assert "1002" in window.bench.header.number.text()
    # WHEN its cable is pulled
    heard = len(window.sounds.requested)
    scanner.vanish()
    # THEN the panel says so in red, with the alarm
    qtbot.waitUntil(lambda: window.health.level("scanner") is HealthLevel.FAILED, timeout=5000)
    assert "unplugged" in window.health.text_of("scanner")
    assert "error" in window.sounds.requested[heard:]
    window.close()
    scanner.stop()


def test_a_printer_out_of_labels_is_red_before_any_label_fails(
    qtbot: QtBot, ctx: AppContext, tmp_path: Path, printer: FakePrinter
) -> None:
    # GIVEN a ZPL label printer that is out of labels
    ctx.settings.printer = f"zpl:127.0.0.1:{printer.port}"
    printer.status = HostStatus(paper_out=True)
    # WHEN the bench starts, nothing printed yet
    window = open_window(qtbot, ctx, tmp_path)
    # THEN the panel already says the printer is out of labels, in red
    qtbot.waitUntil(lambda: window.health.level("printer") is HealthLevel.FAILED, timeout=5000)
    assert "out of labels" in window.health.text_of("printer")
    # WHEN labels are loaded and the printer is asked again
    printer.status = HostStatus()
    window.workers.printing.ask_health()
    # THEN it is green again
    qtbot.waitUntil(lambda: window.health.level("printer") is HealthLevel.OK, timeout=5000)
    window.close()


def test_the_alarm_repeats_until_the_operator_silences_it_or_the_scale_is_back(
    qtbot: QtBot, pty_bench: BenchWindow, pty_scale: SerialScale
) -> None:
    window = pty_bench
    panel = window.health
    panel.repeat.setInterval(200)  # 30 s at the bench; the same timer, shorter here
    qtbot.waitUntil(lambda: panel.level("scale") is HealthLevel.OK, timeout=5000)
    assert pty_scale.simulator is not None

    def alarms() -> int:
        return window.sounds.requested.count("error")

    # WHEN the scale is unplugged and nobody reacts
    pty_scale.simulator.vanish()
    qtbot.waitUntil(lambda: panel.level("scale") is HealthLevel.FAILED, timeout=5000)
    first = alarms()
    # THEN the alarm sounds again and again, and the band offers to silence it
    qtbot.waitUntil(lambda: alarms() >= first + 2, timeout=5000)
    assert panel.silence.isVisible()
    # WHEN the operator silences it (Ctrl+Shift+A)
    qtbot.keyClick(panel.silence, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier | SHIFT)
    qtbot.waitUntil(lambda: not panel.repeat.isActive(), timeout=2000)
    silenced = alarms()
    qtbot.wait(700)
    # THEN it is quiet, while the red band still says the scale is gone
    assert alarms() == silenced
    assert panel.alarm.isVisible()
    assert not panel.silence.isVisible()
    # WHEN the scale comes back, then is unplugged again
    pty_scale.simulator.come_back()
    qtbot.waitUntil(lambda: panel.level("scale") is HealthLevel.OK, timeout=5000)
    assert not panel.alarm.isVisible()
    pty_scale.simulator.vanish()
    qtbot.waitUntil(lambda: panel.level("scale") is HealthLevel.FAILED, timeout=5000)
    # THEN the new failure sounds and repeats again until the scale is back
    qtbot.waitUntil(lambda: alarms() >= silenced + 2, timeout=5000)
    pty_scale.simulator.come_back()
    qtbot.waitUntil(lambda: panel.level("scale") is HealthLevel.OK, timeout=5000)
    assert not panel.repeat.isActive()


def test_a_keyboard_scanner_unplugged_turns_red_and_back_green(
    qtbot: QtBot, ctx: AppContext, tmp_path: Path
) -> None:
    # GIVEN a wedge scanner named by its udev link, as /dev/input/by-id holds it while the
    # scanner is plugged in (this machine has no USB input devices: a folder stands in for it)
    node = tmp_path / "event7"
    node.write_text("")
    by_id = tmp_path / "by-id"
    by_id.mkdir()
    link = by_id / "usb-Honeywell_Xenon_1900_21034B4F-event-kbd"
    link.symlink_to(node)
    ctx.settings.extra["scanner_device"] = str(link)
    window = open_window(qtbot, ctx, tmp_path)
    try:
        qtbot.waitUntil(lambda: window.health.level("scanner") is HealthLevel.OK, timeout=5000)
        heard = len(window.sounds.requested)
        # WHEN its cable is pulled (udev removes the link)
        link.unlink()
        # THEN the scanner turns red, naming it and saying what to do, and the alarm sounds
        qtbot.waitUntil(
            lambda: window.health.level("scanner") is HealthLevel.FAILED, timeout=10_000
        )
        assert "Honeywell_Xenon_1900_21034B4F is unplugged" in window.health.text_of("scanner")
        assert "error" in window.sounds.requested[heard:]
        # WHEN it is plugged back in
        link.symlink_to(node)
        # THEN it is green again and the band is gone
        qtbot.waitUntil(lambda: window.health.level("scanner") is HealthLevel.OK, timeout=10_000)
        assert not window.health.alarm.isVisible()
    finally:
        window.close()
