"""One sync round per shop (catalogue, orders in, outbox out), the background worker, the
status the UI shows, and the re-check of an order before its label prints."""

from __future__ import annotations

import datetime as dt
import logging
import random
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from sqlalchemy import func, select

from station.context import AppContext
from station.db.models import Order, OutboxEntry, Shop
from station.db.types import utcnow
from station.domain import OrderStatus, OutboxStatus
from station.domain.messages import text
from station.domain.reasons import reason_text
from sync.errors import AuthError, OfflineError, ShopError
from sync.http import ShopHttp
from sync.hub import COPIED_SHOP, JOINED
from sync.importer import PullResult, ShopRef, apply_orders, update_order
from sync.models import ShopSyncState
from sync.outbox import PushResult, SendGuard, follow_clock_jump, push_due
from sync.products import ProductResult, apply_products
from sync.remote import Connector, RemoteOrder
from sync.shipping_rules import rules_for
from sync.shops.config import list_shops, make_connector
from sync.shops.registry import ShopConfigError, shop_kind

if TYPE_CHECKING:
    from sync.hub.sends import HubSendGuard

log = logging.getLogger("station.sync")
Clock = Callable[[], dt.datetime]
OVERLAP = dt.timedelta(minutes=10)
PRODUCTS_EVERY = dt.timedelta(hours=6)
BATCH = 100  # orders per transaction of an import
GATE_RETRY_S = 5.0


@dataclass
class ShopReport:
    shop: str
    pulled: PullResult = field(default_factory=PullResult)
    pushed: PushResult = field(default_factory=PushResult)
    products: ProductResult | None = None
    error: str = ""


def _state(session: object, shop_id: int) -> ShopSyncState:
    from sqlalchemy.orm import Session

    assert isinstance(session, Session)
    state = session.get(ShopSyncState, shop_id)
    if state is None:
        state = ShopSyncState(shop_id=shop_id, last_error="")
        session.add(state)
    return state


def record_contact(
    ctx: AppContext, shop_id: int, now: dt.datetime, error: str = "", *, offline: bool = False
) -> None:
    with ctx.db.write() as s:
        state = _state(s, shop_id)
        state.online = not offline
        if not offline:
            state.last_contact_at = now
        if error:
            state.last_error, state.last_error_at = error, now
        elif not offline:
            state.last_error = ""


def pull_orders(ctx: AppContext, shop: Shop, connector: Connector, clock: Clock) -> PullResult:
    """Incremental by modification time with an overlap window. Pages are written in
    transactions of at least BATCH orders, whatever the shop's page size, so that each
    transaction's fixed cost (lookups, commit) stays small beside its rows. Pages already read
    are written when the shop drops out half-way, so the next round starts after them."""
    since = shop.pulled_until - OVERLAP if shop.pulled_until else None
    ref = ShopRef(
        shop.id, shop.name, rules_for(ctx.settings.extra.get("carrier_rules"), shop.settings or {})
    )
    total = PullResult()
    batch: list[RemoteOrder] = []
    written = 0

    def write() -> None:
        nonlocal written
        with ctx.db.write() as s:
            result = apply_orders(s, ref, batch, clock())
            row = s.get(Shop, shop.id)
            if (
                row is not None
                and result.newest
                and (row.pulled_until is None or result.newest > row.pulled_until)
            ):
                row.pulled_until = result.newest
            _state(s, shop.id).last_pull_at = clock()
        total.add(result)
        batch.clear()
        written += 1

    try:
        for page in connector.order_pages(since):
            batch.extend(page)
            if len(batch) >= BATCH:
                write()
    except ShopError:
        if batch:
            write()
        raise
    if batch or not written:  # an empty round still records that the shop was asked
        write()
    return total


def pull_products(ctx: AppContext, shop: Shop, connector: Connector, clock: Clock) -> ProductResult:
    total = ProductResult()
    for page in connector.product_pages():
        with ctx.db.write() as s:
            result = apply_products(s, page, shop.id)
        total.created += result.created
        total.updated += result.updated
        total.skipped += result.skipped
        total.notes.extend(result.notes)
    with ctx.db.write() as s:
        _state(s, shop.id).products_pulled_at = clock()
    return total


def _products_due(ctx: AppContext, shop_id: int, now: dt.datetime) -> bool:
    with ctx.db.read() as s:
        state = s.get(ShopSyncState, shop_id)
    return (
        state is None
        or state.products_pulled_at is None
        or now - state.products_pulled_at >= PRODUCTS_EVERY
    )


