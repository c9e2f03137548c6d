"""What a shift lead watches: every bench as the log and the tables show it, and the queue
against the couriers' cut-offs.

Both are read in one read transaction each, off the GUI thread, and handed to the console as
plain rows. A bench's state comes from its packing order and the last event it recorded:
- `offline`: nothing heard from it for `OFFLINE_AFTER`: no event at all, work or heartbeat
  (`station.services.heartbeat`; its order, if any, is still shown: a lead may take it back to
  the queue);
- `weighing`: every unit of its order is scanned, the parcel is not weighed and labelled yet;
- `packing`: an order is open; `idle`: none is.
Device health and replication lag are what the bench last reported of itself (`BenchReported`
events, projected onto its row); a bench that never reported shows them as unknown.

The queue against the clock puts the open orders in the order the benches will take them
(packing ones first, then `queue.urgency()`, as NEXT does). Each order is measured against the
rate of its own carrier (that carrier's orders packed in the last `RATE_WINDOW`), counting only
that carrier's orders ahead of it: the k-th one is done in k / rate hours. A carrier with nothing
packed in the window falls back to the warehouse's rate and every order ahead (`Pace`). An order
whose cut-off comes before it is done is **at risk**, one whose cut-off has passed is **late**.
With nothing packed at all there is no rate, and only late orders are flagged.
"""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from station.db.models import Bench, Event, Operator, Order, OrderLine
from station.domain import OrderStatus
from station.domain import events as ev
from station.domain.reasons import stored_reason
from station.services.heartbeat import HEARTBEAT_EVERY
from station.services.queue import urgency
from station.services.report import BENCH_WORK

OFFLINE_AFTER = HEARTBEAT_EVERY * 2 + dt.timedelta(seconds=30)  # two missed heartbeats
RATE_WINDOW = dt.timedelta(hours=1)
_WORK_TYPES = [kind.TYPE for kind in BENCH_WORK]
_SCAN_TYPES = [ev.UnitsVerified.TYPE, ev.ScanRejected.TYPE]
_OPEN = (OrderStatus.QUEUED, OrderStatus.PACKING)


@dataclass(frozen=True)
class BenchRow:
    bench: str
    state: str  # idle, packing, weighing, offline
    operator: str = ""
    order: str = ""
    units_done: int = 0
    units_total: int = 0
    claimed_at: dt.datetime | None = None
    last_scan_at: dt.datetime | None = None
    last_heard_at: dt.datetime | None = None
    assigned: int = 0  # queued orders a lead gave to this bench
    reported_at: dt.datetime | None = None  # None: the bench never said how it is
    scale: str = ""  # health levels: ok, warning, failed ("" none)
    printer: str = ""
    scanner: str = ""
    lag_s: int | None = None  # behind the hub; None for a bench on its own


@dataclass(frozen=True)
class _Packing:
    number: str
    claimed_at: dt.datetime | None
    done: int
    total: int


def board(session: Session, now: dt.datetime) -> list[BenchRow]:
    """One row per known bench, by name."""
    packing = _packing_orders(session)
    assigned = dict(
        session.execute(
            select(Order.bench_id, func.count(Order.id))
            .where(Order.status == OrderStatus.QUEUED, Order.bench_id.is_not(None))
            .group_by(Order.bench_id)
        ).all()
    )
    rows = []
    for bench in session.scalars(select(Bench)):
        order = packing.get(bench.id)
        name = bench.name
        last = _last_event(session, name, _WORK_TYPES)
        heard = max(
            (t for t in (bench.last_seen_at, _last_heard(session, name)) if t), default=None
        )
        scan = _last_event(session, name, _SCAN_TYPES)
        rows.append(
            BenchRow(
                bench=name,
                state=_state(order, heard, now),
                operator=last[1] if last else "",
                order=order.number if order else "",
                units_done=order.done if order else 0,
                units_total=order.total if order else 0,
                claimed_at=order.claimed_at if order else None,
                last_scan_at=scan[0] if scan else None,
                last_heard_at=heard,
                assigned=int(assigned.get(bench.id, 0)),
                reported_at=bench.reported_at,
                scale=bench.scale_health,
                printer=bench.printer_health,
                scanner=bench.scanner_health,
                lag_s=bench.lag_s,
            )
        )
    return sorted(rows, key=lambda r: r.bench)


