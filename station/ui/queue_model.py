"""The order queue as a table model that reads pages on demand (fetchMore).

Pages come from the query thread; the model never runs SQL. Each filter change starts a new
generation, so a page that arrives late for an old filter is dropped.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtGui import QBrush, QColor

from station.services.queue import PAGE_SIZE, QueueFilter, QueueRow
from station.ui.workers import Workers

Index = QModelIndex | QPersistentModelIndex
STATUS_COLOURS = {"held": "#ffe0b2", "packing": "#bbdefb", "cancelled": "#eeeeee"}


class QueueModel(QAbstractTableModel):
    count_changed = Signal(int)
    COLUMNS = ("number", "status", "priority", "cutoff", "carrier", "customer", "bench")

    def __init__(self, workers: Workers, parent: Any = None) -> None:
        super().__init__(parent)
        self._workers = workers
        self._rows: list[QueueRow] = []
        self._filter = QueueFilter()
        self._generation = 0
        self._pending = False
        self._exhausted = True
        self.total = 0
        workers.query.page_ready.connect(self._on_page)
        workers.query.count_ready.connect(self._on_count)

    def headers(self) -> list[str]:
        return [
            self.tr("Order"),
            self.tr("Status"),
            self.tr("Priority"),
            self.tr("Cut-off"),
            self.tr("Carrier"),
            self.tr("Customer"),
            self.tr("Bench"),
        ]

    def set_filter(self, filt: QueueFilter) -> None:
        self.beginResetModel()
        self._rows = []
        self._filter = filt
        self._generation += 1
        self._exhausted = False
        self._pending = False
        self.endResetModel()
        self._request(None)

    def row_at(self, row: int) -> QueueRow:
        return self._rows[row]

    def _request(self, after: QueueRow | None) -> None:
        self._pending = True
        self._workers.fetch_page.emit(self._generation, self._filter, after, PAGE_SIZE)

    def canFetchMore(self, parent: Index = QModelIndex()) -> bool:  # noqa: B008, N802
        return not parent.isValid() and not self._exhausted and not self._pending

    def fetchMore(self, parent: Index = QModelIndex()) -> None:  # noqa: B008, N802
        if self.canFetchMore(parent):
            self._request(self._rows[-1] if self._rows else None)

    def _on_page(self, generation: int, rows: list[QueueRow], _first: bool) -> None:
        if generation != self._generation:
            return
        self._pending = False
        self._exhausted = len(rows) < PAGE_SIZE
        if rows:
            start = len(self._rows)
            self.beginInsertRows(QModelIndex(), start, start + len(rows) - 1)
            self._rows.extend(rows)
            self.endInsertRows()

    def _on_count(self, generation: int, count: int) -> None:
        if generation == self._generation:
            self.total = count
            self.count_changed.emit(count)

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008, N802
        return len(self.COLUMNS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = 0) -> Any:  # noqa: N802
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self.headers()[section]
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        row = self._rows[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return self._text(row, index.column())
        if role == Qt.ItemDataRole.BackgroundRole and row.status.value in STATUS_COLOURS:
            return QBrush(QColor(STATUS_COLOURS[row.status.value]))
        return None

    def _text(self, row: QueueRow, column: int) -> str:
        name = self.COLUMNS[column]
        if name == "number":
            return row.number
        if name == "status":
            return status_label(row.status.value)
        if name == "priority":
            return str(row.priority) if row.priority else ""
        if name == "cutoff":
            return row.cutoff_at.astimezone().strftime("%d/%m %H:%M") if row.cutoff_at else ""
        if name == "carrier":
            return f"{row.carrier} {row.service}".strip()
        if name == "customer":
            return row.customer
        return row.bench


def status_label(status: str) -> str:
    labels = {
        "queued": QCoreApplication.translate("Status", "queued"),
        "packing": QCoreApplication.translate("Status", "packing"),
        "held": QCoreApplication.translate("Status", "held"),
        "shipped": QCoreApplication.translate("Status", "shipped"),
        "cancelled": QCoreApplication.translate("Status", "cancelled"),
    }
    return labels.get(status, status)
