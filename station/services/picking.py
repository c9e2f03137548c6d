"""Batch picking's use cases: take a batch (a claim no other picker can share), carry it on
after a restart, and record what the picker does.

Taking a batch is one write transaction: the orders are chosen and `BatchTaken` recorded for
each before any other writer may choose (SQLite's writer lock; `FOR UPDATE SKIP LOCKED` where
the database has row locks). A bench joined to a hub first asks its claim source
(`station.services.claims`) for each order, as NEXT does, so two benches never share one.
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Collection

from sqlalchemy import ColumnElement, or_, select
from sqlalchemy.orm import Session, selectinload

from station.db.engine import Database
from station.db.models import Bench, Event, Order, OrderLine
from station.domain import OrderStatus
from station.domain import events as ev
from station.domain.locations import Location, LocationCodeError, parse_location
from station.domain.messages import text
from station.services.claims import ClaimSource
from station.services.events import new_uid, record_all, recorded
from station.services.locations import faces_by_sku, overflow_by_sku
from station.services.queue import urgency
from station.workflow.batch_pick import BatchLine, BatchOrder, BatchPick, PickOutcome
from station.workflow.io import Accepted, Command, CommandName, Input, Prompt, Rejected


def _bin(face: Location | None, shop_bin: str) -> Location | None:
    if face is not None:
        return face
    try:
        return parse_location(shop_bin) if shop_bin.strip() else None
    except LocationCodeError:
        return None


def _free_here(bench: str) -> ColumnElement[bool]:
    """Queued, in no batch and no tote, and not given to another bench (a hub's lease or a
    lead's assignment to this bench is fine)."""
    mine = select(Bench.id).where(Bench.name == bench).scalar_subquery()
    return (
        (Order.status == OrderStatus.QUEUED)
        & (Order.tote == "")
        & Order.pick_batch.is_(None)
        & or_(Order.bench_id.is_(None), Order.bench_id == mine)
    )


def free_orders(session: Session, bench: str, size: int) -> list[tuple[uuid.UUID, str]]:
    """The `size` most urgent orders a picker at `bench` may take, as (uid, number)."""
    query = select(Order.uid, Order.number).where(_free_here(bench)).order_by(*urgency())
    return [(row.uid, row.number) for row in session.execute(query.limit(max(size, 0)))]


def batch_orders(session: Session, uids: list[uuid.UUID]) -> list[BatchOrder]:
    """The orders with their lines and each line's pick face and overflow bins, in `uids`'
    order."""
    query = (
        select(Order)
        .options(selectinload(Order.lines).selectinload(OrderLine.product))
        .where(Order.uid.in_(uids))
    )
    by_uid = {o.uid: o for o in session.scalars(query)}
    orders = [by_uid[uid] for uid in uids if uid in by_uid]
    skus = {ln.sku for o in orders for ln in o.lines}
    faces, overflow = faces_by_sku(session, skus), overflow_by_sku(session, skus)
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
                    overflow.get(ln.sku, ()),
                )
                for ln in o.lines
            ),
        )
        for o in orders
    ]


def busy_totes(session: Session) -> set[str]:
    return set(session.scalars(select(Order.tote).where(Order.tote != "")))


def take_batch(
    db: Database,
    *,
    size: int,
    bench: str,
    operator: str,
    now: dt.datetime,
    only: Collection[uuid.UUID] | None = None,
) -> tuple[uuid.UUID, list[uuid.UUID]]:
    """Claim up to `size` free orders (among `only`, when a claim source has granted those)
    into a new batch; returns the batch and its orders, most urgent first."""
    batch = new_uid()
    with db.write() as session:
        query = select(Order.uid).where(_free_here(bench)).order_by(*urgency())
        if only is not None:
            query = query.where(Order.uid.in_(list(only)))
        query = query.limit(max(size, 0)).with_for_update(skip_locked=True)
        uids = list(session.scalars(query))
        record_all(
            session,
            [
                recorded(
                    ev.BatchTaken(order=uid, batch=batch), at=now, bench=bench, operator=operator
                )
                for uid in uids
            ],
        )
    return batch, uids


def granted_by(
    claims: ClaimSource, session_orders: list[tuple[uuid.UUID, str]], size: int
) -> list[uuid.UUID]:
    """The orders the claim source lets this bench open, asked one by one up to `size`."""
    granted: list[uuid.UUID] = []
    for uid, number in session_orders:
        if len(granted) >= size:
            break
        if claims.before_open(number) is None:
            granted.append(uid)
    return granted


