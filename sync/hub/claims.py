"""Claims on the hub: each order is leased to one bench at a time, by one statement.

A bench holds a lease of its next orders (`hub_lease_orders`, default 3), topped up by the
replicator in the background, so NEXT opens one without the network and the bench keeps packing
through a LAN outage. Every round renews the bench's leases; one not renewed for `hub_lease_s`
(default 300 s) returns its order to the queue for another bench. The hub's `hub_leases` row is
the claim (its primary key makes a second holder impossible); an `OrderLeased` event tells every
bench's projection who holds the order.
"""

from __future__ import annotations

import datetime as dt
import uuid
from typing import Any

from sqlalchemy import (
    ColumnElement,
    Select,
    and_,
    delete,
    func,
    literal,
    not_,
    or_,
    select,
    update,
)
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import Session
from sqlalchemy.sql.dml import ReturningInsert

from station.config import Settings
from station.db.engine import Database
from station.db.models import Bench, Order
from station.domain import OrderStatus
from station.domain import events as ev
from station.services.events import record
from sync.hub.schema import hub_leases, hub_queue

LEASE_ORDERS = 3
LEASE_S = 300.0
# A lease is given back only once it is this old: the bench may be recording a fresh one
# locally at this very moment.
GIVE_BACK_AFTER_S = 30.0
_lease = hub_leases.c
_queue = hub_queue.c


def lease_orders(settings: Settings) -> int:
    return int(settings.extra.get("hub_lease_orders", LEASE_ORDERS))


def lease_s(settings: Settings) -> float:
    return float(settings.extra.get("hub_lease_s", LEASE_S))


def _in(seconds: float) -> ColumnElement[Any]:
    return func.now() + func.make_interval(0, 0, 0, 0, 0, 0, seconds)


def _lease_of(*conditions: ColumnElement[bool]) -> ColumnElement[bool]:
    """A lease row of the order (one probe of the leases' primary key)."""
    return select(_lease.order_uid).where(_lease.order_uid == Order.uid, *conditions).exists()


def _free_for(bench: str) -> ColumnElement[bool]:
    """Queued on the hub, in no picker's batch or tote, leased to nobody now, and not given by
    a lead to another bench (an order whose lease ran out is free whatever bench it was leased
    to): what the hub's queue (`hub_queue`) holds as free, asked of one order by its
    projection."""
    mine = select(Bench.id).where(Bench.name == bench).scalar_subquery()
    return and_(
        Order.status == OrderStatus.QUEUED,
        Order.pick_batch.is_(None),
        Order.tote == "",
        not_(_lease_of(_lease.expires_at >= func.now())),
        or_(Order.bench_id.is_(None), Order.bench_id == mine, _lease_of()),
    )


def _candidates() -> Select[Any]:
    return select(Order.uid)


def claim_next_now(hub: Database, bench: str, n: int, ttl_s: float) -> list[uuid.UUID]:
    """`claim_next` as NEXT asks for it, in a transaction of its own: the statement alone,
    committed as it runs (no BEGIN and COMMIT going back and forth with the hub). On a hub
    opened without pre-ping (`claims_hub`), a pooled connection the hub dropped (a restart, a
    LAN cut) is found dead by the claim itself, which is then tried once more on a new one."""
    try:
        return _claim_alone(hub, bench, n, ttl_s)
    except DBAPIError as exc:
        if not exc.connection_invalidated:
            raise
        return _claim_alone(hub, bench, n, ttl_s)


def _claim_alone(hub: Database, bench: str, n: int, ttl_s: float) -> list[uuid.UUID]:
    with hub.engine.connect() as conn:
        alone = conn.execution_options(isolation_level="AUTOCOMMIT")
        return list(alone.scalars(_claim_next(bench, n, ttl_s)))


def claim_next(hub: Session, bench: str, n: int, ttl_s: float) -> list[uuid.UUID]:
    """Lease the `n` most urgent orders no other bench holds; returns their uids. They are read
    from the hub's queue of free orders (a partial index in urgency order, the queue's one
    definition of most urgent); rows another bench is claiming at this moment are skipped, not
    waited for (SKIP LOCKED), and the lease's primary key keeps a second holder out whatever the
    timing. One statement: the commit's setting is made by the rows it claims (see
    `_commit_without_flush`); leases run out are put back by `free_run_out`."""
    return list(hub.scalars(_claim_next(bench, n, ttl_s)))


def _claim_next(bench: str, n: int, ttl_s: float) -> ReturningInsert[tuple[uuid.UUID]]:
    mine = select(Bench.id).where(Bench.name == bench).scalar_subquery()
    free = (
        select(_queue.order_uid.label("uid"), _WITHOUT_FLUSH.label("without_flush"))
        .where(
            _queue.leased_until.is_(None),
            or_(_queue.for_bench.is_(None), _queue.for_bench == mine),
        )
        .order_by(_queue.priority.desc(), _queue.queue_cutoff, _queue.created_at, _queue.order_id)
        .limit(n)
        .with_for_update(skip_locked=True)
        .cte("free")
    )
    return _lease_rows(select(free.c.uid), bench, ttl_s)


