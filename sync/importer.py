"""Orders from a shop into the local store: insert new ones, update changed ones, flag problems.

A batch of pages is one transaction. New orders are written with bulk inserts (a large first
import must stay fast and flat in memory); changed orders go through the ORM with an
ORDER_UPDATED event. Nothing is ever dropped: an order the shop sent in a shape we cannot read
is stored on hold with the reason, an unknown SKU is stored and flagged.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from sqlalchemy import Table, bindparam, select
from sqlalchemy.orm import Session, selectinload

from station.db.bulk import insert_rows
from station.db.models import Event, Order, OrderLine, Product
from station.domain import EventType, OrderStatus
from station.services.events import append_event, new_event_id
from sync.carriers import CarrierRule, carrier_for
from sync.remote import RemoteOrder, ShopState

SHOP_HOLD = "On hold in the shop"
UNPAID_HOLD = "Waiting for payment in the shop"
DONE_HOLD = "Already completed in the shop"
NOT_NEW = (ShopState.CANCELLED, ShopState.SHIPPED, ShopState.UNPAID)
ID_CHUNK = 500
_ORDERS = Order.__table__.c
# Built once: the lookup runs twice per batch, and building an ORM select costs more than running it.
_ORDER_IDS = select(_ORDERS.external_id, _ORDERS.id).where(
    _ORDERS.shop_id == bindparam("shop"), _ORDERS.external_id.in_(bindparam("ids", expanding=True)))


@dataclass
class PullResult:
    imported: int = 0
    updated: int = 0
    unchanged: int = 0
    skipped: int = 0
    flagged: int = 0
    newest: dt.datetime | None = None
    notes: list[str] = field(default_factory=list)

    def add(self, other: PullResult) -> None:
        for name in ("imported", "updated", "unchanged", "skipped", "flagged"):
            setattr(self, name, getattr(self, name) + getattr(other, name))
        if other.newest and (self.newest is None or other.newest > self.newest):
            self.newest = other.newest
        self.notes.extend(other.notes)


@dataclass
class ShopRef:
    id: int
    name: str
    rules: list[CarrierRule]


def newest_per_order(orders: Iterable[RemoteOrder]) -> list[RemoteOrder]:
    """One entry per external id (the newest): pages can overlap and an order can move."""
    latest: dict[str, RemoteOrder] = {}
    for order in orders:
        seen = latest.get(order.external_id)
        if seen is None or order.updated_at >= seen.updated_at:
            latest[order.external_id] = order
    return list(latest.values())


def apply_orders(session: Session, shop: ShopRef, orders: list[RemoteOrder],
                 now: dt.datetime) -> PullResult:
    result = PullResult()
    orders = newest_per_order(orders)
    for order in orders:
        if result.newest is None or order.updated_at > result.newest:
            result.newest = order.updated_at
    known = _order_ids(session, shop, [o.external_id for o in orders])
    existing = {
        o.external_id: o
        for o in session.scalars(
            select(Order).where(Order.id.in_(known.values())).options(selectinload(Order.lines))
        )
    } if known else {}  # a first import finds none: no ORM load for a page of new orders
    skus = {line.sku for o in orders for line in o.lines if line.sku}
    products = _product_ids(session, skus)
    fresh = []
    for order in orders:
        local = existing.get(order.external_id)
        if local is not None:
            changes = update_order(session, shop, local, order, products, now)
            if changes:
                result.updated += 1
            else:
                result.unchanged += 1
        elif order.state in NOT_NEW and not order.malformed:
            result.skipped += 1
        else:
            fresh.append(order)
    if fresh:
        result.imported, result.flagged = _insert_new(session, shop, fresh, products, now)
    return result


def _product_ids(session: Session, skus: set[str]) -> dict[str, int]:
    if not skus:
        return {}
    rows = session.execute(select(Product.sku, Product.id).where(Product.sku.in_(skus)))
    return {sku: pid for sku, pid in rows}


def _free_numbers(session: Session, shop: ShopRef, orders: list[RemoteOrder]) -> dict[str, str]:
    """The shop's number, or `SHOP-number` when another shop already uses it."""
    wanted = [o.number for o in orders]
    taken = set(session.scalars(select(Order.number).where(Order.number.in_(wanted))))
    numbers: dict[str, str] = {}
    for order in orders:
        number = order.number
        if number in taken or number in numbers.values():
            number = f"{shop.name}-{order.number}"[:40]
        numbers[order.external_id] = number
    return numbers


