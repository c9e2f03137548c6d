"""The lead console's tables: the benches, the queue against the clock, the carriers.

Each model takes whole snapshots from the lead worker and never runs SQL. A refresh that changes
nothing but times repaints the cells, keeping the lead's selection; a changed set of rows resets.
Orders drag out of the queue as `ORDER_MIME` (their number) and drop onto a bench.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QMimeData,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
)
from PySide6.QtGui import QBrush, QColor

from station.domain.reasons import reason_text
from station.services.board import BenchRow, CarrierLine, ClockRow, HeldRow, QueueClock
from station.services.pending_labels import PendingParcel
from station.services.pick_shorts import PickShortRow
from station.ui.lead_worker import BoardSnapshot

Index = QModelIndex | QPersistentModelIndex
ORDER_MIME = "application/x-station-order"
STATE_COLOURS = {"offline": "#eeeeee", "packing": "#bbdefb", "weighing": "#c8e6c9"}
LATE, AT_RISK = "#ffcdd2", "#ffe0b2"


def ago(then: dt.datetime | None, now: dt.datetime) -> str:
    if then is None:
        return "–"
    seconds = max(0, int((now - then).total_seconds()))
    if seconds < 120:
        return QCoreApplication.translate("LeadTimes", "{0} s ago").format(seconds)
    if seconds < 7200:
        return QCoreApplication.translate("LeadTimes", "{0} min ago").format(seconds // 60)
    return QCoreApplication.translate("LeadTimes", "{0} h ago").format(seconds // 3600)


def time_left(cutoff: dt.datetime | None, now: dt.datetime) -> str:
    if cutoff is None:
        return "–"
    minutes = int((cutoff - now).total_seconds() // 60)
    if minutes < 0:
        return QCoreApplication.translate("LeadTimes", "{0} min late").format(-minutes)
    left = QCoreApplication.translate("LeadTimes", "{0} h {1:02d} min")
    return left.format(minutes // 60, minutes % 60)


def local(at: dt.datetime | None) -> str:
    return at.astimezone().strftime("%d/%m %H:%M") if at else "–"


class _Table(QAbstractTableModel):
    """Rows of one dataclass; subclasses say the headers and each cell."""

    LIVE_COLUMNS: tuple[int, ...] = ()  # cells that change with the time alone ("75 s ago")

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.rows: Sequence[Any] = []
        self.now = dt.datetime.now(dt.UTC)
        self._headers: list[str] | None = None

    def headers(self) -> list[str]:
        raise NotImplementedError

    def cell(self, row: Any, column: int) -> str:
        raise NotImplementedError

    def colour(self, row: Any) -> str | None:
        return None

    def key(self, row: Any) -> object:
        return row

    def replace(self, rows: Sequence[Any], now: dt.datetime) -> None:
        """Same rows in the same order: only the rows that changed and the clock columns are
        repainted (the selection stays); else the model resets."""
        self.now = now
        if [self.key(r) for r in rows] != [self.key(r) for r in self.rows]:
            self.beginResetModel()
            self.rows = rows
            self.endResetModel()
            return
        before, self.rows = self.rows, rows
        last = self.columnCount() - 1
        for i, (old, new) in enumerate(zip(before, rows, strict=True)):
            if old != new:
                self.dataChanged.emit(self.index(i, 0), self.index(i, last))
        for column in self.LIVE_COLUMNS if rows else ():
            self.dataChanged.emit(self.index(0, column), self.index(len(rows) - 1, column))

    @property
    def captions(self) -> list[str]:
        """The headers, translated once: views ask for them at every paint."""
        if self._headers is None:
            self._headers = self.headers()
        return self._headers

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self.captions)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = 0) -> Any:  # noqa: N802
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return self.captions[section]
        return None

    def data(self, index: Index, role: int = 0) -> Any:
        if not index.isValid():
            return None
        row = self.rows[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return self.cell(row, index.column())
        if role == Qt.ItemDataRole.BackgroundRole:
            colour = self.colour(row)
            return QBrush(QColor(colour)) if colour else None
        return None


class BoardModel(_Table):
    """One row per bench: who, what, how far, when last heard."""

    LIVE_COLUMNS = (2, 4)

    def headers(self) -> list[str]:
        return [
            self.tr("Bench"),
            self.tr("Operator"),
            self.tr("State"),
            self.tr("Progress"),
            self.tr("Last scan"),
            self.tr("Assigned"),
            self.tr("Devices"),
            self.tr("Replication"),
        ]

    def key(self, row: BenchRow) -> object:
        return row.bench

    def show(self, snapshot: BoardSnapshot) -> None:
        self.replace(snapshot.rows, snapshot.at)

    def bench_at(self, row: int) -> BenchRow:
        return self.rows[row]  # type: ignore[no-any-return]

    def state_text(self, row: BenchRow) -> str:
        if row.state == "offline":
            return self.tr("Offline (last heard {0})").format(ago(row.last_heard_at, self.now))
        if row.state == "packing":
            return self.tr("Packing order {0}").format(row.order)
        if row.state == "weighing":
            return self.tr("Weighing order {0}").format(row.order)
        return self.tr("Idle")

    def cell(self, row: BenchRow, column: int) -> str:
        if column == 0:
            return row.bench
        if column == 1:
            return row.operator or "–"
        if column == 2:
            return self.state_text(row)
        if column == 3:
            return f"{row.units_done}/{row.units_total}" if row.order else "–"
        if column == 4:
            return ago(row.last_scan_at, self.now)
        if column == 5:
            return str(row.assigned)
        if row.reported_at is None:
            return self.tr("not reported")
        if column == 6:
            return self.devices_text(row)
        return self.lag_text(row.lag_s)

    def devices_text(self, row: BenchRow) -> str:
        levels = {
            "ok": self.tr("ok"),
            "warning": self.tr("warning"),
            "failed": self.tr("FAILED"),
            "": "–",
        }
        said = self.tr("scale {0} · printer {1} · scanner {2}")
        return said.format(*(levels.get(level, level) for level in _levels(row)))

    def lag_text(self, lag_s: int | None) -> str:
        if lag_s is None:
            return self.tr("on its own")
        if lag_s < 120:
            return self.tr("{0} s behind").format(lag_s)
        return self.tr("{0} min behind").format(lag_s // 60)

    def colour(self, row: BenchRow) -> str | None:
        if row.state != "offline" and "failed" in _levels(row):
            return LATE  # a dead scale or printer is as urgent as a late order
        return STATE_COLOURS.get(row.state)

    def flags(self, index: Index) -> Qt.ItemFlag:
        return super().flags(index) | Qt.ItemFlag.ItemIsDropEnabled

    def mimeTypes(self) -> list[str]:  # noqa: N802
        return [ORDER_MIME]


def _levels(row: BenchRow) -> tuple[str, str, str]:
    return row.scale, row.printer, row.scanner


class ClockModel(_Table):
    """The open orders in the order the benches will take them, flagged against cut-offs."""

    LIVE_COLUMNS = (4,)

    def headers(self) -> list[str]:
        return [
            "#",
            self.tr("Order"),
            self.tr("Carrier"),
            self.tr("Pick-up"),
            self.tr("Time left"),
            self.tr("Priority"),
            self.tr("Where"),
            self.tr("Flag"),
        ]

    def key(self, row: ClockRow) -> object:
        return row.number

    def show(self, clock: QueueClock) -> None:
        self.replace(clock.rows, clock.now)

    def order_at(self, row: int) -> ClockRow:
        return self.rows[row]  # type: ignore[no-any-return]

    def cell(self, row: ClockRow, column: int) -> str:
        values = (
            str(row.position),
            row.number,
            row.carrier,
            local(row.cutoff_at),
            time_left(row.cutoff_at, self.now),
            str(row.priority),
            self._where(row),
            self.tr("Late") if row.late else self.tr("At risk") if row.at_risk else "",
        )
        return values[column]

    def _where(self, row: ClockRow) -> str:
        place = self.tr("packing at {0}") if row.status == "packing" else self.tr("for {0}")
        whom = ", ".join(x for x in (row.bench, row.operator) if x)
        return place.format(whom) if whom else self.tr("queue")

    def colour(self, row: ClockRow) -> str | None:
        return LATE if row.late else AT_RISK if row.at_risk else None

    def flags(self, index: Index) -> Qt.ItemFlag:
        return super().flags(index) | Qt.ItemFlag.ItemIsDragEnabled

    def mimeTypes(self) -> list[str]:  # noqa: N802
        return [ORDER_MIME]

    def mimeData(self, indexes: Sequence[QModelIndex]) -> QMimeData:  # noqa: N802
        data = QMimeData()
        if indexes:
            data.setData(ORDER_MIME, self.order_at(indexes[0].row()).number.encode())
        return data


class CarrierModel(_Table):
    """Per carrier: open orders, how many are at risk or late, the next pick-up, and the rate
    its at-risk count is measured by (its own; the warehouse's when none was packed)."""

    LIVE_COLUMNS = (5,)

    def headers(self) -> list[str]:
        return [
            self.tr("Carrier"),
            self.tr("Open"),
            self.tr("At risk"),
            self.tr("Late"),
            self.tr("Next pick-up"),
            self.tr("Time left"),
            self.tr("Packed per hour"),
        ]

    def key(self, row: CarrierLine) -> object:
        return row.carrier

    def show(self, clock: QueueClock) -> None:
        self.replace(clock.carriers, clock.now)

    def cell(self, row: CarrierLine, column: int) -> str:
        values = (
            row.carrier or "–",
            str(row.open),
            str(row.at_risk),
            str(row.late),
            local(row.next_cutoff),
            time_left(row.next_cutoff, self.now),
            f"{row.rate_per_hour:.0f}" if row.rate_per_hour else self.tr("– (the warehouse's)"),
        )
        return values[column]

    def colour(self, row: CarrierLine) -> str | None:
        return LATE if row.late else AT_RISK if row.at_risk else None


class HeldModel(_Table):
    """Held orders, most urgent first, with why: the ones a lead may release."""

    def __init__(self, language: str, parent: Any = None) -> None:
        super().__init__(parent)
        self.language = language

    def headers(self) -> list[str]:
        return [self.tr("Held order"), self.tr("Carrier"), self.tr("Pick-up"), self.tr("Why")]

    def key(self, row: HeldRow) -> object:
        return row.number

    def show(self, clock: QueueClock) -> None:
        self.replace(clock.held, clock.now)

    def order_at(self, row: int) -> HeldRow:
        return self.rows[row]  # type: ignore[no-any-return]

    def cell(self, row: HeldRow, column: int) -> str:
        values = (
            row.number,
            row.carrier,
            local(row.cutoff_at),
            reason_text(row.reason, self.language),
        )
        return values[column]


class ShortsModel(_Table):
    """What pickers found missing at the bins, newest first: where, what, how many, who."""

    def headers(self) -> list[str]:
        return [
            self.tr("When"),
            self.tr("Bin"),
            self.tr("Product"),
            self.tr("Found"),
            self.tr("Order"),
            self.tr("Picker"),
            self.tr("Tote"),
        ]

    def show(self, rows: Sequence[PickShortRow], now: dt.datetime) -> None:
        self.replace(rows, now)

    def cell(self, row: PickShortRow, column: int) -> str:
        values = (
            local(row.at),
            row.bin,
            f"{row.sku} · {row.product}" if row.product else row.sku,
            self.tr("{0} of {1}").format(row.found, row.wanted),
            row.order,
            row.picker or "–",
            row.tote,
        )
        return values[column]


class LabelsModel(_Table):
    """The pending shelf, oldest first: parcels that left with an internal label and wait for
    their carrier's, which prints by itself at the bench that packed them."""

    def __init__(self, language: str, parent: Any = None) -> None:
        super().__init__(parent)
        self.language = language

    def headers(self) -> list[str]:
        return [
            self.tr("Since"),
            self.tr("Order"),
            self.tr("Parcel"),
            self.tr("Carrier"),
            self.tr("Packed at"),
            self.tr("Why"),
        ]

    def show(self, rows: Sequence[PendingParcel], now: dt.datetime) -> None:
        self.replace(rows, now)

    def cell(self, row: PendingParcel, column: int) -> str:
        values = (
            local(row.since),
            row.order_number,
            str(row.parcel_seq),
            row.carrier,
            row.bench or "–",
            reason_text(row.reason, self.language),
        )
        return values[column]
