"""The open order at a glance: number, customer, carrier and service, cut-off, COD, note."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QFrame, QGridLayout, QLabel, QWidget

from station.ui.viewdata import OrderView

CUTOFF_WARN = dt.timedelta(hours=1)


def units_to_scan(left: int, total: int) -> str:
    """How many units are still to scan, in the plural form the count needs (Qt's %n)."""
    return QCoreApplication.translate(
        "OrderHeader", "%n unit(s) left to scan, of {0}", "", left
    ).format(total)


def _big(label: QLabel, size: int, bold: bool = True) -> QLabel:
    font = label.font()
    font.setPointSize(size)
    font.setBold(bold)
    label.setFont(font)
    return label


class OrderHeader(QFrame):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("orderHeader")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.number = _big(QLabel(), 24)
        self.customer = _big(QLabel(), 16)
        self.carrier = _big(QLabel(), 14, bold=False)
        self.cutoff = _big(QLabel(), 14, bold=False)
        self.cod = _big(QLabel(), 14)
        self.note = QLabel()
        self.note.setWordWrap(True)
        self.note.setObjectName("customerNote")
        self.note.setStyleSheet(
            "QLabel#customerNote { background: #fff59d; color: #3e2723; padding: 6px;"
            " border-radius: 4px; font-size: 14pt; }"
        )
        self.units = _big(QLabel(), 14, bold=False)
        grid = QGridLayout(self)
        grid.addWidget(self.number, 0, 0)
        grid.addWidget(self.customer, 0, 1, 1, 2)
        grid.addWidget(self.carrier, 1, 0)
        grid.addWidget(self.cutoff, 1, 1)
        grid.addWidget(self.cod, 1, 2)
        grid.addWidget(self.units, 2, 0)
        grid.addWidget(self.note, 2, 1, 1, 2)
        self.show_order(None)

    def show_order(self, order: OrderView | None, now: dt.datetime | None = None) -> None:
        self.setVisible(order is not None)
        if order is None:
            return
        now = now or dt.datetime.now(dt.UTC)
        self.number.setText(self.tr("Order {0}").format(order.number))
        self.customer.setText(order.customer)
        self.carrier.setText(f"{order.carrier} · {order.service}".strip(" ·"))
        self._show_cutoff(order.cutoff_at, now)
        self.cod.setVisible(bool(order.cod_amount))
        self.cod.setText(self.tr("Cash on delivery: € {0}").format(order.cod_amount))
        self.cod.setStyleSheet("color: #b71c1c;")
        self.units.setText(units_to_scan(order.units_left, order.units_total))
        self.note.setVisible(bool(order.note))
        self.note.setText(self.tr("Customer note: {0}").format(order.note))

    def _show_cutoff(self, cutoff: dt.datetime | None, now: dt.datetime) -> None:
        if cutoff is None:
            self.cutoff.setText(self.tr("No cut-off"))
            self.cutoff.setStyleSheet("")
            return
        local = cutoff.astimezone().strftime("%d/%m %H:%M")
        self.cutoff.setText(self.tr("Cut-off {0}").format(local))
        urgent = cutoff - now < CUTOFF_WARN
        self.cutoff.setStyleSheet("color: #b71c1c; font-weight: bold;" if urgent else "")
