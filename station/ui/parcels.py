"""The parcels of the open order: box, live weight from the scale beside the expected weight."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QTableWidget,
    QTableWidgetItem,
    QWidget,
)

from station.ui.viewdata import ParcelView

ROW_HEIGHT = 40


class ParcelsView(QTableWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(0, 4, parent)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setHorizontalHeaderLabels(
            [self.tr("Parcel"), self.tr("Box"), self.tr("Weight"), self.tr("Expected")]
        )
        self.verticalHeader().setVisible(False)
        self.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        self.verticalHeader().setDefaultSectionSize(ROW_HEIGHT)
        header = self.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        # Numbers and box codes are short: the weights get the room ("weighing…" included).
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        font = self.font()
        font.setPointSize(14)
        self.setFont(font)
        self._parcels: tuple[ParcelView, ...] = ()
        self._live: dict[int, int] = {}

    def show_parcels(self, parcels: tuple[ParcelView, ...]) -> None:
        self._parcels = parcels
        self._live = {seq: g for seq, g in self._live.items() if any(p.seq == seq for p in parcels)}
        self.setRowCount(len(parcels))
        for row, parcel in enumerate(parcels):
            self._fill(row, parcel)

    def show_live_weight(self, seq: int, grams: int | None) -> None:
        """A reading as it comes off the scale, before the workflow has judged it."""
        if grams is None:
            self._live.pop(seq, None)
        else:
            self._live[seq] = grams
        for row, parcel in enumerate(self._parcels):
            if parcel.seq == seq:
                self._fill(row, parcel)

    def weight_text(self, row: int) -> str:
        item = self.item(row, 2)
        return item.text() if item else ""

    def _fill(self, row: int, parcel: ParcelView) -> None:
        measured = (
            parcel.measured_g if parcel.measured_g is not None else self._live.get(parcel.seq)
        )
        if measured is not None:
            weight = f"{measured} g"
        elif parcel.weighing:
            weight = self.tr("weighing…")
        else:
            weight = "—"
        expected = f"{parcel.expected_g} g" if parcel.expected_g is not None else "—"
        cells = [str(parcel.seq), parcel.box_code or "—", weight, expected]
        colour = QColor("#c8e6c9") if parcel.measured_g is not None else None
        for column, text in enumerate(cells):
            item = QTableWidgetItem(text)
            item.setTextAlignment(Qt.AlignmentFlag.AlignCenter)
            if colour is not None:
                item.setBackground(QBrush(colour))
            self.setItem(row, column, item)
