"""The picker's window: handheld-sized (480×800), read from a metre, driven by the scanner.

It shows where to go (the bin, big), what to take (how many of what) and where it goes (the
tote), with the whole route as a list and the current stop highlighted. Every input is a scan
or a typed line ending with Enter: the totes, the bins' labels, the totes again to confirm
each put, `SHORT N` at a bin. The batch is taken, and every scan recorded, by `PickWorker` on
its own thread, through the same `PickService` as `station pick batch` in a terminal.
"""

from __future__ import annotations

import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Qt, QThread, QTranslator, Signal
from PySide6.QtGui import QCloseEvent, QColor, QFont, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QFrame,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QVBoxLayout,
    QWidget,
)

from station.context import AppContext
from station.ui.banner import ResultBanner
from station.ui.pick_worker import PickOutcome, PickView, PickWorker, RouteRow
from station.ui.sound import SoundPlayer
from station.ui.wedge import ScanCapture

if TYPE_CHECKING:
    from station.services.picking import PickService
    from station.ui.window import BenchWindow

PICKER_SIZE = (480, 800)
CURRENT = QColor("#ffb300")
DONE_ROW = QColor("#9e9e9e")


def _label(point_size: int, *, bold: bool = False, name: str = "") -> QLabel:
    label = QLabel()
    font = QFont()
    font.setPointSize(point_size)
    font.setBold(bold)
    label.setFont(font)
    label.setAlignment(Qt.AlignmentFlag.AlignCenter)
    label.setWordWrap(True)
    label.setObjectName(name)
    return label


class PickWindow(QWidget):
    submit = Signal(str, float)  # a scanned line, to the worker
    outcome_shown = Signal(object)  # PickOutcome, once painted
    _start = Signal()

    def __init__(
        self,
        ctx: AppContext,
        cache_dir: Path,
        make_service: Callable[[AppContext], PickService],
        parent: QWidget | None = None,
        *,
        capture: bool = True,
    ) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setWindowTitle(self.tr("Station: picking"))
        self.resize(*PICKER_SIZE)
        self.sounds = SoundPlayer(cache_dir / "sounds", self)
        self.last: PickOutcome | None = None  # the last answer painted
        self.translators: list[QTranslator] = []  # installed for it: removed when it closes
        self._build()
        # Over the bench window, the bench's own capture hands scans on (`take_scan`).
        self.capture: ScanCapture | None = None
        if capture:
            self.capture = ScanCapture(self)
            self.capture.scanned.connect(self.scan)
            app = QApplication.instance()
            assert app is not None
            app.installEventFilter(self.capture)
        self.worker = PickWorker(ctx, make_service)
        self._thread = _start_thread(self.worker, self)
        self.worker.ready.connect(self._show)
        self.worker.outcome.connect(self._show)
        self.submit.connect(self.worker.submit)
        self._start.connect(self.worker.start)
        self._start.emit()

    def _build(self) -> None:
        layout = QVBoxLayout(self)
        layout.setContentsMargins(10, 10, 10, 10)
        layout.setSpacing(6)
        self.step = _label(16, name="pickStep")
        self.bin = _label(54, bold=True, name="pickBin")
        self.bin.setStyleSheet("QLabel#pickBin { background: #263238; color: #ffffff; }")
        self.what = _label(26, bold=True, name="pickWhat")
        self.tote = _label(30, bold=True, name="pickTote")
        self.tote.setStyleSheet("QLabel#pickTote { background: #e3f2fd; color: #0d47a1; }")
        self.banner = ResultBanner(self)
        self.banner.setMinimumHeight(70)
        banner_font = self.banner.font()
        banner_font.setPointSize(15)
        self.banner.setFont(banner_font)
        self.prompt = _label(13, name="pickPrompt")
        self.route = QListWidget()
        self.route.setObjectName("pickRoute")
        self.route.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        # The current line is painted by hand: a selection's colour would hide it.
        self.route.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        route_font = QFont("monospace")
        route_font.setStyleHint(QFont.StyleHint.Monospace)
        route_font.setPointSize(14)
        self.route.setFont(route_font)
        line = QFrame()
        line.setFrameShape(QFrame.Shape.HLine)
        for widget in (self.step, self.bin, self.what, self.tote, self.banner, self.prompt, line):
            layout.addWidget(widget)
        layout.addWidget(self.route, stretch=1)
        self.banner.clear_banner(self.tr("Taking a batch…"))

    # -- inputs ----------------------------------------------------------------------------------

    def scan(self, code: str, at: float | None = None) -> None:
        self.submit.emit(code, at if at is not None else time.perf_counter())

    def take_scan(self, code: str) -> None:
        """A scan the bench window caught while this window is open over it."""
        self.scan(code)

    # -- painting --------------------------------------------------------------------------------

    def _show(self, outcome: PickOutcome) -> None:
        self.last = outcome
        view = outcome.view
        self._paint_place(view)
        self._paint_route(view)
        self.prompt.setText(outcome.prompt)
        if outcome.banner is not None:
            self.banner.show_banner(outcome.banner)
        for kind in outcome.sounds:
            self.sounds.play(kind)
        self.outcome_shown.emit(outcome)

    def _paint_place(self, view: PickView) -> None:
        if view.finished or not view.orders:
            self.step.setText(self.tr("Batch done") if view.finished else self.tr("No batch"))
            self.bin.setText("✓" if view.finished else "–")
            self.what.setText("")
            self.tote.setText("")
            return
        if view.totes_taken < view.orders:
            self.step.setText(self.tr("Tote {0} of {1}").format(view.totes_taken + 1, view.orders))
            self.bin.setText(self.tr("TOTES"))
            self.what.setText(self.tr("Order {0}").format(view.number))
            self.tote.setText(self.tr("Scan an empty tote"))
            return
        self.step.setText(
            self.tr("Stop {0} of {1} · order {2}").format(view.step, view.stops, view.number)
        )
        self.bin.setText(view.bin)
        self.what.setText(f"{view.units} × {view.name}")
        self.tote.setText(f"→ {view.tote}")

    def _paint_route(self, view: PickView) -> None:
        self.route.clear()
        rows = view.route or tuple(
            RouteRow(0, "", 0, number, "", tote) for number, tote in view.totes
        )
        for index, row in enumerate(rows):
            item = QListWidgetItem(_row_text(row))
            if index == view.current:
                item.setBackground(CURRENT)
                font = item.font()
                font.setBold(True)
                item.setFont(font)
            elif view.current >= 0 and index < view.current:
                item.setForeground(DONE_ROW)
            self.route.addItem(item)
        if 0 <= view.current < self.route.count():
            self.route.scrollToItem(
                self.route.item(view.current), QAbstractItemView.ScrollHint.PositionAtCenter
            )

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802
        app = QApplication.instance()
        if app is not None:
            if self.capture is not None:
                app.removeEventFilter(self.capture)
            for translator in self.translators:
                app.removeTranslator(translator)
        self._thread.quit()
        self._thread.wait()
        super().closeEvent(event)


