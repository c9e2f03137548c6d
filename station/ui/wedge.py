"""Keyboard-wedge scanner capture, application-wide.

A wedge scanner is a keyboard that types fast and ends each code with Enter (or Tab). The
filter sits on the QApplication, so a scan is caught whatever has focus. Scans are split on
the terminator only, never on a pause: a slow Bluetooth scanner (100 ms between characters)
must not split one code in two, and two codes scanned 50 ms apart must stay two.

A person typing in a text field (a hold reason, a search) is left alone: while a text field
has focus, keys go to it as usual.
"""

from __future__ import annotations

import time

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QAbstractSpinBox,
    QApplication,
    QComboBox,
    QLineEdit,
    QPlainTextEdit,
    QTextEdit,
    QWidget,
)

from station.domain.layouts import fix_layout

TERMINATORS = (Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_Tab)


def is_text_entry(widget: QWidget | None) -> bool:
    if widget is None:
        return False
    if isinstance(widget, QComboBox):
        return widget.isEditable()
    return isinstance(widget, QLineEdit | QTextEdit | QPlainTextEdit | QAbstractSpinBox)


class ScanCapture(QObject):
    raw_scanned = Signal(str)  # exactly as typed, before the layout fix-up (the test page)
    scanned = Signal(str, float)  # the code, and perf_counter() when its terminator arrived

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._buffer: list[str] = []
        self.scanner_layout = "us"
        self.system_layout = "us"
        self.enabled = True

    def set_layouts(self, scanner: str, system: str) -> None:
        self.scanner_layout, self.system_layout = scanner or "us", system or "us"

    def fix(self, raw: str) -> str:
        return fix_layout(raw, scanner=self.scanner_layout, system=self.system_layout)

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:  # noqa: N802
        # Key events reach the QWindow first, then the focus widget: count each once.
        if event.type() != QEvent.Type.KeyPress or not obj.isWidgetType() or not self.enabled:
            return False
        assert isinstance(event, QKeyEvent)
        if not self._buffer and is_text_entry(QApplication.focusWidget()):
            return False
        return self._key(event)

    def _key(self, event: QKeyEvent) -> bool:
        if event.key() == Qt.Key.Key_Escape and self._buffer:
            self._buffer.clear()  # a stray keystroke, thrown away before it becomes a scan
            return True
        if event.key() in TERMINATORS:
            if not self._buffer:
                return False  # Enter and Tab still work for people moving around the window
            self._finish(time.perf_counter())
            return True
        text = event.text()
        modifiers = event.modifiers()
        ctrl = modifiers & Qt.KeyboardModifier.ControlModifier
        alt = modifiers & Qt.KeyboardModifier.AltModifier
        if not text or not text.isprintable() or (ctrl and not alt):
            return False  # function keys and shortcuts are for people
        self._buffer.append(text)
        return True

    def _finish(self, at: float) -> None:
        raw = "".join(self._buffer)
        self._buffer.clear()
        self.raw_scanned.emit(raw)
        self.scanned.emit(self.fix(raw), at)
