"""`station db verify`: replay the event log into a scratch database and compare it with the
live tables.

The scratch database gets the reference data the log does not hold (shops, products and their
barcodes, boxes, staff, benches) and then every event in log order, through the same projector
the live path uses. Then orders, lines, parcels, packed units, holds, the outbox, invoices and
counters are compared, each row by its global identity. Times a row keeps for its own bookkeeping
(`updated_at`, a retry's next attempt) are not compared.
"""

from __future__ import annotations

import tempfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy import Table, select
from sqlalchemy.orm import Session, selectinload

from station.db.engine import Database, sqlite_url
from station.db.invoices import Invoice
from station.db.migrate import upgrade
from station.db.models import (
    Base,
    Counter,
    Event,
    Order,
    OrderLine,
    OutboxEntry,
    PackedUnit,
    Parcel,
)
from station.domain.events import Recorded, decode
from station.services.projection import project_all

# Copied as they are: the log refers to them by name or code, it does not create them.
REFERENCE_TABLES = (
    "shops",
    "products",
    "product_barcodes",
    "locations",
    "product_locations",
    "box_types",
    "operators",
    "benches",
)
BATCH = 500


@dataclass(frozen=True)
class Difference:
    order: str  # the order number, or the table for rows that belong to no order
    what: str

    def __str__(self) -> str:
        return f"{self.order}: {self.what}"


def verify(db: Database, scratch_dir: Path | None = None) -> list[Difference]:
    """Every difference between the live tables and a replay of the log (empty: none)."""
    with tempfile.TemporaryDirectory(dir=scratch_dir) as tmp:
        scratch = Database(sqlite_url(Path(tmp) / "replay.db"))
        try:
            upgrade(scratch)
            _copy_reference(db, scratch)
            replay(db, scratch)
            with db.read() as live, scratch.read() as again:
                return compare(live, again)
        finally:
            scratch.engine.dispose()


def _copy_reference(source: Database, target: Database) -> None:
    with source.engine.connect() as src, target.engine.begin() as dst:
        for name in REFERENCE_TABLES:
            table = Base.metadata.tables[name]
            assert isinstance(table, Table)
            rows = [dict(row) for row in src.execute(select(table)).mappings()]
            if rows:
                dst.execute(table.insert(), rows)


def stored_events(db: Database) -> Iterator[Recorded]:
    """The log in order, as typed events; rows of schema version 0 are an older release's
    record, carried over by `order_carried_over` events."""
    last = 0
    while True:
        with db.read() as session:
            rows = list(
                session.scalars(
                    select(Event)
                    .where(Event.seq > last, Event.version > 0)
                    .order_by(Event.seq)
                    .limit(BATCH)
                )
            )
        if not rows:
            return
        for row in rows:
            yield Recorded(
                row.id, row.at, row.bench, row.operator, decode(row.type, row.version, row.payload)
            )
        last = rows[-1].seq


def replay(source: Database, target: Database) -> int:
    """Project `source`'s log into `target`; returns the number of events."""
    batch: list[Recorded] = []
    count = 0
    for rec in stored_events(source):
        batch.append(rec)
        if len(batch) >= BATCH:
            count += _project(target, batch)
            batch = []
    return count + _project(target, batch)


def _project(target: Database, batch: list[Recorded]) -> int:
    if batch:
        with target.write() as session:
            project_all(session, batch)
    return len(batch)


# --- comparing -----------------------------------------------------------------------------------

_ORDER_FIELDS = (
    "number",
    "external_id",
    "status",
    "priority",
    "cutoff_at",
    "created_at",
    "shop_updated_at",
    "customer_name",
    "customer_email",
    "shipping_address",
    "billing_address",
    "currency",
    "total",
    "shipping_total",
    "payment_method",
    "cod_amount",
    "carrier",
    "service",
    "customer_note",
    "hold_code",
    "hold_params",
    "problem_code",
    "problem_params",
    "assigned_operator",
    "claimed_at",
    "shipped_at",
    "tote",
    "pick_batch",
    "backorder_of",
)
_LINE_FIELDS = (
    "line_no",
    "sku",
    "name",
    "quantity",
    "unit_price",
    "vat_rate",
    "verified_qty",
    "short_qty",
    "backorder_qty",
    "picked_qty",
    "pick_short_qty",
    "external_id",
)
_PARCEL_FIELDS = (
    "seq",
    "expected_weight_g",
    "measured_weight_g",
    "weight_override_by",
    "carrier",
    "service",
    "tracking_number",
    "label_path",
)
_UNIT_FIELDS = ("parcel_seq", "quantity", "code", "lot", "expiry", "serial", "undone")
_OUTBOX_FIELDS = ("kind", "payload", "status", "created_at", "sent_at")