def sync_shop(
    ctx: AppContext,
    shop: Shop,
    connector: Connector,
    *,
    clock: Clock = utcnow,
    rng: random.Random | None = None,
    pull: bool = True,
    push: bool = True,
    products: bool | None = None,
    guard: SendGuard | None = None,
) -> ShopReport:
    """One round for one shop. Errors are recorded and reported, never raised: the next round
    tries again, so sync is never silently disabled."""
    report = ShopReport(shop.name)
    try:
        if products or (products is None and _products_due(ctx, shop.id, clock())):
            report.products = pull_products(ctx, shop, connector, clock)
        if pull:
            report.pulled = pull_orders(ctx, shop, connector, clock)
        record_contact(ctx, shop.id, clock())
    except ShopError as exc:
        report.error = str(exc)
        record_contact(ctx, shop.id, clock(), str(exc), offline=isinstance(exc, OfflineError))
        if isinstance(exc, OfflineError | AuthError):
            return report
    if push:
        report.pushed = push_due(ctx.db, shop.id, connector, clock=clock, rng=rng, guard=guard)
        if report.pushed.errors:
            record_contact(
                ctx, shop.id, clock(), report.pushed.errors[-1], offline=report.pushed.offline
            )
    _compare_clocks(ctx, shop, connector)
    return report


def _compare_clocks(ctx: AppContext, shop: Shop, connector: Connector) -> None:
    """The shop's `Date` header, a second opinion on the bench's clock."""
    http = getattr(connector, "http", None)
    if isinstance(http, ShopHttp):
        ctx.clock.shop_date(shop.name, http.server_date)


def follow_clock(ctx: AppContext) -> None:
    """Waits in the outbox follow the clock's jumps (see sync.outbox.follow_clock_jump)."""
    ctx.clock.now()  # a reading: a jump since the last one is seen here at the latest
    for jump in ctx.clock.jumps_for("outbox"):
        moved = follow_clock_jump(ctx.db, jump)
        log.warning("clock jumped %s: %d shop update(s) keep their wait", jump.delta, moved)


def run_once(
    ctx: AppContext, *, clock: Clock | None = None, timeout_s: float = 20.0
) -> list[ShopReport]:
    """One round for every shop; `clock` is the context's watched clock unless given."""
    clock = clock or ctx.clock.now
    follow_clock(ctx)
    guard = _send_guard(ctx)
    try:
        reports = _run_shops(ctx, clock, timeout_s, guard)
    finally:
        if guard is not None:
            guard.close()
    for report in reports:
        if report.error:
            log.warning("%s", report.error)
        elif report.pushed.errors:
            log.warning("%s: %s", report.shop, report.pushed.errors[-1])
    return reports


def _send_guard(ctx: AppContext) -> HubSendGuard | None:
    """A bench of a warehouse sends to a shop through the hub's record of sends."""
    if not ctx.settings.extra.get(JOINED):
        return None  # a bench on its own loads nothing of the hub
    from sync.hub.sends import hub_send_guard

    return hub_send_guard(ctx)


def _run_shops(
    ctx: AppContext, clock: Clock, timeout_s: float, guard: SendGuard | None
) -> list[ShopReport]:
    reports = []
    for shop in list_shops(ctx):
        if shop.settings.get(COPIED_SHOP):
            continue  # only a copy from the warehouse hub: the bench that added it syncs it
        try:  # an unknown kind or missing credentials: an error for this shop, the others go on
            connector = make_connector(ctx, shop, timeout_s=timeout_s)
        except ShopConfigError as exc:
            record_contact(ctx, shop.id, clock(), str(exc))
            reports.append(ShopReport(shop.name, error=str(exc)))
            continue
        try:
            reports.append(sync_shop(ctx, shop, connector, clock=clock, guard=guard))
        except Exception:  # a bug in one shop's round: that shop's error, the others go on
            log.exception("%s: sync round failed", shop.name)
            # stored with the shop's state, in English like the shops' own errors
            error = text("sync_round_failed", "en", shop=shop.name)
            record_contact(ctx, shop.id, clock(), error)
            reports.append(ShopReport(shop.name, error=error))
        finally:
            connector.close()
    return reports


class SyncWorker:
    """Runs `run_once` every `interval_s` on its own thread, so the bench never waits on a shop.
    `wake()` asks for a round now (after a parcel was packed, say)."""

    def __init__(
        self,
        ctx: AppContext,
        *,
        interval_s: float = 60.0,
        on_round: Callable[[list[ShopReport]], None] | None = None,
        gate: Callable[[], bool] | None = None,
    ) -> None:
        self.ctx = ctx
        self.interval_s = interval_s
        self.on_round = on_round
        # A bench of a warehouse syncs only while it leads shop sync (sync.hub.leader); the
        # others ask again every `GATE_RETRY_S`.
        self.gate = gate
        self._stop = threading.Event()
        self._wake = threading.Event()
        self._thread: threading.Thread | None = None

    def start(self) -> None:
        if self._thread is not None and self._thread.is_alive():
            return
        self._stop.clear()
        self._thread = threading.Thread(target=self._loop, name="shop-sync", daemon=True)
        self._thread.start()

    def stop(self, timeout_s: float = 30.0) -> None:
        self._stop.set()
        self._wake.set()
        if self._thread is not None:
            self._thread.join(timeout_s)
            self._thread = None

    def wake(self) -> None:
        self._wake.set()

    @property
    def running(self) -> bool:
        return self._thread is not None and self._thread.is_alive()

    def _loop(self) -> None:
        while not self._stop.is_set():
            leading = True
            try:
                leading = self.gate is None or self.gate()
                if leading:
                    reports = run_once(self.ctx)
                    if self.on_round is not None:
                        self.on_round(reports)
            except Exception:  # a bug must not end sync for the day; it is logged and retried
                log.exception("sync round failed")
            self._wake.wait(self.interval_s if leading else min(self.interval_s, GATE_RETRY_S))
            self._wake.clear()


