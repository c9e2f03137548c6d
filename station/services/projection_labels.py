"""The projector's handlers for a parcel's way to its carrier label after the bench closed it:
asked, refused, voided. Registered on the one projector (`station.services.projection`)."""

from __future__ import annotations

from sqlalchemy import delete
from sqlalchemy.orm import Session

from station.db.models import Order, OutboxEntry
from station.domain import OrderStatus, OutboxKind, OutboxStatus
from station.domain import events as ev
from station.services.projection import _existing_parcel, _on, _packing
from station.services.projection_import import bench_id


@_on(ev.LabelRequested)
def _requested(s: Session, order: Order, rec: ev.Recorded, e: ev.LabelRequested) -> None:
    """The parcel waits for its carrier's answer as it would for a late one (no label yet)."""
    parcel = _existing_parcel(order, e.parcel_seq, rec)
    parcel.carrier = e.carrier
    parcel.service = e.service
    parcel.label_pending = True


@_on(ev.LabelRefused)
def _refused(s: Session, order: Order, rec: ev.Recorded, e: ev.LabelRefused) -> None:
    """Open at its bench as before the last weighing: weighing it again ships it."""
    order.status = OrderStatus.PACKING
    order.bench_id = bench_id(s, rec.bench)
    order.shipped_at = None
    packing = _packing(order, rec)  # this bench's parcels, when two benches packed the order
    for parcel in packing:
        if parcel.carrier == e.carrier and parcel.label_pending:
            parcel.label_pending = False
            parcel.label_path = ""
    if packing:
        last = max(packing, key=lambda p: p.seq)
        last.measured_weight_g = None
        last.weight_override_by = ""


@_on(ev.ShipmentVoided)
def _voided(s: Session, order: Order, rec: ev.Recorded, e: ev.ShipmentVoided) -> None:
    """The shop is not told numbers that no longer exist: what the outbox has not sent yet
    goes, and the new labels' numbers are told once they come."""
    s.execute(
        delete(OutboxEntry).where(
            OutboxEntry.order_id == order.id,
            OutboxEntry.kind.in_((OutboxKind.PARCEL_SHIPPED, OutboxKind.ORDER_SHIPPED)),
            OutboxEntry.status != OutboxStatus.SENT,
        )
    )
    for parcel in order.parcels:
        if parcel.seq in e.parcels:
            parcel.tracking_number = None
            parcel.label_path = ""
            parcel.label_pending = e.relabel