def _commit_without_flush(hub: Session) -> None:
    """A claim's commit does not wait for the hub's disk: on this kind of machine the flush is
    most of a claim's time (p50 5 ms, p99 19 ms for a bare write). Locks and visibility are
    unchanged, so no two benches ever hold one order; what a hub crash can lose is the last
    fraction of a second of leases, which every bench writes back at its next round
    (`keep_leases`) unless another bench took the order meanwhile (then it is the other's)."""
    hub.execute(select(_WITHOUT_FLUSH))


# for this transaction only (the `true`): block grants and the log keep waiting for the disk
_WITHOUT_FLUSH = func.set_config("synchronous_commit", "off", True)


def free_run_out(hub: Session) -> None:
    """Leases that ran out put their orders back among the free ones (read from a small
    partial index: only leased orders are in it); every bench's round does it, so an order is
    back within a round of its lease's end. One taken by another bench now is skipped."""
    run_out = (
        select(_queue.order_uid)
        .where(_queue.leased_until < func.now())
        .with_for_update(skip_locked=True)
        .scalar_subquery()
    )
    hub.execute(update(hub_queue).where(_queue.order_uid.in_(run_out)).values(leased_until=None))


def claim_one(hub: Session, bench: str, order: uuid.UUID, ttl_s: float) -> str | None:
    """Lease one order an operator scanned. None when granted, else the bench holding it."""
    _commit_without_flush(hub)
    wanted = _candidates().where(
        Order.uid == order,
        or_(
            _free_for(bench),
            and_(Order.status == OrderStatus.QUEUED, _lease_of(_lease.bench == bench)),
        ),
    )
    if _take(hub, wanted, bench, ttl_s):
        return None
    holder = hub.scalar(select(_lease.bench).where(_lease.order_uid == order))
    if holder is None:  # never leased: opened, shipped or given to a bench by a lead
        holder = hub.scalar(
            select(Bench.name).join(Order, Order.bench_id == Bench.id).where(Order.uid == order)
        )
    return holder or ""


def _take(hub: Session, uids: Select[Any], bench: str, ttl_s: float) -> list[uuid.UUID]:
    return list(hub.scalars(_lease_rows(uids, bench, ttl_s)))


def _lease_rows(uids: Select[Any], bench: str, ttl_s: float) -> ReturningInsert[tuple[uuid.UUID]]:
    source = uids.subquery()
    rows = select(source.c.uid, literal(bench), func.now(), _in(ttl_s), literal(False))
    stmt = insert(hub_leases).from_select(
        ["order_uid", "bench", "leased_at", "expires_at", "opened"], rows
    )
    stmt = stmt.on_conflict_do_update(
        index_elements=["order_uid"],
        set_={
            "bench": stmt.excluded.bench,
            "leased_at": stmt.excluded.leased_at,
            "expires_at": stmt.excluded.expires_at,
        },
        where=or_(_lease.expires_at < func.now(), _lease.bench == bench),
    )
    return stmt.returning(_lease.order_uid)


def keep_leases(hub: Session, bench: str, held: list[uuid.UUID], ttl_s: float) -> None:
    """The bench is here: its leases of orders it still holds run on; the others (packed,
    aborted, held by a lead) are given back to the queue."""
    mine = _lease.bench == bench
    hub.execute(
        update(hub_leases).where(mine, _lease.order_uid.in_(held)).values(expires_at=_in(ttl_s))
    )
    if held:  # a lease the hub lost (see _commit_without_flush) is written back, if still free
        back = [
            {
                "order_uid": uid,
                "bench": bench,
                "leased_at": func.now(),
                "expires_at": _in(ttl_s),
                "opened": False,
            }
            for uid in held
        ]
        hub.execute(insert(hub_leases).values(back).on_conflict_do_nothing())
    old_enough = _lease.leased_at < func.now() - func.make_interval(
        0, 0, 0, 0, 0, 0, GIVE_BACK_AFTER_S
    )
    hub.execute(delete(hub_leases).where(mine, not_(_lease.order_uid.in_(held)), old_enough))


def held_here(local: Session, bench: str) -> list[uuid.UUID]:
    """The orders this bench holds by its local projection: queued for it or being packed."""
    return list(
        local.scalars(
            select(Order.uid)
            .join(Bench, Bench.id == Order.bench_id)
            .where(Bench.name == bench, Order.status.in_([OrderStatus.QUEUED, OrderStatus.PACKING]))
        )
    )


def queued_here(local: Session, bench: str) -> int:
    query = (
        select(func.count())
        .select_from(Order)
        .join(Bench, Bench.id == Order.bench_id)
        .where(Bench.name == bench, Order.status == OrderStatus.QUEUED)
    )
    return int(local.scalar(query) or 0)


def record_leases(
    local: Database, bench: str, uids: list[uuid.UUID], at: dt.datetime
) -> list[uuid.UUID]:
    """`OrderLeased` for each granted order this bench has; returns those it has not pulled
    yet (the caller pulls, then records them)."""
    if not uids:
        return []
    with local.write() as s:
        here = set(s.scalars(select(Order.uid).where(Order.uid.in_(uids))))
        for uid in uids:
            if uid in here:
                record(s, ev.OrderLeased(order=uid, bench=bench), at=at, bench=bench)
    return [uid for uid in uids if uid not in here]
