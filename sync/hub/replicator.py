"""The replicator: local events to the hub, the others' events from it, idempotent by event id.

A round pushes the bench's events the hub does not hold yet (the hub projects them through the
one projector, so its tables are the warehouse's), then pulls every event since the bench's
cursor that it does not hold and projects those locally. Both cursors live on the hub, moved in
the transaction that wrote what they cover; a round cut off half-way is simply done again.
"""

from __future__ import annotations

import datetime as dt
import logging
import threading
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import func, select, update
from sqlalchemy.orm import Session

from station.config import Settings
from station.context import AppContext
from station.db.engine import Database
from station.db.models import Event
from station.domain.events import Recorded, UnknownEventError, decode
from station.domain.messages import Phrase
from station.services.claims import ClaimSource
from station.services.events import record, record_all
from sync.hub.blocks import load_blocks, save_blocks, stored, top_up_blocks
from sync.hub.catalogue import copy_catalogue
from sync.hub.claims import (
    claim_next,
    free_run_out,
    held_here,
    keep_leases,
    lease_orders,
    lease_s,
    queued_here,
    record_leases,
)
from sync.hub.conflicts import Conflict, before_projecting
from sync.hub.leader import ShopSyncLeader
from sync.hub.link import HubError, hub_errors, joined_hub, lock_log, open_hub
from sync.hub.schema import hub_benches
from sync.shops.config import may_lead_shop_sync

log = logging.getLogger("station.hub")
Clock = Callable[[], dt.datetime]
BATCH = 1000  # events per transaction, each way
# Pulls read this many events before the cursor again: a writer on the hub that does not take
# the log's lock (a lead's command run against the hub itself) may commit an event numbered
# below one already read. Events held already are skipped by id.
OVERLAP = 100


@dataclass
class RoundReport:
    pushed: int = 0
    pulled: int = 0
    lag_s: float = 0.0  # age of the oldest event this round found not yet replicated
    error: Phrase | None = None


def _now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


def recorded_from(row: Event) -> Recorded:
    return Recorded(
        row.id, row.at, row.bench, row.operator, decode(row.type, row.version, row.payload)
    )


def _unseen(rows: Sequence[Event], session: Session) -> list[Recorded]:
    """The rows whose ids `session`'s log does not hold yet, as typed events, in order."""
    known = set(session.scalars(select(Event.id).where(Event.id.in_([r.id for r in rows]))))
    return [recorded_from(r) for r in rows if r.id not in known]


def _events_after(session: Session, seq: int) -> list[Event]:
    # Events of schema version 0 are an older release's record, carried over in typed events.
    query = select(Event).where(Event.seq > seq, Event.version > 0).order_by(Event.seq)
    return list(session.scalars(query.limit(BATCH)))


def _cursor(s: Session, bench: str, column: str) -> int:
    value = s.scalar(select(hub_benches.c[column]).where(hub_benches.c.name == bench))
    if value is None:
        raise HubError("bench_not_on_hub", bench=bench)
    return int(value)


def _age_s(at: dt.datetime, now: dt.datetime) -> float:
    if at.tzinfo is None:
        at = at.replace(tzinfo=dt.UTC)
    return max(0.0, (now - at).total_seconds())


def push(local: Database, hub: Database, bench: str, report: RoundReport, clock: Clock) -> None:
    while True:
        with hub.write() as hs:
            lock_log(hs)
            with local.read() as ls:
                rows = _events_after(ls, _cursor(hs, bench, "pushed_seq"))
            if not rows:
                return
            report.lag_s = max(report.lag_s, _age_s(rows[0].at, clock()))
            fresh = _unseen(rows, hs)
            record_all(hs, fresh)
            hs.execute(
                update(hub_benches)
                .where(hub_benches.c.name == bench)
                .values(pushed_seq=rows[-1].seq, last_seen_at=clock())
            )
        report.pushed += len(fresh)
        if len(rows) < BATCH:
            return