def _row_text(row: RouteRow) -> str:
    if not row.step:  # a tote scanned for an order, before the route is planned
        return f"{row.sku:<8} → {row.tote}"
    return f"{row.step:>2} {row.bin:<9} {row.units:>2}× {row.sku:<7} → {row.tote}"


def _start_thread(obj: QObject, parent: QObject) -> QThread:
    thread = QThread(parent)
    thread.setObjectName("picker")
    obj.moveToThread(thread)
    thread.finished.connect(obj.deleteLater)
    thread.start()
    return thread


def open_picker(bench: BenchWindow, operator: str) -> PickWindow:
    """The picker window over the bench window (its menu, Ctrl+Shift+P): the bench's scans go
    to it while it is open, Escape closes it; the batch stays taken for the next time."""
    from station.app import pick_service

    window = PickWindow(
        bench.ctx, bench.cache_dir, lambda c: pick_service(c, None, operator), bench, capture=False
    )
    window.setWindowFlag(Qt.WindowType.Window)
    window.setWindowModality(Qt.WindowModality.ApplicationModal)
    window.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    close = QShortcut(QKeySequence(Qt.Key.Key_Escape), window)
    close.activated.connect(window.close)
    window.resize(*PICKER_SIZE)
    window.show()
    return window


def create_pick_window(
    ctx: AppContext, size: int | None = None, cache: Path | None = None
) -> PickWindow:
    """The picker window, for run_pick_window and for tests that bring their own app."""
    from station.app import pick_service
    from station.ui.i18n import install_translators
    from station.ui.main import cache_dir

    app = QApplication.instance()
    assert app is not None, "create a QApplication first"
    cache = cache or cache_dir()
    translators = install_translators(app, ctx.settings.language, cache)
    window = PickWindow(ctx, cache, lambda c: pick_service(c, size))
    window.translators = translators
    return window


def run_pick_window(ctx: AppContext, size: int | None) -> int:
    """`station pick batch --window`."""
    from station.ui.main import close_on_signals

    app = QApplication.instance() or QApplication(sys.argv[:1])
    app.setApplicationName("Station")
    window = create_pick_window(ctx, size)
    close_on_signals(window)  # type: ignore[arg-type]  # closes any window
    window.show()
    status = app.exec()
    del window
    return int(status)
