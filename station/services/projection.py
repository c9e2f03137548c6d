"""Applies each recorded fact to the order tables, in the same transaction as the event."""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Callable
from typing import Any

from sqlalchemy import delete, select, update
from sqlalchemy.orm import Session

from station.db.models import BoxType, Order, OrderLine, PackedUnit, Parcel, ProductBarcode
from station.domain import EventType, OrderStatus
from station.workflow.io import Fact


class Projector:
    def __init__(self, session: Session, bench_id: int, now: dt.datetime) -> None:
        self.session = session
        self.bench_id = bench_id
        self.now = now

    def apply(self, fact: Fact) -> None:
        handler = _HANDLERS.get(EventType(fact.type))
        if handler is not None and fact.order_id is not None:
            handler(self, self.session.get_one(Order, fact.order_id), fact)

    def _parcel(self, order: Order, seq: int) -> Parcel:
        found = next((p for p in order.parcels if p.seq == seq), None)
        if found is None:
            found = Parcel(seq=seq, carrier=order.carrier, service=order.service)
            order.parcels.append(found)
        return found

    def _line(self, order: Order, line_id: int) -> OrderLine:
        return next(line for line in order.lines if line.id == line_id)

    def claimed(self, order: Order, fact: Fact) -> None:
        order.status = OrderStatus.PACKING
        order.bench_id = self.bench_id
        order.claimed_at = self.now
        self._parcel(order, 1)

    def units_verified(self, order: Order, fact: Fact) -> None:
        p = fact.payload
        expiry = dt.date.fromisoformat(p["expiry"]) if p.get("expiry") else None
        self.session.add(
            PackedUnit(
                event_id=fact.id,
                order_id=order.id,
                line_id=p["line_id"],
                parcel_seq=p["parcel_seq"],
                quantity=p["quantity"],
                code=p["code"][:200],
                lot=p.get("lot"),
                expiry=expiry,
                serial=p.get("serial"),
                product_id=p.get("product_id"),
            )
        )
        self._line(order, p["line_id"]).verified_qty += p["quantity"]
        self._parcel(order, p["parcel_seq"])

    def scan_undone(self, order: Order, fact: Fact) -> None:
        p = fact.payload
        self.session.execute(
            update(PackedUnit)
            .where(PackedUnit.event_id == uuid.UUID(p["undone_event"]))
            .values(undone=True)
        )
        self._line(order, p["line_id"]).verified_qty -= p["quantity"]

    def parcel_opened(self, order: Order, fact: Fact) -> None:
        self._parcel(order, fact.payload["parcel_seq"])

    def box_chosen(self, order: Order, fact: Fact) -> None:
        box = self.session.scalar(select(BoxType).where(BoxType.code == fact.payload["box"]))
        self._parcel(order, fact.payload["parcel_seq"]).box_type = box

    def units_shorted(self, order: Order, fact: Fact) -> None:
        for shorted in fact.payload["lines"]:
            self._line(order, shorted["line_id"]).short_qty += shorted["quantity"]

    def held(self, order: Order, fact: Fact) -> None:
        if order.status != OrderStatus.CANCELLED:
            order.status = OrderStatus.HELD
        order.hold_reason = fact.payload["reason"][:300]
        order.bench_id = None

    def weighed(self, order: Order, fact: Fact) -> None:
        p = fact.payload
        parcel = self._parcel(order, p["parcel_seq"])
        parcel.measured_weight_g = p["measured_g"]
        parcel.expected_weight_g = p["expected_g"]
        parcel.weight_override_by = p.get("override_by") or ""
        if p.get("box"):
            parcel.box_type = self.session.scalar(select(BoxType).where(BoxType.code == p["box"]))

    def code_learnt(self, order: Order, fact: Fact) -> None:
        """The code joins the product's barcodes, for every order and bench from now on."""
        p = fact.payload
        taken = self.session.scalar(select(ProductBarcode).where(ProductBarcode.code == p["code"]))
        if taken is None:
            self.session.add(ProductBarcode(product_id=p["product_id"], code=p["code"], units=1))

    def released(self, order: Order, fact: Fact) -> None:
        """ABORT: the items go back to the shelf, so the order starts again from nothing."""
        if order.status == OrderStatus.PACKING:
            order.status = OrderStatus.QUEUED
        order.bench_id = None
        order.claimed_at = None
        self.session.execute(
            update(PackedUnit).where(PackedUnit.order_id == order.id).values(undone=True)
        )
        for line in order.lines:
            line.verified_qty = 0
            line.short_qty = 0
        order.parcels.clear()
        self.session.flush()
        self.session.execute(delete(Parcel).where(Parcel.order_id == order.id))


_HANDLERS: dict[EventType, Callable[[Projector, Order, Fact], Any]] = {
    EventType.ORDER_CLAIMED: Projector.claimed,
    EventType.UNITS_VERIFIED: Projector.units_verified,
    EventType.SCAN_UNDONE: Projector.scan_undone,
    EventType.PARCEL_OPENED: Projector.parcel_opened,
    EventType.BOX_CHOSEN: Projector.box_chosen,
    EventType.UNITS_SHORTED: Projector.units_shorted,
    EventType.ORDER_HELD: Projector.held,
    EventType.PARCEL_WEIGHED: Projector.weighed,
    EventType.ORDER_RELEASED: Projector.released,
    EventType.CODE_LEARNT: Projector.code_learnt,
}
