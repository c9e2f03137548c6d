"""Parcels whose carrier label is pending: ask their carrier again, and hand the labels it gives
to the bench that packed them, to print once.

The carrier is asked outside any transaction (a bench keeps writing meanwhile); what it gave
is recorded in one transaction, `LabelCreated` per parcel and, once no parcel of the order
waits, `OrderShipped` again so the shop hears the carrier's numbers. A carrier that may have
created the shipment on a call whose answer was lost is told to forget it first.
"""

from __future__ import annotations

import datetime as dt
import logging
import uuid
from collections.abc import Callable, Container
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from station.carriers import CreatedLabels, LabelRequest, ShippingError, carrier_for
from station.carriers.numbering import ShipmentCounters, stored_counters
from station.carriers.port import ForgettingCarrier
from station.carriers.transport import CarrierHttp, CarrierUnreachableError
from station.config import Settings
from station.db.engine import Database
from station.db.models import Event, Order, Parcel
from station.domain import events as ev
from station.printing.archive import DocumentArchive, label_ref
from station.printing.bench import PrintedDocument
from station.services.projection import order_by_uid
from station.services.shipping import (
    label_request,
    record_created,
    record_shipped,
    recorded_ssccs,
)

log = logging.getLogger(__name__)
# No operator waits on a retry: a carrier slower than the bench's deadline still gets through.
RETRY_DEADLINE_S = 20.0


@dataclass
class Retried:
    printed: list[PrintedDocument] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)  # a carrier's refusal, one sentence each


def pending_orders(session: Session, bench: str) -> list[uuid.UUID]:
    """Orders with a parcel waiting for its carrier's label that this bench packed."""
    waiting = select(Order.uid).join(Parcel).where(Parcel.label_pending.is_(True)).distinct()
    uids = set(session.scalars(waiting))
    packed_here = select(Event.order_uid).where(
        Event.type == ev.OrderPacked.TYPE, Event.bench == bench, Event.order_uid.in_(uids)
    )
    return sorted({uid for uid in session.scalars(packed_here) if uid is not None})


def waiting_parcels(session: Session, bench: str) -> int:
    """How many of this bench's parcels wait for their carrier's label."""
    orders = pending_orders(session, bench)
    waiting = (
        select(Parcel.id).join(Order).where(Order.uid.in_(orders), Parcel.label_pending.is_(True))
    )
    return len(session.scalars(waiting).all())


@dataclass(frozen=True)
class PendingParcel:
    """A parcel on the pending shelf, as the lead sees it."""

    order_number: str
    parcel_seq: int
    carrier: str
    bench: str
    since: dt.datetime
    reason: ev.Reason


def pending_shelf(session: Session) -> list[PendingParcel]:
    """Every parcel waiting for its carrier's label, oldest first."""
    waiting = session.execute(
        select(Order.number, Order.uid, Parcel.seq, Parcel.carrier)
        .join(Parcel)
        .where(Parcel.label_pending.is_(True))
    ).all()
    shelf = []
    for number, uid, seq, carrier in waiting:
        found = _why_waiting(session, uid, seq)
        if found is not None:
            since, reason = found
            bench = _packed_at(session, uid)
            shelf.append(PendingParcel(number, seq, carrier, bench, since, reason))
    return sorted(shelf, key=lambda p: p.since)


# The events after which a parcel waits for its carrier's label.
_WAITING = (ev.LabelPending.TYPE, ev.LabelRequested.TYPE, ev.ShipmentVoided.TYPE)


def _why_waiting(
    session: Session, uid: uuid.UUID, seq: int
) -> tuple[dt.datetime, ev.Reason] | None:
    """Since when the parcel waits, and why: the carrier did not answer in time, its answer
    is not recorded yet (asked, or asked by an app that stopped), or its label was voided."""
    rows = session.scalars(
        select(Event)
        .where(Event.order_uid == uid, Event.type.in_(_WAITING))
        .order_by(Event.seq.desc())
    )
    for row in rows:
        event = ev.decode(row.type, row.version, row.payload)
        if isinstance(event, ev.LabelPending) and event.parcel_seq == seq:
            return row.at, event.reason
        if isinstance(event, ev.LabelRequested) and event.parcel_seq == seq:
            return row.at, ev.Reason("label_asked", {"carrier": event.carrier})
        if isinstance(event, ev.ShipmentVoided) and seq in event.parcels:
            return row.at, ev.Reason("label_voided", {"carrier": event.carrier})
    return None


