"""The figures of a shift or a day: a table per operator, two charts, a CSV export.

The figures are `station.services.report`'s, the same the command line prints; their names
are catalogue entries, so the table reads as `station report` does.
"""

from __future__ import annotations

import datetime as dt
import math
from pathlib import Path
from typing import Any

from PySide6.QtCharts import QBarCategoryAxis, QBarSeries, QBarSet, QChart, QChartView, QValueAxis
from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QPainter
from PySide6.QtWidgets import (
    QComboBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from station.config import Settings
from station.domain.messages import text
from station.domain.shifts import ShiftError, Window, current_shift, day_window, shift_starts
from station.report_cli import report_csv
from station.services.report import FIGURE_NAMES, KIND_NAMES, KINDS, Report


class FiguresPane(QWidget):
    wanted = Signal(object)  # Window

    def __init__(self, settings: Settings, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.settings = settings
        self.report: Report | None = None
        self.choice = QComboBox()
        self.choice.addItem(self.tr("This shift"), "shift")
        self.choice.addItem(self.tr("Today"), "day")
        self.choice.currentIndexChanged.connect(self.refresh)
        self.export_button = QPushButton(self.tr("Export CSV…"))
        self.export_button.clicked.connect(self.ask_export)
        self.title = QLabel()
        self.table = QTableWidget()
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.speed = _chart(self.tr("Orders and units per packer-hour"))
        self.errors = _chart(self.tr("Scan errors by kind"))
        top = QHBoxLayout()
        for widget in (self.choice, self.title, self.export_button):
            top.addWidget(widget)
        top.setStretch(1, 1)
        charts = QSplitter(Qt.Orientation.Horizontal)
        charts.addWidget(self.speed)
        charts.addWidget(self.errors)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.table, 1)
        layout.addWidget(charts, 1)

    @property
    def language(self) -> str:
        return self.settings.language

    def window_now(self) -> Window:
        now = dt.datetime.now(dt.UTC)
        if self.choice.currentData() == "day":
            return day_window(now.astimezone().date())
        try:
            return current_shift(now, shift_starts(self.settings.shift_starts))
        except ShiftError:
            return day_window(now.astimezone().date())

    def refresh(self) -> None:
        self.wanted.emit(self.window_now())

    def show_report(self, report: Report) -> None:
        self.report = report
        window = report.window
        self.title.setText(
            self.tr("{0}: {1} to {2}").format(
                window.name,
                window.start.strftime("%d/%m %H:%M"),
                window.end.strftime("%d/%m %H:%M"),
            )
        )
        self._fill_table(report)
        self._fill_charts(report)

    def _fill_table(self, report: Report) -> None:
        people = sorted(report.per_operator)
        columns = [(self.tr("Everyone"), report.total)] + [
            (n, report.per_operator[n]) for n in people
        ]
        rows = [*FIGURE_NAMES.items()] + [(f"scan_errors:{k}", KIND_NAMES[k]) for k in KINDS]
        self.table.setColumnCount(len(columns))
        self.table.setRowCount(len(rows))
        self.table.setHorizontalHeaderLabels([name for name, _ in columns])
        self.table.setVerticalHeaderLabels([text(code, self.language) for _, code in rows])
        for c, (_, figures) in enumerate(columns):
            values = figures.as_dict()
            for r, (key, _) in enumerate(rows):
                if key.startswith("scan_errors:"):
                    value: Any = figures.scan_errors[key.split(":", 1)[1]]
                else:
                    value = values[key]
                item = QTableWidgetItem("–" if value is None else str(value))
                item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                self.table.setItem(r, c, item)
        self.table.resizeColumnsToContents()

    def _fill_charts(self, report: Report) -> None:
        people = sorted(report.per_operator)
        orders = QBarSet(text(FIGURE_NAMES["orders_per_packer_hour"], self.language))
        units = QBarSet(text(FIGURE_NAMES["units_per_packer_hour"], self.language))
        for name in people:
            figures = report.per_operator[name]
            orders.append(figures.per_packer_hour(figures.orders_packed) or 0.0)
            units.append(figures.per_packer_hour(figures.units_packed) or 0.0)
        _plot(self.speed, [orders, units], people)
        sets = []
        for kind in KINDS:
            bar = QBarSet(text(KIND_NAMES[kind], self.language))
            for name in people:
                bar.append(report.per_operator[name].scan_errors[kind])
            sets.append(bar)
        _plot(self.errors, sets, people, counts=True)

    def export_csv(self, path: Path) -> None:
        if self.report is not None:
            path.write_text(report_csv(self.report), encoding="utf-8")

    def ask_export(self) -> None:
        if self.report is None:
            return
        name, _ = QFileDialog.getSaveFileName(
            self, self.tr("Export figures"), f"figures-{self.report.window.name}.csv", "CSV (*.csv)"
        )
        if name:
            self.export_csv(Path(name))


def _chart(title: str) -> QChartView:
    chart = QChart()
    chart.setTitle(title)
    chart.legend().setAlignment(Qt.AlignmentFlag.AlignBottom)
    view = QChartView(chart)
    view.setRenderHint(QPainter.RenderHint.Antialiasing)
    view.setMinimumHeight(220)
    return view


def _plot(
    view: QChartView, sets: list[QBarSet], categories: list[str], counts: bool = False
) -> None:
    chart = view.chart()
    chart.removeAllSeries()
    for axis in chart.axes():
        chart.removeAxis(axis)
    series = QBarSeries()
    for bar in sets:
        series.append(bar)
    chart.addSeries(series)
    x = QBarCategoryAxis()
    x.append(categories or ["–"])
    chart.addAxis(x, Qt.AlignmentFlag.AlignBottom)
    series.attachAxis(x)
    y = QValueAxis()
    top = max((bar.at(i) for bar in sets for i in range(bar.count())), default=0.0)
    if counts and top <= 10:  # whole numbers: one tick per count
        y.setRange(0, max(1, math.ceil(top)))
        y.setTickCount(max(1, math.ceil(top)) + 1)
    else:
        y.setRange(0, max(1.0, top))
        y.applyNiceNumbers()  # round ticks, so that a label never stands for a rounded value
    y.setLabelFormat("%g")
    chart.addAxis(y, Qt.AlignmentFlag.AlignLeft)
    series.attachAxis(y)
