"""The bench screen: prompt, order header, result banner, lines and parcels.

Each outcome repaints only what it changed: the banner and prompt always, the lines' counts
by `dataChanged`, the header only when another order opens.
"""

from __future__ import annotations

from PySide6.QtWidgets import QHBoxLayout, QLabel, QVBoxLayout, QWidget

from station.ui.banner import ResultBanner
from station.ui.done_view import DoneView
from station.ui.header import OrderHeader, units_to_scan
from station.ui.lines import LinesView
from station.ui.parcels import ParcelsView
from station.ui.viewdata import BenchView, ScanOutcome


class BenchScreen(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.prompt = QLabel()
        self.prompt.setObjectName("prompt")
        self.prompt.setWordWrap(True)
        font = self.prompt.font()
        font.setPointSize(26)
        font.setBold(True)
        self.prompt.setFont(font)
        self.prompt.setMinimumHeight(90)
        self.header = OrderHeader()
        self.banner = ResultBanner()
        self.lines = LinesView()
        self.parcels = ParcelsView()
        self.parcels.setMaximumWidth(460)
        self.idle_hint = DoneView()
        # The open order's tables, hidden as one between orders so the done screen has the room.
        self.order_body = QWidget()
        body = QHBoxLayout(self.order_body)
        body.setContentsMargins(0, 0, 0, 0)
        body.addWidget(self.lines, 3)
        body.addWidget(self.parcels, 2)
        layout = QVBoxLayout(self)
        layout.addWidget(self.prompt)
        layout.addWidget(self.banner)
        layout.addWidget(self.header)
        layout.addWidget(self.order_body, 1)
        layout.addWidget(self.idle_hint, 1)
        self._order_number: str | None = None
        self.show_view(BenchView())

    def show_outcome(self, outcome: ScanOutcome) -> None:
        if outcome.banner is not None:
            self.banner.show_banner(outcome.banner)
        if outcome.prompt is not None:
            self.prompt.setText(outcome.prompt)
        self.show_view(outcome.view, outcome.changed_skus)

    def show_view(self, view: BenchView, changed: frozenset[str] = frozenset()) -> None:
        order = view.order
        number = order.number if order else None
        if number != self._order_number:
            self._order_number = number
            self.header.show_order(order)
        elif order is not None:
            self.header.units.setText(units_to_scan(order.units_left, order.units_total))
        self.order_body.setVisible(order is not None)
        self.idle_hint.setVisible(order is None)
        self.lines.lines_model.set_lines(order.lines if order else (), changed)
        self.lines.scroll_to_changed(changed)
        # An empty picture column is just a gap: show it only when some line has a picture.
        self.lines.setColumnHidden(0, not (order and any(ln.image_url for ln in order.lines)))
        self.parcels.show_parcels(order.parcels if order else ())
        if order is None:
            self.idle_hint.show_view(view)

    def show_live_weight(self, seq: int, grams: int | None) -> None:
        self.parcels.show_live_weight(seq, grams)
