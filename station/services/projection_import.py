"""The projector's part for whole orders: imports (in bulk) and orders carried over an upgrade.

A first import projects tens of thousands of `OrderImported` events; they are written with one
compiled executemany per table (`station.db.bulk`), the ids read back by uid in chunks.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable, Sequence
from typing import Any

from sqlalchemy import Table, bindparam, select
from sqlalchemy.orm import Session

from station.db.bulk import insert_rows
from station.db.models import (
    NO_CUTOFF,
    Bench,
    BoxType,
    Order,
    OrderLine,
    OutboxEntry,
    PackedUnit,
    Parcel,
    Product,
    Shop,
)
from station.domain import OrderStatus
from station.domain import events as ev

ID_CHUNK = 500
_ORDERS = Order.__table__.c
# Built once: the lookup runs for every batch, and building an ORM select costs more than running it.
_IDS_BY_UID = select(_ORDERS.uid, _ORDERS.id).where(
    _ORDERS.uid.in_(bindparam("uids", expanding=True))
)


def _table(model: type[Any]) -> Table:
    table = model.__table__
    assert isinstance(table, Table)
    return table


def bench_id(session: Session, name: str | None) -> int | None:
    if not name:
        return None
    found = session.scalar(select(Bench.id).where(Bench.name == name))
    if found is None:
        bench = Bench(name=name)
        session.add(bench)
        session.flush()
        return bench.id
    return found


def box_by_code(session: Session, code: str | None) -> BoxType | None:
    if not code:
        return None
    return session.scalar(select(BoxType).where(BoxType.code == code))


def set_hold(order: Order, reason: ev.Reason | None) -> None:
    order.hold_code = reason.code if reason else ""
    order.hold_params = dict(reason.params) if reason else {}


def set_problem(order: Order, problem: ev.Reason | None) -> None:
    order.problem_code = problem.code if problem else ""
    order.problem_params = dict(problem.params) if problem else {}


def product_ids(session: Session, skus: Iterable[str]) -> dict[str, int]:
    wanted = {sku for sku in skus if sku}
    if not wanted:
        return {}
    rows = session.execute(select(Product.sku, Product.id).where(Product.sku.in_(wanted)))
    return {sku: pid for sku, pid in rows}


def shop_ids(session: Session, names: Iterable[str]) -> dict[str, int]:
    wanted = {name for name in names if name}
    if not wanted:
        return {}
    return {
        n: i for n, i in session.execute(select(Shop.name, Shop.id).where(Shop.name.in_(wanted)))
    }


def order_ids(session: Session, uids: Sequence[uuid.UUID]) -> dict[uuid.UUID, int]:
    found: dict[uuid.UUID, int] = {}
    conn = session.connection()
    for start in range(0, len(uids), ID_CHUNK):
        rows = conn.execute(_IDS_BY_UID, {"uids": list(uids[start : start + ID_CHUNK])})
        found.update({uid: oid for uid, oid in rows})
    return found


def details_row(details: ev.OrderDetails) -> dict[str, Any]:
    return {
        "customer_name": details.customer_name[:200],
        "customer_email": details.customer_email[:200],
        "shipping_address": details.shipping_address,
        "billing_address": details.billing_address,
        "currency": details.currency[:3] or "EUR",
        "total": details.total,
        "shipping_total": details.shipping_total,
        "payment_method": details.payment_method[:60],
        "cod_amount": details.cod_amount,
        "customer_note": details.customer_note,
        "shipping_method": details.shipping_method[:120],
    }


def apply_details(order: Order, details: ev.OrderDetails) -> None:
    for name, value in details_row(details).items():
        setattr(order, name, value)


def order_row(rec: ev.Recorded, e: ev.OrderImported, shop_id: int | None) -> dict[str, Any]:
    assert e.order is not None
    held = e.hold is not None
    return {
        "uid": e.order,
        "number": e.number,
        "shop_id": shop_id,
        "external_id": e.external_id,
        "status": OrderStatus.HELD if held else OrderStatus.QUEUED,
        "hold_code": e.hold.code if e.hold else "",
        "hold_params": dict(e.hold.params) if e.hold else {},
        "problem_code": e.problem.code if e.problem else "",
        "problem_params": dict(e.problem.params) if e.problem else {},
        "created_at": e.created_at,
        "updated_at": rec.at,
        "shop_updated_at": e.shop_updated_at,
        "carrier": e.carrier[:20],
        "service": e.service[:40],
        "priority": e.priority,
        "cutoff_at": e.cutoff_at,
        "queue_cutoff": e.cutoff_at or NO_CUTOFF,
        "assigned_operator": "",
        "tote": "",
        "backorder_of": "",
        **details_row(e.details),
    }


def line_rows(
    order_id: int, lines: Iterable[ev.ImportedLine], products: dict[str, int]
) -> list[dict[str, Any]]:
    return [
        {
            "uid": line.line,
            "order_id": order_id,
            "line_no": line.line_no,
            "product_id": products.get(line.sku),
            "sku": line.sku[:64],
            "name": line.name[:300],
            "quantity": line.quantity,
            "unit_price": line.unit_price,
            "vat_rate": line.vat_rate,
            "external_id": line.external_id[:64],
            "verified_qty": 0,
            "short_qty": 0,
            "backorder_qty": 0,
            "picked_qty": 0,
            "pick_short_qty": 0,
        }
        for line in lines
    ]


def insert_imported(session: Session, recs: Sequence[ev.Recorded]) -> None:
    imports = [(rec, rec.event) for rec in recs if isinstance(rec.event, ev.OrderImported)]
    shops = shop_ids(session, {e.shop for _, e in imports})
    products = product_ids(session, {line.sku for _, e in imports for line in e.lines})
    insert_rows(session, _table(Order), [order_row(r, e, shops.get(e.shop)) for r, e in imports])
    ids = order_ids(session, [e.order for _, e in imports if e.order is not None])
    lines: list[dict[str, Any]] = []
    for _, e in imports:
        assert e.order is not None
        lines.extend(line_rows(ids[e.order], e.lines, products))
    insert_rows(session, _table(OrderLine), lines)


def carry_over(session: Session, rec: ev.Recorded) -> None:
    """An order as an older release left it: the import, then its state as it stood."""
    e = rec.event
    assert isinstance(e, ev.OrderCarriedOver)
    insert_imported(session, [ev.Recorded(rec.id, rec.at, rec.bench, rec.operator, e.imported)])
    assert e.imported.order is not None
    order = session.scalars(select(Order).where(Order.uid == e.imported.order)).one()
    order.status = e.status
    set_hold(order, e.hold)
    set_problem(order, e.problem)
    order.bench_id = bench_id(session, e.bench)
    order.claimed_at = e.claimed_at
    order.shipped_at = e.shipped_at
    lines = {line.uid: line for line in order.lines}
    for carried in e.lines:
        lines[carried.line].verified_qty = carried.verified_qty
        lines[carried.line].short_qty = carried.short_qty
    _carry_parcels(session, order, e.parcels)
    session.flush()
    for unit in e.units:
        session.add(_packed_unit(order, lines[unit.line], unit))
    for entry in e.outbox:
        session.add(_outbox_entry(order, entry))
    session.flush()


def _carry_parcels(session: Session, order: Order, parcels: Iterable[ev.CarriedParcel]) -> None:
    for p in parcels:
        order.parcels.append(
            Parcel(
                uid=p.parcel,
                seq=p.seq,
                box_type=box_by_code(session, p.box),
                expected_weight_g=p.expected_weight_g,
                measured_weight_g=p.measured_weight_g,
                weight_override_by=p.weight_override_by,
                carrier=p.carrier,
                service=p.service,
                tracking_number=p.tracking_number,
                label_path=p.label_path,
            )
        )


def _packed_unit(order: Order, line: OrderLine, unit: ev.CarriedUnit) -> PackedUnit:
    return PackedUnit(
        event_id=unit.event,
        order_id=order.id,
        line_id=line.id,
        parcel_seq=unit.parcel_seq,
        quantity=unit.quantity,
        code=unit.code,
        lot=unit.lot,
        expiry=unit.expiry,
        serial=unit.serial,
        product_id=line.product_id,
        undone=unit.undone,
    )


def _outbox_entry(order: Order, entry: ev.CarriedOutbox) -> OutboxEntry:
    assert order.shop_id is not None
    return OutboxEntry(
        key=entry.key,
        kind=entry.kind,
        shop_id=order.shop_id,
        order_id=order.id,
        payload=entry.payload,
        status=entry.status,
        attempts=entry.attempts,
        next_attempt_at=entry.next_attempt_at,
        # an older release kept the English sentence: said as it was
        last_error="legacy_text" if entry.last_error else "",
        last_error_params={"text": entry.last_error} if entry.last_error else {},
        created_at=entry.created_at,
        sent_at=entry.sent_at,
    )
