"""Print jobs queued, retried and reported: a print that did not happen stays in a failed list.

One worker thread per queue sends jobs in order, so a slow or dead printer never blocks the
bench. A job that still fails after its retries goes to the failed list, which the operator can
retry (on the same or another printer) or discard; with a `state_dir` that list survives a
restart, and so does the day's list of printed jobs, so any label of the day can be reprinted.

A job is durable: it is written to `pending/` before it is sent and leaves it only once the
printer took it (it is then in the day's printed list) or it failed (the failed list). After a
crash, a pending job is sent again once; one still pending after that restart goes to the
failed list, so a label is never silently lost. A damaged state file is set aside with a
notice; a state file that cannot be written (a full disk) is a notice too, and its write is
retried, while the worker goes on printing. `notices()` hands those sentences' codes to the
front end, which shows each once.

A job for an archived document is sent in the rendition its printer accepts (a label's PDF to
a laser, its ZPL copy to a thermal printer), also when it is redirected or reprinted on a
printer of the other kind. What became of it is told to `on_outcome`, from the queue's thread:
printed once the printer took it, failed once its retries are spent. The queue knows no
database and no window; the bench wires the outcome to whatever records or shows it.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import json
import logging
import queue
import threading
from collections.abc import Callable
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any, Protocol

from station.devices.health import DeviceHealth, HealthLevel
from station.devices.printers import Printer, PrintError, PrintJob
from station.domain.events import DocumentRef, Reason
from station.files import set_aside, write_atomically

log = logging.getLogger(__name__)

FAILED_FILE = "print-failed.json"
PRINTED_DIR = "printed"
PENDING_DIR = "pending"
SAVE_RETRY_S = 5.0  # how often a state file the disk refused is written again
JobCallback = Callable[[PrintJob], None]


class UnknownJobError(LookupError):
    pass


class NoRenditionError(LookupError):
    """The printer accepts none of the formats the document is kept in."""

    def __init__(self, document: DocumentRef, printer: Printer, kept: tuple[str, ...]) -> None:
        super().__init__(
            f"{printer.name} accepts {sorted(printer.accepts)}, {document.name} is {kept}"
        )
        self.document, self.printer, self.kept = document, printer, kept


class Renditions(Protocol):
    """Where documents are read from, in each format they are kept in (the archive)."""

    def formats(self, ref: DocumentRef) -> tuple[str, ...]: ...

    def read(self, ref: DocumentRef, fmt: str) -> bytes: ...


@dataclass(frozen=True)
class PrintOutcome:
    """What became of a document's job: the printer took it, or it failed after its retries."""

    document: DocumentRef
    printer: str
    format: str
    printed: bool
    reason: Reason | None = None  # why it failed: a message code and its parameters


OutcomeCallback = Callable[[PrintOutcome], None]


