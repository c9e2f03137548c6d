"""Orders from a shop into the local store: insert new ones, update changed ones, flag problems.

The importer decides and records events; the projector writes the tables. A batch of pages is
one transaction, and a page of new orders is projected in one bulk write, so a large first
import stays fast and flat in memory. Nothing is ever dropped: an order the shop sent in a shape
we cannot read is stored on hold with the reason, an unknown SKU is stored and flagged.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from sqlalchemy import bindparam, select
from sqlalchemy.orm import Session, selectinload

from station.db.models import Order, Product
from station.domain import OrderStatus
from station.domain import events as ev
from station.domain.reasons import SHOP_HOLDS
from station.services.events import new_uid, record_all, recorded
from station.services.projection import remember
from sync.remote import RemoteOrder, ShopState, synthetic_id
from sync.shipping_rules import CarrierRule, carrier_for

NOT_NEW = (ShopState.CANCELLED, ShopState.SHIPPED, ShopState.UNPAID)
SHOP_HOLD_FOR = {
    ShopState.ON_HOLD: "hold_shop_on_hold",
    ShopState.UNPAID: "hold_shop_unpaid",
    ShopState.SHIPPED: "hold_shop_completed",
}
ID_CHUNK = 500
_ORDERS = Order.__table__.c
# Built once: the lookup runs for every batch, and building an ORM select costs more than running it.
_ORDER_IDS = select(_ORDERS.external_id, _ORDERS.id).where(
    _ORDERS.shop_id == bindparam("shop"), _ORDERS.external_id.in_(bindparam("ids", expanding=True))
)


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


# What the tables hold and a bench can pack; beyond it the shop's data is wrong, not big.
MAX_NUMBER_CHARS = 40
MAX_EXTERNAL_ID_CHARS = 64
MAX_LINE_QUANTITY = 10_000


def bounded(order: RemoteOrder) -> RemoteOrder:
    """The order cut to what the store can hold, flagged malformed with what was cut: an order
    number of 10,000 characters or a quantity of a billion is an error in the shop's data."""
    problems = [order.malformed] if order.malformed else []
    if len(order.external_id) > MAX_EXTERNAL_ID_CHARS:
        problems.append(f"the shop's id is {len(order.external_id)} characters long")
        order.external_id = synthetic_id(order.external_id)
    if len(order.number) > MAX_NUMBER_CHARS:
        problems.append(
            f"the order number is {len(order.number)} characters long (at most {MAX_NUMBER_CHARS})"
        )
        order.number = order.number[:MAX_NUMBER_CHARS]
    for n, line in enumerate(order.lines, start=1):
        if not 1 <= line.quantity <= MAX_LINE_QUANTITY:
            problems.append(
                f"line {n} asks for {line.quantity} units (from 1 to {MAX_LINE_QUANTITY})"
            )
            line.quantity = min(max(line.quantity, 0), MAX_LINE_QUANTITY)
    order.malformed = "; ".join(problems)
    return order


def newest_per_order(orders: Iterable[RemoteOrder]) -> list[RemoteOrder]:
    """One entry per external id (the newest): pages can overlap and an order can move."""
    latest: dict[str, RemoteOrder] = {}
    for order in orders:
        seen = latest.get(order.external_id)
        if seen is None or order.updated_at >= seen.updated_at:
            latest[order.external_id] = order
    return list(latest.values())


def apply_orders(
    session: Session, shop: ShopRef, orders: list[RemoteOrder], now: dt.datetime
) -> PullResult:
    result = PullResult()
    orders = newest_per_order(bounded(o) for o in orders)
    for order in orders:
        if result.newest is None or order.updated_at > result.newest:
            result.newest = order.updated_at
    known = _order_ids(session, shop, [o.external_id for o in orders])
    existing = (
        {
            o.external_id: o
            for o in session.scalars(
                select(Order).where(Order.id.in_(known.values())).options(selectinload(Order.lines))
            )
        }
        if known
        else {}
    )  # a first import finds none: no ORM load for a page of new orders
    remember(session, existing.values())
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


