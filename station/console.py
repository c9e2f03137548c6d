"""The bench in a terminal: one scan per line in, one line per effect out.

Every output line starts with a stable word (OK, ERROR, PROMPT, DONE, PRINT, SCALE, SYNC, WARN) so
that scripts and tests can read it; the rest of the line is for people.

Documents go to the bench's printer after the input is committed. `PRINT` is written once the
printer took the job; a job that still fails after its retries is an `ERROR print_failed` line
and stays in the failed list. Typed words, which never reach the workflow engine, work that
list: `PRINTERS` shows it, `RETRY <id> [PRINTER]` prints a job again (on another printer when
one is given, e.g. `folder:/tmp/labels`), `DISCARD <id>` drops it.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from pathlib import Path
from typing import TextIO

from sqlalchemy.exc import OperationalError

from station.app import bench_service
from station.context import AppContext
from station.devices.messages import message as device_message
from station.devices.printers import PrintJob
from station.devices.scale import Scale, ScaleState
from station.printing import BenchPrinter, CannotPrintError, Submitted
from station.services.bench import HandledInput, PrintedDocument
from station.services.shipping import ShippingError
from station.workflow.io import (
    Accepted,
    Done,
    Effect,
    Input,
    Print,
    Prompt,
    ReadScale,
    Rejected,
    Weight,
    parse_line,
)
from station.workflow.messages import message
from station.workflow.scan_input import scan_problem, scan_problem_text, shown

SCALE_TIMEOUT_S = 5.0
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


def printed_line(doc: PrintedDocument) -> str:
    parts = [f"PRINT {doc.document} {doc.order_number}"]
    if doc.parcel_seq is not None:
        parts.append(f"parcel {doc.parcel_seq}")
    if doc.tracking_number:
        parts.append(doc.tracking_number)
    parts.append(str(doc.path))
    return " ".join(parts)


def short_id(job: PrintJob) -> str:
    return job.job_id[:8]


def what_failed(doc: PrintedDocument) -> str:
    if doc.document == "label":
        parcel = f" (parcel {doc.parcel_seq})" if doc.parcel_seq is not None else ""
        return f"Label for order {doc.order_number}{parcel}"
    return f"The {doc.document} for order {doc.order_number}"


def failed_line(doc: PrintedDocument, job: PrintJob, reason: str) -> str:
    ref = short_id(job)
    return (
        f"ERROR print_failed {what_failed(doc)} not printed: {reason} "
        f"Type RETRY {ref} to print it again, or RETRY {ref} PRINTER to send it elsewhere."
    )


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
    ) -> None:
        self.service = bench_service(ctx, ctx.settings.operator or "console")
        self.printer = printer
        self.scale = scale
        self.scale_port = str(getattr(scale, "port", ""))
        self.out = out
        self.shop_status = shop_status
        self.on_packed = on_packed

    def emit(self, line: str) -> None:
        self.out.write(shown(line) + "\n")
        self.out.flush()

    def run(self, lines: Iterable[str]) -> int:
        self.show_state()
        for raw in lines:
            problem = scan_problem(raw)
            if problem is not None:
                text = scan_problem_text(problem, self.service.settings.language, raw)
                self.emit(f"ERROR {problem} {text}")
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
            self.emit(f"PROMPT scan_order {message('scan_order', self.service.settings.language)}")
        else:
            left = order.units_left
            self.emit(f"PROMPT resumed Order {order.number} is open: {left} unit(s) left.")

    def feed(self, inp: Input) -> None:
        try:
            handled = self.service.handle(inp)
        except OperationalError as exc:
            self.emit(f"ERROR storage The database could not save this ({exc.orig}); scan again.")
            return
        except OSError as exc:
            self.emit(
                f"ERROR storage Could not write a file ({exc.strerror}); free disk space and scan again."
            )
            return
        except ShippingError as exc:
            self.emit(f"ERROR shipping {exc}")
            return
        self.show(handled)

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
                self.emit(printed_line(doc))
            return
        submitted = self.printer.submit(printed)
        self.printer.wait(PRINT_WAIT_S)
        for item in submitted:
            self.report(item)

    def report(self, item: Submitted) -> None:
        doc, job = item.document, item.job
        if job is None:
            self.emit(f"WARN print_skipped {item.skipped}")
        elif job.status == "printed":
            self.emit(printed_line(doc))
        elif job.status == "failed" and self.printer is not None:
            self.emit(failed_line(doc, job, self.printer.reason(job)))
        else:
            self.emit(
                f"WARN print_waiting {job.name} is still waiting for {job.printer}; "
                "PRINTERS lists it if it fails."
            )

    def print_command(self, raw: str) -> bool:
        """PRINTERS, RETRY and DISCARD: the failed list, worked from the keyboard."""
        word, _, rest = raw.strip().partition(" ")
        handlers = {"PRINTERS": self.list_failed, "RETRY": self.retry, "DISCARD": self.discard}
        handler = handlers.get(word.upper())
        if handler is None:
            return False
        if self.printer is None:
            self.emit("ERROR no_printer This bench has no printer queue.")
            return True
        try:
            handler(self.printer, rest.split())
        except CannotPrintError as exc:
            self.emit(f"ERROR print_job {exc}")
        return True

    def list_failed(self, printer: BenchPrinter, _args: list[str]) -> None:
        failed = printer.failed()
        for job in failed:
            self.emit(
                f"WARN print_failed {short_id(job)} {job.name} on {job.printer}, "
                f"{job.attempts} attempt(s): {printer.reason(job)}"
            )
        self.emit(
            f"OK printers {len(failed)} print(s) failed; the bench prints on {printer.spec}."
            + (" RETRY <id> [PRINTER] prints one again." if failed else "")
        )

    def retry(self, printer: BenchPrinter, args: list[str]) -> None:
        if not args or len(args) > 2:
            self.emit("ERROR usage Type RETRY <id> or RETRY <id> PRINTER (ids from PRINTERS).")
            return
        job = printer.retry(args[0], args[1] if len(args) > 1 else None)
        printer.wait(PRINT_WAIT_S)
        doc = printer.document_of(job) or PrintedDocument("job", job.name, Path(job.printer))
        self.report(Submitted(doc, job))

    def discard(self, printer: BenchPrinter, args: list[str]) -> None:
        if len(args) != 1:
            self.emit("ERROR usage Type DISCARD <id> (ids from PRINTERS).")
            return
        job = printer.find(args[0])
        printer.discard(job.job_id)
        self.emit(f"OK discarded {job.name} ({short_id(job)}) will not be printed.")

    def after_packing(self) -> None:
        if self.on_packed is not None:
            self.on_packed()
        if self.shop_status is not None:
            self.emit(f"SYNC {self.shop_status()}")

    def weigh(self, request: ReadScale) -> None:
        if self.scale is None:
            self.emit("PROMPT scale No scale: type the weight as WEIGHT <grams>.")
            return
        reading = self.scale.read_stable(request.expected_g, SCALE_TIMEOUT_S)
        if reading.state is not ScaleState.STABLE:
            code = reading.code or f"scale_{reading.state.value}"
            text = device_message(
                code, self.service.settings.language, port=self.scale_port, detail=reading.detail
            )
            self.emit(f"ERROR {code} {text}")
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
) -> int:
    """`printer` is a printer spec for this run; the settings' printer when None."""
    bench_printer = BenchPrinter.for_settings(ctx.settings, ctx.home, printer)
    try:
        bench = ConsoleBench(
            ctx, scale, out, shop_status=shop_status, on_packed=on_packed, printer=bench_printer
        )
        return bench.run(lines)
    finally:
        bench_printer.close()