def _insert_new(session: Session, shop: ShopRef, orders: list[RemoteOrder],
                products: dict[str, int], now: dt.datetime) -> tuple[int, int]:
    numbers = _free_numbers(session, shop, orders)
    rows = [_order_row(shop, o, numbers[o.external_id], products, now) for o in orders]
    flagged = sum(1 for row in rows if row["problem"])
    # Core inserts on the tables: the ORM's bulk path re-inspects every row's keys and costs
    # more than SQLite itself on a first import of thousands of orders.
    orders_t, lines_t, events_t = _table(Order), _table(OrderLine), _table(Event)
    insert_rows(session, orders_t, rows)
    order_ids = _order_ids(session, shop, [o.external_id for o in orders])
    lines: list[dict[str, Any]] = []
    events: list[dict[str, Any]] = []
    for order, row in zip(orders, rows, strict=True):
        oid = order_ids[order.external_id]
        lines.extend(_line_rows(oid, order, products))
        events.append({"id": new_event_id(), "at": now, "type": EventType.ORDER_IMPORTED.value,
                       "order_id": oid, "bench": "", "operator": "",
                       "payload": {"shop": shop.name, "external_id": order.external_id,
                                   "number": row["number"], "problem": row["problem"]}})
    insert_rows(session, lines_t, lines)
    insert_rows(session, events_t, events)
    return len(rows), flagged


def _order_ids(session: Session, shop: ShopRef, external_ids: list[str]) -> dict[str, int]:
    """The local ids of the shop's orders, read back after a bulk insert (an executemany
    returns no ids), in chunks well inside every database's limit on bound parameters."""
    found: dict[str, int] = {}
    conn = session.connection()
    for start in range(0, len(external_ids), ID_CHUNK):
        rows = conn.execute(_ORDER_IDS, {"shop": shop.id,
                                         "ids": external_ids[start:start + ID_CHUNK]})
        found.update({ext: oid for ext, oid in rows if ext is not None})
    return found


def _table(model: type[Any]) -> Table:
    table = model.__table__
    assert isinstance(table, Table)
    return table


def _order_row(shop: ShopRef, order: RemoteOrder, number: str, products: dict[str, int],
               now: dt.datetime) -> dict[str, Any]:
    carrier, service = carrier_for(order.shipping_method, shop.rules)
    status, hold = _initial_status(order)
    return {
        "number": number, "shop_id": shop.id, "external_id": order.external_id,
        "status": status, "hold_reason": hold, "problem": problem_of(order, products),
        "created_at": order.created_at or now, "updated_at": now,
        "shop_updated_at": order.updated_at,
        "customer_name": order.customer_name[:200], "customer_email": order.customer_email[:200],
        "shipping_address": order.shipping_address, "billing_address": order.billing_address,
        "currency": order.currency[:3] or "EUR", "total": order.total,
        "shipping_total": order.shipping_total, "payment_method": order.payment_method[:60],
        "cod_amount": order.total if order.cod else None,
        "carrier": carrier[:20], "service": service[:40], "customer_note": order.customer_note,
        "priority": 0,
    }


def _initial_status(order: RemoteOrder) -> tuple[str, str]:
    if order.malformed:
        return OrderStatus.HELD, "The shop's data for this order could not be read"
    if order.state == ShopState.ON_HOLD:
        return OrderStatus.HELD, SHOP_HOLD
    return OrderStatus.QUEUED, ""


def _line_rows(order_id: int, order: RemoteOrder, products: dict[str, int]) -> list[dict[str, Any]]:
    return [
        {"order_id": order_id, "line_no": n, "product_id": products.get(line.sku),
         "sku": line.sku[:64], "name": line.name[:300], "quantity": line.quantity,
         "unit_price": line.unit_price, "vat_rate": line.vat_rate,
         "external_id": line.external_id[:64], "verified_qty": 0, "short_qty": 0}
        for n, line in enumerate(order.lines, start=1)
    ]


def problem_of(order: RemoteOrder, products: dict[str, int]) -> str:
    """One sentence saying why the order cannot simply be packed, or ''."""
    if order.malformed:
        return f"Malformed order from the shop: {order.malformed}"[:300]
    if not order.lines:
        return "The order has no lines to pack"
    missing = [line.sku or f"(line {n} has no SKU)" for n, line in enumerate(order.lines, 1)
               if not line.sku or line.sku not in products]
    if missing:
        return ("Unknown SKU: " + ", ".join(missing))[:300]
    return ""