def active_operators(session: Session) -> list[str]:
    """Whom a lead can give an order to: the active staff, by name."""
    query = select(Operator.name).where(Operator.active.is_(True)).order_by(Operator.name)
    return list(session.scalars(query))


def _state(order: _Packing | None, heard: dt.datetime | None, now: dt.datetime) -> str:
    if heard is None or now - heard > OFFLINE_AFTER:
        return "offline"
    if order is None:
        return "idle"
    return "weighing" if order.done >= order.total else "packing"


def _packing_orders(session: Session) -> dict[int, _Packing]:
    query = (
        select(
            Order.bench_id,
            Order.number,
            Order.claimed_at,
            func.sum(OrderLine.verified_qty + OrderLine.short_qty),
            func.sum(OrderLine.quantity),
        )
        .join(OrderLine, OrderLine.order_id == Order.id)
        .where(Order.status == OrderStatus.PACKING)
        .group_by(Order.id, Order.bench_id, Order.number, Order.claimed_at)
    )
    return {
        bench_id: _Packing(number, claimed, int(done or 0), int(total or 0))
        for bench_id, number, claimed, done, total in session.execute(query)
        if bench_id is not None
    }


def _last_heard(session: Session, bench: str) -> dt.datetime | None:
    """The bench's newest event of any kind (`ix_events_bench_at` answers it)."""
    return session.scalar(
        select(Event.at).where(Event.bench == bench).order_by(Event.at.desc()).limit(1)
    )


def _last_event(session: Session, bench: str, types: list[str]) -> tuple[dt.datetime, str] | None:
    row = session.execute(
        select(Event.at, Event.operator)
        .where(Event.bench == bench, Event.type.in_(types))
        .order_by(Event.at.desc())
        .limit(1)
    ).first()
    return (row[0], row[1]) if row else None


# --- the queue against the clock -----------------------------------------------------------------


@dataclass(frozen=True)
class ClockRow:
    number: str
    carrier: str
    cutoff_at: dt.datetime | None
    priority: int
    status: OrderStatus
    bench: str
    operator: str
    position: int  # 1 = the next the benches finish
    at_risk: bool
    late: bool


@dataclass
class CarrierLine:
    carrier: str
    open: int = 0
    at_risk: int = 0
    late: int = 0
    next_cutoff: dt.datetime | None = None
    rate_per_hour: float | None = None  # its own, over the last RATE_WINDOW; None: none packed


@dataclass
class Pace:
    """Who packs the next orders, how fast: each carrier's own rate where it has one, else the
    warehouse's; `take` walks the open orders in the order they will be taken."""

    overall: float | None
    by_carrier: dict[str, float]
    ahead: dict[str, int] = field(default_factory=dict)  # each carrier's orders walked so far
    total_ahead: int = 0

    def take(self, carrier: str, count: int) -> tuple[int, float | None]:
        """For the next `count` orders of `carrier`: the orders ahead of them that the rate
        packs first, and that rate. Counts them as walked."""
        own = self.by_carrier.get(carrier)
        before = self.ahead.get(carrier, 0) if own else self.total_ahead
        self.ahead[carrier] = self.ahead.get(carrier, 0) + count
        self.total_ahead += count
        return before, own or self.overall


@dataclass(frozen=True)
class HeldRow:
    number: str
    carrier: str
    cutoff_at: dt.datetime | None
    reason: ev.Reason | None


@dataclass
class QueueClock:
    now: dt.datetime
    rate_per_hour: float | None  # orders packed in the last RATE_WINDOW, per hour
    rows: list[ClockRow]  # the first `limit` open orders, in the order they will be taken
    carriers: list[CarrierLine] = field(default_factory=list)
    open: int = 0
    held: list[HeldRow] = field(default_factory=list)  # the most urgent held orders


def packing_rate(session: Session, now: dt.datetime) -> float | None:
    """Orders packed per hour over the last RATE_WINDOW, None when none was."""
    packed = session.scalar(
        select(func.count(Event.seq)).where(
            Event.type == ev.OrderPacked.TYPE, Event.at >= now - RATE_WINDOW
        )
    )
    hours = RATE_WINDOW.total_seconds() / 3600
    return packed / hours if packed else None


