"""Pushing the outbox to a shop, exactly once across retries, timeouts and crashes.

Each attempt is recorded (attempts + 1, committed) *before* the request leaves. If the process
dies after the shop acted but before SENT was committed, the entry comes back with attempts > 0
and the connector reads the shop's state before writing again (`Shipment.retry`). Transient
errors wait with exponential backoff and jitter (or the shop's Retry-After); permanent ones are
parked with the reason; an authentication error leaves everything pending.

Due times are wall-clock times, so they follow the clock: when the bench's clock jumps, every
wait is moved by the jump (`follow_clock_jump`), so nothing runs early in a storm after a jump
ahead nor a day late after a jump back. No wait is ever longer than MAX_WAIT, so an entry due
further ahead than that was stamped by a clock that was ahead (and fixed while Station was not
running to see it): it is due now.
"""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, Protocol, cast

from sqlalchemy import CursorResult, func, or_, select, update
from sqlalchemy.orm import Session

from station.db.engine import Database
from station.db.models import Order, OutboxEntry
from station.domain import OutboxKind, OutboxStatus
from station.domain import events as ev
from station.services.clock import ClockJump
from station.services.events import record
from sync.errors import AuthError, OfflineError, PermanentError, ShopError, TransientError
from sync.http import backoff_s
from sync.remote import Connector, Shipment

Clock = Callable[[], dt.datetime]
MAX_WAIT = dt.timedelta(hours=6)  # the longest wait set: backoff's cap, a shop's Retry-After


@dataclass
class PushResult:
    sent: int = 0
    retrying: int = 0
    parked: int = 0
    errors: list[str] = field(default_factory=list)
    offline: bool = False


@dataclass(frozen=True)
class Turn:
    """What a warehouse says of one send (see `SendGuard`)."""

    go: bool = True
    retry: bool = False  # another bench's attempt may have reached the shop: read back first
    done: bool = False  # another bench sent it and the shop took it: nothing to send
    wait_s: float = 0.0  # not now (`go` False): ask again after this long


class SendGuard(Protocol):
    """On a bench of a warehouse the outbox is drained by whichever bench leads shop sync, and
    the leader may change mid-push. The guard is asked before each request leaves (and told once
    the shop took it), so an update a former leader may have sent is not sent blind again."""

    def before_send(self, key: str) -> Turn: ...

    def sent(self, key: str) -> None: ...


def _due(db: Database, shop_id: int, now: dt.datetime, limit: int) -> list[OutboxEntry]:
    with db.read() as s:
        return list(
            s.scalars(
                select(OutboxEntry)
                .where(
                    OutboxEntry.shop_id == shop_id,
                    OutboxEntry.status == OutboxStatus.PENDING,
                    or_(
                        OutboxEntry.next_attempt_at <= now,
                        OutboxEntry.next_attempt_at > now + MAX_WAIT,
                    ),
                )
                .order_by(OutboxEntry.id)
                .limit(limit)
            )
        )


def _parcels_pending(db: Database, order_id: int) -> bool:
    """The order's shipped status waits until every tracking number has gone out."""
    with db.read() as s:
        return bool(
            s.scalar(
                select(func.count())
                .select_from(OutboxEntry)
                .where(
                    OutboxEntry.order_id == order_id,
                    OutboxEntry.kind == OutboxKind.PARCEL_SHIPPED,
                    OutboxEntry.status != OutboxStatus.SENT,
                )
            )
        )


def _claim(db: Database, seen: OutboxEntry, now: dt.datetime) -> Shipment | None:
    """Count the attempt and commit it before anything is sent.

    The claim is a compare-and-set on what `_due` saw (attempts, next attempt): of two pushers
    that read the same entry (two syncs on one home, or sync beside a bench), exactly one
    changes the row; the other gets None and leaves it alone.
    """
    with db.write() as s:
        claimed = cast(
            CursorResult[Any],
            s.execute(
                update(OutboxEntry)
                .where(
                    OutboxEntry.id == seen.id,
                    OutboxEntry.status == OutboxStatus.PENDING,
                    OutboxEntry.attempts == seen.attempts,
                    OutboxEntry.next_attempt_at == seen.next_attempt_at,
                )
                .values(
                    attempts=seen.attempts + 1, next_attempt_at=now + dt.timedelta(minutes=5)
                )  # if we die mid-push
                .execution_options(synchronize_session=False)
            ),
        )
        if claimed.rowcount != 1:
            return None
        order = s.get(Order, seen.order_id)
        return Shipment(
            kind=seen.kind,
            order_external_id=_shop_order_id(s, order),
            order_number=order.number if order else "",
            payload=dict(seen.payload),
            retry=seen.attempts > 0,
        )


def _shop_order_id(s: Session, order: Order | None) -> str:
    """The shop's id for the order; a follow-up order (a backorder shipped later) has none of
    its own: its parcels are the shop order's it ships for."""
    if order is None:
        return ""
    if order.external_id or not order.backorder_of:
        return order.external_id or ""
    first = s.scalar(select(Order.external_id).where(Order.number == order.backorder_of))
    return first or ""


