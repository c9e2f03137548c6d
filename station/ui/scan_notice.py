"""A scan's answer shown on top of an open dialog.

A dialog covers the bench's banner, yet the scanner keeps working: a scan made while the print
jobs or the settings are open still reaches the bench, and its answer is shown across the top
of the dialog for a few seconds, in the banner's colours, so nobody packs on without seeing it.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QLabel, QWidget

from station.ui.banner import colours_of
from station.ui.viewdata import Banner

SHOWN_MS = 5000


class ScanNotice(QLabel):
    def __init__(self, host: QWidget) -> None:
        super().__init__(host)
        self.setObjectName("scanNotice")
        self.setWordWrap(True)
        self.setAlignment(Qt.AlignmentFlag.AlignCenter)
        # Margins, not stylesheet padding: heightForWidth counts them, so no line is cut.
        self.setContentsMargins(12, 10, 12, 10)
        font = self.font()
        font.setPointSize(16)
        font.setBold(True)
        self.setFont(font)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(SHOWN_MS)
        self._timer.timeout.connect(self.hide)
        self.hide()

    def show_banner(self, banner: Banner) -> None:
        background, foreground = colours_of(banner.kind)
        self.setStyleSheet(
            f"QLabel#scanNotice {{ background: {background}; color: {foreground};"
            " border: 2px solid #000000; font-size: 16pt; font-weight: bold; }"
        )
        self.setText(banner.text)
        host = self.parentWidget()
        width = host.width() if host is not None else 400
        self.setFixedWidth(width)
        self.ensurePolished()  # the stylesheet's font decides how many lines the text takes
        self.setFixedHeight(max(self.heightForWidth(width), self.sizeHint().height()))
        self.move(0, 0)
        self.raise_()
        self.show()
        self._timer.start()


def notice_on(host: QWidget, banner: Banner) -> ScanNotice:
    """The notice of `host` (made the first time), showing `banner`."""
    notice = host.findChild(ScanNotice, options=Qt.FindChildOption.FindDirectChildrenOnly)
    if notice is None:
        notice = ScanNotice(host)
    notice.show_banner(banner)
    return notice