def update_order(session: Session, shop: ShopRef, local: Order, order: RemoteOrder,
                 products: dict[str, int], now: dt.datetime) -> list[str]:
    """Bring a known order up to date with the shop; returns what changed (empty: nothing)."""
    if local.shop_updated_at and order.updated_at <= local.shop_updated_at:
        return []
    changes = _apply_state(local, order.state)
    if local.status != OrderStatus.SHIPPED and not order.malformed:
        changes += _apply_details(local, order)
        changes += _apply_lines(session, local, order, products)
    local.shop_updated_at = order.updated_at
    if changes:
        local.updated_at = now
        append_event(session, EventType.ORDER_UPDATED, at=now, order_id=local.id,
                     payload={"shop": shop.name, "changes": changes})
    return changes


def _apply_state(local: Order, state: ShopState) -> list[str]:
    status = local.status
    if state == ShopState.CANCELLED:
        if status == OrderStatus.SHIPPED:
            return _set_problem(local, "Cancelled in the shop after it was shipped")
        if status != OrderStatus.CANCELLED:
            local.status = OrderStatus.CANCELLED
            return ["cancelled in the shop"]
    elif state in (ShopState.ON_HOLD, ShopState.UNPAID, ShopState.SHIPPED):
        reason = {ShopState.ON_HOLD: SHOP_HOLD, ShopState.UNPAID: UNPAID_HOLD}.get(state, DONE_HOLD)
        if status == OrderStatus.QUEUED or (status == OrderStatus.HELD and local.hold_reason in
                                            (SHOP_HOLD, UNPAID_HOLD, DONE_HOLD)):
            if local.status != OrderStatus.HELD or local.hold_reason != reason:
                local.status, local.hold_reason = OrderStatus.HELD, reason
                return [f"held: {reason}"]
        elif status == OrderStatus.PACKING and state == ShopState.SHIPPED:
            return _set_problem(local, DONE_HOLD + " while being packed")
    elif state == ShopState.OPEN and status == OrderStatus.HELD and local.hold_reason in (
            SHOP_HOLD, UNPAID_HOLD, DONE_HOLD):
        local.status, local.hold_reason = OrderStatus.QUEUED, ""
        return ["released: open again in the shop"]
    return []


def _set_problem(local: Order, problem: str) -> list[str]:
    if local.problem == problem:
        return []
    local.problem = problem
    return [problem]


_DETAILS = ("customer_name", "customer_email", "shipping_address", "billing_address",
            "customer_note", "payment_method", "total", "shipping_total", "currency")


def _apply_details(local: Order, order: RemoteOrder) -> list[str]:
    changes = []
    for name in _DETAILS:
        value = getattr(order, name)
        if value != getattr(local, name):
            setattr(local, name, value)
            changes.append(f"{name} changed")
    cod = order.total if order.cod else None
    if cod != local.cod_amount:
        local.cod_amount = cod
        changes.append("cash on delivery changed")
    return changes


def _signature(lines: Iterable[Any]) -> list[tuple[str, int, Decimal]]:
    return sorted((line.sku, line.quantity, Decimal(line.unit_price)) for line in lines)


def _apply_lines(session: Session, local: Order, order: RemoteOrder,
                 products: dict[str, int]) -> list[str]:
    if _signature(local.lines) == _signature(order.lines):
        return _refresh_problem(local, order, products)
    started = any(line.verified_qty or line.short_qty for line in local.lines)
    if local.status == OrderStatus.PACKING or started:
        return _set_problem(local, "The lines were changed in the shop during packing: "
                                   "check the order before shipping")
    local.lines.clear()
    session.flush()
    for row in _line_rows(local.id, order, products):
        row.pop("order_id")
        local.lines.append(OrderLine(**row))
    local.problem = problem_of(order, products)
    return ["lines changed in the shop"]


def _refresh_problem(local: Order, order: RemoteOrder, products: dict[str, int]) -> list[str]:
    """A product that arrived since the import clears the order's unknown-SKU flag."""
    if not local.problem.startswith(("Unknown SKU", "Malformed order")):
        return []
    problem = problem_of(order, products)
    for line in local.lines:
        if line.product_id is None and line.sku in products:
            line.product_id = products[line.sku]
    if problem != local.problem:
        local.problem = problem
        return ["problem cleared" if not problem else "problem changed"]
    return []
