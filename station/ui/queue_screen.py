"""The order queue: search and filters (run in the database), a paged table of orders.

Typing in the search box is a person typing: the wedge filter leaves it alone. The search
runs a short while after the last key, so a query is not sent for every letter.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from station.domain import OrderStatus
from station.services.queue import QueueFilter
from station.ui import style
from station.ui.queue_model import QueueModel, status_label
from station.ui.workers import Workers

SEARCH_DELAY_MS = 250


class QueueScreen(QWidget):
    def __init__(self, workers: Workers, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._workers = workers
        self.model = QueueModel(workers, self)
        self.search = QLineEdit()
        self.search.setPlaceholderText(self.tr("Search: order number or customer"))
        self.search.setClearButtonEnabled(True)
        self.status = QComboBox()
        self.status.addItem(self.tr("All statuses"), None)
        for status in OrderStatus:
            self.status.addItem(status_label(status.value), status.value)
        self.carrier = QComboBox()
        self.carrier.addItem(self.tr("All carriers"), None)
        self.count = QLabel()
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        vertical = self.table.verticalHeader()
        vertical.setVisible(False)
        # Fixed heights: measuring 100,000 rows to fit their content takes tens of seconds.
        vertical.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        vertical.setDefaultSectionSize(style.QUEUE_ROW_HEIGHT)
        horizontal = self.table.horizontalHeader()
        horizontal.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        horizontal.setStretchLastSection(True)
        for column, width in enumerate((100, 120, 90, 150, 190, 300)):
            self.table.setColumnWidth(column, width)
        font = self.font()
        font.setPointSize(style.QUEUE_POINT_SIZE)
        self.setFont(font)
        font.setBold(True)
        horizontal.setFont(font)
        bar = QHBoxLayout()
        bar.addWidget(QLabel(self.tr("&Search:"), buddy=self.search))
        bar.addWidget(self.search, 2)
        bar.addWidget(QLabel(self.tr("S&tatus:"), buddy=self.status))
        bar.addWidget(self.status)
        bar.addWidget(QLabel(self.tr("&Carrier:"), buddy=self.carrier))
        bar.addWidget(self.carrier)
        bar.addWidget(self.count)
        layout = QVBoxLayout(self)
        layout.addLayout(bar)
        layout.addWidget(self.table, 1)
        self._debounce = QTimer(self)
        self._debounce.setSingleShot(True)
        self._debounce.setInterval(SEARCH_DELAY_MS)
        self._debounce.timeout.connect(self.refresh)
        self.search.textChanged.connect(self._debounce.start)
        self.status.currentIndexChanged.connect(self.refresh)
        self.carrier.currentIndexChanged.connect(self.refresh)
        self.model.count_changed.connect(self._show_count)
        workers.query.carriers_ready.connect(self._fill_carriers)
        self._loaded = False
        find = QShortcut(QKeySequence(QKeySequence.StandardKey.Find), self, self.search.setFocus)
        find.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)

    def activate(self) -> None:
        if not self._loaded:
            self._loaded = True
            self._workers.fetch_carriers.emit()
            self.refresh()
        self.table.setFocus()

    def current_filter(self) -> QueueFilter:
        return QueueFilter(
            status=self.status.currentData(),
            carrier=self.carrier.currentData(),
            search=self.search.text(),
        )

    def refresh(self) -> None:
        self.model.set_filter(self.current_filter())

    def _show_count(self, count: int) -> None:
        self.count.setText(self.tr("%n order(s)", "", count))

    def _fill_carriers(self, carriers: list[str]) -> None:
        current = self.carrier.currentData()
        self.carrier.blockSignals(True)
        while self.carrier.count() > 1:
            self.carrier.removeItem(1)
        for code in carriers:
            self.carrier.addItem(code, code)
        index = self.carrier.findData(current)
        self.carrier.setCurrentIndex(max(index, 0))
        self.carrier.blockSignals(False)
