"""The bench window: composes the screens, routes scans, owns the worker threads."""

from __future__ import annotations

import copy
from pathlib import Path

from PySide6.QtCore import Qt, QTranslator, Signal
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence
from PySide6.QtWidgets import (
    QApplication,
    QLabel,
    QMainWindow,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from station.config import Settings
from station.context import AppContext
from station.devices.health import HealthLevel
from station.devices.scale import Scale
from station.domain.messages import text
from station.services.operators import SignedIn
from station.ui import style
from station.ui.bench_screen import BenchScreen
from station.ui.commands import COMMANDS, BenchCommand, label, window_command
from station.ui.health_panel import DeviceWatch, HealthPanel, watch_scale, watch_scanner
from station.ui.hold_dialog import ask_hold_reason
from station.ui.idle import IdleLock
from station.ui.lead_window import open_lead_console
from station.ui.pick_window import open_picker
from station.ui.print_dialog import PrintDialog
from station.ui.print_status import PrintStatus
from station.ui.queue_screen import QueueScreen
from station.ui.scan_notice import notice_on
from station.ui.signin import SignInScreen
from station.ui.sound import SoundPlayer
from station.ui.viewdata import Banner, BenchView, ScanOutcome
from station.ui.wedge import ScanCapture
from station.ui.workers import Workers
from station.workflow.scan_input import MAX_SCAN_CHARS, scan_problem


class BenchWindow(QMainWindow):
    outcome_shown = Signal(object)  # ScanOutcome, after it was painted and its sound started
    operator_changed = Signal(str)

    def __init__(self, ctx: AppContext, scale: Scale | None, cache_dir: Path) -> None:
        super().__init__()
        self.ctx = ctx
        self.operator = ""
        self.lead = ""
        self.view = BenchView()
        self.translators: list[QTranslator] = []
        self.setWindowTitle(self.tr("Station — {0}").format(ctx.settings.bench_name))
        self.sounds = SoundPlayer(cache_dir / "sounds", self)
        self.cache_dir = cache_dir
        self.workers = Workers(ctx, scale, self)
        self.signin = SignInScreen()
        if ctx.demo:
            self.signin.show_demo_people(demo_people())
        self.bench = BenchScreen()
        self.queue = QueueScreen(self.workers)
        self.stack = QStackedWidget()
        for screen in (self.signin, self.bench, self.queue):
            self.stack.addWidget(screen)
        self.health = HealthPanel(ctx.settings.language)
        central = QWidget()
        column = QVBoxLayout(central)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(0)
        column.addWidget(self.health)
        column.addWidget(self.stack, 1)
        self.setCentralWidget(central)
        self.setStyleSheet(style.DIALOGS)
        self._build_status_bar()
        self._build_actions()
        self.capture = ScanCapture(self)
        self.capture.set_layouts(*_layouts(ctx.settings))
        self.capture.scanned.connect(self.route_scan)
        self.idle = IdleLock(_lock_minutes(ctx.settings), self)
        self.idle.idle.connect(self.lock)
        app = QApplication.instance()
        app.installEventFilter(self.capture)
        app.installEventFilter(self.idle)
        self.workers.bench.ready.connect(self._on_outcome)
        self.workers.bench.outcome.connect(self._on_outcome)
        self.workers.query.signed_in.connect(self._on_signed_in)
        if self.workers.scale_worker is not None:
            self.workers.scale_worker.weighing.connect(
                lambda s: self.bench.show_live_weight(s, None)
            )
            self.workers.scale_worker.reading.connect(self._on_reading)
        self.signin.entered.connect(self.workers.sign_in)
        self.signin.cancelled.connect(self.show_bench)
        self.workers.start()
        self.show_signin()

    # -- composition -------------------------------------------------------------------------------

    def _build_status_bar(self) -> None:
        bar = self.statusBar()
        font = bar.font()
        font.setPointSize(11)
        bar.setFont(font)
        self.operator_label = QLabel()
        self.health_label = QLabel()
        self.sync_label = QLabel()
        self.pending_label = QLabel()  # parcels waiting for their carrier's label
        self.pending_label.hide()
        self.printing = PrintStatus(self)
        bar.addPermanentWidget(self.pending_label)
        bar.addPermanentWidget(self.printing.label)
        bar.addPermanentWidget(self.sync_label)
        bar.addPermanentWidget(self.health_label)
        bar.addPermanentWidget(self.operator_label)
        for shown in (
            self.pending_label,
            self.printing.label,
            self.sync_label,
            self.health_label,
            self.operator_label,
        ):
            shown.setFont(font)
        self.health_label.setText(self.sounds.problem)
        self.health_label.setStyleSheet("color: #b71c1c;")
        self._watch_devices()
        self.workers.shop_sync.status.connect(self._on_sync_status)
        self.workers.pending_labels.waiting.connect(self._on_labels_waiting)
        self.workers.pending_labels.warned.connect(
            lambda said: self.statusBar().showMessage(said, 60_000)
        )

    def _watch_devices(self) -> None:
        self.device_watch = DeviceWatch(self)
        self.device_watch.changed.connect(self.health.show_health)
        self.device_watch.changed.connect(self.workers.bench.note_health)  # for the lead's board
        self.health.sound_alarm.connect(lambda _device: self.sounds.play("error"))
        watch_scale(self.workers.scale, self.device_watch)
        port = str(self.ctx.settings.extra.get("scanner_port", ""))
        wedge = str(self.ctx.settings.extra.get("scanner_device", ""))  # a /dev/input/by-id link
        self.serial_scanner = watch_scanner(port, self.device_watch, wedge)
        self.device_watch.scanned.connect(self.route_scan)

    def _on_sync_status(self, text: str, healthy: bool) -> None:
        self.sync_label.setText(text)
        self.sync_label.setStyleSheet("" if healthy else "color: #b71c1c; font-weight: bold;")

    def _on_labels_waiting(self, count: int) -> None:
        self.pending_label.setText(text("labels_waiting", self._language, count=count))
        self.pending_label.setStyleSheet("color: #e65100; font-weight: bold;")
        self.pending_label.setVisible(count > 0)

    def _build_actions(self) -> None:
        menu = self.menuBar().addMenu(self.tr("&Bench"))
        for command in COMMANDS:
            action = QAction(label(command), self)
            action.setShortcut(QKeySequence(command.key))
            action.setShortcutContext(Qt.ShortcutContext.ApplicationShortcut)
            action.triggered.connect(lambda _=False, c=command: self.run_command(c))
            menu.addAction(action)
        console = QAction(self.tr("Lead console…"), self)  # a signed-in lead only
        console.setShortcut(QKeySequence("Ctrl+Shift+O"))
        console.triggered.connect(lambda: open_lead_console(self))
        menu.addAction(console)
        picker = QAction(self.tr("Pick a batch…"), self)  # the picker window, over the bench
        picker.setShortcut(QKeySequence("Ctrl+Shift+P"))
        picker.triggered.connect(lambda: open_picker(self, self.operator))
        menu.addAction(picker)

    # -- scans and commands ------------------------------------------------------------------------

    def route_scan(self, code: str, at: float) -> None:
        """Every scan reaches the bench or is answered, whatever is on screen."""
        problem = scan_problem(code)
        if problem is not None:
            said = text(problem, self._language, length=len(code), limit=MAX_SCAN_CHARS)
            self._answer(Banner("error", said, problem))
            return
        modal = QApplication.activeModalWidget()
        take = getattr(modal, "take_scan", None)
        if take is not None:
            take(code)
            return
        command = window_command(code)
        if command is not None and modal is not None:
            self._answer(Banner("error", text("scan_close_dialog", self._language, code=code)))
        elif command is not None:
            self.run_command(command)
        elif self.stack.currentWidget() is self.signin:
            if modal is None:
                self.signin.take_scan(code)
            else:
                self._answer(Banner("error", text("scan_close_dialog", self._language, code=code)))
        elif not self._weigh_refused(code):
            self.show_bench()
            self.workers.submit.emit(code, at)

    def _answer(self, banner: Banner) -> None:
        """A scan the window itself answers: on the banner, and over a dialog if one is open."""
        self.bench.banner.show_banner(banner)
        self.sounds.play("error")
        modal = QApplication.activeModalWidget()
        if modal is not None:
            notice_on(modal, banner)

    def _weigh_refused(self, line: str) -> bool:
        """WEIGH with the scale gone is refused at once, saying why, not after a timeout."""
        if line.strip().upper() != "WEIGH" or self.health.level("scale") is not HealthLevel.FAILED:
            return False
        said = text("weigh_no_scale", self._language, problem=self.health.sentence("scale"))
        self._answer(Banner("error", said, "weigh_no_scale"))
        return True

    @property
    def _language(self) -> str:
        return self.ctx.settings.language

    def run_command(self, command: BenchCommand) -> None:
        if self.stack.currentWidget() is self.signin and command.word not in ("QUIT", "SCANTEST"):
            return  # nothing happens at a locked bench but signing in
        if command.workflow:
            self._workflow_command(command.word)
            return
        handlers = {
            "BENCH": self.show_bench,
            "QUEUE": self.show_queue,
            "SETTINGS": self.open_settings,
            "SCANTEST": self.open_scanner_test,
            "PRINTERS": self.open_print_jobs,
            "LEAD": lambda: self.show_signin("lead"),
            "LOCK": self.lock,
            "QUIT": self.close,
        }
        handlers[command.word]()

    def _workflow_command(self, word: str) -> None:
        if self._weigh_refused(word):
            return
        self.show_bench()
        if word == "HOLD":
            reason = ask_hold_reason(self)
            if reason is None:
                return
            word = f"HOLD {reason}".strip()
        self.workers.submit.emit(word, 0.0)

    # -- results -----------------------------------------------------------------------------------

    def _on_outcome(self, outcome: ScanOutcome) -> None:
        self.view = outcome.view
        self.bench.show_outcome(outcome)
        for kind in outcome.sounds:
            self.sounds.play(kind)
        if "done" in outcome.sounds:
            self.workers.wake_sync.emit()
            self.workers.count_pending.emit()
        if outcome.documents:  # committed: now the printer thread sends them
            self.workers.print_documents.emit(list(outcome.documents))
        if outcome.warnings:
            self.statusBar().showMessage("  ·  ".join(outcome.warnings), 60_000)
        modal = QApplication.activeModalWidget()
        if modal is not None and outcome.banner is not None:
            notice_on(modal, outcome.banner)  # the scan came while a dialog was open
        self.outcome_shown.emit(outcome)

    def _on_reading(self, seq: int, grams: int, problem: str, _at: float) -> None:
        self.bench.show_live_weight(seq, None if problem else grams)

    # -- printing ----------------------------------------------------------------------------------

    @property
    def print_label(self) -> QLabel:
        return self.printing.label

    @property
    def print_dialog(self) -> PrintDialog | None:
        return self.printing.dialog

    def open_print_jobs(self) -> None:
        self.printing.open_jobs()

    # -- screens -----------------------------------------------------------------------------------

    def show_bench(self) -> None:
        if self.operator:
            self.stack.setCurrentWidget(self.bench)
            self.setFocus()

    def show_queue(self) -> None:
        self.stack.setCurrentWidget(self.queue)
        self.queue.activate()

    def show_signin(self, purpose: str = "operator") -> None:
        self.signin.ask(purpose, locked_by=self.operator if purpose == "operator" else "")
        self.stack.setCurrentWidget(self.signin)
        self.signin.pin.setFocus()

    def lock(self) -> None:
        if self.stack.currentWidget() is not self.signin:
            self.show_signin("operator")

    def _on_signed_in(self, purpose: str, who: SignedIn | None) -> None:
        if who is None:
            self.signin.show_error(text("unknown_badge", self.ctx.settings.language))
            return
        if purpose == "lead" and not who.is_lead:
            self.signin.show_error(text("not_a_lead", self.ctx.settings.language, name=who.name))
            return
        if purpose == "lead":
            self._lead_over(who)
            return
        self.operator, self.lead = who.name, ""
        self.workers.set_operator.emit(who.name)
        self.operator_label.setText(self.tr("Operator: {0}").format(who.name))
        self.operator_changed.emit(who.name)
        self.stack.setCurrentWidget(self.bench)
        self.setFocus()

    def _lead_over(self, lead: SignedIn) -> None:
        """A lead signs in over the operator: their PIN approves a rejected weight."""
        self.lead = lead.name
        self.operator_label.setText(
            self.tr("Operator: {0} · lead {1}").format(self.operator, lead.name)
        )
        pin = self.signin.last_entry
        self.stack.setCurrentWidget(self.bench)
        if self.view.weight_pending:
            self.workers.submit.emit(f"OVERRIDE {pin}", 0.0)

    # -- dialogs -----------------------------------------------------------------------------------

    def open_settings(self) -> None:
        from station.ui.settings_dialog import SettingsDialog, checks_changed

        settings = copy.deepcopy(self.ctx.settings)
        dialog = SettingsDialog(settings, self, lead=self.lead, home=self.ctx.home)
        if not dialog.exec():
            return
        chosen = dialog.settings()
        if checks_changed(self.ctx.settings, chosen) and not self.lead:
            said = text("settings_lead_only", self._language)
            self.bench.banner.show_banner(Banner("error", said, "settings_lead_only"))
            return
        self.apply_settings(chosen)

    def apply_settings(self, settings: Settings) -> None:
        settings.save(self.ctx.home)
        self.capture.set_layouts(*_layouts(settings))
        self.idle.set_minutes(_lock_minutes(settings))
        self.ctx.settings = settings
        self.workers.apply_settings.emit(copy.deepcopy(settings))
        self.setWindowTitle(self.tr("Station — {0}").format(settings.bench_name))

    def open_scanner_test(self) -> None:
        from station.ui.scanner_test import ScannerTestDialog

        dialog = ScannerTestDialog(self.capture, self)
        if dialog.exec() and dialog.chosen is not None:
            settings = copy.deepcopy(self.ctx.settings)
            settings.extra["scanner_layout"], settings.extra["system_layout"] = dialog.chosen
            self.apply_settings(settings)

    # -- shutdown ----------------------------------------------------------------------------------

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802
        app = QApplication.instance()
        app.removeEventFilter(self.capture)
        app.removeEventFilter(self.idle)
        for translator in self.translators:
            app.removeTranslator(translator)
        self.workers.stop()
        if self.serial_scanner is not None:
            self.serial_scanner.close()
        super().closeEvent(event)


def _layouts(settings: Settings) -> tuple[str, str]:
    extra = settings.extra
    return str(extra.get("scanner_layout", "us")), str(extra.get("system_layout", "us"))


def _lock_minutes(settings: Settings) -> int:
    return int(settings.extra.get("lock_after_min", 10))


def demo_people() -> list[tuple[str, str, str, bool]]:
    from station import demo
    from station.domain import Role

    return [(name, badge, pin, role is Role.LEAD) for name, badge, role, pin in demo.OPERATORS]
