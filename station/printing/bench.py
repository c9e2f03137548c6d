"""The bench's printer: the documents of a packed order, in the format its printer takes.

Each printer declares the formats it accepts (a ZPL printer `zpl:HOST[:PORT]` takes ZPL, a CUPS
queue, the folder printer and system printers take PDF); the queue sends the document's
rendition the printer accepts, read from the archive, so a failed label can be redirected to a
printer of the other kind. Jobs go through a `PrintQueue`: its own thread, retries, and a failed
list kept in `home/print` across restarts. Callers submit after the packing transaction
committed, never inside it; `on_outcome` hears, from the queue's thread, when a printer took a
document or gave up on it.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path

from station.config import Settings
from station.devices.printers import (
    WINDOW_KINDS,
    Printer,
    PrinterFactory,
    PrintJob,
    home_printer,
)
from station.domain.events import DocumentRef
from station.domain.messages import text
from station.printing.archive import DocumentArchive, kept_formats
from station.printing.queue import NoRenditionError, OutcomeCallback, PrintQueue, UnknownJobError

STATE_DIR = "print"  # under the home: the failed list and the day's printed jobs


class CannotPrintError(Exception):
    """A request the printer cannot take; the message is one sentence saying what to do."""


Kinds = Mapping[str, PrinterFactory]


def open_bench_printer(
    spec: str, home: Path, language: str = "en", kinds: Kinds | None = None
) -> Printer:
    """The printer for `spec`; a bare `folder` writes into `home/print/out`, and a bare name
    (as the settings dialog allows) is a CUPS queue. `kinds` are the printers a front end adds
    (the window: `qt[:NAME]`, system printers through Qt)."""
    kinds = kinds or {}
    kind = spec.partition(":")[0]
    if kind in WINDOW_KINDS and kind not in kinds:
        raise CannotPrintError(text("qt_window_only", language))
    try:
        return home_printer(spec, home, kinds)
    except ValueError as exc:
        raise CannotPrintError(text("bad_spec", language, spec=spec)) from exc


def check_printer_spec(spec: str, home: Path, language: str = "en", window: bool = False) -> None:
    """Raise CannotPrintError unless `spec` names a printer this front end can drive; the
    window's own kinds are opened (and checked) by the window."""
    if not (window and spec.partition(":")[0] in WINDOW_KINDS):
        open_bench_printer(spec, home, language)


@dataclass(frozen=True)
class PrintedDocument:
    """A document to print, as the bench produced it: which one, and the parcel's number."""

    ref: DocumentRef
    tracking_number: str | None = None

    @property
    def document(self) -> str:
        return self.ref.kind

    @property
    def order_number(self) -> str:
        return self.ref.order_number

    @property
    def parcel_seq(self) -> int | None:
        return self.ref.parcel_seq


@dataclass(frozen=True)
class Submitted:
    """A document handed to the printer: its job, or why it was not sent (`skipped`)."""

    document: PrintedDocument
    job: PrintJob | None = None
    skipped: str = ""


