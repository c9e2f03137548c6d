"""The bench in a terminal: one scan per line in, one line per effect out.

Every output line starts with a stable word (OK, ERROR, PROMPT, DONE, PRINT, SCALE, SYNC, WARN) so
that scripts and tests can read it; the rest of the line is for people.

Documents go to the bench's printer after the input is committed. `PRINT` is written once the
printer took the job; a job that still fails after its retries is an `ERROR print_failed` line
and stays in the failed list. Typed words, which never reach the workflow engine, work that
list: `PRINTERS` shows it, `RETRY <id> [PRINTER]` prints a job again (on another printer when
one is given, e.g. `folder:/tmp/labels`), `DISCARD <id>` drops it. What the print queue has to
say about its own lists (a job sent again after a crash, a damaged list set aside, a list the
disk refused) is a `WARN print_state` line, at start and after each print.

A parcel whose carrier did not answer left with an internal label (label pending); the console
asks the carrier again in the background, at start and every `label_retry_s`, and prints the
carrier's label when it comes, as `PRINT label ...` like any other.
"""

from __future__ import annotations

import threading
import uuid
from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING, Any, TextIO

from station.app import bench_service
from station.context import AppContext
from station.devices.printers import PrintJob
from station.devices.scale import Scale, ScaleState
from station.domain.events import DocumentRef
from station.domain.messages import text
from station.printing import BenchPrinter, CannotPrintError, DocumentArchive, Submitted
from station.printing.archive import kept_formats
from station.printing.bench import PrintedDocument
from station.services.bench import HandledInput, utc_now
from station.services.failures import failure_of
from station.services.pending_labels import retry_pending
from station.services.prints import print_recorder
from station.workflow.io import (
    Accepted,
    Done,
    Effect,
    Input,
    Print,
    Prompt,
    ReadScale,
    Rejected,
    Tick,
    Weight,
    parse_line,
)
from station.workflow.scan_input import MAX_SCAN_CHARS, scan_problem, shown

if TYPE_CHECKING:
    from station.services.bench_watch import LeadWatch

SCALE_TIMEOUT_S = 5.0
WATCH_EVERY_S = 1.0  # a lead's command shows at this bench within two seconds
PRINT_WAIT_S = 120.0  # retries included; a job still queued by then is reported as waiting


def effect_line(effect: Effect) -> str | None:
    if isinstance(effect, Accepted):
        return f"OK {effect.code} {effect.message}"
    if isinstance(effect, Rejected):
        return f"ERROR {effect.code} {effect.message}"
    if isinstance(effect, Prompt):
        return f"PROMPT {effect.code} {effect.message}"
    if isinstance(effect, Done):
        return f"DONE {effect.order_number} {effect.message}"
    return None


def printed_line(doc: PrintedDocument, archive: DocumentArchive) -> str:
    """`PRINT label 1001 parcel 1 <tracking> <archived PDF>`: the file is where it is kept."""
    parts = [f"PRINT {doc.document} {doc.order_number}"]
    if doc.parcel_seq is not None:
        parts.append(f"parcel {doc.parcel_seq}")
    if doc.tracking_number:
        parts.append(doc.tracking_number)
    if kept_formats(doc.ref):
        parts.append(str(archive.path(doc.ref)))
    return " ".join(parts)


def short_id(job: PrintJob) -> str:
    return job.job_id[:8]


def what_failed(doc: PrintedDocument, language: str) -> str:
    if doc.document != "label":
        return text("what_document", language, document=doc.document, order=doc.order_number)
    if doc.parcel_seq is None:
        return text("what_label", language, order=doc.order_number)
    return text("what_label_parcel", language, order=doc.order_number, parcel=doc.parcel_seq)


def failed_line(doc: PrintedDocument, job: PrintJob, reason: str, language: str) -> str:
    what = what_failed(doc, language)
    sentence = text("print_failed", language, what=what, reason=reason, job=short_id(job))
    return f"ERROR print_failed {sentence}"


