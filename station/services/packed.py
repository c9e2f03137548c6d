"""What the bench shows once an order is packed: each parcel, its box and its tracking number,
so the operator sticks each label on the right box."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from station.db.models import Order, Parcel


@dataclass(frozen=True)
class PackedParcel:
    seq: int
    box: str  # the box code, "" when none was scanned
    weight_g: int | None
    carrier: str
    tracking_number: str


def packed_parcels(session: Session, number: str) -> tuple[PackedParcel, ...]:
    """The parcels of order `number` in their order; empty for an unknown order."""
    parcels = session.scalars(
        select(Parcel)
        .join(Order, Parcel.order_id == Order.id)
        .where(Order.number == number)
        .options(selectinload(Parcel.box_type))
        .order_by(Parcel.seq)
    )
    return tuple(
        PackedParcel(
            seq=p.seq,
            box=p.box_type.code if p.box_type else "",
            weight_g=p.measured_weight_g,
            carrier=p.carrier or "",
            tracking_number=p.tracking_number or "",
        )
        for p in parcels
    )