def _packed_at(session: Session, uid: uuid.UUID) -> str:
    """The bench that packed the order (where its labels print)."""
    packed = select(Event.bench).where(Event.order_uid == uid, Event.type == ev.OrderPacked.TYPE)
    return session.scalar(packed.order_by(Event.seq.desc()).limit(1)) or ""


def retry_pending(
    db: Database,
    settings: Settings,
    archive: DocumentArchive,
    *,
    bench: str,
    operator: str,
    clock: Callable[[], dt.datetime],
    asking: Container[uuid.UUID] = frozenset(),
) -> Retried:
    """`asking`: the orders the bench is asking its carrier for now (closed a moment ago),
    looked at just before each order is read, so one carrier call is never made twice."""
    done = Retried()
    with db.read() as session:
        orders = pending_orders(session, bench)
    for uid in orders:
        if uid in asking:
            continue
        with db.read() as session:
            requests = _requests(session, order_by_uid(session, uid), settings)
        who: dict[str, Any] = {"at": clock(), "bench": bench, "operator": operator}
        for request in requests:
            if not carrier_for(request.carrier, settings).needs_network:
                done.printed += _label_offline(db, uid, request, archive, settings, done, who)
                continue
            created = _ask(request, settings, done)
            if created is not None:
                with db.write() as session:
                    done.printed += _record(session, uid, request, created, archive, who)
    return done


def _label_offline(
    db: Database,
    uid: uuid.UUID,
    request: LabelRequest,
    archive: DocumentArchive,
    settings: Settings,
    done: Retried,
    who: dict[str, Any],
) -> list[PrintedDocument]:
    """A carrier that needs no network (its labels voided, say) numbers from the stored
    series in the transaction that records the labels."""
    with db.write() as session:
        counters = ShipmentCounters(stored_counters(session))
        try:
            created = carrier_for(request.carrier, settings).create_labels(request, counters)
        except ShippingError as exc:  # a range used up: the parcel stays on the pending shelf
            done.warnings.append(exc.message(settings.language))
            return []
        return _record(session, uid, request, created, archive, who)


def _requests(session: Session, order: Order, settings: Settings) -> list[LabelRequest]:
    """One request per carrier and service of the order's pending parcels."""
    parcels = sorted(order.parcels, key=lambda p: p.seq)
    ssccs: dict[int, str | None] = dict(recorded_ssccs(session, order.uid))
    groups: dict[tuple[str, str], list[Parcel]] = {}
    for parcel in parcels:
        if parcel.label_pending:
            groups.setdefault((parcel.carrier, parcel.service), []).append(parcel)
    return [
        label_request(order, group, len(parcels), carrier, service, settings, ssccs)
        for (carrier, service), group in groups.items()
    ]


def _ask(request: LabelRequest, settings: Settings, done: Retried) -> CreatedLabels | None:
    # A network carrier numbers from its own series: no stored counter is read for it.
    counters = ShipmentCounters(lambda key: None)
    try:
        carrier = carrier_for(request.carrier, settings)
        transport = getattr(carrier, "http", None)
        if isinstance(transport, CarrierHttp):
            transport.deadline_s = max(transport.deadline_s, RETRY_DEADLINE_S)
        if isinstance(carrier, ForgettingCarrier):
            carrier.forget(request.order_number)
        return carrier.create_labels(request, counters)
    except CarrierUnreachableError:
        return None  # still away: the next round asks again
    except ShippingError as exc:  # refused now: the parcel stays on the pending shelf
        log.warning(
            "carrier %s refused order %s: %s", request.carrier, request.order_number, exc.code
        )
        done.warnings.append(exc.message(settings.language))
        return None


def _record(
    session: Session,
    uid: uuid.UUID,
    request: LabelRequest,
    created: CreatedLabels,
    archive: DocumentArchive,
    who: dict[str, Any],
) -> list[PrintedDocument]:
    printed = []
    order = order_by_uid(session, uid)
    waiting = {p.seq for p in order.parcels if p.label_pending}
    for label in created.parcels:
        if label.seq not in waiting:
            continue  # labelled meanwhile: never print a parcel's label twice
        record_created(session, order, created.carrier, request.service, label, archive, **who)
        printed.append(PrintedDocument(label_ref(order.number, label.seq), label.tracking_number))
    session.flush()
    if printed and not any(p.label_pending for p in order.parcels):
        parcels = sorted(order.parcels, key=lambda p: p.seq)
        record_shipped(session, order, parcels, **who)
    return printed
