"""Bench settings, stored in the bench's config file (station.toml), not only in QSettings."""

from __future__ import annotations

import copy
import datetime as dt
import threading
from pathlib import Path

from PySide6.QtCore import QObject, Signal, Slot
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QDoubleSpinBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QWidget,
)

from station.config import Settings, system_language
from station.devices.scale_spec import DEMO_SCALE, scale_protocols
from station.devices.wedge import wedge_devices
from station.domain import messages
from station.ui.qt_printer import system_printer_names

LAYOUTS = (("us", "US (QWERTY)"), ("it", "Italiano"))


def _combo(items: list[tuple[str, str]], current: str, editable: bool = False) -> QComboBox:
    combo = QComboBox()
    combo.setEditable(editable)
    for value, text in items:
        combo.addItem(text, value)
    index = combo.findData(current)
    if index >= 0:
        combo.setCurrentIndex(index)
    elif editable:
        combo.setEditText(current)
    return combo


def checks_changed(before: Settings, after: Settings) -> bool:
    """Whether `after` changes a check the bench makes (a lead's decision, never an operator's:
    a wide tolerance switches the weight check off)."""
    return (before.weight_tolerance_g, before.weight_tolerance_pct) != (
        after.weight_tolerance_g,
        after.weight_tolerance_pct,
    )


def kiosk(settings: Settings) -> bool:
    """Full screen by default: a bench is a station, not a desktop."""
    return bool(settings.extra.get("fullscreen", True))


def _value(combo: QComboBox) -> str:
    if combo.isEditable() and combo.currentText() != combo.itemText(combo.currentIndex()):
        return combo.currentText().strip()
    return str(combo.currentData())


