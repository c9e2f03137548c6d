"""The scanner test page: scan the test barcode and see whether the layouts agree.

The test code holds the characters that US and Italian layouts put on different keys. What
arrives is compared with what was printed, under each layout pairing, and the pairing that
gives the printed code back is offered.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QVBoxLayout, QWidget

from station.demo_sheet import SCANNER_TEST_CODE as TEST_CODE  # printed on the demo sheet
from station.domain.layouts import LAYOUTS, fix_layout
from station.ui.wedge import ScanCapture


def matching_layouts(raw: str) -> list[tuple[str, str]]:
    """(scanner, system) pairings that turn `raw` into the test code."""
    return [
        (scanner, system)
        for scanner in LAYOUTS
        for system in LAYOUTS
        if fix_layout(raw, scanner=scanner, system=system) == TEST_CODE
    ]


class ScannerTestDialog(QDialog):
    def __init__(self, capture: ScanCapture, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Scanner test"))
        self.setMinimumWidth(720)
        self._capture = capture
        self.chosen: tuple[str, str] | None = None
        intro = QLabel(
            self.tr("Scan the scanner test barcode on the demo sheet. It reads {0}.").format(
                TEST_CODE
            )
        )
        intro.setWordWrap(True)
        self.received = QLabel(self.tr("Waiting for a scan…"))
        self.result = QLabel()
        self.result.setWordWrap(True)
        font = self.result.font()
        font.setPointSize(16)
        font.setBold(True)
        self.result.setFont(font)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.buttons.rejected.connect(self.reject)
        self.apply = self.buttons.addButton(
            self.tr("&Use these layouts"), QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.apply.setEnabled(False)
        self.buttons.accepted.connect(self.accept)
        layout = QVBoxLayout(self)
        for widget in (intro, self.received, self.result):
            layout.addWidget(widget)
        layout.addWidget(self.buttons)
        self.result.setAlignment(Qt.AlignmentFlag.AlignLeft)
        capture.raw_scanned.connect(self._on_raw)
        self.finished.connect(lambda _: capture.raw_scanned.disconnect(self._on_raw))

    def take_scan(self, code: str) -> None:
        """Scans while this page is open belong to it (the raw text comes via raw_scanned)."""

    def _on_raw(self, raw: str) -> None:
        fixed = self._capture.fix(raw)
        self.received.setText(self.tr("Received: {0}    As read now: {1}").format(raw, fixed))
        if fixed == TEST_CODE:
            self.result.setText(self.tr("The scanner reads correctly."))
            self.result.setStyleSheet("color: #1b5e20;")
            self.apply.setEnabled(False)
            self.adjustSize()
            return
        matches = matching_layouts(raw)
        if matches:
            self.chosen = matches[0]
            scanner, system = self.chosen
            self.result.setText(
                self.tr(
                    "The scanner types for a {0} keyboard into a {1} one. "
                    "Use these layouts and the codes will read right."
                ).format(scanner.upper(), system.upper())
            )
            self.apply.setEnabled(True)
        else:
            self.result.setText(self.tr("This is not the test code: scan the test barcode."))
            self.apply.setEnabled(False)
        self.result.setStyleSheet("color: #b71c1c;")
        self.adjustSize()  # the sentence may need more lines than the dialog had
