"""What the bench engine knows: the open order as packed so far, and the catalogue port."""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Protocol

from station.domain import OrderStatus
from station.domain.events import Reason


@dataclass(frozen=True)
class ProductInfo:
    id: int
    sku: str
    name: str
    weight_g: int = 0
    volume_mm3: int = 0
    bin_location: str = ""  # as the shop words it
    image_url: str = ""
    requires_lot: bool = False
    requires_expiry: bool = False
    requires_serial: bool = False
    pick_bin: str = ""  # its pick face, when the bins are known (`station locations`)


@dataclass(frozen=True)
class BoxInfo:
    code: str
    name: str
    volume_mm3: int
    tare_g: int
    max_weight_g: int


@dataclass
class LineState:
    id: int
    uid: uuid.UUID
    sku: str
    name: str
    quantity: int
    product: ProductInfo | None
    codes: dict[str, int]  # lookup key -> units it counts
    verified: int = 0
    short: int = 0
    picked: int = 0  # put into the order's tote by a picker (the packer still verifies each)

    @property
    def remaining(self) -> int:
        return self.quantity - self.verified - self.short


@dataclass(frozen=True)
class PackedUnits:
    """One accepted scan, kept so that UNDO can take it back."""

    event_id: uuid.UUID
    line_id: int
    quantity: int
    parcel_seq: int
    serial: str | None = None


@dataclass
class ParcelState:
    seq: int
    box_code: str | None = None
    measured_g: int | None = None
    expected_g: int | None = None

    @property
    def weighed(self) -> bool:
        return self.measured_g is not None


@dataclass
class OrderSnapshot:
    id: int
    uid: uuid.UUID
    number: str
    status: OrderStatus
    customer: str = ""
    carrier: str = ""
    service: str = ""
    cod_amount: Decimal | None = None
    cutoff_at: dt.datetime | None = None
    note: str = ""
    hold: Reason | None = None
    claimed_by: str | None = None
    lines: list[LineState] = field(default_factory=list)
    parcels: list[ParcelState] = field(default_factory=list)
    units: list[PackedUnits] = field(default_factory=list)
    cutoff_warned: bool = False

    def line(self, line_id: int) -> LineState:
        return next(line for line in self.lines if line.id == line_id)

    @property
    def units_total(self) -> int:
        return sum(line.quantity for line in self.lines)

    @property
    def units_left(self) -> int:
        return sum(line.remaining for line in self.lines)

    @property
    def current_parcel(self) -> ParcelState:
        return self.parcels[-1]

    def parcel(self, seq: int) -> ParcelState:
        return next(p for p in self.parcels if p.seq == seq)

    def units_in(self, seq: int) -> list[PackedUnits]:
        return [u for u in self.units if u.parcel_seq == seq]


@dataclass(frozen=True)
class PendingWeight:
    parcel_seq: int
    measured_g: int
    expected_g: int


@dataclass(frozen=True)
class PendingLearn:
    """An unknown code the operator says belongs to a line, waiting for a lead's PIN."""

    code: str
    line_id: int


# Why units are short, as the operator scans it: the word, and its message code.
SHORT_REASONS: dict[str, str] = {
    "OUT": "short_out_of_stock",
    "DAMAGED": "short_damaged",
    "NOTFOUND": "short_not_found",
}


@dataclass(frozen=True)
class PendingShort:
    """SHORT asked, not done yet: the units it would mark missing (line id -> units), the
    reason once scanned, and whether the operator confirmed (then a lead's PIN is awaited)."""

    units: tuple[tuple[int, int], ...]
    reason: str = ""  # a key of SHORT_REASONS
    confirmed: bool = False


@dataclass
class BenchState:
    order: OrderSnapshot | None = None
    pending_weight: PendingWeight | None = None
    unknown_code: str | None = None  # the last code no product had, for LEARN
    pending_learn: PendingLearn | None = None
    pending_short: PendingShort | None = None
    pending_release: str | None = None  # RELEASE N: the order a lead's PIN would release
    # The last order this bench packed (only packed: REPRINT prints its labels).
    last_order_id: int | None = None
    last_order_number: str = ""
    at_bin: str | None = None  # picking: the bin whose label was scanned last


@dataclass(frozen=True)
class WorkflowSettings:
    tolerance_g: int = 50
    tolerance_pct: float = 5.0
    short_policy: str = "ship"  # or "hold"
    short_needs_lead: bool = False  # a lead's PIN approves each short
    pick_bin_scan: bool = False  # walking order; scan each bin's label, then its item
    trust_pick: bool = False  # pack-out from a tote counts its picked units as packed
    language: str = "en"


class Catalog(Protocol):
    """What the engine may look up. Implemented over the database by the services."""

    def find_order(self, code: str) -> OrderSnapshot | None: ...
    def next_order(self) -> OrderSnapshot | None: ...
    def product_by_code(self, key: str) -> ProductInfo | None: ...
    def serial_packed(self, product_id: int, serial: str) -> bool: ...
    def order_status(self, order_id: int) -> tuple[OrderStatus, Reason | None]: ...
    def order_bench(self, order_id: int) -> str | None:
        """The bench the order is at (claimed or assigned), None when it is no bench's."""

    def lead_for_pin(self, pin: str) -> str | None: ...
    def boxes(self) -> list[BoxInfo]: ...


@dataclass(frozen=True)
class Context:
    now: dt.datetime
    bench: str
    operator: str
    settings: WorkflowSettings
    catalog: Catalog
    new_id: Callable[[], uuid.UUID]
