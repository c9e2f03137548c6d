"""The one projector: turns every event into table state, live and on replay alike.

A handler reads nothing but its event and the tables: no clock (times come from the event's
envelope), no settings, no local ids from elsewhere, so replaying the log into an empty database
gives back the same orders, lines, parcels, holds and outbox.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable, Iterable, Sequence
from typing import Any, TypeVar

from sqlalchemy import delete, select, update
from sqlalchemy.orm import Session

from station.db.invoices import Invoice
from station.db.models import (
    Bench,
    Counter,
    Order,
    OrderLine,
    OutboxEntry,
    PackedUnit,
    Parcel,
    Product,
    ProductBarcode,
)
from station.domain import OrderStatus, OutboxKind, OutboxStatus
from station.domain import events as ev
from station.printing.archive import relative_path
from station.services import projection_import
from station.services.projection_import import bench_id, box_by_code, set_hold, set_problem

E = TypeVar("E", bound=ev.DomainEvent)
Handler = Callable[[Session, Order, ev.Recorded, Any], None]
_HANDLERS: dict[type[ev.DomainEvent], Handler] = {}
_WITHOUT_ORDER: dict[type[ev.DomainEvent], Callable[[Session, ev.Recorded, Any], None]] = {}


def parcel_uid(event_id: uuid.UUID, seq: int) -> uuid.UUID:
    """A parcel's uid, from the event that opened it: the same on every replay."""
    return uuid.uuid5(event_id, str(seq))


def project_all(session: Session, recs: Sequence[ev.Recorded]) -> None:
    """Apply events in order; consecutive imports go to the tables in one bulk write, and the
    orders the other events are about are read in one query."""
    _prefetch(session, {r.event.order for r in recs if type(r.event) in _HANDLERS} - {None})
    batch: list[ev.Recorded] = []
    for rec in recs:
        if isinstance(rec.event, ev.OrderImported):
            batch.append(rec)
            continue
        if batch:
            projection_import.insert_imported(session, batch)
            batch = []
        project(session, rec)
    if batch:
        projection_import.insert_imported(session, batch)


def project(session: Session, rec: ev.Recorded) -> None:
    kind = type(rec.event)
    if kind is ev.OrderImported:
        projection_import.insert_imported(session, [rec])
        return
    if kind is ev.OrderCarriedOver:
        projection_import.carry_over(session, rec)
        return
    without = _WITHOUT_ORDER.get(kind)
    if without is not None:
        without(session, rec, rec.event)
        return
    handler = _HANDLERS.get(kind)
    if handler is None or rec.event.order is None:
        return  # a fact for the record only (a rejected scan, a sign-in, a print)
    order = order_by_uid(session, rec.event.order)
    handler(session, order, rec, rec.event)


def order_by_uid(session: Session, uid: uuid.UUID) -> Order:
    """The order an event is about, from this session's orders when it has it already."""
    known = _known(session)
    order = known.get(uid)
    if order is None:
        order = session.scalar(select(Order).where(Order.uid == uid))
        if order is None:
            raise LookupError(f"event for an order not in this database ({uid})")
        known[uid] = order
    return order


def remember(session: Session, orders: Iterable[Order]) -> None:
    """Orders a caller has loaded already (e.g. a page of shop updates): no second read."""
    _known(session).update((order.uid, order) for order in orders)


def _known(session: Session) -> dict[uuid.UUID, Order]:
    known: dict[uuid.UUID, Order] = session.info.setdefault("orders_by_uid", {})
    return known


def _prefetch(session: Session, uids: set[uuid.UUID | None]) -> None:
    wanted = [uid for uid in uids if uid is not None and uid not in _known(session)]
    if len(wanted) > 1:
        remember(session, session.scalars(select(Order).where(Order.uid.in_(wanted))))


def _on(kind: type[E]) -> Callable[[Callable[[Session, Order, ev.Recorded, E], None]], Any]:
    def register(fn: Callable[[Session, Order, ev.Recorded, E], None]) -> Any:
        _HANDLERS[kind] = fn
        return fn

    return register


