"""The projector's handlers for picking: a tote per order, the units picked into it, and the
units a bin did not have. Registered on the one projector (`station.services.projection`)."""

from __future__ import annotations

from sqlalchemy.orm import Session

from station.db.models import Order
from station.domain import events as ev
from station.services.projection import _line, _on


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