class PrintQueue:
    def __init__(
        self,
        printer: Printer,
        retries: int = 2,
        retry_delay_s: float = 2.0,
        state_dir: Path | None = None,
        on_change: JobCallback | None = None,
        today: Callable[[], dt.date] = lambda: dt.datetime.now().date(),
        renditions: Renditions | None = None,
        on_outcome: OutcomeCallback | None = None,
    ) -> None:
        self.printer = printer
        self.renditions, self.on_outcome = renditions, on_outcome
        self.retries, self.retry_delay_s = retries, retry_delay_s
        self.state_dir, self.on_change, self._today = state_dir, on_change, today
        self._lock = threading.Lock()
        self._todo: queue.Queue[tuple[PrintJob, Printer] | None] = queue.Queue()
        self._notices: list[Reason] = []
        self._unsaved: dict[Path, bytes] = {}  # state files the disk refused, to write again
        self._failed: dict[str, PrintJob] = self._load_failed()
        self._printed: dict[str, PrintJob] = self._load_printed()
        self._resumed: list[PrintJob] = self._load_pending()
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None
        self._idle = threading.Condition()
        self._pending = 0

    # --- the operator's side -----------------------------------------------------------------

    def start(self) -> PrintQueue:
        if self._thread is None:
            self._thread = threading.Thread(target=self._run, name="print queue", daemon=True)
            self._thread.start()
            resumed, self._resumed = self._resumed, []
            for job in resumed:  # cut off by a crash: sent again, once
                with contextlib.suppress(LookupError, OSError):  # else sent as it was
                    self._for_printer(job, self.printer)  # the printer may have changed
                self._enqueue(job, self.printer)
        return self

    def notices(self) -> list[Reason]:
        """What went wrong with the queue's own files since the last call: each told once."""
        with self._lock:
            taken, self._notices = self._notices, []
        return taken

    def submit(self, data: bytes, name: str, kind: str = "zpl") -> PrintJob:
        job = PrintJob(name=name, data=data, kind=kind)
        self._enqueue(job, self.printer)
        return job

    def submit_document(self, document: DocumentRef) -> PrintJob:
        """Print an archived document in the rendition the printer accepts; NoRenditionError
        when it accepts none of those kept, OSError when the file cannot be read."""
        fmt, data = self._rendition(document, self.printer)
        job = PrintJob(name=document.name, data=data, kind=fmt, document=document)
        self._enqueue(job, self.printer)
        return job

    def _rendition(self, document: DocumentRef, printer: Printer) -> tuple[str, bytes]:
        kept = self.renditions.formats(document) if self.renditions else ()
        for fmt in kept:
            if fmt in printer.accepts:
                assert self.renditions is not None
                return fmt, self.renditions.read(document, fmt)
        raise NoRenditionError(document, printer, kept)

    def _for_printer(self, job: PrintJob, printer: Printer) -> None:
        """Swap in the rendition `printer` accepts (an idle job: no thread touches it)."""
        if job.kind not in printer.accepts and job.document is not None:
            job.kind, job.data = self._rendition(job.document, printer)

    def failed(self) -> list[PrintJob]:
        with self._lock:
            return sorted(self._failed.values(), key=lambda j: j.created)

    def printed_today(self) -> list[PrintJob]:
        today = self._today()
        with self._lock:
            jobs = [j for j in self._printed.values() if _local_day(j) == today]
        return sorted(jobs, key=lambda j: j.created)

    def retry(self, job_id: str, printer: Printer | None = None) -> PrintJob:
        """Send a failed job again, to `printer` when the operator redirects it, in the
        rendition that printer accepts (NoRenditionError, and the job stays failed, if none)."""
        target = printer or self.printer
        with self._lock:
            job = self._failed.get(job_id)
        if job is None:
            raise UnknownJobError(job_id)
        self._for_printer(job, target)
        with self._lock:
            if self._failed.pop(job_id, None) is None:
                raise UnknownJobError(job_id)  # retried or discarded meanwhile
        self._save_failed()
        job.status, job.error, job.error_fields, job.attempts = "queued", "", {}, 0
        job.resumed = False
        self._enqueue(job, target)
        return job

    def reprint(self, job_id: str, printer: Printer | None = None) -> PrintJob:
        """Print again a job printed today, as a new job of its own."""
        with self._lock:
            original = self._printed.get(job_id)
        if original is None:
            raise UnknownJobError(job_id)
        target = printer or self.printer
        job = PrintJob(
            name=original.name, data=original.data, kind=original.kind, document=original.document
        )
        self._for_printer(job, target)
        self._enqueue(job, target)
        return job

    def discard(self, job_id: str) -> None:
        with self._lock:
            if self._failed.pop(job_id, None) is None:
                raise UnknownJobError(job_id)
        self._save_failed()

    def wait_idle(self, timeout_s: float) -> bool:
        """True when every queued job was handled (printed or failed) within `timeout_s`."""
        with self._idle:
            return self._idle.wait_for(lambda: self._pending == 0, timeout_s)

    def health(self) -> DeviceHealth:
        count = len(self.failed())
        if count:
            fields = {"count": str(count)}
            name = self.printer.name
            return DeviceHealth("printer", HealthLevel.FAILED, "printer_jobs_failed", name, fields)
        return self.printer.health()

    def close(self) -> None:
        self._stop.set()
        self._todo.put(None)
        if self._thread is not None:
            self._thread.join(timeout=5.0)

    # --- the worker --------------------------------------------------------------------------

    def _enqueue(self, job: PrintJob, printer: Printer) -> None:
        job.printer = printer.name
        self._save_pending(job)  # on disk before it is sent
        with self._idle:
            self._pending += 1
        self._todo.put((job, printer))
        self._notify(job)

    def _run(self) -> None:
        while True:
            try:
                item = self._todo.get(timeout=SAVE_RETRY_S if self._unsaved else None)
            except queue.Empty:
                self._save_again()
                continue
            if item is None:
                return
            try:
                self._print(*item)
            except Exception as exc:  # one job's failure never stops the queue
                log.exception("print %s failed", item[0].name)
                self._give_up(item[0], item[1], Reason("print_crashed", {"detail": str(exc)}))
            finally:
                with self._idle:
                    self._pending -= 1
                    self._idle.notify_all()
            self._save_again()

    def _give_up(self, job: PrintJob, printer: Printer, reason: Reason) -> None:
        job.error, job.error_fields = reason.code, dict(reason.params)
        try:
            self._fail(job)
            self._tell(job, printer, printed=False)
        except Exception:
            log.exception("print %s not put in the failed list", job.name)

    def _print(self, job: PrintJob, printer: Printer) -> None:
        for attempt in range(self.retries + 1):
            if attempt and self._stop.wait(self.retry_delay_s):
                break
            job.attempts += 1
            try:
                printer.send(job)
            except PrintError as exc:
                job.error, job.error_fields = exc.code, dict(exc.fields)
                log.warning("print %s failed: %s", job.name, exc)
                continue
            self._done(job)
            self._tell(job, printer, printed=True)
            return
        self._fail(job)
        self._tell(job, printer, printed=False)

    def _done(self, job: PrintJob) -> None:
        job.status, job.error, job.error_fields = "printed", "", {}
        job.printed_at = dt.datetime.now(dt.UTC)
        with self._lock:
            self._printed[job.job_id] = job
        self._save_printed(job)
        self._drop_pending(job)
        self._notify(job)

    def _fail(self, job: PrintJob) -> None:
        job.status = "failed"
        with self._lock:
            self._failed[job.job_id] = job
        self._save_failed()
        self._drop_pending(job)
        self._notify(job)

    def _tell(self, job: PrintJob, printer: Printer, *, printed: bool) -> None:
        if self.on_outcome is None or job.document is None:
            return
        reason = None if printed else Reason(job.error, dict(job.error_fields))
        try:
            self.on_outcome(PrintOutcome(job.document, printer.name, job.kind, printed, reason))
        except Exception:  # the print happened or not; a failed record must not stop the queue
            log.exception("print outcome of %s not recorded", job.name)

    def _notify(self, job: PrintJob) -> None:
        if self.on_change is None:
            return
        try:
            self.on_change(replace(job))
        except Exception:
            log.exception("print queue callback failed")

    # --- persistence -------------------------------------------------------------------------

    def _read_state(self, path: Path) -> Any:
        """A state file's JSON, or None when it is damaged: then it is set aside, with a notice."""
        try:
            return json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError) as exc:
            self._set_aside(path, exc)
            return None

    def _set_aside(self, path: Path, exc: Exception) -> None:
        log.warning("print state %s damaged: %s", path, exc)
        try:
            aside = set_aside(path)
        except OSError as err:
            aside = path
            log.warning("print state %s not set aside: %s", path, err)
        self._notice(Reason("print_state_set_aside", {"path": str(path), "aside": str(aside)}))

    def _jobs_in(self, path: Path, data: Any) -> list[PrintJob]:
        try:
            items = data if isinstance(data, list) else [data]
            return [PrintJob.from_json(item) for item in items]
        except (KeyError, TypeError, ValueError, AttributeError) as exc:
            self._set_aside(path, exc)
            return []

    def _load_failed(self) -> dict[str, PrintJob]:
        path = self.state_dir / FAILED_FILE if self.state_dir else None
        if path is None or not path.exists():
            return {}
        data = self._read_state(path)
        jobs = [] if data is None else self._jobs_in(path, data)
        return {j.job_id: j for j in jobs}

    def _save_failed(self) -> None:
        if self.state_dir is None:
            return
        with self._lock:
            data = [j.to_json() for j in self._failed.values()]
        self._write_json(self.state_dir / FAILED_FILE, data)

    def _day_dir(self, day: dt.date) -> Path | None:
        return self.state_dir / PRINTED_DIR / day.isoformat() if self.state_dir else None

    def _load_folder(self, folder: Path | None) -> list[PrintJob]:
        if folder is None or not folder.is_dir():
            return []
        jobs: list[PrintJob] = []
        for path in sorted(folder.glob("*.json")):
            data = self._read_state(path)
            if data is not None:
                jobs.extend(self._jobs_in(path, data))
        return jobs

    def _load_printed(self) -> dict[str, PrintJob]:
        jobs = self._load_folder(self._day_dir(self._today()))
        return {j.job_id: j for j in jobs}

    def _save_printed(self, job: PrintJob) -> None:
        folder = self._day_dir(_local_day(job))
        if folder is not None:
            self._write_json(folder / f"{job.job_id}.json", job.to_json())

    def _pending_path(self, job: PrintJob) -> Path | None:
        return self.state_dir / PENDING_DIR / f"{job.job_id}.json" if self.state_dir else None

    def _save_pending(self, job: PrintJob) -> None:
        path = self._pending_path(job)
        if path is not None:
            self._write_json(path, job.to_json())

    def _drop_pending(self, job: PrintJob) -> None:
        path = self._pending_path(job)
        if path is None:
            return
        with self._lock:
            self._unsaved.pop(path, None)
        try:
            path.unlink(missing_ok=True)
        except OSError as exc:  # sent again after a restart at worst; the printed list says so
            log.warning("print job %s still pending on disk: %s", path, exc)

    def _load_pending(self) -> list[PrintJob]:
        """Jobs a crash cut off: each is sent again once; one cut off again goes to the failed
        list, where the operator decides."""
        folder = self.state_dir / PENDING_DIR if self.state_dir else None
        resumed: list[PrintJob] = []
        for job in sorted(self._load_folder(folder), key=lambda j: j.created):
            if job.job_id in self._printed or job.job_id in self._failed:
                self._drop_pending(job)  # done already; only its pending copy was left
            elif job.resumed:
                reason = Reason("print_interrupted")
                job.status, job.error, job.error_fields = "failed", reason.code, reason.params
                with self._lock:
                    self._failed[job.job_id] = job
                self._save_failed()
                self._drop_pending(job)
            else:
                job.status, job.attempts, job.resumed = "queued", 0, True
                resumed.append(job)
                self._notice(Reason("print_resumed", {"name": job.name}))
        return resumed

    def _write_json(self, path: Path, data: object) -> None:
        raw = json.dumps(data).encode("utf-8")
        try:
            write_atomically(path, raw)
        except OSError as exc:
            log.warning("print state %s not saved: %s", path, exc)
            with self._lock:
                first = not self._unsaved
                self._unsaved[path] = raw
            if first:
                self._notice(
                    Reason("print_state_not_saved", {"path": str(path), "detail": str(exc)})
                )
            return
        with self._lock:
            self._unsaved.pop(path, None)

    def _save_again(self) -> None:
        """Write again the state files the disk refused; the newest content of each."""
        with self._lock:
            waiting = dict(self._unsaved)
        for path, raw in waiting.items():
            try:
                write_atomically(path, raw)
            except OSError:
                return  # still refused: tried again later, already told
            with self._lock:
                if self._unsaved.get(path) is raw:
                    del self._unsaved[path]
        if waiting:
            self._notice(Reason("print_state_saved"))

    def _notice(self, reason: Reason) -> None:
        with self._lock:
            self._notices.append(reason)


def _local_day(job: PrintJob) -> dt.date:
    return job.created.astimezone().date()