Snapshot = dict[str, dict[Any, dict[str, Any]]]  # what -> key -> field -> value


def snapshot(session: Session) -> tuple[dict[Any, str], Snapshot]:
    """The projected state, each row under its global key: order numbers by uid, and rows."""
    orders = _orders(session)
    snap: Snapshot = {"order": {}, "line": {}, "parcel": {}, "packed unit": {}, "outbox entry": {}}
    for uid, order in orders.items():
        snap["order"][uid] = _order_view(order)
        snap["line"].update({(uid, ln.uid): _line_view(ln) for ln in order.lines})
        snap["parcel"].update({(uid, p.seq): _parcel_view(p) for p in order.parcels})
        snap["packed unit"].update({(uid, k): v for k, v in _units(session, order).items()})
        snap["outbox entry"].update({(uid, k): v for k, v in _outbox(session, order).items()})
    snap["invoice"] = _invoices(session)
    snap["counter"] = _counters(session)
    return {uid: order.number for uid, order in orders.items()}, snap


def compare(live: Session, replayed: Session) -> list[Difference]:
    numbers, a = snapshot(live)
    more, b = snapshot(replayed)
    return differences(a, b, {**more, **numbers})


def differences(a: Snapshot, b: Snapshot, numbers: dict[Any, str]) -> list[Difference]:
    found: list[Difference] = []
    for what in a:
        for key in sorted(set(a[what]) | set(b[what]), key=str):
            order_uid, row = key if isinstance(key, tuple) else (key, None)
            owner = numbers.get(order_uid, what + "s")
            label = what if row is None and what == "order" else f"{what} {row or key}"
            if key not in b[what]:
                found.append(Difference(owner, f"{label} missing from the replay"))
            elif key not in a[what]:
                found.append(Difference(owner, f"{label} only in the replay"))
            else:
                found += _differ(owner, label, a[what][key], b[what][key])
    return found


def _orders(session: Session) -> dict[Any, Order]:
    query = select(Order).options(
        selectinload(Order.lines).selectinload(OrderLine.product),
        selectinload(Order.parcels).selectinload(Parcel.box_type),
        selectinload(Order.bench),
        selectinload(Order.shop),
    )
    return {order.uid: order for order in session.scalars(query)}


def _fields(row: Any, names: tuple[str, ...]) -> dict[str, Any]:
    return {name: getattr(row, name) for name in names}


def _differ(
    number: str, what: str, left: dict[str, Any], right: dict[str, Any]
) -> list[Difference]:
    return [
        Difference(number, f"{what} {key}: live {left[key]!r}, replayed {right[key]!r}")
        for key in left
        if left[key] != right.get(key)
    ]


def _order_view(order: Order) -> dict[str, Any]:
    view = _fields(order, _ORDER_FIELDS)
    view["shop"] = order.shop.name if order.shop else None
    view["bench"] = order.bench.name if order.bench else None
    return view


def _line_view(line: OrderLine) -> dict[str, Any]:
    view = _fields(line, _LINE_FIELDS)
    view["product"] = line.product.sku if line.product else None
    return view


def _parcel_view(parcel: Parcel) -> dict[str, Any]:
    view = _fields(parcel, _PARCEL_FIELDS)
    view["uid"] = parcel.uid
    view["box"] = parcel.box_type.code if parcel.box_type else None
    return view


def _units(session: Session, order: Order) -> dict[Any, dict[str, Any]]:
    lines = {line.id: line.uid for line in order.lines}
    units = session.scalars(select(PackedUnit).where(PackedUnit.order_id == order.id))
    return {u.event_id: {**_fields(u, _UNIT_FIELDS), "line": lines.get(u.line_id)} for u in units}


def _outbox(session: Session, order: Order) -> dict[Any, dict[str, Any]]:
    entries = session.scalars(select(OutboxEntry).where(OutboxEntry.order_id == order.id))
    return {e.key: _fields(e, _OUTBOX_FIELDS) for e in entries}


def _invoices(session: Session) -> dict[Any, dict[str, Any]]:
    rows = session.execute(select(Invoice, Order.number).join(Order, Order.id == Invoice.order_id))
    return {
        inv.number: {**_fields(inv, ("series", "seq", "issue_date")), "order": number}
        for inv, number in rows
    }


def _counters(session: Session) -> dict[Any, dict[str, Any]]:
    return {c.name: {"value": c.value} for c in session.scalars(select(Counter))}