def _on_log(kind: type[E]) -> Callable[[Callable[[Session, ev.Recorded, E], None]], Any]:
    def register(fn: Callable[[Session, ev.Recorded, E], None]) -> Any:
        _WITHOUT_ORDER[kind] = fn
        return fn

    return register


def _parcel(order: Order, seq: int, rec: ev.Recorded) -> Parcel:
    found = _find_parcel(order, seq, rec)
    if found is None:
        found = Parcel(
            uid=parcel_uid(rec.id, seq),
            seq=seq,
            bench=rec.bench,
            carrier=order.carrier,
            service=order.service,
            created_at=rec.at,
        )
        order.parcels.append(found)
    return found


def _find_parcel(order: Order, seq: int, rec: ev.Recorded) -> Parcel | None:
    """The parcel `seq` of the packing `rec` belongs to. An order shipped by another bench is
    being packed a second time (two benches each packed it, cut off from each other): that
    bench's parcels are rows of their own, so both packings keep what they made."""
    numbered = [p for p in order.parcels if p.seq == seq]
    own = next((p for p in numbered if p.bench == rec.bench), None)
    if own is not None or not numbered:
        return own
    if order.status == OrderStatus.SHIPPED and rec.bench and numbered[0].bench:
        return None
    return numbered[0]


def _existing_parcel(order: Order, seq: int, rec: ev.Recorded) -> Parcel:
    found = _find_parcel(order, seq, rec)
    if found is None:
        raise LookupError(f"no parcel {seq} of order {order.number} for {rec.bench or '-'}")
    return found


def _packing(order: Order, rec: ev.Recorded) -> list[Parcel]:
    """The parcels of the packing `rec` belongs to (every parcel unless two benches packed)."""
    own = [p for p in order.parcels if p.bench == rec.bench]
    return own if own and len(own) < len(order.parcels) else list(order.parcels)


def _line(order: Order, uid: uuid.UUID) -> OrderLine:
    return next(line for line in order.lines if line.uid == uid)


def advance_counter(session: Session, name: str, value: int) -> None:
    """A series is at least where the event says (numbers taken are never handed out again)."""
    counter = session.get(Counter, name)
    if counter is None:
        session.add(Counter(name=name, value=value))
    elif counter.value < value:
        counter.value = value
    session.flush()


# --- shop sync -----------------------------------------------------------------------------------


@_on(ev.OrderUpdatedByShop)
def _updated_by_shop(s: Session, order: Order, rec: ev.Recorded, e: ev.OrderUpdatedByShop) -> None:
    order.shop_updated_at = e.shop_updated_at
    if e.details is not None:
        projection_import.apply_details(order, e.details)
    if e.lines is not None:
        order.lines.clear()
        s.flush()
        products = projection_import.product_ids(s, {line.sku for line in e.lines})
        for row in projection_import.line_rows(order.id, e.lines, products):
            row.pop("order_id")
            order.lines.append(OrderLine(**row))
    if e.details is not None or e.lines is not None:
        order.updated_at = rec.at


@_on(ev.OrderCancelledByShop)
def _cancelled(s: Session, order: Order, rec: ev.Recorded, e: ev.OrderCancelledByShop) -> None:
    order.status = OrderStatus.CANCELLED
    projection_picking.free_tote(order)
    order.updated_at = rec.at


@_on(ev.OrderFlagged)
def _flagged(s: Session, order: Order, rec: ev.Recorded, e: ev.OrderFlagged) -> None:
    set_problem(order, e.problem)
    # A product that arrived since the import: its lines now know it.
    products = projection_import.product_ids(s, {line.sku for line in order.lines})
    for line in order.lines:
        if line.product_id is None and line.sku in products:
            line.product_id = products[line.sku]
    order.updated_at = rec.at


# --- holds and leads -----------------------------------------------------------------------------


@_on(ev.OrderHeld)
def _held(s: Session, order: Order, rec: ev.Recorded, e: ev.OrderHeld) -> None:
    if order.status not in (OrderStatus.CANCELLED, OrderStatus.SHIPPED):
        order.status = OrderStatus.HELD
    set_hold(order, e.reason)
    order.bench_id = None
    projection_picking.free_tote(order)
    order.updated_at = rec.at


