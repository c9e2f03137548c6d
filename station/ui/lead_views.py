"""The lead console's tables as views: rows selected whole, columns fitted once, and the board,
onto which an order is dropped to move it."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableView

from station.ui.lead_models import ORDER_MIME, BoardModel


def table(model: Any) -> QTableView:
    return tabular(QTableView(), model)


def tabular(view: QTableView, model: Any) -> QTableView:
    view.setModel(model)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    # Widths are fitted once, to the first rows (`fit_columns`): fitting at every refresh would
    # format every cell of every row on the GUI thread.
    view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
    view.horizontalHeader().setResizeContentsPrecision(50)  # widths from the first 50 rows
    view.horizontalHeader().setStretchLastSection(True)
    view.verticalHeader().setVisible(False)
    return view


def fit_columns(view: QTableView) -> None:
    """Size the columns to the first rows that arrive, once."""
    if view.property("fitted") or view.model().rowCount() == 0:
        return
    view.resizeColumnsToContents()
    view.setProperty("fitted", True)


class BoardView(QTableView):
    """The benches; an order dropped on a bench row is moved there."""

    order_dropped = Signal(str, str)  # order number, bench

    def __init__(self, model: BoardModel) -> None:
        super().__init__()
        self.board = model
        self.setAcceptDrops(True)
        self.setDragDropMode(QAbstractItemView.DragDropMode.DropOnly)

    def dragEnterEvent(self, event: Any) -> None:  # noqa: N802
        if event.mimeData().hasFormat(ORDER_MIME):
            event.acceptProposedAction()

    def dragMoveEvent(self, event: Any) -> None:  # noqa: N802
        if (
            event.mimeData().hasFormat(ORDER_MIME)
            and self.indexAt(event.position().toPoint()).isValid()
        ):
            event.acceptProposedAction()
        else:
            event.ignore()

    def dropEvent(self, event: Any) -> None:  # noqa: N802
        index = self.indexAt(event.position().toPoint())
        if index.isValid() and event.mimeData().hasFormat(ORDER_MIME):
            self.drop_order(bytes(event.mimeData().data(ORDER_MIME)).decode(), index.row())
            event.acceptProposedAction()

    def drop_order(self, number: str, row: int) -> None:
        self.order_dropped.emit(number, self.board.bench_at(row).bench)
