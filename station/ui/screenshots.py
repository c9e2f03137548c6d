"""Render the bench window in its main states to PNG: `python -m station.ui.screenshots DIR`.

Runs the real window on a throwaway demo home, driven through the same worker signals a
scan uses. Run with QT_QPA_PLATFORM=offscreen on a machine without a display.
"""

from __future__ import annotations

import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QEventLoop, QTimer, SignalInstance
from PySide6.QtWidgets import QApplication, QDialog

from station import demo
from station.app import open_home
from station.demo_sheet import SCANNER_TEST_CODE as TEST_CODE
from station.devices.health import HealthLevel
from station.devices.scale import SimulatedScale, WeightReading
from station.domain.layouts import as_typed
from station.domain.messages import text
from station.ui.hold_dialog import hold_dialog
from station.ui.main import create_window
from station.ui.window import BenchWindow

# The screens benches have: an old 4:3 monitor, a cheap laptop-class panel, full HD.
SIZES = ((1024, 768), (1366, 768), (1920, 1080))


class SlowScale(SimulatedScale):
    """Takes a moment to settle, so the 'weighing' state can be seen."""

    def read_stable(self, expected_g: int | None, timeout_s: float) -> WeightReading:
        time.sleep(1.0)
        return super().read_stable(expected_g, timeout_s)


def wait_for(signal: SignalInstance, timeout_ms: int = 5000) -> None:
    loop = QEventLoop()
    # A timer owned by the loop dies with it; a bare singleShot would fire on a deleted loop.
    timer = QTimer(loop)
    timer.setSingleShot(True)
    timer.timeout.connect(loop.quit)
    timer.start(timeout_ms)
    signal.connect(loop.quit)
    loop.exec()
    signal.disconnect(loop.quit)
    timer.stop()


def settle(window: BenchWindow, check: Callable[[], bool] = lambda: True) -> None:
    """Let the banner finish flashing and the layout settle before taking the picture."""
    deadline = time.monotonic() + 5
    while (window.bench.banner.flashing or not check()) and time.monotonic() < deadline:
        QApplication.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 50)
    QApplication.processEvents()


def scan(window: BenchWindow, code: str) -> None:
    window.workers.submit.emit(code, time.perf_counter())
    wait_for(window.outcome_shown)


def shoot(window: BenchWindow, out: Path, name: str) -> Path:
    settle(window)
    path = out / f"{name}.png"
    window.grab().save(str(path))
    print(path)
    return path


def take_all(window: BenchWindow, out: Path) -> list[Path]:
    shots = [shoot(window, out, "0-sign-in")]
    window.workers.sign_in.emit("operator", "OPANNA")
    wait_for(window.operator_changed)
    shots.append(shoot(window, out, "1-idle"))
    scan(window, "1003")
    for index in (1, 16):  # MUG-02 and TSH-02: two lines under way
        scan(window, demo.product_ean(index))
    shots.append(shoot(window, out, "2-order-open"))
    scan(window, demo.product_ean(30))  # a pan: not in this order
    shots.append(shoot(window, out, "3-wrong-item"))
    scan(window, "ABORT")
    scan(window, "1006")  # express, early cut-off, customer note
    scan(window, demo.product_ean(48))  # CAV-04
    window.workers.submit.emit("WEIGH", time.perf_counter())
    settle(window, lambda: window.bench.parcels.weight_text(0) == window.tr("weighing…"))
    shots.append(shoot(window, out, "4-weighing"))
    settle(window, lambda: window.bench.banner.kind == "done")
    shots.append(shoot(window, out, "5-done"))
    window.show_queue()
    settle(window, lambda: window.queue.model.rowCount() > 0)
    shots.append(shoot(window, out, "6-queue"))
    window.show_bench()
    shots += shoot_dialogs(window, out)
    window.health.set_device(
        "scale",
        HealthLevel.FAILED,
        text("scale_disconnected", window.ctx.settings.language, port="/dev/ttyUSB0"),
    )
    shots.append(shoot(window, out, "11-scale-unplugged"))
    return shots


def shoot_dialog(dialog: QDialog, out: Path, name: str) -> Path:
    dialog.open()
    settle_dialog(dialog)
    path = out / f"{name}.png"
    dialog.grab().save(str(path))
    print(path)
    dialog.reject()
    return path


def settle_dialog(dialog: QDialog) -> None:
    for _ in range(10):
        QApplication.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 20)
    dialog.adjustSize()
    QApplication.processEvents()


def shoot_dialogs(window: BenchWindow, out: Path) -> list[Path]:
    """The dialogs an operator reads from a metre away: hold, settings, scanner test, prints."""
    from station.ui.scanner_test import ScannerTestDialog
    from station.ui.settings_dialog import SettingsDialog

    shots = [shoot_dialog(hold_dialog(window), out, "7-hold")]
    shots.append(shoot_dialog(SettingsDialog(window.ctx.settings, window), out, "8-settings"))
    tester = ScannerTestDialog(window.capture, window)
    tester.open()
    window.capture.raw_scanned.emit(as_typed(TEST_CODE, scanner="us", system="it"))
    shots.append(shoot_dialog(tester, out, "9-scanner-test"))
    window.open_print_jobs()
    assert window.print_dialog is not None
    shots.append(shoot_dialog(window.print_dialog, out, "10-print-jobs"))
    return shots


def render(out: Path, size: tuple[int, int], language: str) -> list[Path]:
    """Every state at one screen size, as the kiosk window fills that screen."""
    out.mkdir(parents=True, exist_ok=True)
    with (
        tempfile.TemporaryDirectory(prefix="station-shots-") as tmp,
        open_home(Path(tmp) / "home", demo_mode=True) as ctx,
    ):
        ctx.settings.language = language
        window = create_window(ctx, SlowScale(noise_pct=0.5, seed=7), Path(tmp) / "cache")
        window.setFixedSize(*size)
        window.show()
        wait_for(window.workers.bench.ready)
        shots = take_all(window, out)
        window.close()
        del window
    return shots


def main(argv: list[str] | None = None) -> int:
    """`screenshots.py [DIR [LANGUAGE]]`: DIR/1024x768/*.png and the other sizes."""
    args = sys.argv[1:] if argv is None else argv
    out = Path(args[0] if args else "docs/screenshots")
    app = QApplication.instance() or QApplication(sys.argv[:1])
    for width, height in SIZES:
        render(out / f"{width}x{height}", (width, height), args[1] if len(args) > 1 else "en")
    app.processEvents()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