class SettingsDialog(QDialog):
    def __init__(
        self,
        settings: Settings,
        parent: QWidget | None = None,
        lead: str = "",
        home: Path | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Bench settings"))
        self._settings = copy.deepcopy(settings)
        self._home = home
        extra = settings.extra
        self.bench_name = QLineEdit(settings.bench_name)
        printers = [("folder", self.tr("Folder (files, no printer)"))]
        printers += [("qt", self.tr("System default printer"))]
        printers += [(f"qt:{name}", name) for name in system_printer_names()]
        self.printer = _combo(printers, settings.printer, editable=True)
        self.printer.setToolTip(
            self.tr("a system printer, folder, cups:QUEUE, or zpl:HOST:PORT for a label printer")
        )
        scales = [("sim", self.tr("Simulated")), ("none", self.tr("None: type the weight"))]
        scales += [(DEMO_SCALE, self.tr("Simulated, through the serial driver"))]
        scales += [(f"{p}:/dev/ttyUSB0", f"{p}:/dev/ttyUSB0") for p in scale_protocols()]
        self.scale = _combo(scales, settings.scale, editable=True)
        self.scanner_port = QLineEdit(str(extra.get("scanner_port", "")))
        self.scanner_port.setPlaceholderText(self.tr("empty: a keyboard scanner"))
        self.scanner_port.setToolTip(
            self.tr("A serial scanner's port (e.g. /dev/ttyACM0): its health shows on the bench")
        )
        wedges = [("", self.tr("Not watched"))]
        wedges += [(str(path), path.name) for path in wedge_devices()]
        self.scanner_device = _combo(wedges, str(extra.get("scanner_device", "")), editable=True)
        self.scanner_device.setToolTip(
            self.tr(
                "The keyboard scanner's /dev/input/by-id link: the bench shows when it is unplugged"
            )
        )
        self.scanner_layout = _combo(list(LAYOUTS), str(extra.get("scanner_layout", "us")))
        self.system_layout = _combo(list(LAYOUTS), str(extra.get("system_layout", "us")))
        self.tolerance_g = QSpinBox()
        self.tolerance_g.setRange(0, 5000)
        self.tolerance_g.setSuffix(" g")
        self.tolerance_g.setValue(settings.weight_tolerance_g)
        self.tolerance_pct = QDoubleSpinBox()
        self.tolerance_pct.setRange(0, 50)
        self.tolerance_pct.setSuffix(" %")
        self.tolerance_pct.setValue(settings.weight_tolerance_pct)
        languages = [("en", "English"), ("it", "Italiano")]
        self.language = _combo(languages, settings.language or system_language())
        self.lock_minutes = QSpinBox()
        self.lock_minutes.setRange(0, 240)
        self.lock_minutes.setSuffix(self.tr(" min"))
        self.lock_minutes.setSpecialValueText(self.tr("never"))
        self.lock_minutes.setValue(int(extra.get("lock_after_min", 10)))
        self.fullscreen = QCheckBox(self.tr("Full screen (kiosk)"))
        self.fullscreen.setChecked(kiosk(settings))
        self.checks_note = QLabel(messages.text("settings_lead_only", settings.language))
        self.checks_note.setWordWrap(True)
        self.checks_note.setStyleSheet("color: #b71c1c;")
        self.checks_note.setVisible(not lead)
        for check in (self.tolerance_g, self.tolerance_pct):
            check.setEnabled(bool(lead))
        form = QFormLayout(self)
        form.addRow(self.tr("&Bench name:"), self.bench_name)
        form.addRow(self.tr("&Printer:"), self.printer)
        form.addRow(self.tr("S&cale:"), self.scale)
        form.addRow(self.tr("Serial scanner p&ort:"), self.scanner_port)
        form.addRow(self.tr("Keyboard scanner &device:"), self.scanner_device)
        form.addRow(self.tr("Scanner &layout:"), self.scanner_layout)
        form.addRow(self.tr("&Keyboard layout:"), self.system_layout)
        form.addRow(self.tr("Weight tolerance (&g):"), self.tolerance_g)
        form.addRow(self.tr("Weight tolerance (&%):"), self.tolerance_pct)
        form.addRow(self.checks_note)
        form.addRow(self.tr("L&anguage:"), self.language)
        form.addRow(self.tr("Lock &after idle:"), self.lock_minutes)
        form.addRow(self.fullscreen)
        if home is not None:
            form.addRow(self.tr("Warehouse &hub:"), self._hub_row())
            form.addRow(self.hub_said)
        self.buttons = buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 - Qt's name
        """A wrapped sentence across the form (the lead-only note, the hub's answer) gets the
        height its width needs: a form row alone would squeeze it into one clipped line."""
        super().resizeEvent(event)
        for note in (self.checks_note, getattr(self, "hub_said", None)):
            if note is not None and note.width() > 0:
                note.setMinimumHeight(note.heightForWidth(note.width()))

    def _hub_row(self) -> QWidget:
        """The hub's address and a button that joins it, as `station bench join` does (the
        address is kept where shop secrets go, never in station.toml)."""
        self.hub_url = QLineEdit()
        self.hub_url.setPlaceholderText("postgresql+psycopg://user:password@host/warehouse")
        self.join_hub = QPushButton(self.tr("&Join"))
        self.join_hub.clicked.connect(self.join)
        self.hub_said = QLabel()
        self.hub_said.setWordWrap(True)
        row = QWidget()
        layout = QHBoxLayout(row)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.hub_url, 1)
        layout.addWidget(self.join_hub)
        return row

    def join(self) -> None:
        """Join the hub, under the bench name in the form, on a thread of its own (the hub may
        take seconds to answer; the window never waits): the bench replicates and claims on the
        hub as soon as the settings are saved, which waits for the answer."""
        assert self._home is not None
        url, language = self.hub_url.text().strip(), self._settings.language
        name = self.bench_name.text().strip() or self._settings.bench_name
        self.join_hub.setEnabled(False)
        self.buttons.setEnabled(False)
        self.hub_said.setStyleSheet("")
        self.hub_said.setText(self.tr("Joining the hub…"))
        self._joiner = HubJoin(self)
        self._joiner.finished.connect(self._joined)
        self._joiner.start(self._home, copy.deepcopy(self._settings), url, name, language)

    @Slot(object, str)
    def _joined(self, settings: Settings | None, sentence: str) -> None:
        self.join_hub.setEnabled(True)
        self.buttons.setEnabled(True)
        self.hub_said.setText(sentence)
        if settings is None:
            self.hub_said.setStyleSheet("color: #b71c1c;")
            return
        self._settings = settings  # the joined bench's name, series and hub flag
        self.hub_url.clear()

    def settings(self) -> Settings:
        """The settings as edited. A new scale, scanner port or device or language takes effect
        at the next start."""
        result = copy.deepcopy(self._settings)
        result.bench_name = self.bench_name.text().strip() or result.bench_name
        result.printer = _value(self.printer) or result.printer
        result.scale = _value(self.scale) or result.scale
        result.weight_tolerance_g = self.tolerance_g.value()
        result.weight_tolerance_pct = self.tolerance_pct.value()
        result.language = _value(self.language)
        result.extra["scanner_layout"] = _value(self.scanner_layout)
        result.extra["system_layout"] = _value(self.system_layout)
        result.extra["lock_after_min"] = self.lock_minutes.value()
        result.extra["fullscreen"] = self.fullscreen.isChecked()
        result.extra["scanner_port"] = self.scanner_port.text().strip()
        result.extra["scanner_device"] = _value(self.scanner_device)
        return result


class HubJoin(QObject):
    """`join_bench` on a thread of its own; `finished` carries the joined settings (None when
    the hub refused or could not be reached) and the sentence to show."""

    finished = Signal(object, str)

    def start(self, home: Path, settings: Settings, url: str, name: str, language: str) -> None:
        args = (home, settings, url, name, language)
        threading.Thread(target=self._run, args=args, name="hub-join", daemon=True).start()

    def _run(self, home: Path, settings: Settings, url: str, name: str, language: str) -> None:
        from sync.hub.link import HubError, join_bench, shown_url

        try:
            where = join_bench(home, settings, url, name, dt.datetime.now(dt.UTC))
        except HubError as exc:
            self.finished.emit(None, exc.message(language))
            return
        said = messages.text("hub_joined_here", language, bench=name, url=shown_url(url))
        self.finished.emit(settings, f"{said} ({where})")
