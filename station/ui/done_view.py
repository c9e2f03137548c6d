"""The screen between orders: the last packed order's parcels, each with its tracking number,
so every label goes on the right box before the parcels leave the bench."""

from __future__ import annotations

from html import escape

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QSizePolicy, QWidget

from station.ui.viewdata import BenchView


class DoneView(QLabel):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("doneView")
        self.setTextFormat(Qt.TextFormat.RichText)
        self.setAlignment(Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop)
        self.setWordWrap(True)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        font = self.font()
        font.setPointSize(15)
        self.setFont(font)
        self.setStyleSheet("QLabel#doneView { color: #263238; }")
        self.rows: list[list[str]] = []  # the table's rows as shown: label, parcel, box, weight

    def show_view(self, view: BenchView) -> None:
        last = view.last_order_number
        self.rows = []
        if not last:
            self.setText(f"<p>{escape(self.tr('No order open'))}</p>")
            return
        heading = escape(self.tr("Last order packed: {0}").format(last))
        parts = [f"<p style='font-size:20pt; font-weight:bold'>{heading}</p>"]
        if view.packed:
            parts.append(self._table(view))
            hint = self.tr("Each label goes on the parcel in its row.")
            parts.append(f"<p>{escape(hint)}</p>")
        self.setText("".join(parts))

    def _table(self, view: BenchView) -> str:
        heads = [self.tr("Label (tracking)"), self.tr("goes on"), self.tr("Box"), self.tr("Weight")]
        cells = "".join(f"<th style='padding:4px 14px'>{escape(h)}</th>" for h in heads)
        rows = [f"<tr>{cells}</tr>"]
        for parcel in view.packed:
            tracking = f"{parcel.carrier} {parcel.tracking_number}".strip() or "—"
            weight = f"{parcel.weight_g} g" if parcel.weight_g is not None else "—"
            values = [tracking, self.tr("parcel {0}").format(parcel.seq), parcel.box or "—", weight]
            self.rows.append(values)
            row = "".join(f"<td style='padding:4px 14px'>{escape(v)}</td>" for v in values)
            rows.append(f"<tr style='font-weight:bold'>{row}</tr>")
        return f"<table align='center' cellspacing='0'>{''.join(rows)}</table>"

    def tracking_shown(self) -> str:
        """The text as a person reads it (no markup), for tests and screen readers."""
        from PySide6.QtGui import QTextDocument

        document = QTextDocument()
        document.setHtml(self.text())
        return document.toPlainText()
