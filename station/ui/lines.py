"""The order's lines: per-line progress (verified / ordered), bin location, product image."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, QSize, Qt
from PySide6.QtGui import QBrush, QColor, QFont, QPixmap, QPixmapCache
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableView, QWidget

from station.ui.viewdata import LineView

ROW_HEIGHT = 56
IMAGE_PX = 48
DONE_BG = QColor("#c8e6c9")
CHANGED_BG = QColor("#fff59d")
NEEDS_FG = QColor("#bf360c")
Index = QModelIndex | QPersistentModelIndex


def _local_image(url: str) -> QPixmap | None:
    """Only local files: fetching a remote image on the GUI thread could stall a scan."""
    path = url.removeprefix("file://")
    if not path or "://" in path:
        return None
    pixmap = QPixmap()
    if QPixmapCache.find(path, pixmap):
        return pixmap
    if not Path(path).is_file() or not pixmap.load(path):
        return None
    pixmap = pixmap.scaled(IMAGE_PX, IMAGE_PX, Qt.AspectRatioMode.KeepAspectRatio)
    QPixmapCache.insert(path, pixmap)
    return pixmap


class LinesModel(QAbstractTableModel):
    IMAGE, PROGRESS, NAME, SKU, BIN = range(5)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._lines: tuple[LineView, ...] = ()
        self._changed: frozenset[str] = frozenset()
        self._bold = QFont()
        self._bold.setBold(True)
        self._bold.setPointSize(18)

    def headers(self) -> list[str]:
        return ["", self.tr("Scanned"), self.tr("Item"), self.tr("SKU"), self.tr("Bin")]

    def set_lines(self, lines: tuple[LineView, ...], changed: frozenset[str]) -> None:
        """Same lines, new counts: repaint only the counts; another order: reset the table."""
        same_order = [ln.sku for ln in lines] == [ln.sku for ln in self._lines]
        self._changed = changed
        if same_order:
            self._lines = lines
            if lines:
                self.dataChanged.emit(self.index(0, 0), self.index(len(lines) - 1, self.BIN))
            return
        self.beginResetModel()
        self._lines = lines
        self.endResetModel()

    def line(self, row: int) -> LineView:
        return self._lines[row]

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self._lines)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008, N802
        return 5

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = 0) -> Any:  # noqa: N802
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self.headers()[section]
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        line = self._lines[index.row()]
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return self._text(line, column)
        if role == Qt.ItemDataRole.DecorationRole and column == self.IMAGE:
            return _local_image(line.image_url)
        if role == Qt.ItemDataRole.BackgroundRole:
            if line.sku in self._changed:
                return QBrush(CHANGED_BG)
            return QBrush(DONE_BG) if line.complete else None
        if role == Qt.ItemDataRole.FontRole and column in (self.PROGRESS, self.BIN):
            return self._bold
        if role == Qt.ItemDataRole.ForegroundRole and column == self.NAME and self.needs(line):
            return QBrush(NEEDS_FG)
        if role == Qt.ItemDataRole.TextAlignmentRole and column == self.PROGRESS:
            return Qt.AlignmentFlag.AlignCenter
        return None

    def needs(self, line: LineView) -> str:
        """What the scan of this line must carry, said before the scan (while units are left)."""
        if line.complete:
            return ""
        wanted = [
            word
            for flag, word in (
                (line.needs_lot, self.tr("lot")),
                (line.needs_expiry, self.tr("expiry date")),
                (line.needs_serial, self.tr("serial number")),
            )
            if flag
        ]
        if not wanted:
            return ""
        return self.tr("scan the GS1 code with its {0}").format(" + ".join(wanted))

    def row_of(self, sku: str) -> int | None:
        return next((i for i, line in enumerate(self._lines) if line.sku == sku), None)

    def _text(self, line: LineView, column: int) -> str:
        if column == self.PROGRESS:
            short = f" (−{line.short})" if line.short else ""
            return f"{line.verified} / {line.quantity}{short}"
        if column == self.NAME:
            needs = self.needs(line)
            return f"{line.name}\n⚠ {needs}" if needs else line.name
        if column == self.SKU:
            return line.sku
        if column == self.BIN:
            return line.bin_location
        return ""


class LinesView(QTableView):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.lines_model = LinesModel(self)
        self.setModel(self.lines_model)
        # Scans arrive through the application-wide filter: the table never takes focus.
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.setIconSize(QSize(IMAGE_PX, IMAGE_PX))
        vertical = self.verticalHeader()
        vertical.setVisible(False)
        vertical.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        vertical.setDefaultSectionSize(ROW_HEIGHT)
        header = self.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        header.setSectionResizeMode(LinesModel.NAME, QHeaderView.ResizeMode.Stretch)
        for column, width in ((0, IMAGE_PX + 12), (1, 150), (3, 110), (4, 130)):
            self.setColumnWidth(column, width)
        font = self.font()
        font.setPointSize(14)
        self.setFont(font)

    def scroll_to_changed(self, changed: frozenset[str]) -> None:
        """Bring the line just scanned into view: a long order scrolls to it."""
        rows = [r for sku in changed if (r := self.lines_model.row_of(sku)) is not None]
        if rows:
            self.scrollTo(self.lines_model.index(min(rows), LinesModel.PROGRESS))