def _finish(
    db: Database,
    entry_id: int,
    *,
    status: OutboxStatus,
    now: dt.datetime,
    error: ev.Reason | None = None,
    next_at: dt.datetime | None = None,
) -> None:
    """Record the outcome: sent and parked are events (the log says what the shop was told);
    a retry's wait is the outbox's own bookkeeping."""
    with db.write() as s:
        entry = s.get(OutboxEntry, entry_id)
        if entry is None:
            return
        order_uid = s.scalar(select(Order.uid).where(Order.id == entry.order_id))
        if status == OutboxStatus.SENT:
            record(s, ev.ShopUpdateSent(order=order_uid, key=entry.key), at=now)
        elif status == OutboxStatus.PARKED:
            assert error is not None
            record(s, ev.ShopUpdateParked(order=order_uid, key=entry.key, reason=error), at=now)
        elif error is not None:
            entry.last_error, entry.last_error_params = error.code, dict(error.params)
        if next_at is not None:
            entry.next_attempt_at = next_at


def push_due(
    db: Database,
    shop_id: int,
    connector: Connector,
    *,
    clock: Clock,
    rng: random.Random | None = None,
    limit: int = 200,
    guard: SendGuard | None = None,
) -> PushResult:
    result = PushResult()
    for entry in _due(db, shop_id, clock(), limit):
        if entry.kind == OutboxKind.ORDER_SHIPPED and _parcels_pending(db, entry.order_id):
            continue
        shipment = _claim(db, entry, clock())
        if shipment is None:
            continue
        if guard is not None and not _take_turn(db, entry, shipment, guard, clock):
            continue
        if not _push_one(db, entry, shipment, connector, clock, rng, result, guard):
            break
    return result


def _take_turn(
    db: Database, entry: OutboxEntry, shipment: Shipment, guard: SendGuard, clock: Clock
) -> bool:
    """Whether to send the entry now, as the warehouse's guard says (see `SendGuard`)."""
    turn = guard.before_send(entry.key)
    if turn.done:
        _finish(db, entry.id, status=OutboxStatus.SENT, now=clock())
        return False
    if not turn.go:
        wait = dt.timedelta(seconds=turn.wait_s)
        _finish(db, entry.id, status=OutboxStatus.PENDING, now=clock(), next_at=clock() + wait)
        return False
    shipment.retry = shipment.retry or turn.retry
    return True


def _push_one(
    db: Database,
    entry: OutboxEntry,
    shipment: Shipment,
    connector: Connector,
    clock: Clock,
    rng: random.Random | None,
    result: PushResult,
    guard: SendGuard | None = None,
) -> bool:
    """Push one entry and record the outcome; False when the shop should not be tried further."""
    try:
        if not shipment.order_external_id:
            raise PermanentError("shop_order_without_id", number=shipment.order_number)
        connector.push(shipment)
    except PermanentError as exc:
        _finish(db, entry.id, status=OutboxStatus.PARKED, now=clock(), error=_reason(exc))
        result.parked += 1
        result.errors.append(str(exc))
        return True
    except (TransientError, AuthError) as exc:
        wait = backoff_s(entry.attempts + 1, base_s=5.0, cap_s=3600.0, rng=rng)
        if isinstance(exc, TransientError) and exc.retry_after_s:
            wait = max(wait, exc.retry_after_s)
        wait = min(wait, MAX_WAIT.total_seconds())
        _finish(
            db,
            entry.id,
            status=OutboxStatus.PENDING,
            now=clock(),
            error=_reason(exc),
            next_at=clock() + dt.timedelta(seconds=wait),
        )
        result.retrying += 1
        result.errors.append(str(exc))
        result.offline = isinstance(exc, OfflineError)
        return not isinstance(exc, OfflineError | AuthError)
    except ShopError as exc:  # pragma: no cover - every ShopError is one of the above
        result.errors.append(str(exc))
        return False
    if guard is not None:
        guard.sent(entry.key)
    _finish(db, entry.id, status=OutboxStatus.SENT, now=clock())
    result.sent += 1
    return True


def _reason(exc: ShopError) -> ev.Reason:
    """What the shop answered, kept as its message code and parameters (never prose), so it
    is said in the reader's language wherever it is shown."""
    return ev.Reason(exc.code, {name: str(value) for name, value in exc.params.items()})


def last_parked(db: Database) -> ev.Reason | None:
    """Why the most recently parked shop update was refused (None: nothing is parked)."""
    with db.read() as s:
        entry = s.scalar(
            select(OutboxEntry)
            .where(OutboxEntry.status == OutboxStatus.PARKED)
            .order_by(OutboxEntry.next_attempt_at.desc(), OutboxEntry.id.desc())
            .limit(1)
        )
        return entry.error if entry is not None else None


def follow_clock_jump(db: Database, jump: ClockJump) -> int:
    """Move every pending wait by the clock's jump, so each keeps the time it had left; returns
    how many moved.

    After a jump ahead, entries made since (stamped at or after `jump.at`) already wait on the
    new clock and are left alone. After a jump back, moving them too only keeps them due.
    """
    with db.write() as s:
        query = select(OutboxEntry).where(OutboxEntry.status == OutboxStatus.PENDING)
        if jump.delta > dt.timedelta():
            query = query.where(OutboxEntry.created_at < jump.at)
        entries = list(s.scalars(query))
        for entry in entries:
            entry.next_attempt_at = entry.next_attempt_at + jump.delta
        return len(entries)


def retry_parked(db: Database, entry_key: str, now: dt.datetime) -> bool:
    """A person decided to try a parked entry again."""
    with db.write() as s:
        entry = s.scalar(select(OutboxEntry).where(OutboxEntry.key == entry_key))
        if entry is None or entry.status != OutboxStatus.PARKED:
            return False
        order_uid = s.scalar(select(Order.uid).where(Order.id == entry.order_id))
        record(s, ev.ShopUpdateRetried(order=order_uid, key=entry_key), at=now)
        return True
