"""Print jobs: what did not print (retry, redirect, discard) and what printed today (reprint).

Keyboard only: Enter retries the selected failed job or reprints the selected printed one,
Ctrl+R sends a failed job to another printer, Delete discards it, Tab moves between the lists,
Esc closes. Plain letters are left alone: a wedge scanner types those.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtGui import QKeyEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QHeaderView,
    QInputDialog,
    QLabel,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from station.ui.print_worker import JobRow, PrintListing

RED = "#b71c1c"
ENTER_KEYS = (Qt.Key.Key_Return, Qt.Key.Key_Enter)


def describe(row: JobRow) -> str:
    """The job in the operator's words and language."""
    if row.document == "label" and row.parcel_seq is not None:
        text = QCoreApplication.translate("PrintDialog", "Label {0}, parcel {1}")
        return text.format(row.order_number, row.parcel_seq)
    if row.document == "slip":
        return QCoreApplication.translate("PrintDialog", "Packing slip {0}").format(
            row.order_number
        )
    return row.name


def _tree(headers: list[str]) -> QTreeWidget:
    tree = QTreeWidget()
    font = tree.font()
    font.setPointSize(13)
    tree.setFont(font)
    tree.setRootIsDecorated(False)
    tree.setUniformRowHeights(True)
    tree.setAllColumnsShowFocus(True)
    tree.setHeaderLabels(headers)
    header = tree.header()
    header.setStretchLastSection(True)
    header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    return tree


class PrintDialog(QDialog):
    retry_requested = Signal(str, str)  # job id, printer spec ("" = the bench's printer)
    discard_requested = Signal(str)
    reprint_requested = Signal(str)

    def __init__(self, listing: PrintListing, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Print jobs"))
        self.resize(900, 560)
        self.last_spec = "folder"
        self.printer = QLabel()
        self.failed_title = QLabel()
        self.failed_title.setStyleSheet(f"color: {RED}; font-weight: bold; font-size: 15pt;")
        self.failed = _tree([self.tr("Time"), self.tr("Job"), self.tr("Printer"), self.tr("Tries")])
        self.reason = QLabel()
        self.reason.setWordWrap(True)
        self.reason.setStyleSheet(f"color: {RED}; font-size: 13pt;")
        self.printed_title = QLabel(self.tr("Printed today"))
        self.printed_title.setStyleSheet("font-weight: bold; font-size: 15pt;")
        self.printed = _tree([self.tr("Time"), self.tr("Job"), self.tr("Printer")])
        self.failed.currentItemChanged.connect(lambda *_: self._show_reason())
        self._build_buttons()
        layout = QVBoxLayout(self)
        for widget in (self.printer, self.failed_title, self.failed, self.reason):
            layout.addWidget(widget)
        layout.addLayout(_row_of(self.buttons[:3]))
        layout.addSpacing(12)
        layout.addWidget(self.printed_title)
        layout.addWidget(self.printed)
        layout.addLayout(_row_of(self.buttons[3:]))
        QShortcut(QKeySequence("Ctrl+R"), self, activated=lambda: self.redirect())
        QShortcut(QKeySequence(Qt.Key.Key_Delete), self.failed, activated=self.discard)
        self.show_listing(listing)

    def _build_buttons(self) -> None:
        actions = (
            (self.tr("Retry (Enter)"), self.retry),
            (self.tr("Redirect… (Ctrl+R)"), self.redirect),
            (self.tr("Discard (Del)"), self.discard),
            (self.tr("Reprint (Enter)"), self.reprint),
            (self.tr("Close (Esc)"), self.reject),
        )
        self.buttons: list[QPushButton] = []
        for text, slot in actions:
            button = QPushButton(text)
            button.setAutoDefault(False)  # Enter acts on the selected job, not on a button
            button.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # Tab moves between the two lists
            button.clicked.connect(lambda _=False, s=slot: s())
            self.buttons.append(button)

    # -- contents --------------------------------------------------------------------------------

    def show_listing(self, listing: PrintListing) -> None:
        self.printer.setText(self.tr("This bench prints on {0}").format(listing.printer))
        count = len(listing.failed)
        self.failed_title.setText(
            self.tr("Not printed: {0}").format(count) if count else self.tr("Nothing failed")
        )
        self.failed_title.setStyleSheet(
            f"color: {RED if count else '#1b5e20'}; font-weight: bold; font-size: 15pt;"
        )
        failed = [[r.time, describe(r), r.printer, str(r.attempts)] for r in listing.failed]
        _fill(self.failed, failed, listing.failed)
        printed = [[r.time, describe(r), r.printer] for r in listing.printed]
        _fill(self.printed, printed, listing.printed)
        for button in self.buttons[:3]:
            button.setEnabled(bool(count))
        self.buttons[3].setEnabled(bool(listing.printed))
        if not (self.failed.hasFocus() or self.printed.hasFocus()):
            (self.failed if count or not listing.printed else self.printed).setFocus()
        self._show_reason()

    def _show_reason(self) -> None:
        row = _current(self.failed)
        self.reason.setText(row.reason if row else "")
        self.reason.setVisible(row is not None)

    # -- actions ---------------------------------------------------------------------------------

    def retry(self) -> None:
        row = _current(self.failed)
        if row is not None:
            self.retry_requested.emit(row.job_id, "")

    def redirect(self, spec: str | None = None) -> None:
        """Send the selected failed job to another printer; asks for it when not given."""
        row = _current(self.failed)
        if row is None:
            return
        if spec is None:
            spec, ok = QInputDialog.getText(
                self,
                self.tr("Send to another printer"),
                self.tr("Printer (folder, folder:DIR, zpl:HOST:PORT, cups:QUEUE or qt:NAME):"),
                text=self.last_spec,
            )
            if not ok or not spec.strip():
                return
        self.last_spec = spec.strip()
        self.retry_requested.emit(row.job_id, self.last_spec)

    def discard(self) -> None:
        row = _current(self.failed)
        if row is not None:
            self.discard_requested.emit(row.job_id)

    def reprint(self) -> None:
        row = _current(self.printed)
        if row is not None:
            self.reprint_requested.emit(row.job_id)

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802
        if event.key() in ENTER_KEYS and event.modifiers() == Qt.KeyboardModifier.NoModifier:
            if self.printed.hasFocus():
                self.reprint()
            else:
                self.retry()
            return
        super().keyPressEvent(event)


def _row_of(buttons: list[QPushButton]) -> QHBoxLayout:
    row = QHBoxLayout()
    for button in buttons:
        row.addWidget(button)
    row.addStretch(1)
    return row


def _fill(tree: QTreeWidget, texts: list[list[str]], rows: tuple[JobRow, ...]) -> None:
    """Refill the list, keeping the selected job selected when it is still there."""
    current = _current(tree)
    tree.clear()
    for columns, row in zip(texts, rows, strict=True):
        item = QTreeWidgetItem(columns)
        item.setData(0, Qt.ItemDataRole.UserRole, row)
        tree.addTopLevelItem(item)
    keep = [i for i in range(len(rows)) if current is not None and rows[i].job_id == current.job_id]
    if rows:
        tree.setCurrentItem(tree.topLevelItem(keep[0] if keep else 0))


def _current(tree: QTreeWidget) -> JobRow | None:
    item = tree.currentItem()
    if item is None:
        return None
    row = item.data(0, Qt.ItemDataRole.UserRole)
    return row if isinstance(row, JobRow) else None