def _insert_new(
    session: Session,
    shop: ShopRef,
    orders: list[RemoteOrder],
    products: dict[str, int],
    now: dt.datetime,
) -> tuple[int, int]:
    numbers = _free_numbers(session, shop, orders)
    events = [imported(shop, o, numbers[o.external_id], products, now) for o in orders]
    record_all(session, [recorded(e, at=now) for e in events])
    return len(events), sum(1 for e in events if e.problem is not None)


def _order_ids(session: Session, shop: ShopRef, external_ids: list[str]) -> dict[str, int]:
    """The local ids of the shop's orders, in chunks well inside every database's limit on
    bound parameters."""
    found: dict[str, int] = {}
    conn = session.connection()
    for start in range(0, len(external_ids), ID_CHUNK):
        rows = conn.execute(
            _ORDER_IDS, {"shop": shop.id, "ids": external_ids[start : start + ID_CHUNK]}
        )
        found.update({ext: oid for ext, oid in rows if ext is not None})
    return found


def details_of(order: RemoteOrder) -> ev.OrderDetails:
    return ev.OrderDetails(
        customer_name=order.customer_name[:200],
        customer_email=order.customer_email[:200],
        shipping_address=order.shipping_address,
        billing_address=order.billing_address,
        currency=order.currency[:3] or "EUR",
        total=order.total,
        shipping_total=order.shipping_total,
        payment_method=order.payment_method[:60],
        cod_amount=order.total if order.cod else None,
        customer_note=order.customer_note,
        shipping_method=order.shipping_method[:120],
    )


def lines_of(order: RemoteOrder) -> tuple[ev.ImportedLine, ...]:
    return tuple(
        ev.ImportedLine(
            line=new_uid(),
            line_no=n,
            sku=line.sku[:64],
            name=line.name[:300],
            quantity=line.quantity,
            unit_price=line.unit_price,
            vat_rate=line.vat_rate,
            external_id=line.external_id[:64],
        )
        for n, line in enumerate(order.lines, start=1)
    )


def imported(
    shop: ShopRef, order: RemoteOrder, number: str, products: dict[str, int], now: dt.datetime
) -> ev.OrderImported:
    country = str(order.shipping_address.get("country") or "")
    carrier, service = carrier_for(order.shipping_method, shop.rules, country, order.cod)
    return ev.OrderImported(
        order=new_uid(),
        number=number,
        shop=shop.name,
        external_id=order.external_id,
        created_at=order.created_at or now,
        shop_updated_at=order.updated_at,
        details=details_of(order),
        carrier=carrier[:20],
        service=service[:40],
        hold=_initial_hold(order),
        problem=problem_of(order, products),
        lines=lines_of(order),
    )


def _initial_hold(order: RemoteOrder) -> ev.Reason | None:
    if order.malformed:
        return ev.Reason("hold_malformed")
    if not order.lines:  # nothing to pack: claimed, it would wedge the bench
        return ev.Reason("hold_no_lines")
    if order.state == ShopState.ON_HOLD:
        return ev.Reason("hold_shop_on_hold")
    return None


def problem_of(order: RemoteOrder, products: dict[str, int]) -> ev.Reason | None:
    """Why the order cannot simply be packed, or None."""
    if order.malformed:
        return ev.Reason("problem_malformed", {"detail": order.malformed[:250]})
    if not order.lines:
        return ev.Reason("problem_no_lines")
    missing = [
        line.sku or f"(line {n} has no SKU)"
        for n, line in enumerate(order.lines, 1)
        if not line.sku or line.sku not in products
    ]
    if missing:
        return ev.Reason("problem_unknown_sku", {"skus": ", ".join(missing)[:250]})
    return None


