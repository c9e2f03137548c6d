"""An in-memory catalogue for driving the pure engine without a database."""

from __future__ import annotations

import copy
import datetime as dt
import itertools
import uuid
from dataclasses import dataclass, field

from station.domain import OrderStatus
from station.domain import events as ev
from station.domain.barcodes import normalize_code
from station.domain.events import Reason
from station.workflow.engine import BenchEngine
from station.workflow.io import Input, Outcome
from station.workflow.state import (
    BoxInfo,
    Context,
    LineState,
    OrderSnapshot,
    ProductInfo,
    WorkflowSettings,
)

NOW = dt.datetime(2026, 11, 23, 9, 0, tzinfo=dt.UTC)


def product(
    pid: int, sku: str, weight_g: int, ean: str, pack: tuple[str, int] | None = None, **flags: bool
) -> tuple[ProductInfo, dict[str, int]]:
    info = ProductInfo(
        id=pid,
        sku=sku,
        name=sku.title(),
        weight_g=weight_g,
        volume_mm3=100 * 100 * 50,
        bin_location=f"A-{pid:02d}",
        **flags,
    )
    codes = {normalize_code(ean): 1}
    if pack:
        codes[normalize_code(pack[0])] = pack[1]
    return info, codes


MUG = product(1, "mug", 350, "4006381333931", pack=("14006381333938", 6))
SHIRT = product(2, "shirt", 180, "036000291452")
COFFEE = product(3, "coffee", 270, "12345670", requires_lot=True)
PHONE = product(4, "phone", 200, "09501101530003", requires_serial=True)
PAN = product(5, "pan", 2900, "5901234123457")
STRANGER = product(9, "stranger", 100, "9780201379624")
PRODUCTS = [MUG, SHIRT, COFFEE, PHONE, PAN, STRANGER]

BOXES = [
    BoxInfo("BOXS", "Small", 250 * 200 * 100, 120, 5000),
    BoxInfo("BOXL", "Large", 500 * 400 * 300, 450, 20000),
]


def make_order(
    oid: int, lines: list[tuple[tuple[ProductInfo, dict[str, int]], int]], **extra: object
) -> OrderSnapshot:
    order = OrderSnapshot(
        id=oid,
        uid=uuid.UUID(int=oid),
        number=str(1000 + oid),
        status=OrderStatus.QUEUED,
        customer="Maria Rossi",
    )
    for line_id, ((info, codes), qty) in enumerate(lines, start=oid * 100):
        order.lines.append(
            LineState(
                id=line_id,
                uid=uuid.UUID(int=10_000 + line_id),
                sku=info.sku,
                name=info.name,
                quantity=qty,
                product=info,
                codes=dict(codes),
            )
        )
    for key, value in extra.items():
        setattr(order, key, value)
    return order


@dataclass
class MemoryCatalog:
    orders: dict[str, OrderSnapshot] = field(default_factory=dict)
    packed_serials: set[tuple[int, str]] = field(default_factory=set)
    leads: dict[str, str] = field(default_factory=lambda: {"9999": "giulia"})

    def add(self, order: OrderSnapshot) -> OrderSnapshot:
        self.orders[order.number] = order
        return order

    def find_order(self, code: str) -> OrderSnapshot | None:
        number = code.upper().removeprefix("ORD")
        found = self.orders.get(number)
        return copy.deepcopy(found) if found else None

    def next_order(self) -> OrderSnapshot | None:
        queued = [o for o in self.orders.values() if o.status is OrderStatus.QUEUED]
        if not queued:
            return None
        far = dt.datetime.max.replace(tzinfo=dt.UTC)
        best = min(
            queued, key=lambda o: (-self.priority.get(o.number, 0), o.cutoff_at or far, o.id)
        )
        return copy.deepcopy(best)

    priority: dict[str, int] = field(default_factory=dict)

    def product_by_code(self, key: str) -> ProductInfo | None:
        for info, codes in PRODUCTS:
            if key in codes or key == info.sku:
                return info
        return None

    def serial_packed(self, product_id: int, serial: str) -> bool:
        return (product_id, serial) in self.packed_serials

    def order_status(self, order_id: int) -> tuple[OrderStatus, Reason | None]:
        order = next(o for o in self.orders.values() if o.id == order_id)
        return order.status, order.hold

    def order_bench(self, order_id: int) -> str | None:
        order = next(o for o in self.orders.values() if o.id == order_id)
        return order.claimed_by

    def lead_for_pin(self, pin: str) -> str | None:
        return self.leads.get(pin)

    def boxes(self) -> list[BoxInfo]:
        return BOXES


class Bench:
    """The engine plus a catalogue that follows what the engine decided (claims, holds)."""

    def __init__(self, catalog: MemoryCatalog, settings: WorkflowSettings | None = None) -> None:
        self.catalog = catalog
        self.engine = BenchEngine()
        self.settings = settings or WorkflowSettings()
        self._ids = (uuid.UUID(int=n) for n in itertools.count(1))

    def feed(self, inp: Input) -> Outcome:
        ctx = Context(
            now=NOW,
            bench="bench-1",
            operator="anna",
            settings=self.settings,
            catalog=self.catalog,
            new_id=lambda: next(self._ids),
        )
        outcome = self.engine.handle(inp, ctx)
        for fact in outcome.facts:
            self._follow(fact.event)
        return outcome

    def _follow(self, event: ev.DomainEvent) -> None:
        order = next((o for o in self.catalog.orders.values() if o.uid == event.order), None)
        if order is None:
            return
        if isinstance(event, ev.OrderClaimed):
            order.status, order.claimed_by = OrderStatus.PACKING, "bench-1"
        elif isinstance(event, ev.OrderHeld):
            order.status, order.hold = OrderStatus.HELD, event.reason
        elif isinstance(event, ev.OrderPacked):
            order.status = OrderStatus.SHIPPED
        elif isinstance(event, ev.PackingAborted):
            order.status, order.claimed_by = OrderStatus.QUEUED, None