def carrier_rates(session: Session, now: dt.datetime) -> dict[str, float]:
    """Orders packed per hour over the last RATE_WINDOW, by carrier; carriers with none are
    left out."""
    packed = session.execute(
        select(Order.carrier, func.count(Event.seq))
        .join(Order, Order.uid == Event.order_uid)
        .where(Event.type == ev.OrderPacked.TYPE, Event.at >= now - RATE_WINDOW)
        .group_by(Order.carrier)
    )
    hours = RATE_WINDOW.total_seconds() / 3600
    return {carrier or "": count / hours for carrier, count in packed if count}


def queue_clock(session: Session, now: dt.datetime, limit: int = 500) -> QueueClock:
    rate = packing_rate(session, now)
    rates = carrier_rates(session, now)
    order = (Order.status.asc(), *urgency())  # packing before queued, then as NEXT takes them
    carriers = _carrier_lines(session, now, Pace(rate, rates))
    rows = _clock_rows(session, order, now, Pace(rate, rates), limit)
    total = sum(line.open for line in carriers)
    return QueueClock(now, rate, rows, carriers, total, held_orders(session, limit))


def _carrier_lines(session: Session, now: dt.datetime, pace: Pace) -> list[CarrierLine]:
    """Counts per carrier from groups of orders that share a place in the urgency order (same
    status, priority and cut-off): the database counts, Python walks a few thousand groups."""
    groups = session.execute(
        select(Order.priority, Order.cutoff_at, Order.carrier, func.count(Order.id))
        .where(Order.status.in_(_OPEN))
        .group_by(Order.status, Order.priority, Order.queue_cutoff, Order.cutoff_at, Order.carrier)
        .order_by(Order.status.asc(), Order.priority.desc(), Order.queue_cutoff.asc())
    )
    carriers: dict[str, CarrierLine] = {}
    for _priority, cutoff, carrier, count in groups:
        name = carrier or ""
        line = carriers.setdefault(name, CarrierLine(name, rate_per_hour=pace.by_carrier.get(name)))
        line.open += count
        before, rate = pace.take(name, count)
        if cutoff is not None and cutoff < now:
            line.late += count
        elif cutoff is not None:
            line.next_cutoff = min(filter(None, (line.next_cutoff, cutoff)))
            line.at_risk += _at_risk(before, count, cutoff, rate, now)
    return sorted(carriers.values(), key=lambda c: c.carrier)


def _at_risk(
    before: int, count: int, cutoff: dt.datetime, rate: float | None, now: dt.datetime
) -> int:
    """Of `count` orders at positions before+1 .. before+count, those done after the cut-off."""
    if rate is None:
        return 0
    can_do = math.floor(rate * (cutoff - now).total_seconds() / 3600)
    return max(0, min(count, before + count - max(before, can_do)))


def held_orders(session: Session, limit: int) -> list[HeldRow]:
    query = (
        select(Order.number, Order.carrier, Order.cutoff_at, Order.hold_code, Order.hold_params)
        .where(Order.status == OrderStatus.HELD)
        .order_by(*urgency())
        .limit(limit)
    )
    return [
        HeldRow(number, carrier, cutoff, stored_reason(code, params))
        for number, carrier, cutoff, code, params in session.execute(query)
    ]


def _flags(
    position: int, cutoff: dt.datetime | None, rate: float | None, now: dt.datetime
) -> tuple[bool, bool]:
    if cutoff is None:
        return False, False
    if cutoff < now:
        return False, True
    if rate is None:
        return False, False
    done_at = now + dt.timedelta(hours=position / rate)
    return done_at > cutoff, False


def _clock_rows(
    session: Session,
    order: tuple[Any, ...],
    now: dt.datetime,
    pace: Pace,
    limit: int,
) -> list[ClockRow]:
    query = (
        select(
            Order.number,
            Order.carrier,
            Order.cutoff_at,
            Order.priority,
            Order.status,
            Bench.name,
            Order.assigned_operator,
        )
        .outerjoin(Bench, Bench.id == Order.bench_id)
        .where(Order.status.in_(_OPEN))
        .order_by(*order)
        .limit(limit)
    )
    rows = []
    for i, r in enumerate(session.execute(query), start=1):
        before, rate = pace.take(r[1] or "", 1)
        at_risk, late = _flags(before + 1, r[2], rate, now)
        rows.append(
            ClockRow(
                number=r[0],
                carrier=r[1],
                cutoff_at=r[2],
                priority=r[3],
                status=OrderStatus(r[4]),
                bench=r[5] or "",
                operator=r[6],
                position=i,
                at_risk=at_risk,
                late=late,
            )
        )
    return rows
