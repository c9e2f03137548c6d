"""The big result of the last scan, in the colour of what happened (see `station.ui.feedback`).

Warehouses are loud, so a result is also a flash: the banner blinks a few times on errors,
exceptions and finished orders, in case the sound went unheard. The mistakes that need a
different gesture (put it back, set it aside, weigh again) also carry a title in capitals.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt, QTimer
from PySide6.QtWidgets import QLabel, QSizePolicy, QWidget

from station.ui import feedback as fb
from station.ui.viewdata import Banner

COLOURS = {
    fb.GOOD: ("#1b5e20", "#ffffff"),
    fb.DONE: ("#0d47a1", "#ffffff"),
    fb.EXCEPTION: ("#ffb300", "#212121"),
    fb.WRONG_ITEM: ("#b71c1c", "#ffffff"),
    fb.UNKNOWN_CODE: ("#6a1b9a", "#ffffff"),
    fb.ALREADY_PACKED: ("#4e342e", "#ffe082"),
    fb.BAD_WEIGHT: ("#212121", "#ffab40"),
    fb.ERROR: ("#c62828", "#ffffff"),
    fb.INFO: ("#37474f", "#ffffff"),
    "idle": ("#eceff1", "#37474f"),
}
FLASHES = {fb.DONE: 4, fb.EXCEPTION: 2}  # half-periods of blinking; mistakes: MISTAKE_FLASHES
MISTAKE_FLASHES = 6
FLASH_MS = 120


def colours_of(kind: str) -> tuple[str, str]:
    return COLOURS.get(kind, COLOURS[fb.ERROR])


def flashes_of(kind: str) -> int:
    if kind in (fb.GOOD, fb.INFO, "idle"):
        return 0
    return FLASHES.get(kind, MISTAKE_FLASHES)


def title_of(kind: str) -> str:
    titles = {
        fb.WRONG_ITEM: QCoreApplication.translate("ResultBanner", "WRONG ITEM"),
        fb.UNKNOWN_CODE: QCoreApplication.translate("ResultBanner", "UNKNOWN CODE"),
        fb.ALREADY_PACKED: QCoreApplication.translate("ResultBanner", "ALREADY PACKED"),
        fb.BAD_WEIGHT: QCoreApplication.translate("ResultBanner", "CHECK THE WEIGHT"),
    }
    return titles.get(kind, "")


class ResultBanner(QLabel):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("resultBanner")
        self.setWordWrap(True)
        self.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.setMinimumHeight(80)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        font = self.font()
        font.setPointSize(20)
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
        title = title_of(banner.kind)
        self.setText(f"{title}\n{banner.text}" if title else banner.text)
        self._inverted = False
        self._flashes_left = flashes_of(banner.kind)
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

    @property
    def colours(self) -> tuple[str, str]:
        """Background and text colour as painted when not mid-blink."""
        return colours_of(self.kind) if self.kind != "idle" else COLOURS["idle"]

    def _blink(self) -> None:
        self._flashes_left -= 1
        self._inverted = not self._inverted and self._flashes_left > 0
        if self._flashes_left <= 0:
            self._timer.stop()
            self._inverted = False
        self._paint_colours()

    def _paint_colours(self) -> None:
        background, foreground = self.colours
        if self._inverted:
            background, foreground = foreground, background
        self.setStyleSheet(
            f"QLabel#resultBanner {{ background: {background}; color: {foreground};"
            f" border-radius: 8px; padding: 10px; }}"
        )