def pull(local: Database, hub: Database, bench: str, report: RoundReport, clock: Clock) -> None:
    while True:
        with hub.write() as hs:
            lock_log(hs, shared=True)
            rows = _events_after(hs, max(0, _cursor(hs, bench, "pulled_seq") - OVERLAP))
            if rows:
                with local.write() as ls:
                    fresh = _unseen(rows, ls)
                    if fresh:
                        report.lag_s = max(report.lag_s, _age_s(fresh[0].at, clock()))
                    conflicts = before_projecting(ls, fresh)
                    record_all(ls, fresh)
                    flag_conflicts(ls, conflicts, bench, clock())
                report.pulled += len(fresh)
            # the cursor moves after the local commit: a crash between the two pulls again,
            # and the events already held are skipped by id
            values: dict[str, object] = {"last_seen_at": clock(), "lag_s": report.lag_s}
            if rows:  # never backwards: a claim may pull beside the background round
                values["pulled_seq"] = func.greatest(hub_benches.c.pulled_seq, rows[-1].seq)
            hs.execute(update(hub_benches).where(hub_benches.c.name == bench).values(values))
        if len(rows) < BATCH:
            return


def flag_conflicts(s: Session, conflicts: list[Conflict], bench: str, at: dt.datetime) -> None:
    """Each conflict once: another bench may have flagged it already, under the same id."""
    known = set(s.scalars(select(Event.id).where(Event.id.in_([c.id for c in conflicts]))))
    for conflict in conflicts:
        if conflict.id not in known:
            known.add(conflict.id)
            record(s, conflict.flagged(s), at=at, bench=bench, event_id=conflict.id)


def share_catalogue(local: Database, hub: Database) -> None:
    with hub.write() as hs, local.write() as ls:
        copy_catalogue(ls, hs)
        copy_catalogue(hs, ls)


def keep_and_top_up(local: Database, hub: Database, settings: Settings, clock: Clock) -> int:
    """Renew this bench's leases, give back what it no longer holds, and lease orders up to
    its setting; returns how many were newly leased."""
    bench = settings.bench_name
    with local.read() as ls:
        held, queued = held_here(ls, bench), queued_here(ls, bench)
    ttl_s = lease_s(settings)
    with hub.write() as hs:
        free_run_out(hs)
        keep_leases(hs, bench, held, ttl_s)
        need = lease_orders(settings) - queued
        granted = claim_next(hs, bench, need, ttl_s) if need > 0 else []
    record_leases(local, bench, granted, clock())
    return len(granted)


def keep_numbers(local: Database, hub: Database, home: Path, settings: Settings) -> None:
    """Tracking-number blocks asked for ahead of need, kept once the hub committed them."""
    blocks = load_blocks(home)
    with local.read() as ls, hub.write() as hs:
        granted = top_up_blocks(hs, blocks, settings, stored(ls))
    if granted:
        save_blocks(home, blocks)


def replicate(
    local: Database,
    hub: Database,
    bench: str,
    clock: Clock = _now,
    *,
    settings: Settings | None = None,
    home: Path | None = None,
) -> RoundReport:
    """One round; the hub's failures come back as the report's error, never raised. With the
    bench's settings, the round also keeps its leases and tops them up."""
    report = RoundReport()
    try:
        with hub_errors(hub.url):
            share_catalogue(local, hub)
            push(local, hub, bench, report, clock)
            pull(local, hub, bench, report, clock)
            if settings is not None and keep_and_top_up(local, hub, settings, clock):
                push(local, hub, bench, report, clock)  # the others see the lease at once
            if settings is not None and home is not None:
                keep_numbers(local, hub, home, settings)
    except HubError as exc:
        report.error = Phrase(exc.code, exc.params)
    except (LookupError, UnknownEventError):
        # an event about an order the other side never had, or from a newer release: a bug
        # or a bench to upgrade, for a person to look at; the round is refused whole
        log.exception("hub round refused")
        report.error = Phrase("hub_round_failed")
    return report


