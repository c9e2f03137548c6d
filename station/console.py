"""The bench in a terminal: one scan per line in, one line per effect out.

Every output line starts with a stable word (OK, ERROR, PROMPT, DONE, PRINT, SCALE, WARN) so that
scripts and tests can read it; the rest of the line is for people.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import TextIO

from sqlalchemy.exc import OperationalError

from station.app import bench_service
from station.context import AppContext
from station.devices.messages import message as device_message
from station.devices.scale import Scale, ScaleState
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

SCALE_TIMEOUT_S = 5.0


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
    ) -> None:
        self.service = bench_service(ctx, ctx.settings.operator or "console")
        self.scale = scale
        self.scale_port = str(getattr(scale, "port", ""))
        self.out = out
        self.shop_status = shop_status
        self.on_packed = on_packed

    def emit(self, line: str) -> None:
        self.out.write(line + "\n")
        self.out.flush()

    def run(self, lines: Iterable[str]) -> int:
        self.show_state()
        for raw in lines:
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
                for doc in printed:
                    self.emit(printed_line(doc))
                printed = []
            if isinstance(effect, ReadScale):
                weigh.append(effect)
        for warning in handled.warnings:
            self.emit(f"WARN {warning}")
        if any(isinstance(e, Done) for e in handled.effects):
            self.after_packing()
        for request in weigh:
            self.weigh(request)

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
) -> int:
    bench = ConsoleBench(ctx, scale, out, shop_status=shop_status, on_packed=on_packed)
    return bench.run(lines)
