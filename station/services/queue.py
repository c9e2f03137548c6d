"""The order queue as a bench lists it: pages in urgency order, filtered in the database.

This module holds the one definition of "most urgent order" (`urgency()`): the queue screen
lists by it and a bench's NEXT claims by it, so NEXT takes the first queued row the screen shows.

Pages are read by keyset (the last row of a page is where the next one starts), so reading
page 500 costs what reading page 1 does, even with 100,000 orders.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from sqlalchemy import ColumnElement, ScalarSelect, Select, and_, func, or_, select
from sqlalchemy.orm import Session

from station.db.models import NO_CUTOFF, Bench, Order, OrderLine
from station.domain import OrderStatus

__all__ = [
    "BACKORDER",
    "NO_CUTOFF",
    "PAGE_SIZE",
    "QueueFilter",
    "QueueRow",
    "carriers",
    "order_counts",
    "owing_orders",
    "queue_count",
    "queue_page",
    "urgency",
]
PAGE_SIZE = 200
# Not a status of its own: orders (shipped, mostly) that still owe units, whatever their status.
BACKORDER = "backorder"


def owing_orders() -> Select[int]:
    """The ids of orders that still owe the customer units (a backorder)."""
    return select(OrderLine.order_id).where(OrderLine.backorder_qty > 0).distinct()


@dataclass(frozen=True)
class QueueFilter:
    # One OrderStatus value, or "backorder" (orders that still owe units); None: every status.
    status: str | None = None
    carrier: str | None = None
    search: str = ""  # an order number (prefix) or part of the customer's name


@dataclass(frozen=True)
class QueueRow:
    id: int
    number: str
    status: OrderStatus
    priority: int
    cutoff_at: dt.datetime | None
    carrier: str
    service: str
    customer: str
    bench: str
    created_at: dt.datetime | None = None  # set by queue_page: the keyset needs it
    backorder: int = 0  # units the order still owes the customer

    @property
    def sort_cutoff(self) -> dt.datetime:
        return self.cutoff_at or NO_CUTOFF


def _cutoff() -> ColumnElement[dt.datetime]:
    return Order.queue_cutoff.expression  # cutoff_at, or NO_CUTOFF when there is none


def urgency() -> tuple[ColumnElement[Any], ...]:
    """Most urgent first: priority down, then the carrier's cut-off (soonest first, orders
    without one after every real one), then age (oldest `created_at` first), then the row id,
    which makes the order total so that two readers never disagree on ties."""
    return (Order.priority.desc(), _cutoff().asc(), Order.created_at.asc(), Order.id.asc())


def _conditions(filt: QueueFilter) -> list[ColumnElement[bool]]:
    conditions: list[ColumnElement[bool]] = []
    if filt.status == BACKORDER:
        conditions.append(Order.id.in_(owing_orders()))
    elif filt.status:
        conditions.append(Order.status == filt.status)
    if filt.carrier:
        conditions.append(Order.carrier == filt.carrier)
    text = filt.search.strip().removeprefix("#")
    if text:
        escaped = text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
        conditions.append(
            or_(
                Order.number.like(f"{escaped}%", escape="\\"),
                Order.customer_name.ilike(f"%{escaped}%", escape="\\"),
            )
        )
    return conditions


def _owed() -> ScalarSelect[Any]:
    return (
        select(func.sum(OrderLine.backorder_qty))
        .where(OrderLine.order_id == Order.id)
        .scalar_subquery()
    )


def _after(row: QueueRow) -> ColumnElement[bool]:
    """Rows strictly after `row` in `urgency()` order."""
    cutoff = _cutoff()
    assert row.created_at is not None, "a keyset row comes from queue_page"
    later = or_(
        Order.created_at > row.created_at,
        and_(Order.created_at == row.created_at, Order.id > row.id),
    )
    return or_(
        Order.priority < row.priority,
        and_(
            Order.priority == row.priority,
            or_(cutoff > row.sort_cutoff, and_(cutoff == row.sort_cutoff, later)),
        ),
    )


def queue_page(
    session: Session, filt: QueueFilter, after: QueueRow | None = None, limit: int = PAGE_SIZE
) -> list[QueueRow]:
    """The next `limit` orders matching `filt`, most urgent first, after `after` if given."""
    query = (
        select(
            Order.id,
            Order.number,
            Order.status,
            Order.priority,
            Order.cutoff_at,
            Order.carrier,
            Order.service,
            Order.customer_name,
            Bench.name,
            Order.created_at,
            _owed(),
        )
        .outerjoin(Bench, Bench.id == Order.bench_id)
        .where(*_conditions(filt))
        .order_by(*urgency())
        .limit(limit)
    )
    if after is not None:
        query = query.where(_after(after))
    return [
        QueueRow(
            id=r[0],
            number=r[1],
            status=OrderStatus(r[2]),
            priority=r[3],
            cutoff_at=r[4],
            carrier=r[5],
            service=r[6],
            customer=r[7],
            bench=r[8] or "",
            created_at=r[9],
            backorder=int(r[10] or 0),
        )
        for r in session.execute(query)
    ]


def queue_count(session: Session, filt: QueueFilter) -> int:
    query = select(func.count(Order.id)).where(*_conditions(filt))
    return int(session.scalar(query) or 0)


def order_counts(session: Session) -> dict[OrderStatus, int]:
    """How many orders are in each status (for the header of the queue)."""
    rows = session.execute(select(Order.status, func.count(Order.id)).group_by(Order.status))
    counts = {status: 0 for status in OrderStatus}
    for status, count in rows:
        counts[OrderStatus(status)] = int(count)
    return counts


def carriers(session: Session) -> list[str]:
    return [
        c for c in session.scalars(select(Order.carrier).distinct().order_by(Order.carrier)) if c
    ]