@_on(ev.OrderReleased)
def _released(s: Session, order: Order, rec: ev.Recorded, e: ev.OrderReleased) -> None:
    if order.status == OrderStatus.HELD:
        order.status = OrderStatus.QUEUED
    set_hold(order, None)
    order.updated_at = rec.at


@_on(ev.OrderReassigned)
def _reassigned(s: Session, order: Order, rec: ev.Recorded, e: ev.OrderReassigned) -> None:
    if order.status == OrderStatus.SHIPPED:
        return  # packed and labelled at a bench cut off from the lead: the parcel wins
    if order.status == OrderStatus.PACKING:
        order.status = OrderStatus.QUEUED
        order.claimed_at = None
    order.bench_id = bench_id(s, e.bench)
    order.assigned_operator = e.operator or ""
    order.updated_at = rec.at


@_on(ev.PriorityChanged)
def _priority(s: Session, order: Order, rec: ev.Recorded, e: ev.PriorityChanged) -> None:
    order.priority = e.priority
    order.updated_at = rec.at


# --- the bench -----------------------------------------------------------------------------------


@_on(ev.OrderClaimed)
def _claimed(s: Session, order: Order, rec: ev.Recorded, e: ev.OrderClaimed) -> None:
    if order.status == OrderStatus.SHIPPED:
        return  # a second bench packed it too (a warehouse cut in two): the first stays shipped
    order.status = OrderStatus.PACKING
    order.bench_id = bench_id(s, e.bench)
    order.claimed_at = rec.at
    _parcel(order, 1, rec)


@_on(ev.OrderLeased)
def _leased(s: Session, order: Order, rec: ev.Recorded, e: ev.OrderLeased) -> None:
    """Only a queued order changes hands: one opened or shipped meanwhile stays as it is."""
    if order.status == OrderStatus.QUEUED:
        order.bench_id = bench_id(s, e.bench)
        order.updated_at = rec.at


@_on(ev.UnitsVerified)
def _verified(s: Session, order: Order, rec: ev.Recorded, e: ev.UnitsVerified) -> None:
    line = _line(order, e.line)
    s.add(
        PackedUnit(
            event_id=rec.id,
            order_id=order.id,
            line_id=line.id,
            parcel_seq=e.parcel_seq,
            quantity=e.quantity,
            code=e.code[:200],
            lot=e.lot,
            expiry=e.expiry,
            serial=e.serial,
            product_id=line.product_id,
        )
    )
    line.verified_qty += e.quantity
    _parcel(order, e.parcel_seq, rec)


@_on(ev.ScanUndone)
def _undone(s: Session, order: Order, rec: ev.Recorded, e: ev.ScanUndone) -> None:
    s.execute(update(PackedUnit).where(PackedUnit.event_id == e.undone_event).values(undone=True))
    _line(order, e.line).verified_qty -= e.quantity


@_on(ev.ParcelOpened)
def _parcel_opened(s: Session, order: Order, rec: ev.Recorded, e: ev.ParcelOpened) -> None:
    _parcel(order, e.parcel_seq, rec)


@_on(ev.BoxChosen)
def _box_chosen(s: Session, order: Order, rec: ev.Recorded, e: ev.BoxChosen) -> None:
    _parcel(order, e.parcel_seq, rec).box_type = box_by_code(s, e.box)


@_on(ev.UnitsShorted)
def _shorted(s: Session, order: Order, rec: ev.Recorded, e: ev.UnitsShorted) -> None:
    for shorted in e.lines:
        _line(order, shorted.line).short_qty += shorted.quantity


@_on(ev.BackorderOpened)
def _backorder(s: Session, order: Order, rec: ev.Recorded, e: ev.BackorderOpened) -> None:
    for owed in e.lines:
        _line(order, owed.line).backorder_qty += owed.quantity


@_on(ev.ParcelWeighed)
def _weighed(s: Session, order: Order, rec: ev.Recorded, e: ev.ParcelWeighed) -> None:
    parcel = _parcel(order, e.parcel_seq, rec)
    parcel.measured_weight_g = e.measured_g
    parcel.expected_weight_g = e.expected_g
    parcel.weight_override_by = e.override_by
    if e.box:
        parcel.box_type = box_by_code(s, e.box)