def update_order(
    session: Session,
    shop: ShopRef,
    local: Order,
    order: RemoteOrder,
    products: dict[str, int],
    now: dt.datetime,
) -> list[str]:
    """Bring a known order up to date with the shop; returns what changed (empty: nothing).

    Each change is an event; the shop's newer version is recorded even when nothing that
    matters at the bench changed, so the order's shop version is part of the log too.
    """
    if local.shop_updated_at and order.updated_at <= local.shop_updated_at:
        return []
    events = _state_events(local, order.state, shop.name)
    details: ev.OrderDetails | None = None
    lines: tuple[ev.ImportedLine, ...] | None = None
    if local.status != OrderStatus.SHIPPED and not order.malformed:
        fresh = details_of(order)
        details = fresh if fresh != _local_details(local) else None
        lines, problem_events = _line_events(local, order, products)
        events += problem_events
    events.insert(
        0,
        ev.OrderUpdatedByShop(
            order=local.uid,
            shop=shop.name,
            shop_updated_at=order.updated_at,
            details=details,
            lines=lines,
        ),
    )
    record_all(session, [recorded(event, at=now) for event in events])
    changes = [e.TYPE for e in events[1:]]
    if details is not None:
        changes.append("details")
    if lines is not None:
        changes.append("lines")
    return changes


def _local_details(local: Order) -> ev.OrderDetails:
    return ev.OrderDetails(
        customer_name=local.customer_name,
        customer_email=local.customer_email,
        shipping_address=local.shipping_address,
        billing_address=local.billing_address,
        currency=local.currency,
        total=local.total,
        shipping_total=local.shipping_total,
        payment_method=local.payment_method,
        cod_amount=local.cod_amount,
        customer_note=local.customer_note,
    )


def _state_events(local: Order, state: ShopState, shop: str) -> list[ev.DomainEvent]:
    status, held_by_shop = local.status, local.hold_code in SHOP_HOLDS
    if state == ShopState.CANCELLED:
        if status == OrderStatus.SHIPPED:
            return _flag(local, ev.Reason("problem_cancelled_after_shipping"))
        if status != OrderStatus.CANCELLED:
            return [ev.OrderCancelledByShop(order=local.uid, shop=shop)]
    elif state in SHOP_HOLD_FOR:
        reason = ev.Reason(SHOP_HOLD_FOR[state])
        if status == OrderStatus.QUEUED or (status == OrderStatus.HELD and held_by_shop):
            if local.status != OrderStatus.HELD or local.hold != reason:
                return [ev.OrderHeld(order=local.uid, reason=reason, by="shop")]
        elif status == OrderStatus.PACKING and state == ShopState.SHIPPED:
            return _flag(local, ev.Reason("problem_completed_while_packing"))
    elif state == ShopState.OPEN and status == OrderStatus.HELD and held_by_shop:
        return [ev.OrderReleased(order=local.uid, reason=ev.Reason("released_by_shop"), by="shop")]
    return []


def _flag(local: Order, problem: ev.Reason | None) -> list[ev.DomainEvent]:
    if local.problem == problem:
        return []
    return [ev.OrderFlagged(order=local.uid, problem=problem)]


def _signature(lines: Iterable[Any]) -> list[tuple[str, int, Decimal]]:
    return sorted((line.sku, line.quantity, Decimal(line.unit_price)) for line in lines)


def _line_events(
    local: Order, order: RemoteOrder, products: dict[str, int]
) -> tuple[tuple[ev.ImportedLine, ...] | None, list[ev.DomainEvent]]:
    """The new lines (None: unchanged or not to be changed) and the problem they leave."""
    if _signature(local.lines) == _signature(order.lines):
        return None, _refreshed_problem(local, order, products)
    started = any(line.verified_qty or line.short_qty for line in local.lines)
    if local.status == OrderStatus.PACKING or started:
        return None, _flag(local, ev.Reason("problem_lines_changed_while_packing"))
    return lines_of(order), _flag(local, problem_of(order, products))


def _refreshed_problem(
    local: Order, order: RemoteOrder, products: dict[str, int]
) -> list[ev.DomainEvent]:
    """A product that arrived since the import clears the order's unknown-SKU flag."""
    if local.problem_code not in ("problem_unknown_sku", "problem_malformed"):
        return []
    relink = any(line.product_id is None and line.sku in products for line in local.lines)
    problem = problem_of(order, products)
    if problem != local.problem or relink:
        return [ev.OrderFlagged(order=local.uid, problem=problem)]
    return []
