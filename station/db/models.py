"""The local store. Order state is a projection of the event log, updated in the same
transaction as the events that change it."""

from __future__ import annotations

import datetime as dt
import uuid
from decimal import Decimal
from typing import Any

from sqlalchemy import (
    JSON,
    BigInteger,
    Boolean,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Text,
    UniqueConstraint,
    Uuid,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship

from station.db.types import Money, UTCDateTime, utcnow
from station.domain import OrderStatus, OutboxStatus
from station.domain.events import Reason
from station.domain.reasons import reason_text, stored_reason

NO_CUTOFF = dt.datetime(9999, 1, 1, tzinfo=dt.UTC)  # sorts after every real cut-off
NAMING = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING)
    type_annotation_map = {dict[str, Any]: JSON, Decimal: Money, dt.datetime: UTCDateTime}  # noqa: RUF012


class Shop(Base):
    __tablename__ = "shops"
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(80), unique=True)
    kind: Mapped[str] = mapped_column(String(20))  # woocommerce, shopify, prestashop, folder, demo
    url: Mapped[str] = mapped_column(String(500), default="")
    settings: Mapped[dict[str, Any]] = mapped_column(default=dict)  # never secrets
    pulled_until: Mapped[dt.datetime | None]
    created_at: Mapped[dt.datetime] = mapped_column(default=utcnow)


class Product(Base):
    __tablename__ = "products"
    id: Mapped[int] = mapped_column(primary_key=True)
    sku: Mapped[str] = mapped_column(String(64), unique=True)
    name: Mapped[str] = mapped_column(String(300))
    weight_g: Mapped[int] = mapped_column(default=0)
    length_mm: Mapped[int] = mapped_column(default=0)
    width_mm: Mapped[int] = mapped_column(default=0)
    height_mm: Mapped[int] = mapped_column(default=0)
    bin_location: Mapped[str] = mapped_column(String(40), default="")
    image_url: Mapped[str] = mapped_column(String(500), default="")
    requires_lot: Mapped[bool] = mapped_column(default=False)
    requires_expiry: Mapped[bool] = mapped_column(default=False)
    requires_serial: Mapped[bool] = mapped_column(default=False)
    shop_id: Mapped[int | None] = mapped_column(ForeignKey("shops.id"))
    external_id: Mapped[str] = mapped_column(String(64), default="")
    updated_at: Mapped[dt.datetime] = mapped_column(default=utcnow, onupdate=utcnow)
    barcodes: Mapped[list[ProductBarcode]] = relationship(
        back_populates="product", cascade="all, delete-orphan", order_by="ProductBarcode.id"
    )


class ProductBarcode(Base):
    """A code that identifies a product; a packaging code counts `units` at once."""

    __tablename__ = "product_barcodes"
    id: Mapped[int] = mapped_column(primary_key=True)
    product_id: Mapped[int] = mapped_column(ForeignKey("products.id", ondelete="CASCADE"))
    code: Mapped[str] = mapped_column(String(64), unique=True)  # normalised: GTIN-14 for GTINs
    units: Mapped[int] = mapped_column(default=1)
    product: Mapped[Product] = relationship(back_populates="barcodes")


class Location(Base):
    """A bin. Its walking place comes from zone, aisle, bay and level
    (`station.domain.locations`)."""

    __tablename__ = "locations"
    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(40), unique=True)  # also its barcode
    zone: Mapped[str] = mapped_column(String(16))
    aisle: Mapped[int]
    bay: Mapped[int]
    level: Mapped[int] = mapped_column(default=0)


class ProductLocation(Base):
    """Where a product is kept: its pick face, and overflow bins for when the face is empty."""

    __tablename__ = "product_locations"
    __table_args__ = (
        UniqueConstraint("product_id", "location_id", name="uq_product_locations_bin"),
    )
    id: Mapped[int] = mapped_column(primary_key=True)
    product_id: Mapped[int] = mapped_column(ForeignKey("products.id", ondelete="CASCADE"))
    location_id: Mapped[int] = mapped_column(ForeignKey("locations.id", ondelete="CASCADE"))
    role: Mapped[str] = mapped_column(String(16))  # station.domain.locations.BinRole
    location: Mapped[Location] = relationship()