@_on(ev.CodeLearnt)
def _learnt(s: Session, order: Order, rec: ev.Recorded, e: ev.CodeLearnt) -> None:
    """The code joins the product's barcodes, for every order and bench from now on."""
    taken = s.scalar(select(ProductBarcode).where(ProductBarcode.code == e.code))
    product = s.scalar(select(Product.id).where(Product.sku == e.sku))
    if taken is None and product is not None:
        s.add(ProductBarcode(product_id=product, code=e.code, units=1))


@_on(ev.PackingAborted)
def _aborted(s: Session, order: Order, rec: ev.Recorded, e: ev.PackingAborted) -> None:
    """ABORT: the items go back to the shelf, so the order starts again from nothing."""
    if order.status == OrderStatus.PACKING:
        order.status = OrderStatus.QUEUED
    order.bench_id = None
    order.claimed_at = None
    s.execute(update(PackedUnit).where(PackedUnit.order_id == order.id).values(undone=True))
    for line in order.lines:
        line.verified_qty = 0
        line.short_qty = 0
    projection_picking.free_tote(order)
    order.parcels.clear()
    s.flush()
    s.execute(delete(Parcel).where(Parcel.order_id == order.id))


@_on(ev.OrderPacked)
def _packed(s: Session, order: Order, rec: ev.Recorded, e: ev.OrderPacked) -> None:
    """Boxes opened but left empty are not parcels."""
    for empty in [p for p in _packing(order, rec) if p.seq not in e.parcels]:
        order.parcels.remove(empty)
    s.flush()


# --- labels and shipping -------------------------------------------------------------------------


@_on(ev.LabelCreated)
def _label(s: Session, order: Order, rec: ev.Recorded, e: ev.LabelCreated) -> None:
    parcel = _existing_parcel(order, e.parcel_seq, rec)
    parcel.tracking_number = e.tracking_number
    parcel.carrier = e.carrier
    parcel.service = e.service
    parcel.label_path = str(relative_path(e.document, "pdf"))  # under the home
    parcel.label_pending = False
    for name, value in e.counters.items():
        advance_counter(s, name, value)


@_on(ev.LabelPending)
def _label_pending(s: Session, order: Order, rec: ev.Recorded, e: ev.LabelPending) -> None:
    parcel = _existing_parcel(order, e.parcel_seq, rec)
    parcel.carrier = e.carrier
    parcel.service = e.service
    parcel.label_path = str(relative_path(e.document, "pdf"))
    parcel.label_pending = True
    for name, value in e.counters.items():
        advance_counter(s, name, value)


@_on(ev.OrderShipped)
def _shipped(s: Session, order: Order, rec: ev.Recorded, e: ev.OrderShipped) -> None:
    order.status = OrderStatus.SHIPPED
    order.shipped_at = rec.at
    order.bench_id = None
    order.tote = ""  # the tote is free for the next batch
    order.pick_batch = None
    if order.shop_id is None or any(p.label_pending for p in _packing(order, rec)):
        return  # the shop hears of it with the carrier's numbers (OrderShipped again)
    entries = s.execute(
        select(OutboxEntry.key, OutboxEntry.payload).where(OutboxEntry.order_id == order.id)
    ).all()
    existing = {key for key, _ in entries}
    told = {payload.get("tracking_number") for _, payload in entries} - {None}
    for parcel in e.parcels:
        key = parcel_key(order.number, parcel.parcel_seq, rec.bench)
        # Both benches' numbers go to the shop when two packed the order: two parcels are on
        # their way to the customer. Each number once, whatever the key an older release gave.
        if key not in existing and parcel.tracking_number not in told:
            payload: dict[str, Any] = {
                "parcel_seq": parcel.parcel_seq,
                "tracking_number": parcel.tracking_number,
                "carrier": parcel.carrier,
                "service": parcel.service,
                "weight_g": parcel.weight_g,
                "line_items": [
                    {"sku": i.sku, "external_id": i.external_id, "quantity": i.quantity}
                    for i in parcel.items
                ],
            }
            _outbox(s, order, rec, key, OutboxKind.PARCEL_SHIPPED, payload)
    key = f"{OutboxKind.ORDER_SHIPPED}:{order.number}"
    if key not in existing:
        shipped: dict[str, Any] = {
            "tracking_numbers": [p.tracking_number for p in e.parcels],
            "carrier": e.parcels[0].carrier if e.parcels else "",
        }
        owed = [
            {"sku": ln.sku, "external_id": ln.external_id, "quantity": ln.backorder_qty}
            for ln in order.lines
            if ln.backorder_qty
        ]
        if owed:  # what the shop should know it still owes the customer
            shipped["backorder"] = owed
        _outbox(s, order, rec, key, OutboxKind.ORDER_SHIPPED, shipped)


