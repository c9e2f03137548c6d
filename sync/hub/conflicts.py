"""Conflicts between benches resolve by physical fact: a packed, labelled parcel exists.

Events pulled from the hub are projected as they are (the log keeps both sides, always); what
cannot both be true is flagged on the order for a lead, with both sides named:

- a bench packed an order that was given meanwhile to another bench (a lead's reassignment, or
  a lease that ran out while the bench was cut off): the packing stands, the other side is told;
- two benches packed the same order: both parcels exist, both tracking numbers are named;
- a lead reassigned an order already packed: the order stays packed.

A flag's id is derived from the order and the kind of conflict, so every bench that sees the
same conflict (each from its own side) records the same event, and replication keeps one.
"""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from station.db.models import Event, Order
from station.domain import OrderStatus
from station.domain import events as ev

_CONFLICT = uuid.UUID("6f1c3a52-1d0e-4c36-9a65-7f0e2b8c4d11")  # the namespace of flag ids


@dataclass
class Conflict:
    id: uuid.UUID
    order: uuid.UUID
    code: str
    params: dict[str, str]
    # a bench whose tracking numbers are named once its events are projected too
    tracking_of: str = ""

    def flagged(self, s: Session) -> ev.OrderFlagged:
        params = dict(self.params)
        if self.tracking_of:
            params["second_tracking"] = _tracking(s, self.order, self.tracking_of)
        return ev.OrderFlagged(order=self.order, problem=ev.Reason(self.code, params))


def _flag(order: uuid.UUID, what: str, code: str, tracking_of: str = "", **params: str) -> Conflict:
    return Conflict(uuid.uuid5(_CONFLICT, f"{order}:{what}"), order, code, params, tracking_of)


def _shipped_by(s: Session, order: uuid.UUID) -> str | None:
    return s.scalar(
        select(Event.bench)
        .where(Event.order_uid == order, Event.type == ev.OrderShipped.TYPE)
        .order_by(Event.seq)
        .limit(1)
    )


def _tracking(s: Session, order: uuid.UUID, bench: str) -> str:
    rows = s.scalars(
        select(Event.payload).where(
            Event.order_uid == order, Event.type == ev.LabelCreated.TYPE, Event.bench == bench
        )
    )
    return ", ".join(str(p.get("tracking_number", "")) for p in rows) or "-"


def before_projecting(s: Session, recs: Sequence[ev.Recorded]) -> list[Conflict]:
    """What the pulled events contradict in the local state, read before they are applied."""
    flags = []
    for rec in recs:
        e = rec.event
        if e.order is None or not isinstance(e, ev.OrderClaimed | ev.OrderReassigned):
            continue
        order = s.scalar(select(Order).where(Order.uid == e.order))
        if order is None:
            continue
        holder = order.bench.name if order.bench else None
        if isinstance(e, ev.OrderClaimed):
            flags += _claimed(s, order, rec, e, holder)
        elif order.status == OrderStatus.SHIPPED:
            flags.append(
                _flag(
                    order.uid,
                    "given-away",
                    "hub_reassigned_after_packing",
                    number=order.number,
                    packed_by=_shipped_by(s, order.uid) or "?",
                    tracking=_tracking(s, order.uid, _shipped_by(s, order.uid) or ""),
                    assigned_to=e.bench or "-",
                )
            )
    return flags


def _claimed(
    s: Session, order: Order, rec: ev.Recorded, e: ev.OrderClaimed, holder: str | None
) -> list[Conflict]:
    if order.status == OrderStatus.SHIPPED:
        first = _shipped_by(s, order.uid) or "?"
        if first == e.bench:
            return []
        return [
            _flag(
                order.uid,
                "packed-twice",
                "hub_packed_twice",
                tracking_of=e.bench,
                number=order.number,
                first=first,
                first_tracking=_tracking(s, order.uid, first),
                second=e.bench,
            )
        ]
    if order.status == OrderStatus.QUEUED and holder and holder != e.bench:
        return [
            _flag(
                order.uid,
                "given-away",
                "hub_packed_elsewhere",
                number=order.number,
                packed_by=e.bench,
                given_to=holder,
            )
        ]
    return []