class BenchPrinter:
    """One bench's printer and its queue of jobs."""

    def __init__(
        self,
        spec: str,
        home: Path,
        *,
        language: str = "en",
        retries: int = 2,
        retry_delay_s: float = 2.0,
        on_change: Callable[[PrintJob], None] | None = None,
        kinds: Kinds | None = None,
        on_outcome: OutcomeCallback | None = None,
    ) -> None:
        self.home, self.language, self.kinds = home, language, dict(kinds or {})
        self.archive = DocumentArchive(home)
        printer = self._open(spec)
        self.queue = PrintQueue(
            printer,
            retries=retries,
            retry_delay_s=retry_delay_s,
            state_dir=home / STATE_DIR,
            on_change=on_change,
            renditions=self.archive,
            on_outcome=on_outcome,
        ).start()

    @classmethod
    def for_settings(
        cls,
        settings: Settings,
        home: Path,
        spec: str | None = None,
        on_change: Callable[[PrintJob], None] | None = None,
        kinds: Kinds | None = None,
        on_outcome: OutcomeCallback | None = None,
    ) -> BenchPrinter:
        return cls(
            spec or settings.printer,
            home,
            language=settings.language,
            retries=settings.print_retries,
            retry_delay_s=settings.print_retry_delay_s,
            on_change=on_change,
            kinds=kinds,
            on_outcome=on_outcome,
        )

    @property
    def spec(self) -> str:
        return self.queue.printer.name

    def _open(self, spec: str) -> Printer:
        return open_bench_printer(spec, self.home, self.language, self.kinds)

    def set_printer(self, spec: str) -> None:
        """Jobs from now on go to `spec` (the settings changed)."""
        self.queue.printer = self._open(spec)

    # --- jobs ----------------------------------------------------------------------------------

    def submit(self, printed: list[PrintedDocument]) -> list[Submitted]:
        return [self._submit_one(doc) for doc in printed]

    def _submit_one(self, doc: PrintedDocument) -> Submitted:
        try:
            job = self._guarded(lambda: self.queue.submit_document(doc.ref), doc.ref)
        except CannotPrintError as exc:
            return Submitted(doc, skipped=str(exc))
        return Submitted(doc, job)

    def _guarded(self, action: Callable[[], PrintJob], ref: DocumentRef) -> PrintJob:
        """Run a queue request; a document the printer cannot take becomes one sentence."""
        try:
            return action()
        except NoRenditionError as exc:
            if any(fmt in exc.printer.accepts for fmt in kept_formats(ref)):
                raise CannotPrintError(self._missing(ref, exc.printer)) from exc
            # never kept in a format this printer takes (a slip on a label printer)
            fields = {
                "document": ref.kind,
                "order": ref.order_number,
                "path": self.archive.path(ref),
            }
            raise CannotPrintError(text("not_for_zpl", self.language, **fields)) from exc
        except OSError as exc:
            raise CannotPrintError(self._missing(ref, self.queue.printer)) from exc

    def _missing(self, ref: DocumentRef, printer: Printer) -> str:
        fmt = next((f for f in kept_formats(ref) if f in printer.accepts), "pdf")
        fields = {"kind": fmt.upper(), "name": ref.name, "order": ref.order_number}
        return text("no_copy", self.language, path=self.archive.path(ref, fmt), **fields)

    def failed(self) -> list[PrintJob]:
        return self.queue.failed()

    def printed_today(self) -> list[PrintJob]:
        return self.queue.printed_today()

    def document_of(self, job: PrintJob) -> PrintedDocument | None:
        return PrintedDocument(job.document) if job.document else None

    def find(self, ref: str, jobs: list[PrintJob] | None = None) -> PrintJob:
        """The failed (or given) job whose id is `ref` or starts with it (ids are long)."""
        pool = self.failed() if jobs is None else jobs
        ref = ref.strip().lower()
        found = [j for j in pool if j.job_id == ref] or [
            j for j in pool if ref and j.job_id.startswith(ref)
        ]
        if len(found) != 1:
            raise CannotPrintError(text("unknown_job", self.language, job=ref))
        return found[0]

    def retry(self, job_id: str, spec: str | None = None) -> PrintJob:
        """Send a failed job again, or to the printer `spec` when the operator redirects it."""
        job = self.find(job_id)
        printer = self._open(spec) if spec else None
        return self._job_request(lambda: self.queue.retry(job.job_id, printer), job)

    def discard(self, job_id: str) -> None:
        try:
            self.queue.discard(self.find(job_id).job_id)
        except UnknownJobError as exc:
            raise CannotPrintError(text("unknown_job", self.language, job=job_id)) from exc

    def reprint(self, job_id: str) -> PrintJob:
        """Print again a job of today on the bench's printer, in the format it takes now."""
        original = self.find(job_id, self.printed_today())
        return self._job_request(lambda: self.queue.reprint(original.job_id), original)

    def _job_request(self, action: Callable[[], PrintJob], job: PrintJob) -> PrintJob:
        try:
            if job.document is None:  # a raw job: its bytes go as they are
                return action()
            return self._guarded(action, job.document)
        except UnknownJobError as exc:  # retried or discarded meanwhile
            raise CannotPrintError(text("unknown_job", self.language, job=job.job_id)) from exc

    def notices(self) -> list[str]:
        """What the print queue has to tell the operator since the last call (a job sent again
        after a crash, a damaged print list set aside, one the disk refused), one sentence
        each, each told once."""
        return [text(r.code, self.language, **r.params) for r in self.queue.notices()]

    def reason(self, job: PrintJob) -> str:
        return job.reason(self.language)

    def wait(self, timeout_s: float) -> bool:
        """True when every job sent so far was printed or failed within `timeout_s`."""
        return self.queue.wait_idle(timeout_s)

    def close(self) -> None:
        self.queue.close()
