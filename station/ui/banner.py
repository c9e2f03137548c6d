"""The big result of the last scan: green accepted, red rejected with the reason, blue done.

Warehouses are loud, so a result is also a flash: the banner blinks a few times on errors
and finished orders, in case the sound went unheard.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QLabel, QSizePolicy, QWidget

from station.ui.viewdata import Banner

COLOURS = {
    "ok": ("#1b5e20", "#ffffff"),
    "error": ("#b71c1c", "#ffffff"),
    "done": ("#0d47a1", "#ffffff"),
    "info": ("#37474f", "#ffffff"),
    "idle": ("#eceff1", "#37474f"),
}
FLASHES = {"error": 6, "done": 4}  # half-periods of blinking
FLASH_MS = 120


class ResultBanner(QLabel):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("resultBanner")
        self.setWordWrap(True)
        self.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.setMinimumHeight(110)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        font = self.font()
        font.setPointSize(22)
        font.setBold(True)
        self.setFont(font)
        self.kind = "idle"
        self._flashes_left = 0
        self._inverted = False
        self._timer = QTimer(self)
        self._timer.setInterval(FLASH_MS)
        self._timer.timeout.connect(self._blink)
        self._paint_colours()

    def show_banner(self, banner: Banner) -> None:
        self.kind = banner.kind
        self.setText(banner.text)
        self._inverted = False
        self._flashes_left = FLASHES.get(banner.kind, 0)
        if self._flashes_left:
            self._timer.start()
        else:
            self._timer.stop()
        self._paint_colours()

    def clear_banner(self, text: str = "") -> None:
        self._timer.stop()
        self.kind = "idle"
        self.setText(text)
        self._paint_colours()

    @property
    def flashing(self) -> bool:
        return self._timer.isActive()

    def _blink(self) -> None:
        self._flashes_left -= 1
        self._inverted = not self._inverted and self._flashes_left > 0
        if self._flashes_left <= 0:
            self._timer.stop()
            self._inverted = False
        self._paint_colours()

    def _paint_colours(self) -> None:
        background, foreground = COLOURS[self.kind]
        if self._inverted:
            background, foreground = foreground, background
        self.setStyleSheet(
            f"QLabel#resultBanner {{ background: {background}; color: {foreground};"
            f" border-radius: 8px; padding: 12px; }}"
        )