class BoxType(Base):
    __tablename__ = "box_types"
    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(32), unique=True)  # also its barcode
    name: Mapped[str] = mapped_column(String(80))
    inner_length_mm: Mapped[int]
    inner_width_mm: Mapped[int]
    inner_height_mm: Mapped[int]
    tare_g: Mapped[int]
    max_weight_g: Mapped[int]


class Bench(Base):
    """A bench by name; what it last reported of itself comes from its `bench_reported` events
    (health levels `ok`, `warning`, `failed`; "" for never reported)."""

    __tablename__ = "benches"
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(80), unique=True)
    last_seen_at: Mapped[dt.datetime | None]
    reported_at: Mapped[dt.datetime | None]
    scale_health: Mapped[str] = mapped_column(String(12), default="")
    printer_health: Mapped[str] = mapped_column(String(12), default="")
    scanner_health: Mapped[str] = mapped_column(String(12), default="")
    lag_s: Mapped[int | None]  # replication lag to the hub; None on a bench on its own


class Operator(Base):
    __tablename__ = "operators"
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(80), unique=True)
    badge: Mapped[str] = mapped_column(String(64), unique=True)
    role: Mapped[str] = mapped_column(String(16))
    pin_hash: Mapped[str] = mapped_column(String(200))
    active: Mapped[bool] = mapped_column(default=True)