def replicate_home(ctx: AppContext, clock: Clock = _now) -> RoundReport | None:
    """One round for a joined bench (`station sync --once`); None for a bench on its own."""
    url = joined_hub(ctx.home, ctx.settings)
    if not url:
        return None
    try:
        hub = open_hub(url)
    except HubError as exc:
        return RoundReport(error=Phrase(exc.code, exc.params))
    try:
        return replicate(
            ctx.db, hub, ctx.settings.bench_name, clock, settings=ctx.settings, home=ctx.home
        )
    finally:
        hub.dispose()


class HubWorker:
    """Replicates every `interval_s` on its own thread, so a bench never waits on the hub;
    `wake()` asks for a round now (after an order was packed, say)."""

    def __init__(self, ctx: AppContext, url: str, *, interval_s: float = 2.0) -> None:
        self.ctx = ctx
        self.hub = open_hub(url)
        self.interval_s = interval_s
        self.started_at = _now()
        self.last: RoundReport | None = None
        # the end of the last round without error, and how far behind it found the bench
        self.last_ok: tuple[dt.datetime, float] | None = None
        self._stop = threading.Event()
        self._wake = threading.Event()
        self._thread: threading.Thread | None = None

    def start(self) -> None:
        self._thread = threading.Thread(target=self._loop, name="hub-replicator", daemon=True)
        self._thread.start()

    def wake(self) -> None:
        self._wake.set()

    def lag_s(self) -> int:
        """How far behind the hub this bench is: the last good round's own lag, plus the time
        since it ended (a bench cut off from the hub falls behind by the second)."""
        if self.last_ok is None:
            return 0 if self.last is None else int((_now() - self.started_at).total_seconds())
        ended_at, lag_s = self.last_ok
        return int(lag_s + (_now() - ended_at).total_seconds())

    def stop(self, timeout_s: float = 30.0) -> None:
        self._stop.set()
        self._wake.set()
        if self._thread is not None:
            self._thread.join(timeout_s)
            self._thread = None
        self.hub.dispose()

    def _loop(self) -> None:
        while not self._stop.is_set():
            try:
                self.last = replicate(
                    self.ctx.db,
                    self.hub,
                    self.ctx.settings.bench_name,
                    settings=self.ctx.settings,
                    home=self.ctx.home,
                )
                if self.last.error is not None:
                    log.warning("hub round: %s %s", self.last.error.code, self.last.error.params)
                else:
                    self.last_ok = (_now(), self.last.lag_s)
            except Exception:  # a bug must not end replication for the day; logged, retried
                log.exception("hub round failed")
            self._wake.wait(self.interval_s)
            self._wake.clear()


def start_hub_worker(ctx: AppContext) -> HubWorker | None:
    """The background replicator of a joined bench (console or window); None on its own."""
    url = joined_hub(ctx.home, ctx.settings)
    if not url:
        return None
    try:
        worker = HubWorker(ctx, url)
    except HubError:
        log.warning("the hub's address kept for this bench is not usable")
        return None
    worker.start()
    return worker


def hub_claims(ctx: AppContext) -> ClaimSource | None:
    """The claim source of a joined bench (NEXT and scans claim on the hub); None on its own."""
    url = joined_hub(ctx.home, ctx.settings)
    if not url:
        return None
    from sync.hub.bench_claims import HubClaims  # it pulls through this module

    try:
        return HubClaims(ctx.db, open_hub(url), ctx.settings, _now, ctx.home)
    except HubError:
        return None


def shop_sync_gate(ctx: AppContext) -> Callable[[], bool] | None:
    """For a joined bench: whether it leads shop sync now (one bench of the warehouse does);
    None for a bench on its own, which always syncs its shops."""
    url = joined_hub(ctx.home, ctx.settings)
    if not url:
        return None
    leader = shop_sync_leader(ctx)
    if leader is None:
        return None

    def gate() -> bool:  # a bench without a shop's credentials cannot sync it: it never leads
        return may_lead_shop_sync(ctx) and leader.lead()

    return gate


def shop_sync_leader(ctx: AppContext) -> ShopSyncLeader | None:
    url = joined_hub(ctx.home, ctx.settings)
    if not url:
        return None
    try:
        return ShopSyncLeader(url)
    except HubError:
        return None
