"""Plain, frozen copies of what the bench window shows.

The worker thread builds one of these after every input, so the GUI thread never reads the
engine's state while the worker is changing it. Nothing here imports Qt.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from station.ui.feedback import DONE, kind_of
from station.workflow.io import (
    Accepted,
    Done,
    Effect,
    Prompt,
    ReadScale,
    Rejected,
    Sound,
)
from station.workflow.state import BenchState, BoxInfo, OrderSnapshot
from station.workflow.weighing import expected_weight_g

if TYPE_CHECKING:
    from station.printing import PrintedDocument
    from station.services.packed import PackedParcel


@dataclass(frozen=True)
class LineView:
    sku: str
    name: str
    quantity: int
    verified: int
    short: int
    bin_location: str = ""
    image_url: str = ""
    needs_lot: bool = False  # the scan must carry a lot (a GS1 code): said before the scan
    needs_expiry: bool = False
    needs_serial: bool = False

    @property
    def complete(self) -> bool:
        return self.verified + self.short >= self.quantity


@dataclass(frozen=True)
class ParcelView:
    seq: int
    box_code: str
    measured_g: int | None
    expected_g: int | None
    weighing: bool = False


@dataclass(frozen=True)
class OrderView:
    number: str
    customer: str
    carrier: str
    service: str
    cutoff_at: dt.datetime | None
    cod_amount: str  # already formatted ("" when the order is prepaid)
    note: str
    lines: tuple[LineView, ...]
    parcels: tuple[ParcelView, ...]
    units_left: int
    units_total: int


@dataclass(frozen=True)
class BenchView:
    order: OrderView | None = None
    last_order_number: str = ""
    weight_pending: bool = False  # a weight was rejected: a lead may override it
    packed: tuple[PackedParcel, ...] = ()  # the last packed order's parcels, for the done screen


@dataclass(frozen=True)
class Banner:
    kind: str  # one of station.ui.feedback's kinds: "ok", "error", "exception", "done", ...
    text: str
    code: str = ""  # the message code it says, when it came from the engine


@dataclass(frozen=True)
class ScanOutcome:
    """What one input did, ready to paint: the banner, the prompt, the sounds, the new state."""

    text: str
    view: BenchView
    banner: Banner | None = None
    prompt: str | None = None
    sounds: tuple[str, ...] = ()
    printed: tuple[str, ...] = ()  # the documents by name, e.g. "label 1001 parcel 1"
    documents: tuple[PrintedDocument, ...] = ()  # what `printed` holds, to send to the printer
    weigh: tuple[int, int] | None = None  # (parcel seq, expected g) to read from the scale
    started_at: float = 0.0  # perf_counter() when the terminator key arrived (for bench/)
    seq: int = 0
    changed_skus: frozenset[str] = field(default_factory=frozenset)
    warnings: tuple[str, ...] = ()  # e.g. a carrier's number range running low


def _order_view(order: OrderSnapshot, boxes: list[BoxInfo], weighing_seq: int | None) -> OrderView:
    lines = tuple(
        LineView(
            sku=line.sku,
            name=line.name,
            quantity=line.quantity,
            verified=line.verified,
            short=line.short,
            bin_location=line.product.bin_location if line.product else "",
            image_url=line.product.image_url if line.product else "",
            needs_lot=bool(line.product and line.product.requires_lot),
            needs_expiry=bool(line.product and line.product.requires_expiry),
            needs_serial=bool(line.product and line.product.requires_serial),
        )
        for line in order.lines
    )
    parcels = tuple(
        ParcelView(
            seq=p.seq,
            box_code=p.box_code or "",
            measured_g=p.measured_g,
            expected_g=p.expected_g
            if p.expected_g is not None
            else (expected_weight_g(order, p, boxes) if order.units_in(p.seq) else None),
            weighing=p.seq == weighing_seq,
        )
        for p in order.parcels
    )
    return OrderView(
        number=order.number,
        customer=order.customer,
        carrier=order.carrier,
        service=order.service,
        cutoff_at=order.cutoff_at,
        cod_amount=f"{order.cod_amount:.2f}" if order.cod_amount is not None else "",
        note=order.note,
        lines=lines,
        parcels=parcels,
        units_left=order.units_left,
        units_total=order.units_total,
    )


def bench_view(
    state: BenchState,
    boxes: list[BoxInfo],
    weighing_seq: int | None = None,
    packed: tuple[PackedParcel, ...] = (),
) -> BenchView:
    order = _order_view(state.order, boxes, weighing_seq) if state.order is not None else None
    return BenchView(
        order=order,
        last_order_number=state.last_order_number,
        weight_pending=state.pending_weight is not None,
        packed=packed,
    )


def packed_order(effects: list[Effect]) -> str | None:
    """The number of the order these effects finished, if any."""
    done = [e for e in effects if isinstance(e, Done)]
    return done[-1].order_number if done else None


def banner_for(effects: list[Effect]) -> Banner | None:
    """The one result to show big: a rejection wins, then a finished order, then the last OK."""
    rejected = [e for e in effects if isinstance(e, Rejected)]
    if rejected:
        last = rejected[-1]
        return Banner(kind_of(last.code, rejected=True), last.message, last.code)
    done = [e for e in effects if isinstance(e, Done)]
    if done:
        return Banner(DONE, done[-1].message, "done")
    accepted = [e for e in effects if isinstance(e, Accepted)]
    if accepted:
        last_ok = accepted[-1]
        return Banner(kind_of(last_ok.code, rejected=False), last_ok.message, last_ok.code)
    return None


def prompt_for(effects: list[Effect]) -> str | None:
    prompts = [e for e in effects if isinstance(e, Prompt)]
    return prompts[-1].message if prompts else None


def sounds_for(effects: list[Effect]) -> tuple[str, ...]:
    """The sounds asked for; when an order is done its own sound replaces the item's OK."""
    kinds = [e.kind.value for e in effects if isinstance(e, Sound)]
    return ("done",) if "done" in kinds else tuple(dict.fromkeys(kinds))


def weigh_request(effects: list[Effect]) -> tuple[int, int] | None:
    reads = [e for e in effects if isinstance(e, ReadScale)]
    return (reads[-1].parcel_seq, reads[-1].expected_g) if reads else None


def changed_skus(before: BenchView, after: BenchView) -> frozenset[str]:
    if before.order is None or after.order is None:
        return frozenset()
    old = {line.sku: line for line in before.order.lines}
    return frozenset(line.sku for line in after.order.lines if old.get(line.sku) != line)
