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

from sqlalchemy import select

from station.config import Settings
from station.db.engine import Database
from station.db.models import Bench, Order
from station.domain import OrderStatus
from station.services.claims import Refusal
from sync.hub.claims import claim_next, claim_one, lease_orders, lease_s, queued_here, record_leases
from sync.hub.link import HubError, hub_errors
from sync.hub.replicator import RoundReport, pull

Clock = Callable[[], dt.datetime]


class HubClaims:
    def __init__(self, local: Database, hub: Database, settings: Settings, clock: Clock) -> None:
        self.local = local
        self.hub = hub
        self.settings = settings
        self.clock = clock

    @property
    def bench(self) -> str:
        return self.settings.bench_name

    def before_next(self) -> Refusal | None:
        with self.local.read() as s:
            if queued_here(s, self.bench):
                return None  # a leased order is here: NEXT needs no network
        try:
            with hub_errors(self.hub.url), self.hub.write() as hs:
                granted = claim_next(
                    hs, self.bench, lease_orders(self.settings), lease_s(self.settings)
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
                select(Order.uid, Order.status, Bench.name)
                .outerjoin(Bench, Bench.id == Order.bench_id)
                .where(Order.number == number)
            ).first()
        if row is None or row.status != OrderStatus.QUEUED or row.name == self.bench:
            return None  # unknown, not queued, or already ours: the workflow says the rest
        try:
            with hub_errors(self.hub.url), self.hub.write() as hs:
                holder = claim_one(hs, self.bench, row.uid, lease_s(self.settings))
        except HubError:
            return Refusal("hub_not_leased", {"number": number})
        if holder is not None:
            return Refusal("order_claimed", {"number": number, "bench": holder or "?"})
        self._record([row.uid])
        return None

    def _record(self, granted: list[uuid.UUID]) -> None:
        missing = record_leases(self.local, self.bench, granted, self.clock())
        if missing:  # granted before this bench pulled the order: fetch it, then record
            try:
                with hub_errors(self.hub.url):
                    pull(self.local, self.hub, self.bench, RoundReport(), self.clock)
            except HubError:
                return  # the lease stands; the next round brings the order
            record_leases(self.local, self.bench, missing, self.clock())