@dataclass
class ShopStatus:
    name: str
    kind: str
    online: bool | None  # None: not tried yet
    last_contact_at: dt.datetime | None
    last_error: str
    pending: int
    parked: int


@dataclass
class SyncStatus:
    shops: list[ShopStatus]
    pending: int
    parked: int
    last_error: str

    @property
    def online(self) -> bool:
        return all(s.online is not False for s in self.shops)


def sync_status(ctx: AppContext) -> SyncStatus:
    with ctx.db.read() as s:
        counts = dict(
            ((shop_id, status), n)
            for shop_id, status, n in s.execute(
                select(OutboxEntry.shop_id, OutboxEntry.status, func.count()).group_by(
                    OutboxEntry.shop_id, OutboxEntry.status
                )
            )
        )
        states = {st.shop_id: st for st in s.scalars(select(ShopSyncState))}
        shops = list(s.scalars(select(Shop).order_by(Shop.name)))
    rows = []
    for shop in shops:
        st = states.get(shop.id)
        rows.append(
            ShopStatus(
                shop.name,
                shop.kind,
                st.online if st else None,
                st.last_contact_at if st else None,
                st.last_error if st else "",
                counts.get((shop.id, OutboxStatus.PENDING), 0),
                counts.get((shop.id, OutboxStatus.PARKED), 0),
            )
        )
    errors = sorted(
        (
            (states[s.id].last_error_at, states[s.id].last_error)
            for s in shops
            if s.id in states and states[s.id].last_error and states[s.id].last_error_at
        ),
        key=lambda pair: pair[0] or dt.datetime.min.replace(tzinfo=dt.UTC),
    )
    return SyncStatus(
        rows,
        sum(r.pending for r in rows),
        sum(r.parked for r in rows),
        errors[-1][1] if errors else "",
    )


def recheck_order(ctx: AppContext, order_id: int, timeout_s: float = 3.0) -> str | None:
    """Re-read the order from its shop before a label prints. Returns a sentence saying why it
    must not ship as it is, or None (also when the shop cannot be reached: the bench goes on)."""
    with ctx.db.read() as s:
        order = s.get(Order, order_id)
        shop = s.get(Shop, order.shop_id) if order and order.shop_id else None
    if order is None or shop is None or not order.external_id:
        return None
    try:
        if shop_kind(shop.kind).location != "url":
            return None  # a drop folder cannot be asked for an order again
        connector = make_connector(ctx, shop, timeout_s=timeout_s)
    except ShopConfigError:
        return None
    http = getattr(connector, "http", None)
    if http is not None:
        http.retries = 0  # the operator is waiting: one try only
    try:
        remote = connector.fetch_order(order.external_id)
    except ShopError:
        return None
    finally:
        connector.close()
    if remote is None:
        return text("recheck_gone", ctx.settings.language, number=order.number)
    return _apply_recheck(ctx, shop, order_id, remote)


def _apply_recheck(ctx: AppContext, shop: Shop, order_id: int, remote: object) -> str | None:
    from sync.importer import _product_ids
    from sync.remote import RemoteOrder

    assert isinstance(remote, RemoteOrder)
    ref = ShopRef(
        shop.id, shop.name, rules_for(ctx.settings.extra.get("carrier_rules"), shop.settings or {})
    )
    with ctx.db.write() as s:
        local = s.get(Order, order_id)
        assert local is not None
        products = _product_ids(s, {line.sku for line in remote.lines if line.sku})
        changes = update_order(s, ref, local, remote, products, utcnow())
        language, number = ctx.settings.language, local.number
        if local.status == OrderStatus.CANCELLED:
            return text("recheck_cancelled", language, number=number)
        if local.status == OrderStatus.HELD and local.hold:
            return text(
                "recheck_held", language, number=number, reason=reason_text(local.hold, language)
            )
        if changes and local.problem:
            return text(
                "recheck_problem",
                language,
                number=number,
                problem=reason_text(local.problem, language),
            )
    return None
