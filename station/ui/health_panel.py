"""The bench's devices at a glance, across the top of the window: scale, scanner, printer.

Devices report their health from their own threads (`on_health` callbacks); `DeviceWatch`
turns each report into a queued signal, so the panel is only ever touched by the GUI thread.
A device that fails turns the whole strip red with what to do, in large type, and the window
sounds the alarm: a dead scale or a printer out of labels must be impossible to miss.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QObject, Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QSizePolicy, QWidget

from station.devices.health import DeviceHealth, HealthLevel

DEVICES = ("scale", "scanner", "printer")
STYLE = {
    HealthLevel.OK: "color: #1b5e20;",
    HealthLevel.WARNING: "color: #e65100; font-weight: bold;",
    HealthLevel.FAILED: (
        "background: #b71c1c; color: #ffffff; font-weight: bold; font-size: 16pt;"
        " padding: 6px 10px; border-radius: 4px;"
    ),
}
MARK = {HealthLevel.OK: "●", HealthLevel.WARNING: "▲", HealthLevel.FAILED: "✖"}


def device_name(device: str) -> str:
    names = {
        "scale": QCoreApplication.translate("HealthPanel", "Scale"),
        "scanner": QCoreApplication.translate("HealthPanel", "Scanner"),
        "printer": QCoreApplication.translate("HealthPanel", "Printer"),
    }
    return names.get(device, device)


class DeviceWatch(QObject):
    """Hands device reports from any thread to the GUI thread (a queued signal)."""

    changed = Signal(object)  # DeviceHealth

    def report(self, health: DeviceHealth) -> None:
        self.changed.emit(health)


class HealthPanel(QWidget):
    failed = Signal(str)  # the device that has just failed: the window sounds the alarm

    def __init__(self, language: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("healthPanel")
        self._language = language
        self._states: dict[str, tuple[HealthLevel, str]] = {}
        self._labels: dict[str, QLabel] = {}
        layout = QHBoxLayout(self)
        layout.setContentsMargins(8, 2, 8, 2)
        for device in DEVICES:
            label = QLabel()
            label.setObjectName(f"health_{device}")
            label.setWordWrap(True)
            label.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Minimum)
            layout.addWidget(label, 1)
            self._labels[device] = label
            self.set_device(device, HealthLevel.OK, "")

    def show_health(self, health: DeviceHealth) -> None:
        self.set_device(health.device, health.level, health.message(self._language))

    def set_device(self, device: str, level: HealthLevel, sentence: str) -> None:
        before = self._states.get(device, (HealthLevel.OK, ""))[0]
        self._states[device] = (level, sentence)
        label = self._labels[device]
        said = sentence if level is not HealthLevel.OK or not sentence else ""
        label.setText(f"{MARK[level]} {device_name(device)}" + (f": {said}" if said else ""))
        label.setToolTip(sentence)
        label.setStyleSheet(f"QLabel#health_{device} {{ {STYLE[level]} }}")
        # A failing device takes the room it needs; working ones stay small beside it.
        self.layout().setStretchFactor(label, 4 if level is HealthLevel.FAILED else 1)
        if level is HealthLevel.FAILED and before is not HealthLevel.FAILED:
            self.failed.emit(device)

    def level(self, device: str) -> HealthLevel:
        return self._states.get(device, (HealthLevel.OK, ""))[0]

    def sentence(self, device: str) -> str:
        return self._states.get(device, (HealthLevel.OK, ""))[1]

    def text_of(self, device: str) -> str:
        return self._labels[device].text()


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
