"""The projector's handlers for picking: a batch holding its orders, a tote per order, the units
picked into it, and the units a bin did not have. Registered on the one projector
(`station.services.projection`)."""

from __future__ import annotations

from sqlalchemy.orm import Session

from station.db.models import Order
from station.domain import events as ev
from station.services.projection import _line, _on
from station.services.projection_import import bench_id


def free_tote(order: Order) -> None:
    """The order leaves its batch and its tote: whatever was picked goes back to the shelf, so
    the next picker starts it from nothing."""
    order.tote = ""
    order.pick_batch = None
    for line in order.lines:
        line.picked_qty = 0


@_on(ev.BatchTaken)
def _batch_taken(s: Session, order: Order, rec: ev.Recorded, e: ev.BatchTaken) -> None:
    order.pick_batch = e.batch
    bench_id(s, rec.bench)  # the picker's bench is known from its first batch, as a packer's is


@_on(ev.BatchFinished)
def _batch_finished(s: Session, order: Order, rec: ev.Recorded, e: ev.BatchFinished) -> None:
    if order.pick_batch == e.batch:
        order.pick_batch = None


@_on(ev.ToteAssigned)
def _tote(s: Session, order: Order, rec: ev.Recorded, e: ev.ToteAssigned) -> None:
    order.tote = e.tote


@_on(ev.UnitsPicked)
def _picked(s: Session, order: Order, rec: ev.Recorded, e: ev.UnitsPicked) -> None:
    _line(order, e.line).picked_qty += e.quantity


@_on(ev.PickShorted)
def _short(s: Session, order: Order, rec: ev.Recorded, e: ev.PickShorted) -> None:
    line = _line(order, e.line)
    line.picked_qty += e.found
    line.pick_short_qty += e.wanted - e.found