def parcel_key(number: str, seq: int, bench: str) -> str:
    """An outbox key of a parcel: the same on every bench's replica, whichever packing of the
    order reached it first (the outbox's keys are at most 100 characters)."""
    key = f"{OutboxKind.PARCEL_SHIPPED}:{number}:{seq}"
    if not bench:
        return key
    if len(key) + 1 + len(bench) > 100:
        bench = uuid.uuid5(uuid.NAMESPACE_OID, bench).hex
    return f"{key}@{bench}"


def _outbox(
    s: Session, order: Order, rec: ev.Recorded, key: str, kind: OutboxKind, payload: dict[str, Any]
) -> None:
    assert order.shop_id is not None
    s.add(
        OutboxEntry(
            key=key,
            kind=kind,
            shop_id=order.shop_id,
            order_id=order.id,
            payload=payload,
            created_at=rec.at,
            next_attempt_at=rec.at,
        )
    )


def _entry(s: Session, key: str) -> OutboxEntry | None:
    return s.scalar(select(OutboxEntry).where(OutboxEntry.key == key))


@_on_log(ev.ShopUpdateSent)
def _sent(s: Session, rec: ev.Recorded, e: ev.ShopUpdateSent) -> None:
    entry = _entry(s, e.key)
    if entry is not None:
        entry.status, entry.sent_at = OutboxStatus.SENT, rec.at
        entry.last_error, entry.last_error_params = "", {}


@_on_log(ev.ShopUpdateParked)
def _parked(s: Session, rec: ev.Recorded, e: ev.ShopUpdateParked) -> None:
    entry = _entry(s, e.key)
    if entry is not None:
        entry.status = OutboxStatus.PARKED
        entry.last_error, entry.last_error_params = e.reason.code, dict(e.reason.params)


@_on_log(ev.ShopUpdateRetried)
def _retried(s: Session, rec: ev.Recorded, e: ev.ShopUpdateRetried) -> None:
    entry = _entry(s, e.key)
    if entry is not None and entry.status == OutboxStatus.PARKED:
        entry.status, entry.next_attempt_at = OutboxStatus.PENDING, rec.at


@_on_log(ev.BenchReported)
def _reported(s: Session, rec: ev.Recorded, e: ev.BenchReported) -> None:
    found = bench_id(s, rec.bench)
    bench = s.get(Bench, found) if found is not None else None
    if bench is None or (bench.reported_at is not None and bench.reported_at > rec.at):
        return  # a report pulled late from the hub does not undo a newer one
    bench.reported_at = rec.at
    bench.scale_health, bench.printer_health, bench.scanner_health = e.scale, e.printer, e.scanner
    bench.lag_s = e.lag_s


@_on_log(ev.CountersCarriedOver)
def _counters(s: Session, rec: ev.Recorded, e: ev.CountersCarriedOver) -> None:
    for name, value in e.counters.items():
        advance_counter(s, name, value)


# --- documents -----------------------------------------------------------------------------------


@_on(ev.InvoiceIssued)
def _invoiced(s: Session, order: Order, rec: ev.Recorded, e: ev.InvoiceIssued) -> None:
    s.add(
        Invoice(
            order_id=order.id,
            series=e.series,
            seq=e.seq,
            number=e.number,
            issue_date=e.issue_date,
            created_at=rec.at,
        )
    )
    advance_counter(s, e.series, e.seq)


# Picking's, backorders' and carrier labels' handlers live in their modules; importing registers
# them (picking also lends `free_tote`).
from station.services import (  # noqa: E402
    projection_backorders,  # noqa: F401
    projection_labels,  # noqa: F401
    projection_picking,
)
