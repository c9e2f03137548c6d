"""Two pushers on one home (two `sync --once`, or sync beside a bench) read the same outbox
entry at the same moment: only one may send it. On SQLite (one bench) and on PostgreSQL (the
hub), whose row locking under a compare-and-set UPDATE differs.

The fake shop follows WooCommerce's REST API v3 and its Shipment Tracking extension (see
tests/fakes/shops/woocommerce.py for its sources)."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

import sync.outbox
from station.config import Settings
from station.context import AppContext
from station.db.engine import Database, sqlite_url
from station.db.migrate import upgrade
from station.domain import OutboxStatus
from sync.outbox import PushResult, push_due
from sync.remote import Shipment
from sync.runner import sync_shop
from sync.shops.config import add_shop, make_connector
from tests.fakes.shops.base import Fault
from tests.fakes.shops.woocommerce import FakeWooCommerce
from tests.sync.conftest import Later, Sleeper, add_products, order_by_ext, outbox, pack, shop_row


@pytest.fixture(params=["sqlite", "postgresql"])
def ctx(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[AppContext]:
    if request.param == "postgresql":
        url: str = request.getfixturevalue("pg_schema_url")
    else:
        url = sqlite_url(tmp_path / "station.db")
    db = Database(url)
    upgrade(db)
    yield AppContext(home=tmp_path, settings=Settings(), db=db)
    db.dispose()


def test_two_pushers_send_a_tracking_number_once(
    ctx: AppContext, woo: FakeWooCommerce, monkeypatch: pytest.MonkeyPatch
) -> None:
    # GIVEN a packed order with one parcel waiting in the outbox, and a shop that loses the
    # answer to the first tracking POST
    add_products(ctx, "SKU-1", "SKU-2")
    order = woo.add_order()
    add_shop(
        ctx, "woocommerce", "woo", url=woo.url, secrets={"key": "ck_test", "secret": "cs_test"}
    )
    clock = Later()
    shop = shop_row(ctx, "woo")
    connectors = [make_connector(ctx, shop, timeout_s=2.0, sleep=Sleeper()) for _ in range(2)]
    sync_shop(ctx, shop, connectors[0], clock=clock, products=False)
    pack(ctx, order_by_ext(ctx, order["id"]), ["P1"])
    woo.inject(Fault("lost", "shipment-trackings", "POST"))
    clock.jump()

    # Both pushers read the due entries, then both try to claim before either sends; a first
    # attempt (not a retry, so it does not read the shop first) goes out after the other ends.
    both_read = threading.Barrier(2, timeout=30)
    both_claimed = threading.Barrier(2, timeout=30)
    finished = [threading.Event(), threading.Event()]
    real_due, real_claim = sync.outbox._due, sync.outbox._claim

    def due(*args: Any, **kwargs: Any) -> Any:
        rows = real_due(*args, **kwargs)
        both_read.wait()
        return rows

    claimed_once: set[int] = set()

    def claim(*args: Any, **kwargs: Any) -> Any:
        shipment = real_claim(*args, **kwargs)
        if threading.get_ident() not in claimed_once:  # the parcel's entry, the first one due
            claimed_once.add(threading.get_ident())
            both_claimed.wait()
        return shipment

    monkeypatch.setattr(sync.outbox, "_due", due)
    monkeypatch.setattr(sync.outbox, "_claim", claim)
    results: list[PushResult | None] = [None, None]

    def pusher(n: int) -> None:
        connector = connectors[n]
        real_push = connector.push

        def push(shipment: Shipment) -> None:
            if not shipment.retry:
                finished[1 - n].wait(30)
            real_push(shipment)

        connector.push = push  # type: ignore[method-assign]
        try:
            results[n] = push_due(ctx.db, shop.id, connector, clock=clock)
        finally:
            finished[n].set()

    # WHEN they run at the same time
    threads = [threading.Thread(target=pusher, args=(n,)) for n in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(60)
    monkeypatch.undo()
    # AND later rounds deliver what is left
    for _ in range(3):
        clock.jump()
        sync_shop(ctx, shop, connectors[0], clock=clock, products=False)
    for connector in connectors:
        connector.close()

    # THEN one pusher sent (its answer lost), the other stood aside, and the shop holds one
    # tracking row for the parcel
    assert [t["tracking_number"] for t in woo.trackings[order["id"]]] == ["P1"]
    assert sorted((r.retrying, r.sent) for r in results if r is not None) == [(0, 0), (1, 0)]
    assert woo.orders[order["id"]]["_transitions"] == 1
    assert {e.status for e in outbox(ctx)} == {OutboxStatus.SENT}
    assert outbox(ctx)[0].attempts == 2  # the lost one, then the retry that read it back