def unfinished_batch(
    session: Session, bench: str, operator: str
) -> tuple[uuid.UUID, list[uuid.UUID]] | None:
    """The batch this picker took and has not finished (a restart), with its orders in the
    order they were taken."""
    rows = session.execute(
        select(Order.uid, Order.pick_batch, Event.payload)
        .join(Event, (Event.order_uid == Order.uid) & (Event.type == ev.BatchTaken.TYPE))
        .where(Order.pick_batch.is_not(None), Event.bench == bench, Event.operator == operator)
        .order_by(Event.seq)
    ).all()
    # An order this picker took into an earlier batch may be in someone else's now.
    mine = [r for r in rows if r.payload.get("batch") == str(r.pick_batch)]
    if not mine:
        return None
    batch = mine[-1].pick_batch
    assert batch is not None
    return batch, [r.uid for r in mine if r.pick_batch == batch]


class PickService:
    """One picker's batch: each input decided by the pure machine, its events recorded and
    projected in one transaction before the picker is shown the answer. A batch taken before
    a restart is carried on where it was; NEXT after a batch is done takes the next one."""

    def __init__(
        self,
        db: Database,
        *,
        size: int,
        bench: str,
        operator: str,
        language: str,
        claims: ClaimSource | None = None,
        now: dt.datetime | None = None,
    ) -> None:
        self.db = db
        self.bench = bench
        self.operator = operator
        self.language = language
        self.size = size
        self.claims = claims
        now = now or dt.datetime.now(dt.UTC)
        with db.read() as session:
            found = unfinished_batch(session, bench, operator)
        self.resumed = found is not None
        self.pick = self._load(*(found or self._take(now)))
        self._record(self.pick.out, now)  # a batch all picked before the restart ends now

    def _take(self, now: dt.datetime) -> tuple[uuid.UUID, list[uuid.UUID]]:
        only = None
        if self.claims is not None:
            with self.db.read() as session:
                # Some may be another bench's already (its leases not heard of yet): ask more.
                asked = free_orders(session, self.bench, self.size * 3)
            only = granted_by(self.claims, asked, self.size)
        return take_batch(
            self.db, size=self.size, bench=self.bench, operator=self.operator, now=now, only=only
        )

    def _load(self, batch: uuid.UUID, uids: list[uuid.UUID]) -> BatchPick:
        """The batch's machine as the database has it: totes scanned, lines put or shorted."""
        with self.db.read() as session:
            orders = batch_orders(session, uids)
            totes = {
                o.uid: o.tote
                for o in session.scalars(select(Order).where(Order.uid.in_(uids)))
                if o.tote
            }
            done = set(
                session.scalars(
                    select(OrderLine.uid)
                    .join(Order)
                    .where(
                        Order.uid.in_(uids),
                        OrderLine.picked_qty + OrderLine.pick_short_qty >= OrderLine.quantity,
                    )
                )
            )
            busy = busy_totes(session) - set(totes.values())
        pick = BatchPick(batch, orders, busy, self.language)
        pick.resume(totes, done)
        return pick

    def handle(self, inp: Input, now: dt.datetime) -> PickOutcome:
        if isinstance(inp, Command) and inp.name is CommandName.NEXT and self.pick.finished:
            return self._next_batch(now)
        left = self._orders_gone()
        if left:
            return self._without(left)
        out = self.pick.handle(inp)
        try:
            self._record(out, now)
        except Exception:
            # Not recorded: the picker carries on from what the database holds.
            self.pick = self._load(self.pick.batch, [o.uid for o in self.pick.orders])
            raise
        return out

    def _orders_gone(self) -> list[str]:
        """Orders a lead held or the shop cancelled since the batch was taken (they leave it)."""
        if self.pick.finished:
            return []
        with self.db.read() as session:
            kept = set(
                session.scalars(select(Order.uid).where(Order.pick_batch == self.pick.batch))
            )
        return [o.number for o in self.pick.orders if o.uid not in kept]

    def _without(self, left: list[str]) -> PickOutcome:
        """Carry on without the orders that left; the picker puts their units back. The scan
        that found it out is answered with that, not taken: the picker scans it again."""
        gone = set(left)
        self.pick = self._load(
            self.pick.batch, [o.uid for o in self.pick.orders if o.number not in gone]
        )
        said = text("batch_orders_left", self.language, count=len(left), numbers=", ".join(left))
        effects: list[Accepted | Rejected | Prompt] = [Rejected("batch_orders_left", said)]
        return PickOutcome(effects=[*effects, self.pick.prompt()])

    def _next_batch(self, now: dt.datetime) -> PickOutcome:
        self.pick = self._load(*self._take(now))
        self.resumed = False
        count = len(self.pick.orders)
        said = text("batch_taken", self.language, count=count)
        effects: list[Accepted | Rejected | Prompt] = [Accepted("batch_taken", said)]
        return PickOutcome(effects=[*effects, self.pick.prompt()])

    def _record(self, out: PickOutcome, now: dt.datetime) -> None:
        if not out.events:
            return
        recs = [recorded(e, at=now, bench=self.bench, operator=self.operator) for e in out.events]
        with self.db.write() as session:
            record_all(session, recs)

    @property
    def batch(self) -> uuid.UUID:
        return self.pick.batch
