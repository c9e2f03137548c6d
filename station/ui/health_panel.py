"""The bench's devices at a glance, across the top of the window: scale, scanner, printer.

Devices report their health from their own threads (`on_health` callbacks); `DeviceWatch`
turns each report into a queued signal, so the panel is only ever touched by the GUI thread.
A device that fails turns the whole strip red with what to do, in large type, and the window
sounds the alarm, again every 30 s until the device is back or the operator silences it (the
band's button, Ctrl+Shift+A): a dead scale or a printer out of labels must be impossible to miss.
The band stays until the device is back; a device that fails anew sounds again.
"""

from __future__ import annotations

import time

from PySide6.QtCore import QCoreApplication, QObject, QTimer, Signal
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from station.devices.health import DeviceHealth, HealthLevel
from station.devices.scanner import SerialScanner
from station.devices.wedge import WedgeWatch
from station.domain.barcodes import ScannedCode

DEVICES = ("scale", "scanner", "printer")
CHIP_STYLE = {
    HealthLevel.OK: "color: #1b5e20; font-size: 12pt;",
    HealthLevel.WARNING: "color: #e65100; font-size: 12pt; font-weight: bold;",
    HealthLevel.FAILED: (
        "background: #b71c1c; color: #ffffff; font-size: 12pt; font-weight: bold; padding: 0 6px;"
    ),
}
ALARM_STYLE = (
    "QLabel#healthAlarm { background: #b71c1c; color: #ffffff; font-size: 16pt;"
    " font-weight: bold; padding: 8px 12px; }"
)
MARK = {HealthLevel.OK: "●", HealthLevel.WARNING: "▲", HealthLevel.FAILED: "✖"}
ALARM_REPEAT_MS = 30_000  # a failed device sounds again this often until silenced or back
SILENCE_KEY = "Ctrl+Shift+A"


def device_name(device: str) -> str:
    names = {
        "scale": QCoreApplication.translate("HealthPanel", "Scale"),
        "scanner": QCoreApplication.translate("HealthPanel", "Scanner"),
        "printer": QCoreApplication.translate("HealthPanel", "Printer"),
    }
    return names.get(device, device)


class DeviceWatch(QObject):
    """Hands device reports from any thread to the GUI thread (queued signals)."""

    changed = Signal(object)  # DeviceHealth
    scanned = Signal(str, float)  # a serial scanner's scan, perf_counter() when it arrived

    def report(self, health: DeviceHealth) -> None:
        self.changed.emit(health)

    def scan(self, code: ScannedCode) -> None:
        self.scanned.emit(code.raw, time.perf_counter())


