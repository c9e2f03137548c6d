"""The hub as a bench's claim source (`station.services.claims.ClaimSource`).

NEXT takes from the orders leased to this bench, asking the hub for more only when it holds
none; an order scanned that another bench may hold is asked for by its uid. With the hub out of
reach, the leased orders still open; any other is refused with a sentence before it is opened,
never half-way.
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Callable
from pathlib import Path

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from station.config import Settings
from station.db.engine import Database
from station.db.models import Bench, Order, OrderLine
from station.domain import OrderStatus
from station.services.claims import Refusal
from station.services.queue import urgency
from sync.hub.blocks import (
    SSCC,
    has_numbers,
    in_blocks,
    load_blocks,
    make_room,
    numbers_needed,
    save_blocks,
    stored,
    top_up_blocks,
)
from sync.hub.claims import (
    claim_next_now,
    claim_one,
    lease_orders,
    lease_s,
    queued_here,
    record_leases,
)
from sync.hub.link import HubError, hub_errors
from sync.hub.replicator import RoundReport, pull

Clock = Callable[[], dt.datetime]


class HubClaims:
    def __init__(
        self, local: Database, hub: Database, settings: Settings, clock: Clock, home: Path
    ) -> None:
        self.local = local
        self.hub = hub
        # NEXT's claims: no pre-ping round trip, a dead connection is retried instead
        self.claims_hub = Database(hub.url, pre_ping=False)
        self.settings = settings
        self.clock = clock
        self.home = home

    @property
    def bench(self) -> str:
        return self.settings.bench_name

    def labelling(self, session: Session, settings: Settings) -> Settings:
        return in_blocks(settings, load_blocks(self.home), stored(session))

    def before_next(self) -> Refusal | None:
        refusal = self._claim_next()
        if refusal is not None:
            return refusal
        with self.local.read() as s:
            row = s.execute(
                select(Order.carrier, Order.id)
                .join(Bench, Bench.id == Order.bench_id)
                .where(Bench.name == self.bench, Order.status == OrderStatus.QUEUED)
                .order_by(*urgency())
                .limit(1)
            ).first()
            if row is None:
                return self._numbers_for("", 1)
            return self._numbers_for(row.carrier, _units(s, row.id))

    def _claim_next(self) -> Refusal | None:
        with self.local.read() as s:
            if queued_here(s, self.bench):
                return None  # a leased order is here: NEXT needs no network
        try:
            with hub_errors(self.hub.url):
                granted = claim_next_now(
                    self.claims_hub, self.bench, lease_orders(self.settings), lease_s(self.settings)
                )
        except HubError:
            return Refusal("hub_no_lease")
        if not granted:
            return Refusal("queue_empty")
        self._record(granted)
        return None

    def before_open(self, number: str) -> Refusal | None:
        with self.local.read() as s:
            row = s.execute(
                select(Order.uid, Order.status, Bench.name, Order.carrier, Order.id)
                .outerjoin(Bench, Bench.id == Order.bench_id)
                .where(Order.number == number)
            ).first()
            units = _units(s, row.id) if row is not None else 1
        if row is None or row.status != OrderStatus.QUEUED:
            return None  # unknown or not queued: the workflow says the rest
        if row.name == self.bench:
            return self._numbers_for(row.carrier, units)
        try:
            with hub_errors(self.hub.url), self.hub.write() as hs:
                holder = claim_one(hs, self.bench, row.uid, lease_s(self.settings))
        except HubError:
            return Refusal("hub_not_leased", {"number": number})
        if holder is not None:
            return Refusal("order_claimed", {"number": number, "bench": holder or "?"})
        self._record([row.uid])
        return self._numbers_for(row.carrier, units)

    def _numbers_for(self, carrier: str, units: int) -> Refusal | None:
        """A bench about to open an order must hold tracking numbers, and SSCC serials, for
        every parcel it may need, each in one block: asked for now if its blocks run short,
        refused before the order is opened if the hub is away."""
        need = numbers_needed(units)
        if not self._holds(carrier, need):
            return Refusal("hub_no_numbers", {"carrier": carrier})
        if not self._holds(SSCC, need):
            return Refusal("hub_no_ssccs")
        return None

    def _holds(self, series: str, need: int) -> bool:
        """Whether the bench holds `need` numbers of the series in one block, asking the hub
        for a block if not."""
        with self.local.read() as s:
            if has_numbers(self.home, self.settings, series, stored(s), need):
                return True
            blocks = load_blocks(self.home)
            if make_room(blocks, self.settings, series, stored(s), need):
                save_blocks(self.home, blocks)
                return True
            try:
                with hub_errors(self.hub.url), self.hub.write() as hs:
                    top_up_blocks(hs, blocks, self.settings, stored(s), only=series, need=need)
            except HubError:
                return False
            ready = make_room(blocks, self.settings, series, stored(s), need)
        save_blocks(self.home, blocks)
        return ready

    def _record(self, granted: list[uuid.UUID]) -> None:
        missing = record_leases(self.local, self.bench, granted, self.clock())
        if missing:  # granted before this bench pulled the order: fetch it, then record
            try:
                with hub_errors(self.hub.url):
                    pull(self.local, self.hub, self.bench, RoundReport(), self.clock)
            except HubError:
                return  # the lease stands; the next round brings the order
            record_leases(self.local, self.bench, missing, self.clock())


def _units(s: Session, order_id: int) -> int:
    return int(
        s.scalar(select(func.sum(OrderLine.quantity)).where(OrderLine.order_id == order_id)) or 0
    )
