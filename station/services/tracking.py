"""Where a shipped parcel is: its carrier asked by the tracking number it gave, the answer in
our own statuses (`station.carriers.port.TrackStatus`) beside the carrier's words."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from station.carriers import ShippingError, carrier_for
from station.carriers.port import Tracked, TrackingCarrier
from station.carriers.registry import carrier_kind
from station.carriers.transport import CarrierHttp
from station.config import Settings
from station.db.models import Order, Parcel
from station.domain.messages import Phrase
from station.domain.order_codes import order_number_from_code

TRACK_DEADLINE_S = 10.0  # a person waits for the answer; no bench does


@dataclass(frozen=True)
class ParcelToTrack:
    order_number: str
    seq: int
    carrier: str
    tracking_number: str | None  # None while its label is pending


@dataclass(frozen=True)
class ParcelTracked:
    parcel: ParcelToTrack
    tracked: Tracked | None = None
    problem: Phrase | None = None  # why the carrier could not say


def parcels_to_track(session: Session, wanted: str) -> list[ParcelToTrack]:
    """The parcel with tracking number `wanted`, else every parcel of order `wanted`."""
    number = order_number_from_code(wanted)
    query = (
        select(Order.number, Parcel.seq, Parcel.carrier, Order.carrier, Parcel.tracking_number)
        .join(Order, Parcel.order_id == Order.id)
        .where(or_(Parcel.tracking_number == wanted.strip(), Order.number == number))
        .order_by(Parcel.tracking_number != wanted.strip(), Order.number, Parcel.seq)
    )
    rows = session.execute(query).all()
    exact = [r for r in rows if r.tracking_number == wanted.strip()]
    return [ParcelToTrack(r[0], r[1], r[2] or r[3], r[4]) for r in (exact or rows)]


def track_parcels(parcels: Sequence[ParcelToTrack], settings: Settings) -> list[ParcelTracked]:
    return [_track(p, settings) for p in parcels]


def _track(parcel: ParcelToTrack, settings: Settings) -> ParcelTracked:
    if parcel.tracking_number is None:
        return ParcelTracked(
            parcel, problem=Phrase("track_label_pending", {"carrier": parcel.carrier})
        )
    try:
        carrier = carrier_for(parcel.carrier, settings)
        if not isinstance(carrier, TrackingCarrier):
            kind = carrier_kind(parcel.carrier, settings)
            said = {"carrier": parcel.carrier, "kind": kind}
            return ParcelTracked(parcel, problem=Phrase("carrier_track_not_supported", said))
        transport = getattr(carrier, "http", None)
        if isinstance(transport, CarrierHttp):
            transport.deadline_s = TRACK_DEADLINE_S
        return ParcelTracked(parcel, carrier.track(parcel.tracking_number))
    except ShippingError as exc:
        return ParcelTracked(parcel, problem=Phrase(exc.code, exc.params))