class HealthPanel(QWidget):
    """A row of small chips, one per device; under it, while a device has failed, a red band
    across the window saying which and what to do."""

    failed = Signal(str)  # the device that has just failed
    sound_alarm = Signal(str)  # sound the alarm now: just failed, or still failed and not silenced

    def __init__(self, language: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("healthPanel")
        self._language = language
        self._states: dict[str, tuple[HealthLevel, str]] = {}
        self._silenced: set[str] = set()  # failed devices whose alarm the operator silenced
        self.repeat = QTimer(self)
        self.repeat.setInterval(ALARM_REPEAT_MS)
        self.repeat.timeout.connect(self._sound_again)
        self._chips: dict[str, QLabel] = {}
        chips = QHBoxLayout()
        chips.setContentsMargins(8, 2, 8, 2)
        chips.setSpacing(24)
        for device in DEVICES:
            chip = QLabel()
            chip.setObjectName(f"health_{device}")
            chips.addWidget(chip)
            self._chips[device] = chip
        chips.addStretch(1)
        self.alarm = QLabel()
        self.alarm.setObjectName("healthAlarm")
        self.alarm.setWordWrap(True)
        self.alarm.setStyleSheet(ALARM_STYLE)
        self.alarm.hide()
        self.silence = QPushButton(
            QCoreApplication.translate("HealthPanel", "Silence the alarm") + f"  ({SILENCE_KEY})"
        )
        self.silence.setObjectName("healthSilence")
        self.silence.setShortcut(QKeySequence(SILENCE_KEY))
        self.silence.clicked.connect(self.silence_alarm)
        self.silence.hide()
        band = QHBoxLayout()
        band.setContentsMargins(0, 0, 0, 0)
        band.addWidget(self.alarm, 1)
        band.addWidget(self.silence)
        column = QVBoxLayout(self)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(0)
        column.addLayout(chips)
        column.addLayout(band)
        for device in DEVICES:
            self.set_device(device, HealthLevel.OK, "")

    def show_health(self, health: DeviceHealth) -> None:
        self.set_device(health.device, health.level, health.message(self._language))

    def set_device(self, device: str, level: HealthLevel, sentence: str) -> None:
        before = self.level(device)
        self._states[device] = (level, sentence)
        chip = self._chips[device]
        chip.setText(f"{MARK[level]} {device_name(device)}")
        chip.setToolTip(sentence)
        chip.setStyleSheet(f"QLabel#health_{device} {{ {CHIP_STYLE[level]} }}")
        if level is not HealthLevel.FAILED or before is not HealthLevel.FAILED:
            self._silenced.discard(device)  # back, or failed anew: the next failure sounds
        self._show_alarm()
        if level is HealthLevel.FAILED and before is not HealthLevel.FAILED:
            self.failed.emit(device)
            self.sound_alarm.emit(device)
        self._arm()

    def silence_alarm(self) -> None:
        """The operator has heard: no more repeats for the devices failed now (the band
        stays until they are back)."""
        self._silenced.update(self._failed())
        self._arm()

    def _failed(self) -> list[str]:
        return [d for d, (level, _) in self._states.items() if level is HealthLevel.FAILED]

    def _unsilenced(self) -> list[str]:
        return [d for d in self._failed() if d not in self._silenced]

    def _arm(self) -> None:
        loud = bool(self._unsilenced())
        self.silence.setVisible(loud)
        if loud and not self.repeat.isActive():
            self.repeat.start()
        elif not loud:
            self.repeat.stop()

    def _sound_again(self) -> None:
        for device in self._unsilenced()[:1]:  # one alarm sound per period, however many
            self.sound_alarm.emit(device)

    def _show_alarm(self) -> None:
        lines = [
            f"✖ {device_name(device)}: {sentence}"
            for device, (level, sentence) in self._states.items()
            if level is HealthLevel.FAILED
        ]
        self.alarm.setText("\n".join(lines))
        self.alarm.setVisible(bool(lines))

    def level(self, device: str) -> HealthLevel:
        return self._states.get(device, (HealthLevel.OK, ""))[0]

    def sentence(self, device: str) -> str:
        return self._states.get(device, (HealthLevel.OK, ""))[1]

    def text_of(self, device: str) -> str:
        """What the panel says of `device`: its chip, and its line in the alarm band."""
        chip = self._chips[device].text()
        said = [line for line in self.alarm.text().splitlines() if device_name(device) in line]
        return "\n".join([chip, *said]) if self.alarm.isVisible() else chip


def watch_scale(scale: object | None, watch: DeviceWatch) -> None:
    """Connect the scale's own health reports; a scale without them is judged once here."""
    if scale is None:
        watch.report(DeviceHealth("scale", HealthLevel.WARNING, "not_configured"))
        return
    health = getattr(scale, "health", None)
    if health is None:  # the built-in simulation: always there
        watch.report(DeviceHealth("scale", name="sim"))
        return
    scale.on_health = watch.report  # type: ignore[attr-defined]
    watch.report(health())


def watch_scanner(
    port: str, watch: DeviceWatch, wedge_device: str = ""
) -> SerialScanner | WedgeWatch | None:
    """A serial scanner on `port` (its scans and its health to `watch`), started; else, for a
    keyboard-wedge scanner named by its /dev/input/by-id link, a watch on that link (plugged
    in or not); None for a wedge scanner not named, which cannot report being unplugged."""
    if not port and wedge_device:
        wedge = WedgeWatch(wedge_device, watch.report)
        watch.report(wedge.health())
        return wedge.start()
    if not port:
        watch.report(DeviceHealth("scanner", name="keyboard"))
        return None
    scanner = SerialScanner(port, on_scan=watch.scan, on_health=watch.report)
    watch.report(scanner.health())
    return scanner.start()