class ConsoleBench:
    """`shop_status` (optional) tells how the shop updates stand; it is printed after each
    packed order as a `SYNC` line, and `on_packed` is told so the shop hears soon."""

    def __init__(
        self,
        ctx: AppContext,
        scale: Scale | None,
        out: TextIO,
        *,
        shop_status: Callable[[], str] | None = None,
        on_packed: Callable[[], None] | None = None,
        printer: BenchPrinter | None = None,
        on_input: Callable[[], None] | None = None,
    ) -> None:
        self.service = bench_service(ctx, ctx.settings.operator or "console")
        self.archive = DocumentArchive(ctx.home)
        self.printer = printer
        self.scale = scale
        self.scale_port = str(getattr(scale, "port", ""))
        self.out = out
        self.shop_status = shop_status
        self.on_packed = on_packed
        self.on_input = on_input  # a joined bench's replicator: what was recorded, out now
        self.language = ctx.settings.language
        # The input and the pending-label retries print through one console, one at a time.
        self.lock = threading.RLock()  # a weighing feeds its weight from inside a feed

    def tell(self, word: str, line_code: str, code: str, /, **params: object) -> None:
        """One `WORD line_code sentence` line, the sentence in the operator's language."""
        self.emit(f"{word} {line_code} {text(code, self.language, **params)}")

    def emit(self, line: str) -> None:
        self.out.write(shown(line) + "\n")
        self.out.flush()

    def run(self, lines: Iterable[str]) -> int:
        self.show_notices()
        self.show_state()
        for raw in lines:
            problem = scan_problem(raw)
            if problem is not None:
                length = len(raw.rstrip("\r\n"))
                self.tell("ERROR", problem, problem, length=length, limit=MAX_SCAN_CHARS)
                continue
            if self.print_command(raw):
                continue
            inp = parse_line(raw, typed_weights=self.scale is None)
            if inp is not None:
                self.feed(inp)
        return 0

    def show_state(self) -> None:
        order = self.service.engine.state.order
        if order is None:
            self.tell("PROMPT", "scan_order", "scan_order")
        else:
            self.tell("PROMPT", "resumed", "resumed", number=order.number, left=order.units_left)
        asked = self.service.question_prompt()
        if asked is not None:  # a question asked before the restart, still unanswered
            self.emit(f"PROMPT {asked.code} {asked.message}")

    def feed(self, inp: Input) -> None:
        with self.lock:
            try:
                handled = self.service.handle(inp)
            except Exception as exc:  # the one translation of failures: station.services.failures
                found = failure_of(exc)
                if found is None:
                    raise
                kind, phrase = found
                self.tell("ERROR", kind, phrase.code, **phrase.params)
                return
            self.show(handled)
        if self.on_input is not None:
            self.on_input()

    def show(self, handled: HandledInput) -> None:
        weigh: list[ReadScale] = []
        printed = list(handled.printed)
        for effect in handled.effects:
            line = effect_line(effect)
            if line is not None:
                self.emit(line)
            if isinstance(effect, Print) and printed:
                self.print_documents(printed)
                printed = []
            if isinstance(effect, ReadScale):
                weigh.append(effect)
        for warning in handled.warnings:
            self.emit(f"WARN {warning}")
        if any(isinstance(e, Done) for e in handled.effects):
            self.after_packing()
        for request in weigh:
            self.weigh(request)

    # -- printing ----------------------------------------------------------------------------

    def print_documents(self, printed: list[PrintedDocument]) -> None:
        if self.printer is None:  # no printer: the archived files are the output
            for doc in printed:
                self.emit(printed_line(doc, self.archive))
            return
        submitted = self.printer.submit(printed)
        self.printer.wait(PRINT_WAIT_S)
        for item in submitted:
            self.report(item)
        self.show_notices()

    def show_notices(self) -> None:
        """What the print queue has to tell (a job sent again after a crash, a damaged print
        list set aside, one the disk refused), one `WARN` line each."""
        for sentence in self.printer.notices() if self.printer is not None else []:
            self.emit(f"WARN print_state {sentence}")

    def report(self, item: Submitted) -> None:
        doc, job = item.document, item.job
        if job is None:
            self.emit(f"WARN print_skipped {item.skipped}")
        elif job.status == "printed":
            self.emit(printed_line(doc, self.archive))
        elif job.status == "failed" and self.printer is not None:
            self.emit(failed_line(doc, job, self.printer.reason(job), self.language))
        else:
            self.tell("WARN", "print_waiting", "print_waiting", name=job.name, printer=job.printer)

    def print_command(self, raw: str) -> bool:
        """PRINTERS, RETRY and DISCARD: the failed list, worked from the keyboard."""
        word, _, rest = raw.strip().partition(" ")
        handlers = {"PRINTERS": self.list_failed, "RETRY": self.retry, "DISCARD": self.discard}
        handler = handlers.get(word.upper())
        if handler is None:
            return False
        if self.printer is None:
            self.tell("ERROR", "no_printer", "no_printer")
            return True
        try:
            handler(self.printer, rest.split())
        except CannotPrintError as exc:
            self.emit(f"ERROR print_job {exc}")
        return True

    def list_failed(self, printer: BenchPrinter, _args: list[str]) -> None:
        failed = printer.failed()
        for job in failed:
            self.tell(
                "WARN",
                "print_failed",
                "print_failed_job",
                job=short_id(job),
                name=job.name,
                printer=job.printer,
                attempts=job.attempts,
                reason=printer.reason(job),
            )
        summary = text("printers", self.language, count=len(failed), printer=printer.spec)
        hint = f" {text('printers_retry_hint', self.language)}" if failed else ""
        self.emit(f"OK printers {summary}{hint}")

    def retry(self, printer: BenchPrinter, args: list[str]) -> None:
        if not args or len(args) > 2:
            self.tell("ERROR", "usage", "usage_retry")
            return
        job = printer.retry(args[0], args[1] if len(args) > 1 else None)
        printer.wait(PRINT_WAIT_S)
        doc = printer.document_of(job) or PrintedDocument(DocumentRef("job", job.name))
        self.report(Submitted(doc, job))

    def discard(self, printer: BenchPrinter, args: list[str]) -> None:
        if len(args) != 1:
            self.tell("ERROR", "usage", "usage_discard")
            return
        job = printer.find(args[0])
        printer.discard(job.job_id)
        self.tell("OK", "discarded", "discarded", name=job.name, job=short_id(job))

    def after_packing(self) -> None:
        if self.on_packed is not None:
            self.on_packed()
        if self.shop_status is not None:
            self.emit(f"SYNC {self.shop_status()}")

    def weigh(self, request: ReadScale) -> None:
        if self.scale is None:
            self.tell("PROMPT", "scale", "no_scale")
            return
        reading = self.scale.read_stable(request.expected_g, SCALE_TIMEOUT_S)
        if reading.state is not ScaleState.STABLE:
            code = reading.problem_code
            self.tell("ERROR", code, code, port=self.scale_port, detail=reading.detail)
            return
        self.emit(f"SCALE {reading.grams} g")
        self.feed(Weight(reading.grams))