class Order(Base):
    __tablename__ = "orders"
    __table_args__ = (UniqueConstraint("shop_id", "external_id", name="uq_orders_shop_external"),)
    id: Mapped[int] = mapped_column(primary_key=True)  # a local row id; `uid` is global
    uid: Mapped[uuid.UUID] = mapped_column(Uuid, unique=True)
    number: Mapped[str] = mapped_column(String(40), unique=True)
    shop_id: Mapped[int | None] = mapped_column(ForeignKey("shops.id"))
    external_id: Mapped[str | None] = mapped_column(String(64))
    status: Mapped[str] = mapped_column(String(16), default=OrderStatus.QUEUED, index=True)
    priority: Mapped[int] = mapped_column(default=0)  # higher is more urgent
    cutoff_at: Mapped[dt.datetime | None]
    # The cut-off as the queue sorts it: orders without one after every real one. Projected
    # with cutoff_at, so the urgency order is a plain index scan.
    queue_cutoff: Mapped[dt.datetime] = mapped_column(default=NO_CUTOFF)
    created_at: Mapped[dt.datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[dt.datetime] = mapped_column(default=utcnow, onupdate=utcnow)
    shop_updated_at: Mapped[dt.datetime | None]
    customer_name: Mapped[str] = mapped_column(String(200), default="")
    customer_email: Mapped[str] = mapped_column(String(200), default="")
    shipping_address: Mapped[dict[str, Any]] = mapped_column(default=dict)
    billing_address: Mapped[dict[str, Any]] = mapped_column(default=dict)
    currency: Mapped[str] = mapped_column(String(3), default="EUR")
    total: Mapped[Decimal] = mapped_column(default=Decimal("0"))
    shipping_total: Mapped[Decimal] = mapped_column(default=Decimal("0"))
    payment_method: Mapped[str] = mapped_column(String(60), default="")
    shipping_method: Mapped[str] = mapped_column(String(120), default="")  # the shop's name
    cod_amount: Mapped[Decimal | None]
    carrier: Mapped[str] = mapped_column(String(20), default="")
    service: Mapped[str] = mapped_column(String(40), default="")
    customer_note: Mapped[str] = mapped_column(Text, default="")
    # Why the order is held / what is wrong with it, as a message code and its parameters.
    hold_code: Mapped[str] = mapped_column(String(60), default="")
    hold_params: Mapped[dict[str, Any]] = mapped_column(default=dict)
    problem_code: Mapped[str] = mapped_column(String(60), default="")  # e.g. unknown SKU
    problem_params: Mapped[dict[str, Any]] = mapped_column(default=dict)
    bench_id: Mapped[int | None] = mapped_column(ForeignKey("benches.id"), index=True)
    # A follow-up order: the number of the order whose backorder it ships (BackorderReleased).
    # It has no shop id of its own; the shop hears of it on that order's.
    backorder_of: Mapped[str] = mapped_column(String(40), default="")
    tote: Mapped[str] = mapped_column(
        String(32), default="", index=True
    )  # while picked, till shipped
    # The picker's batch that holds the order from its taking to the end of the route.
    pick_batch: Mapped[uuid.UUID | None] = mapped_column(Uuid, index=True)
    assigned_operator: Mapped[str] = mapped_column(String(80), default="")  # a lead's choice
    claimed_at: Mapped[dt.datetime | None]
    shipped_at: Mapped[dt.datetime | None]
    lines: Mapped[list[OrderLine]] = relationship(
        back_populates="order", cascade="all, delete-orphan", order_by="OrderLine.line_no"
    )
    parcels: Mapped[list[Parcel]] = relationship(
        back_populates="order", cascade="all, delete-orphan", order_by="Parcel.seq"
    )
    bench: Mapped[Bench | None] = relationship()
    shop: Mapped[Shop | None] = relationship()

    @property
    def hold(self) -> Reason | None:
        return stored_reason(self.hold_code, self.hold_params)

    @property
    def problem(self) -> Reason | None:
        return stored_reason(self.problem_code, self.problem_params)


# The queue's one urgency order (station.services.queue.urgency) read from an index: for the
# queue screen, and for NEXT among a bench's assigned orders or the unassigned ones.
Index(
    "ix_orders_urgency",
    Order.status,
    Order.priority.desc(),
    Order.queue_cutoff,
    Order.created_at,
    Order.id,
)
Index(
    "ix_orders_bench_urgency",
    Order.status,
    Order.bench_id,
    Order.priority.desc(),
    Order.queue_cutoff,
    Order.created_at,
    Order.id,
)


class OrderLine(Base):
    __tablename__ = "order_lines"
    id: Mapped[int] = mapped_column(primary_key=True)
    uid: Mapped[uuid.UUID] = mapped_column(Uuid, unique=True)
    order_id: Mapped[int] = mapped_column(ForeignKey("orders.id", ondelete="CASCADE"), index=True)
    line_no: Mapped[int]
    product_id: Mapped[int | None] = mapped_column(ForeignKey("products.id"))
    sku: Mapped[str] = mapped_column(String(64))
    name: Mapped[str] = mapped_column(String(300))
    quantity: Mapped[int]
    unit_price: Mapped[Decimal] = mapped_column(default=Decimal("0"))
    vat_rate: Mapped[Decimal] = mapped_column(default=Decimal("22"))
    verified_qty: Mapped[int] = mapped_column(default=0)
    short_qty: Mapped[int] = mapped_column(default=0)
    # Units the order shipped without and still owes the customer (BackorderOpened).
    backorder_qty: Mapped[int] = mapped_column(default=0)
    picked_qty: Mapped[int] = mapped_column(default=0)  # put into the order's tote
    pick_short_qty: Mapped[int] = mapped_column(default=0)  # not found at the bin when picked
    external_id: Mapped[str] = mapped_column(String(64), default="")
    order: Mapped[Order] = relationship(back_populates="lines")
    product: Mapped[Product | None] = relationship()


class Parcel(Base):
    __tablename__ = "parcels"
    # Two benches that packed one order (a warehouse cut in two) each keep their parcels.
    __table_args__ = (
        UniqueConstraint("order_id", "bench", "seq", name="uq_parcels_order_bench_seq"),
    )
    id: Mapped[int] = mapped_column(primary_key=True)
    uid: Mapped[uuid.UUID] = mapped_column(Uuid, unique=True)
    order_id: Mapped[int] = mapped_column(ForeignKey("orders.id", ondelete="CASCADE"))
    seq: Mapped[int]  # 1..N within the order (within the bench's packing, see `bench`)
    bench: Mapped[str] = mapped_column(String(80), default="")  # the bench that packed it
    box_type_id: Mapped[int | None] = mapped_column(ForeignKey("box_types.id"))
    expected_weight_g: Mapped[int | None]
    measured_weight_g: Mapped[int | None]
    weight_override_by: Mapped[str] = mapped_column(String(80), default="")
    carrier: Mapped[str] = mapped_column(String(20), default="")
    service: Mapped[str] = mapped_column(String(40), default="")
    tracking_number: Mapped[str | None] = mapped_column(String(64), unique=True)
    label_path: Mapped[str] = mapped_column(String(500), default="")
    # Left the bench with an internal label; the carrier's label follows when it answers.
    label_pending: Mapped[bool] = mapped_column(default=False)
    created_at: Mapped[dt.datetime] = mapped_column(default=utcnow)
    order: Mapped[Order] = relationship(back_populates="parcels")
    box_type: Mapped[BoxType | None] = relationship()


class PackedUnit(Base):
    """Units verified by one accepted scan, with what the code told (lot, expiry, serial)."""

    __tablename__ = "packed_units"
    id: Mapped[int] = mapped_column(primary_key=True)
    event_id: Mapped[uuid.UUID] = mapped_column(Uuid, unique=True)
    order_id: Mapped[int] = mapped_column(ForeignKey("orders.id", ondelete="CASCADE"), index=True)
    line_id: Mapped[int] = mapped_column(ForeignKey("order_lines.id", ondelete="CASCADE"))
    parcel_seq: Mapped[int]
    quantity: Mapped[int]
    code: Mapped[str] = mapped_column(String(200))
    lot: Mapped[str | None] = mapped_column(String(40))
    expiry: Mapped[dt.date | None]
    serial: Mapped[str | None] = mapped_column(String(40), index=True)
    product_id: Mapped[int | None] = mapped_column(ForeignKey("products.id"))
    undone: Mapped[bool] = mapped_column(Boolean, default=False)


class Event(Base):
    """The append-only log. `seq` orders events locally; `id` identifies them everywhere.

    `type` and `version` name the event's class and schema (`station.domain.events`); `order_uid`
    is the order it is about. Events of version 0 come from a release before typed events and
    are kept for the record only: an `order_carried_over` event holds what they amounted to.
    """

    __tablename__ = "events"
    seq: Mapped[int] = mapped_column(
        BigInteger().with_variant(Integer, "sqlite"), primary_key=True, autoincrement=True
    )
    id: Mapped[uuid.UUID] = mapped_column(Uuid, unique=True)
    at: Mapped[dt.datetime] = mapped_column(index=True)  # the report's and the board's window
    type: Mapped[str] = mapped_column(String(40), index=True)
    version: Mapped[int] = mapped_column(default=1)
    bench: Mapped[str] = mapped_column(String(80), default="")
    operator: Mapped[str] = mapped_column(String(80), default="")
    order_uid: Mapped[uuid.UUID | None] = mapped_column(Uuid, index=True)
    payload: Mapped[dict[str, Any]] = mapped_column(default=dict)


# A bench's latest events (the lead's board: last heard, last scan) without reading the day.
Index("ix_events_bench_at", Event.bench, Event.at)


class OutboxEntry(Base):
    """Something the shop must be told. `key` makes the push idempotent across retries."""

    __tablename__ = "outbox"
    __table_args__ = (Index("ix_outbox_due", "status", "next_attempt_at"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    key: Mapped[str] = mapped_column(String(100), unique=True)
    kind: Mapped[str] = mapped_column(String(30))
    shop_id: Mapped[int] = mapped_column(ForeignKey("shops.id"))
    order_id: Mapped[int] = mapped_column(ForeignKey("orders.id"))
    payload: Mapped[dict[str, Any]] = mapped_column(default=dict)
    status: Mapped[str] = mapped_column(String(12), default=OutboxStatus.PENDING)
    attempts: Mapped[int] = mapped_column(default=0)
    next_attempt_at: Mapped[dt.datetime] = mapped_column(default=utcnow)
    # What the shop answered last, as a message code and its parameters ('' while all is well).
    last_error: Mapped[str] = mapped_column(Text, default="")
    last_error_params: Mapped[dict[str, Any]] = mapped_column(default=dict)
    created_at: Mapped[dt.datetime] = mapped_column(default=utcnow)
    sent_at: Mapped[dt.datetime | None]

    @property
    def error(self) -> Reason | None:
        return stored_reason(self.last_error, self.last_error_params)

    def error_text(self, language: str = "en") -> str:
        return reason_text(self.error, language)


class Counter(Base):
    """Gap-free number series (tracking ranges, invoices), advanced inside a transaction."""

    __tablename__ = "counters"
    name: Mapped[str] = mapped_column(String(80), primary_key=True)
    value: Mapped[int] = mapped_column(BigInteger().with_variant(Integer, "sqlite"), default=0)
