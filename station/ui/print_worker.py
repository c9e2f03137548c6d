"""The window's printer thread: owns the BenchPrinter, submits, retries, reports.

Reading the archived label files and talking to the print queue never happens on the GUI
thread. The queue prints on a thread of its own and tells this worker about every change (from
that thread); the worker turns it into signals, which reach the window as queued calls.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass, replace
from pathlib import Path

from PySide6.QtCore import QObject, QTimer, Signal, Slot

from station.config import Settings
from station.context import AppContext
from station.devices.printers import PrintJob
from station.printing import BenchPrinter, CannotPrintError, PrintedDocument, PrintOutcome
from station.services.prints import print_recorder
from station.ui.qt_printer import PRINTER_KINDS

log = logging.getLogger(__name__)
# A printer out of labels is found before the next label fails: its status is asked this often
# (a ZPL printer's ~HS, on a connection of its own, from this thread, never the GUI's).
HEALTH_POLL_MS = 30_000
Outcome = Callable[[PrintOutcome], None]
MakePrinter = Callable[[Settings, Path, Callable[[PrintJob], None], Outcome], BenchPrinter]


@dataclass(frozen=True)
class JobRow:
    """One job as the print dialog lists it."""

    job_id: str
    name: str
    document: str  # label, slip...
    order_number: str
    printer: str
    status: str
    reason: str = ""
    attempts: int = 0
    time: str = ""  # local HH:MM of the job
    parcel_seq: int | None = None


@dataclass(frozen=True)
class PrintListing:
    printer: str
    failed: tuple[JobRow, ...] = ()
    printed: tuple[JobRow, ...] = ()


class PrintWorker(QObject):
    listing = Signal(object)  # PrintListing, after every change
    job_failed = Signal(object)  # JobRow: a job that did not print after its retries
    job_printed = Signal(object)  # JobRow
    problem = Signal(str)  # a request that could not be done, as one sentence
    health = Signal(object)  # DeviceHealth of the printer, asked now and then

    def __init__(self, ctx: AppContext, make_printer: MakePrinter | None = None) -> None:
        super().__init__()
        self._ctx = ctx
        self._make = make_printer or _default_printer
        self._printer: BenchPrinter | None = None
        self._operator = ctx.settings.operator  # the signed-in operator, once there is one
        self._poll: QTimer | None = None

    @Slot()
    def start(self) -> None:
        try:
            self._printer = self._make(
                self._ctx.settings, self._ctx.home, self._on_change, self._outcomes()
            )
        except CannotPrintError as exc:
            self.problem.emit(str(exc))
            fallback = _with_folder(self._ctx.settings)
            self._printer = self._make(fallback, self._ctx.home, self._on_change, self._outcomes())
        self._publish()
        self._poll = QTimer(self)
        self._poll.timeout.connect(self.ask_health)
        self._poll.start(HEALTH_POLL_MS)
        self.ask_health()

    @Slot()
    def ask_health(self) -> None:
        if self._printer is not None:
            self.health.emit(self._printer.queue.health())

    def _outcomes(self) -> Outcome:
        """Printed and failed documents go to the event log, from the queue's own thread
        (a write transaction of their own, never the GUI thread)."""
        return print_recorder(self._ctx.db, self._ctx.settings.bench_name, lambda: self._operator)

    @Slot(str)
    def set_operator(self, name: str) -> None:
        self._operator = name

    @Slot()
    def stop(self) -> None:
        if self._poll is not None:
            self._poll.stop()
        if self._printer is not None:
            self._printer.close()
            self._printer = None

    @Slot(object)
    def apply_settings(self, settings: Settings) -> None:
        if self._printer is None:
            return
        self._printer.language = settings.language
        self._guard(lambda p: p.set_printer(settings.printer))
        self._publish()

    @Slot(object)
    def submit(self, documents: list[PrintedDocument]) -> None:
        if self._printer is None:
            return
        for item in self._printer.submit(list(documents)):
            if item.skipped:
                self.problem.emit(item.skipped)

    @Slot(str, str)
    def retry(self, job_id: str, spec: str) -> None:
        self._guard(lambda p: p.retry(job_id, spec or None))

    @Slot(str)
    def discard(self, job_id: str) -> None:
        self._guard(lambda p: p.discard(job_id))
        self._publish()

    @Slot(str)
    def reprint(self, job_id: str) -> None:
        self._guard(lambda p: p.reprint(job_id))

    def _guard(self, action: Callable[[BenchPrinter], object]) -> None:
        if self._printer is None:
            return
        try:
            action(self._printer)
        except CannotPrintError as exc:
            self.problem.emit(str(exc))

    # -- from the print queue's own thread -------------------------------------------------------

    def _on_change(self, job: PrintJob) -> None:
        printer = self._printer
        if printer is None or job.status == "queued":
            if printer is not None:
                self._publish()
            return
        row = _row(printer, job)
        (self.job_failed if job.status == "failed" else self.job_printed).emit(row)
        self._publish()

    def _publish(self) -> None:
        printer = self._printer
        if printer is None:
            return
        for sentence in printer.notices():  # a job sent again, a print list set aside or unsaved
            self.problem.emit(sentence)
        self.listing.emit(
            PrintListing(
                printer=printer.spec,
                failed=tuple(_row(printer, j) for j in printer.failed()),
                printed=tuple(_row(printer, j) for j in reversed(printer.printed_today())),
            )
        )


def _row(printer: BenchPrinter, job: PrintJob) -> JobRow:
    doc = printer.document_of(job)
    when = job.printed_at or job.created
    return JobRow(
        job_id=job.job_id,
        name=job.name,
        document=doc.document if doc else "",
        order_number=doc.order_number if doc else "",
        printer=job.printer,
        status=job.status,
        reason=printer.reason(job),
        attempts=job.attempts,
        time=when.astimezone().strftime("%H:%M"),
        parcel_seq=doc.parcel_seq if doc else None,
    )


def _with_folder(settings: Settings) -> Settings:
    """The settings with the folder printer: labels still land somewhere when the configured
    printer cannot even be opened."""
    return replace(settings, printer="folder")


def _default_printer(
    settings: Settings, home: Path, on_change: Callable[[PrintJob], None], on_outcome: Outcome
) -> BenchPrinter:
    return BenchPrinter.for_settings(
        settings, home, on_change=on_change, kinds=PRINTER_KINDS, on_outcome=on_outcome
    )