def run_console(
    ctx: AppContext,
    scale: Scale | None,
    lines: Iterable[str],
    out: TextIO,
    *,
    shop_status: Callable[[], str] | None = None,
    on_packed: Callable[[], None] | None = None,
    printer: str | None = None,
    hub: Any = None,
) -> int:
    """`printer` is a printer spec for this run; the settings' printer when None. `hub` is a
    joined bench's replicator (`sync.hub.replicator.HubWorker`): woken after every input, so
    the warehouse sees it at once, and asked how far behind it is."""
    from station.services.heartbeat import LOOK_EVERY_S, Heartbeat, SelfReport, level_of
    from station.services.repeating import Repeating

    operator = ctx.settings.operator or "console"
    outcomes = print_recorder(ctx.db, ctx.settings.bench_name, lambda: operator)
    bench_printer = BenchPrinter.for_settings(ctx.settings, ctx.home, printer, on_outcome=outcomes)
    background: list[Repeating] = []
    try:
        bench = ConsoleBench(
            ctx,
            scale,
            out,
            shop_status=shop_status,
            on_packed=on_packed,
            printer=bench_printer,
            on_input=hub.wake if hub is not None else None,
        )
        heartbeat = Heartbeat(ctx.db, ctx.settings.bench_name)
        scale_level, printer_level = level_of(scale), level_of(bench_printer.queue)

        def report() -> None:  # its scanner is the terminal: always there
            said = SelfReport(scale_level(), printer_level(), "ok", hub.lag_s() if hub else None)
            heartbeat.beat(said, operator)

        retry = PendingLabelRetry(ctx, bench).round
        background = [
            Repeating(retry, ctx.settings.label_retry_s, "pending-labels").start(),
            # the first report waits a second for the scale's first answer, as the window's
            # does: a scale still connecting is not news worth an event
            Repeating(report, LOOK_EVERY_S, "bench-report", first_after_s=1.0).start(),
            Repeating(lead_watch(bench), WATCH_EVERY_S, "lead-watch").start(),
        ]
        return bench.run(lines)
    finally:
        for job in background:
            job.stop()
        bench_printer.close()


def lead_watch(bench: ConsoleBench) -> LeadWatch:
    """A lead's command about the open order prints `ERROR order_taken` (or on hold) within a
    second, as a tick would; an order given to the idle bench is a `WARN order_given` line."""
    from station.services.bench_watch import LeadWatch

    def given(numbers: list[str]) -> None:
        with bench.lock:
            for number in numbers:
                bench.tell("WARN", "order_given", "order_given", number=number)

    def open_order() -> uuid.UUID | None:
        order = bench.service.engine.state.order
        return order.uid if order else None

    service = bench.service
    return LeadWatch(service.db, service.bench_name, open_order, lambda: bench.feed(Tick()), given)


class PendingLabelRetry:
    """Asks the carriers again for the labels this bench's parcels wait for, at start (a label
    left pending when the app was killed) and every `label_retry_s` (run by `Repeating`);
    prints what they give."""

    def __init__(self, ctx: AppContext, bench: ConsoleBench) -> None:
        self.ctx, self.bench = ctx, bench

    def round(self) -> None:
        service = self.bench.service
        retried = retry_pending(
            self.ctx.db,
            self.ctx.settings,
            self.bench.archive,
            bench=service.bench_name,
            operator=service.operator,
            clock=utc_now,
            asking=service.asking,
        )
        if not (retried.printed or retried.warnings):
            return
        with self.bench.lock:
            for warning in retried.warnings:
                self.bench.emit(f"WARN label_pending {warning}")
            if retried.printed:
                self.bench.print_documents(retried.printed)
