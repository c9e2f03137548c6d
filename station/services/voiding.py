"""A lead voids an order's shipment: cancelled at its carrier where the carrier allows, else
refused in one sentence that says why; recorded as `ShipmentVoided`.

The carrier is asked outside any transaction. An order the shop still wants goes back to be
labelled again (its parcels wait, and the bench that packed them asks the carrier for new
labels and prints them); one the shop cancelled stays cancelled, its parcels unlabelled.
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field

from station.carriers import ShippingError, carrier_for
from station.carriers.port import CancellingCarrier, ForgettingCarrier, VoidingCarrier
from station.carriers.transport import CarrierUnreachableError
from station.config import Settings
from station.db.engine import Database
from station.db.models import Order
from station.domain import OrderStatus
from station.domain import events as ev
from station.services.errors import CommandError
from station.services.events import record
from station.services.lead import require_lead
from station.services.orders import find_order


@dataclass
class CarrierShipment:
    """One carrier's part of an order: its parcels, and the numbers it gave (none while the
    parcels still wait for its labels)."""

    carrier: str
    parcels: list[int] = field(default_factory=list)
    tracking_numbers: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class Voided:
    number: str
    shipments: tuple[CarrierShipment, ...]
    relabel: bool


def void_shipment(
    db: Database,
    settings: Settings,
    number: str,
    *,
    lead: str,
    bench: str,
    clock: Callable[[], dt.datetime],
) -> Voided:
    """Cancel the order's shipment at each of its carriers, then record it. What a carrier
    cancelled before another refused is recorded too, and the refusal raised."""
    with db.read() as session:
        require_lead(session, lead)
        order = find_order(session, number)
        number, uid = order.number, order.uid
        shipments = _shipments(order)
        relabel = order.status != OrderStatus.CANCELLED
    if not shipments:
        raise CommandError("void_nothing", number=number)
    done: list[CarrierShipment] = []
    try:
        for shipment in shipments:
            _cancel(shipment, number, settings)
            done.append(shipment)
    finally:
        _record(db, uid, done, relabel, at=clock(), bench=bench, lead=lead)
    return Voided(number, tuple(done), relabel)


def _shipments(order: Order) -> list[CarrierShipment]:
    """The order's parcels with a carrier label or waiting for one, by carrier."""
    found: dict[str, CarrierShipment] = {}
    for parcel in sorted(order.parcels, key=lambda p: p.seq):
        if not (parcel.tracking_number or parcel.label_pending) or not parcel.carrier:
            continue
        shipment = found.setdefault(parcel.carrier, CarrierShipment(parcel.carrier))
        shipment.parcels.append(parcel.seq)
        if parcel.tracking_number and not parcel.label_pending:
            shipment.tracking_numbers.append(parcel.tracking_number)
    return list(found.values())


def _cancel(shipment: CarrierShipment, number: str, settings: Settings) -> None:
    code = shipment.carrier
    try:
        carrier = carrier_for(code, settings)
        if not shipment.tracking_numbers and isinstance(carrier, ForgettingCarrier):
            carrier.forget(number)  # still waiting: whatever a lost call made there goes
        elif isinstance(carrier, CancellingCarrier):
            carrier.cancel_shipment(number)
        elif isinstance(carrier, VoidingCarrier):
            carrier.void(shipment.tracking_numbers)
        elif shipment.tracking_numbers:
            raise CommandError("void_not_at_carrier", carrier=code, number=number)
    except CarrierUnreachableError:
        raise CommandError("void_carrier_away", carrier=code, number=number) from None
    except ShippingError as exc:
        reason = str(exc.params.get("reason") or exc.message(settings.language)).rstrip(".")
        raise CommandError("void_refused", carrier=code, number=number, reason=reason) from None


def _record(
    db: Database,
    uid: uuid.UUID,
    done: list[CarrierShipment],
    relabel: bool,
    *,
    at: dt.datetime,
    bench: str,
    lead: str,
) -> None:
    if not done:
        return
    with db.write() as session:
        for shipment in done:
            voided = ev.ShipmentVoided(
                order=uid,
                carrier=shipment.carrier,
                parcels=tuple(shipment.parcels),
                tracking_numbers=tuple(shipment.tracking_numbers),
                relabel=relabel,
            )
            record(session, voided, at=at, bench=bench, operator=lead)
