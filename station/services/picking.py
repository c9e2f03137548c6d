"""Batch picking's use cases: choose the batch, and record what the picker does."""

from __future__ import annotations

import datetime as dt
import uuid

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from station.db.engine import Database
from station.db.models import Order, OrderLine
from station.domain import OrderStatus
from station.domain.locations import Location, LocationCodeError, parse_location
from station.services.events import new_uid, record_all, recorded
from station.services.locations import faces_by_sku
from station.services.queue import urgency
from station.workflow.batch_pick import BatchLine, BatchOrder, BatchPick, PickOutcome
from station.workflow.io import Input


def _bin(face: Location | None, shop_bin: str) -> Location | None:
    if face is not None:
        return face
    try:
        return parse_location(shop_bin) if shop_bin.strip() else None
    except LocationCodeError:
        return None


def choose_batch(session: Session, size: int) -> list[BatchOrder]:
    """The `size` most urgent queued orders no bench has claimed and no tote holds."""
    query = (
        select(Order)
        .options(selectinload(Order.lines).selectinload(OrderLine.product))
        .where(Order.status == OrderStatus.QUEUED, Order.bench_id.is_(None), Order.tote == "")
        .order_by(*urgency())
        .limit(max(size, 0))
    )
    orders = list(session.scalars(query))
    faces = faces_by_sku(session, {ln.sku for o in orders for ln in o.lines})
    return [
        BatchOrder(
            o.uid,
            o.number,
            tuple(
                BatchLine(
                    ln.uid,
                    ln.sku,
                    ln.name,
                    ln.quantity,
                    _bin(faces.get(ln.sku), ln.product.bin_location if ln.product else ""),
                )
                for ln in o.lines
            ),
        )
        for o in orders
    ]


def busy_totes(session: Session) -> set[str]:
    return set(session.scalars(select(Order.tote).where(Order.tote != "")))


class PickService:
    """One picker's batch: each input decided by the pure machine, its events recorded and
    projected in one transaction before the picker is shown the answer."""

    def __init__(
        self, db: Database, *, size: int, bench: str, operator: str, language: str
    ) -> None:
        self.db = db
        self.bench = bench
        self.operator = operator
        with db.read() as session:
            orders = choose_batch(session, size)
            busy = busy_totes(session)
        self.pick = BatchPick(new_uid(), orders, busy, language)

    def handle(self, inp: Input, now: dt.datetime) -> PickOutcome:
        out = self.pick.handle(inp)
        if out.events:
            recs = [
                recorded(e, at=now, bench=self.bench, operator=self.operator) for e in out.events
            ]
            with self.db.write() as session:
                record_all(session, recs)
        return out

    @property
    def batch(self) -> uuid.UUID:
        return self.pick.batch
