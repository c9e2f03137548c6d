"""The bench's printer: the documents of a packed order, in the format its printer takes.

A ZPL printer (`zpl:HOST[:PORT]`) gets a label's ZPL copy; a CUPS queue or the folder printer
gets the PDF. Both copies are written beside each other in `home/labels` when the order ships,
so a failed label can be redirected to a printer of the other kind. Jobs go through a
`PrintQueue`: its own thread, retries, and a failed list kept in `home/print` across restarts.
Callers submit after the packing transaction committed, never inside it.
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
    Raw9100Printer,
    open_printer,
)
from station.devices.printqueue import PrintQueue, UnknownJobError
from station.domain.messages import text
from station.services.bench import PrintedDocument

STATE_DIR = "print"  # under the home: the failed list and the day's printed jobs
FOLDER_DIR = ("print", "out")  # where the plain `folder` printer puts its files


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
    if spec and ":" not in spec and spec not in ("folder", "zpl", "cups", *WINDOW_KINDS, *kinds):
        spec = f"cups:{spec}"
    if kind in WINDOW_KINDS and kind not in kinds:
        raise CannotPrintError(text("qt_window_only", language))
    try:
        return open_printer(spec, home.joinpath(*FOLDER_DIR), kinds)
    except ValueError as exc:
        raise CannotPrintError(text("bad_spec", language, spec=spec)) from exc


def check_printer_spec(spec: str, home: Path, language: str = "en", window: bool = False) -> None:
    """Raise CannotPrintError unless `spec` names a printer this front end can drive; the
    window's own kinds are opened (and checked) by the window."""
    if not (window and spec.partition(":")[0] in WINDOW_KINDS):
        open_bench_printer(spec, home, language)


def printer_kind(printer: Printer) -> str:
    """What the printer is sent: ZPL for a thermal printer on port 9100, PDF otherwise."""
    return "zpl" if isinstance(printer, Raw9100Printer) else "pdf"


def job_name(doc: PrintedDocument) -> str:
    """What the operator reads in the job lists, e.g. `label 1001 parcel 2`."""
    if doc.parcel_seq is not None:
        return f"{doc.document} {doc.order_number} parcel {doc.parcel_seq}"
    return f"{doc.document} {doc.order_number}"


def document_from_name(name: str, home: Path) -> PrintedDocument | None:
    """The archived document a job name stands for (a failed list outlives the process)."""
    parts = name.split()
    if len(parts) >= 4 and parts[0] == "label" and parts[-2] == "parcel" and parts[-1].isdigit():
        order = " ".join(parts[1:-2])
        path = home / "labels" / f"{order}-{parts[-1]}.pdf"
        return PrintedDocument("label", order, path, int(parts[-1]))
    if len(parts) >= 2 and parts[0] == "slip":
        order = " ".join(parts[1:])
        return PrintedDocument("slip", order, home / "documents" / f"slip-{order}.pdf")
    return None


def archived_copy(doc: PrintedDocument, kind: str) -> Path | None:
    """Where the document is kept in `kind`; None when it has no such format (a slip in ZPL)."""
    if kind == "pdf":
        return doc.path
    return doc.path.with_suffix(".zpl") if doc.document == "label" else None


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
    ) -> None:
        self.home, self.language, self.kinds = home, language, dict(kinds or {})
        printer = self._open(spec)
        self.queue = PrintQueue(
            printer,
            retries=retries,
            retry_delay_s=retry_delay_s,
            state_dir=home / STATE_DIR,
            on_change=on_change,
        ).start()
        self._documents: dict[str, PrintedDocument] = {}

    @classmethod
    def for_settings(
        cls,
        settings: Settings,
        home: Path,
        spec: str | None = None,
        on_change: Callable[[PrintJob], None] | None = None,
        kinds: Kinds | None = None,
    ) -> BenchPrinter:
        return cls(
            spec or settings.printer,
            home,
            language=settings.language,
            retries=settings.print_retries,
            retry_delay_s=settings.print_retry_delay_s,
            on_change=on_change,
            kinds=kinds,
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
        kind = printer_kind(self.queue.printer)
        try:
            data = self._read(doc, kind)
        except CannotPrintError as exc:
            return Submitted(doc, skipped=str(exc))
        job = self.queue.submit(data, job_name(doc), kind)
        self._documents[job.job_id] = doc
        return Submitted(doc, job)

    def _read(self, doc: PrintedDocument, kind: str) -> bytes:
        path = archived_copy(doc, kind)
        if path is None:
            fields = {"document": doc.document, "order": doc.order_number, "path": doc.path}
            raise CannotPrintError(text("not_for_zpl", self.language, **fields))
        try:
            return path.read_bytes()
        except OSError as exc:
            fields = {"kind": kind.upper(), "name": job_name(doc), "path": path}
            sentence = text("no_copy", self.language, order=doc.order_number, **fields)
            raise CannotPrintError(sentence) from exc

    def failed(self) -> list[PrintJob]:
        return self.queue.failed()

    def printed_today(self) -> list[PrintJob]:
        return self.queue.printed_today()

    def document_of(self, job: PrintJob) -> PrintedDocument | None:
        return self._documents.get(job.job_id) or document_from_name(job.name, self.home)

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
        kind = printer_kind(printer or self.queue.printer)
        if job.kind != kind:
            self._convert(job, kind)
        try:
            return self.queue.retry(job.job_id, printer)
        except UnknownJobError as exc:  # retried or discarded meanwhile
            raise CannotPrintError(text("unknown_job", self.language, job=job_id)) from exc

    def _convert(self, job: PrintJob, kind: str) -> None:
        # PrintQueue.retry keeps a job's bytes; a PDF job redirected to a ZPL printer needs the
        # other copy. The failed job is idle (no thread touches it), so it is swapped in place.
        doc = self.document_of(job)
        if doc is None:
            raise CannotPrintError(text("unknown_job", self.language, job=job.job_id))
        job.data, job.kind = self._read(doc, kind), kind

    def discard(self, job_id: str) -> None:
        try:
            self.queue.discard(self.find(job_id).job_id)
        except UnknownJobError as exc:
            raise CannotPrintError(text("unknown_job", self.language, job=job_id)) from exc

    def reprint(self, job_id: str) -> PrintJob:
        """Print again a job of today on the bench's printer, in the format it takes now."""
        original = self.find(job_id, self.printed_today())
        kind = printer_kind(self.queue.printer)
        if original.kind == kind:
            return self.queue.reprint(original.job_id)
        doc = self.document_of(original)
        if doc is None:
            raise CannotPrintError(text("unknown_job", self.language, job=job_id))
        job = self.queue.submit(self._read(doc, kind), original.name, kind)
        self._documents[job.job_id] = doc
        return job

    def reason(self, job: PrintJob) -> str:
        return job.reason(self.language)

    def wait(self, timeout_s: float) -> bool:
        """True when every job sent so far was printed or failed within `timeout_s`."""
        return self.queue.wait_idle(timeout_s)

    def close(self) -> None:
        self.queue.close()
