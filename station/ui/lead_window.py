"""The shift lead's console: the live board, the queue against the clock, the figures.

Opened from the bench window by a lead signed in there (Ctrl+O, then Ctrl+Shift+O); it closes
when the bench locks or someone else signs in. Every action is a `LeadService` command run on
the lead worker's thread and recorded with the lead's name; its sentence (done or refused)
shows in the status bar.

Keys, since plain letters belong to the scanner: Ctrl+M move the selected order to a bench,
Ctrl+J assign it to an operator, Ctrl+U unassign it (back to the queue, taken from a bench packing it), Ctrl+H hold, Ctrl+R
release, Ctrl+B bump to the head of the queue, Ctrl+I set a priority, Ctrl+K void an order's
shipment at its carrier, Ctrl+E export the figures.
An order dragged from the queue onto a bench of the board moves there.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QThread, QTimer, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QInputDialog,
    QLabel,
    QMainWindow,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from station.context import AppContext
from station.db.engine import Database
from station.domain.messages import text
from station.ui.lead_figures import FiguresPane
from station.ui.lead_models import (
    BoardModel,
    CarrierModel,
    ClockModel,
    HeldModel,
    LabelsModel,
    ShortsModel,
)
from station.ui.lead_views import BoardView, fit_columns, table, tabular
from station.ui.lead_worker import (
    BoardSnapshot,
    LeadCommand,
    LeadWorker,
    utc_now,
    warehouse_database,
)

BOARD_EVERY_MS = 1000  # a change shows on the board within two seconds
CLOCK_EVERY_MS = 3000
FIGURES_EVERY_MS = 30_000


class LeadConsole(QMainWindow):
    want_board = Signal()
    want_clock = Signal()
    want_figures = Signal(object)  # Window
    want_shorts = Signal()
    want_labels = Signal()
    send = Signal(object)  # LeadCommand
    board_shown = Signal(object)  # BoardSnapshot, once on screen
    said = Signal(bool, str)  # a command's outcome, once shown

    def __init__(
        self,
        ctx: AppContext,
        lead: str,
        parent: QWidget | None = None,
        clock: Callable[..., Any] = utc_now,
        hub: Database | None = None,
    ) -> None:
        """`hub`: the warehouse's database, read and commanded instead of the bench's own
        (`warehouse_database`); the console disposes of it when it stops."""
        super().__init__(parent)
        self.ctx, self.lead, self.hub = ctx, lead, hub
        self.setWindowTitle(self.tr("Lead console — {0}").format(lead))
        self.worker = LeadWorker(
            hub or ctx.db, lead, ctx.settings.bench_name, ctx.settings.language, clock, ctx.settings
        )
        self.thread_ = QThread(self)
        self.worker.moveToThread(self.thread_)
        self._pending = {"board": False, "clock": False, "shorts": False, "labels": False}
        self.staff: tuple[str, ...] = ()
        self._build()
        self._connect()
        self._build_actions()
        self.thread_.start()
        app = QApplication.instance()
        if app is not None:  # the bench window may go first, deleting its child windows
            app.aboutToQuit.connect(self.stop)
        self._timers()
        self.refresh_board()
        self.refresh_clock()

    # -- composition -------------------------------------------------------------------------------

    def _build(self) -> None:
        self.board_model = BoardModel(self)
        self.clock_model = ClockModel(self)
        self.carrier_model = CarrierModel(self)
        self.board_view = BoardView(self.board_model)
        tabular(self.board_view, self.board_model)
        self.clock_view = table(self.clock_model)
        self.clock_view.setDragEnabled(True)
        self.clock_view.setDragDropMode(QAbstractItemView.DragDropMode.DragOnly)
        self.carrier_view = table(self.carrier_model)
        self.held_model = HeldModel(self.ctx.settings.language, self)
        self.held_view = table(self.held_model)
        self.rate_label = QLabel()
        queue = QWidget()
        layout = QVBoxLayout(queue)
        layout.addWidget(self.rate_label)
        layout.addWidget(self.carrier_view, 1)
        layout.addWidget(self.clock_view, 3)
        layout.addWidget(self.held_view, 1)
        self.figures = FiguresPane(self.ctx.settings, self)
        self.shorts_model = ShortsModel(self)
        self.shorts_view = table(self.shorts_model)
        self.tabs = QTabWidget()
        self.tabs.addTab(self.board_view, self.tr("Board"))
        self.tabs.addTab(queue, self.tr("Queue against the clock"))
        self.tabs.addTab(self.figures, self.tr("Figures"))
        self.tabs.addTab(self.shorts_view, self.tr("Picking shorts"))
        self.labels_model = LabelsModel(self.ctx.settings.language, self)
        self.labels_view = table(self.labels_model)
        self.tabs.addTab(self.labels_view, self.tr("Labels waiting"))
        self.setCentralWidget(self.tabs)
        self.message = QLabel()
        self.statusBar().addWidget(self.message, 1)

    def _connect(self) -> None:
        w = self.worker
        self.want_board.connect(w.refresh_board)
        self.want_clock.connect(w.refresh_clock)
        self.want_figures.connect(w.refresh_figures)
        self.send.connect(w.run)
        w.board_ready.connect(self.show_board)
        w.clock_ready.connect(self.show_clock)
        w.figures_ready.connect(self.figures.show_report)
        self.want_shorts.connect(w.refresh_shorts)
        w.shorts_ready.connect(self.show_shorts)
        self.want_labels.connect(w.refresh_labels)
        w.labels_ready.connect(self.show_labels)
        w.command_done.connect(self.show_outcome)
        w.read_failed.connect(self._read_failed)
        self.board_view.order_dropped.connect(self.move_order)
        self.figures.wanted.connect(self.want_figures)
        self.tabs.currentChanged.connect(self._tab_changed)
        # One selected order at a time: choosing in one list clears the other.
        clock_sel, held_sel = self.clock_view.selectionModel(), self.held_view.selectionModel()
        clock_sel.selectionChanged.connect(lambda s, _: s.isEmpty() or held_sel.clearSelection())
        held_sel.selectionChanged.connect(lambda s, _: s.isEmpty() or clock_sel.clearSelection())

    def _timers(self) -> None:
        for every, slot in (
            (BOARD_EVERY_MS, self.refresh_board),
            (CLOCK_EVERY_MS, self.refresh_clock),
            (CLOCK_EVERY_MS, self.refresh_shorts),
            (CLOCK_EVERY_MS, self.refresh_labels),
            (FIGURES_EVERY_MS, self.figures.refresh),
        ):
            timer = QTimer(self)
            timer.timeout.connect(slot)
            timer.start(every)

    def _build_actions(self) -> None:
        menu = self.menuBar().addMenu(self.tr("&Order"))
        for key, caption, slot in (
            ("Ctrl+M", self.tr("Move to a bench…"), self.ask_move),
            ("Ctrl+J", self.tr("Assign to an operator…"), self.ask_operator),
            ("Ctrl+U", self.tr("Unassign (back to the queue)"), self.unassign_selected),
            ("Ctrl+H", self.tr("Hold…"), self.ask_hold),
            ("Ctrl+R", self.tr("Release"), self.release_selected),
            ("Ctrl+B", self.tr("Bump to the head of the queue"), self.bump_selected),
            ("Ctrl+I", self.tr("Set priority…"), self.ask_priority),
            ("Ctrl+K", self.tr("Void an order's shipment…"), self.ask_void),
            ("Ctrl+E", self.tr("Export figures (CSV)…"), self.figures.ask_export),
        ):
            action = QAction(caption, self)
            action.setShortcut(QKeySequence(key))
            action.triggered.connect(slot)
            menu.addAction(action)
            self.addAction(action)

    # -- refreshing --------------------------------------------------------------------------------

    def refresh_board(self) -> None:
        if not self._pending["board"]:  # a slow database must not pile up requests
            self._pending["board"] = True
            self.want_board.emit()

    def refresh_clock(self) -> None:
        """The queue's read walks every open order: only while the lead looks at it."""
        if self.tabs.currentIndex() != 1 and self.clock_model.rows:
            return
        if not self._pending["clock"]:
            self._pending["clock"] = True
            self.want_clock.emit()

    def refresh_shorts(self) -> None:
        """Read while the lead looks at them."""
        if self.tabs.currentWidget() is self.shorts_view and not self._pending["shorts"]:
            self._pending["shorts"] = True
            self.want_shorts.emit()

    def show_shorts(self, rows: Any, at: Any) -> None:
        self._pending["shorts"] = False
        self.shorts_model.show(rows, at)
        fit_columns(self.shorts_view)

    def refresh_labels(self) -> None:
        """Read while the lead looks at the pending shelf."""
        if self.tabs.currentWidget() is self.labels_view and not self._pending["labels"]:
            self._pending["labels"] = True
            self.want_labels.emit()

    def show_labels(self, rows: Any, at: Any) -> None:
        self._pending["labels"] = False
        self.labels_model.show(rows, at)
        fit_columns(self.labels_view)

    def show_board(self, snapshot: BoardSnapshot) -> None:
        self._pending["board"] = False
        self.staff = snapshot.operators
        self.board_model.show(snapshot)
        fit_columns(self.board_view)
        self.board_shown.emit(snapshot)

    def show_clock(self, clock: Any) -> None:
        self._pending["clock"] = False
        self.clock_model.show(clock)
        self.carrier_model.show(clock)
        self.held_model.show(clock)
        for view in (self.clock_view, self.carrier_view, self.held_view):
            fit_columns(view)
        rate = clock.rate_per_hour
        self.rate_label.setText(
            self.tr("{0} open orders · packing rate {1} orders/hour (last hour)").format(
                clock.open, f"{rate:.0f}" if rate else "–"
            )
        )

    def _read_failed(self, what: str, sentence: str) -> None:
        """The next refresh tries again; meanwhile the lead reads why the board stands still."""
        self._pending[what] = False
        self.show_outcome(False, sentence, None)

    def _tab_changed(self, index: int) -> None:
        if self.tabs.widget(index) is self.figures:
            self.figures.refresh()
        elif index == 1:
            self.refresh_clock()
        elif self.tabs.widget(index) is self.shorts_view:
            self.refresh_shorts()
        elif self.tabs.widget(index) is self.labels_view:
            self.refresh_labels()

    # -- the selected order ------------------------------------------------------------------------

    def selected(self) -> str | None:
        """The number of the order the lead has selected: a queue or held row, or the order of
        the bench selected on the board."""
        if self.tabs.currentWidget() is self.board_view:
            rows = self.board_view.selectionModel().selectedRows()
            return (self.board_model.bench_at(rows[0].row()).order or None) if rows else None
        for view, model in ((self.held_view, self.held_model), (self.clock_view, self.clock_model)):
            rows = view.selectionModel().selectedRows()
            if rows:
                return str(model.order_at(rows[0].row()).number)
        return None

    def _need_selection(self) -> str | None:
        found = self.selected()
        if found is None:
            self.show_outcome(False, text("lead_select_order", self.ctx.settings.language), None)
        return found

    # -- actions -----------------------------------------------------------------------------------

    def move_order(self, number: str, bench: str) -> None:
        self.send.emit(LeadCommand("move", number, bench=bench, take=True))

    def ask_move(self) -> None:
        found = self._need_selection()
        if found is None:
            return
        benches = [row.bench for row in self.board_model.rows]
        bench, ok = QInputDialog.getItem(
            self, self.tr("Move order {0}").format(found), self.tr("Bench:"), benches, 0, False
        )
        if ok and bench:
            self.move_order(found, bench)

    def ask_operator(self) -> None:
        found = self._need_selection()
        if found is None:
            return
        staff = list(self.staff)
        name, ok = QInputDialog.getItem(
            self,
            self.tr("Assign order {0}").format(found),
            self.tr("Operator:"),
            staff,
            0,
            False,
        )
        if ok and name:
            self.assign_operator(found, name)

    def assign_operator(self, number: str, operator: str) -> None:
        """The order waits for that person (at any bench); a bench packing it loses it."""
        self.send.emit(LeadCommand("move", number, operator=operator, take=True))

    def unassign_selected(self) -> None:
        found = self._need_selection()
        if found is not None:
            self.send.emit(LeadCommand("unassign", found, take=True))

    def ask_hold(self) -> None:
        found = self._need_selection()
        if found is None:
            return
        reason, ok = QInputDialog.getText(
            self, self.tr("Hold order {0}").format(found), self.tr("Reason:")
        )
        if ok:
            self.hold(found, reason)

    def hold(self, number: str, reason: str) -> None:
        self.send.emit(LeadCommand("hold", number, reason=reason))

    def release_selected(self) -> None:
        found = self._need_selection()
        if found is not None:
            self.send.emit(LeadCommand("release", found))

    def bump_selected(self) -> None:
        found = self._need_selection()
        if found is not None:
            self.send.emit(LeadCommand("bump", found))

    def ask_priority(self) -> None:
        found = self._need_selection()
        if found is None:
            return
        value, ok = QInputDialog.getInt(
            self,
            self.tr("Priority of order {0}").format(found),
            self.tr("Priority:"),
            0,
            -999,
            999,
        )
        if ok:
            self.send.emit(LeadCommand("priority", found, priority=value))

    def ask_void(self) -> None:
        """A shipped order is off the board: its number is asked (the selection, if any)."""
        number, ok = QInputDialog.getText(
            self,
            self.tr("Void a shipment"),
            self.tr("Order number:"),
            text=self.selected() or "",
        )
        if ok and number.strip():
            self.void(number.strip())

    def void(self, number: str) -> None:
        self.send.emit(LeadCommand("void", number))

    def show_outcome(self, done: bool, sentence: str, _command: Any) -> None:
        self.message.setText(sentence)
        self.message.setStyleSheet("" if done else "color: #b71c1c; font-weight: bold;")
        self.said.emit(done, sentence)

    # -- shutdown ----------------------------------------------------------------------------------

    def stop(self) -> None:
        """End the worker's thread (after the read it is in, if any)."""
        for timer in self.findChildren(QTimer):
            timer.stop()
        self.thread_.quit()
        self.thread_.wait(10_000)
        if self.hub is not None:
            self.hub.dispose()
            self.hub = None

    def closeEvent(self, event: Any) -> None:  # noqa: N802
        self.stop()
        super().closeEvent(event)


def open_lead_console(window: Any) -> LeadConsole | None:
    """The bench window's entry: only for a lead signed in at this bench; else ask for one."""
    language = window.ctx.settings.language
    if window.stack.currentWidget() is window.signin:
        return None  # a locked bench opens nothing but a sign-in
    if not window.lead:
        window.statusBar().showMessage(text("lead_console_needs_lead", language), 10_000)
        window.show_signin("lead")
        return None
    console = window.findChild(LeadConsole)
    if console is None or console.lead != window.lead:
        if console is not None:
            console.close()
            console.deleteLater()
        console = LeadConsole(window.ctx, window.lead, window, hub=warehouse_database(window.ctx))
        window.operator_changed.connect(console.close)  # a new sign-in ends the lead's session
        window.idle.idle.connect(console.close)  # and so does the bench locking when left
        console.resize(1100, 700)
    console.show()
    console.raise_()
    return console
