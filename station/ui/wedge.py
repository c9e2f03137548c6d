"""Keyboard-wedge scanner capture, application-wide.

A wedge scanner is a keyboard that types fast and ends each code with Enter (or Tab). The
filter sits on the QApplication, so a scan is caught whatever has focus. Outside text fields,
scans are split on the terminator only, never on a pause: a slow Bluetooth scanner (100 ms
between characters) must not split one code in two, and two codes scanned 50 ms apart must
stay two.

In a text field (a hold reason, the queue's search box) a person may be typing, so keys go to
the field as usual; but a *burst* (at least BURST_MIN_CHARS keys, each within BURST_GAP_S of
the one before, ended by Enter or Tab just as fast) is a scanner: the field gets back the text
it had before the burst and the code goes to the bench. People do not keep a 35 ms pace for
four keys and then hit Enter; scanners type a character every 1 to 20 ms. A Bluetooth scanner
slower than that, scanning into a text field, types into it like a person.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field

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
from station.workflow.scan_input import MAX_SCAN_CHARS

TERMINATORS = (Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_Tab)
BURST_GAP_S = 0.035
BURST_MIN_CHARS = 4


def is_text_entry(widget: QWidget | None) -> bool:
    if widget is None:
        return False
    if isinstance(widget, QComboBox):
        return widget.isEditable()
    return isinstance(widget, QLineEdit | QTextEdit | QPlainTextEdit | QAbstractSpinBox)


def _field_text(widget: QWidget) -> tuple[str, int]:
    """The text a field holds and where its cursor is, to give them back after a burst."""
    if isinstance(widget, QTextEdit | QPlainTextEdit):
        return widget.toPlainText(), widget.textCursor().position()
    line = widget if isinstance(widget, QLineEdit) else widget.findChild(QLineEdit)
    return (line.text(), line.cursorPosition()) if line is not None else ("", 0)


def _restore(widget: QWidget, text: str, cursor: int) -> None:
    if isinstance(widget, QTextEdit | QPlainTextEdit):
        widget.setPlainText(text)
        moved = widget.textCursor()
        moved.setPosition(min(cursor, len(text)))
        widget.setTextCursor(moved)
        return
    line = widget if isinstance(widget, QLineEdit) else widget.findChild(QLineEdit)
    if line is not None:
        line.setText(text)
        line.setCursorPosition(cursor)


@dataclass
class _Burst:
    """Keys typed into a text field in quick succession: maybe a person, maybe a scanner."""

    widget: QWidget
    before: tuple[str, int]
    last_at: float
    chars: list[str] = field(default_factory=list)


class ScanCapture(QObject):
    raw_scanned = Signal(str)  # exactly as typed, before the layout fix-up (the test page)
    scanned = Signal(str, float)  # the code, and perf_counter() when its terminator arrived

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._buffer: list[str] = []
        self._length = 0  # characters typed, kept past MAX_SCAN_CHARS so the answer can say so
        self._burst: _Burst | None = None
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
        focus = QApplication.focusWidget()
        if not self._buffer and is_text_entry(focus):
            assert focus is not None
            return self._in_field(focus, event, time.perf_counter())
        self._burst = None
        return self._key(event)

    # -- a text field has focus: a person typing, unless it is a burst --------------------------

    def _in_field(self, widget: QWidget, event: QKeyEvent, now: float) -> bool:
        burst = self._burst
        quick = burst is not None and burst.widget is widget and now - burst.last_at <= BURST_GAP_S
        if event.key() in TERMINATORS:
            self._burst = None
            if burst is None or not quick or len(burst.chars) < BURST_MIN_CHARS:
                return False  # a person's Enter: the field's own (search, accept the dialog)
            _restore(widget, *burst.before)
            self._emit("".join(burst.chars), now)
            return True
        char = _scan_char(event)
        if char is None or event.isAutoRepeat():
            self._burst = None
            return False
        if burst is None or not quick:
            burst = self._burst = _Burst(widget, _field_text(widget), now)
        burst.chars.append(char)
        burst.last_at = now
        return False  # typed into the field for now: a person sees their keys at once

    # -- no text field: every key is the scanner's (or a person typing a code) --------------------

    def _key(self, event: QKeyEvent) -> bool:
        if event.key() == Qt.Key.Key_Escape and self._buffer:
            self._clear()  # a stray keystroke, thrown away before it becomes a scan
            return True
        if event.key() in TERMINATORS:
            if not self._buffer:
                return False  # Enter and Tab still work for people moving around the window
            raw = "".join(self._buffer)
            if self._length > len(raw):
                raw += "…" * (self._length - len(raw))  # too long: said so by the bench
            self._clear()
            self._emit(raw, time.perf_counter())
            return True
        char = _scan_char(event)
        if char is None:
            return False  # function keys and shortcuts are for people
        self._length += 1
        if len(self._buffer) <= MAX_SCAN_CHARS:
            self._buffer.append(char)
        return True

    def _clear(self) -> None:
        self._buffer.clear()
        self._length = 0

    def _emit(self, raw: str, at: float) -> None:
        self.raw_scanned.emit(raw)
        self.scanned.emit(self.fix(raw), at)


def _scan_char(event: QKeyEvent) -> str | None:
    """The character a key adds to a code, or None for keys that are a person's (F-keys,
    shortcuts)."""
    text = event.text()
    modifiers = event.modifiers()
    ctrl = modifiers & Qt.KeyboardModifier.ControlModifier
    alt = modifiers & Qt.KeyboardModifier.AltModifier
    if not text or not text.isprintable() or (ctrl and not alt):
        return None
    return text
