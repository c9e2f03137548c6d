"""Chaos: the shop fails in every way the network allows; afterwards each order is imported
once and the shop holds exactly one tracking entry (or fulfilment) per parcel."""

from __future__ import annotations

import threading
import time
from http.server import ThreadingHTTPServer
from typing import Any

import pytest

import sync.outbox
from station.context import AppContext
from station.domain import OutboxStatus
from sync.runner import sync_shop, sync_status
from sync.shops.config import add_shop, make_connector
from tests.fakes.shops.base import Fault
from tests.fakes.shops.shopify import FakeShopify
from tests.fakes.shops.woocommerce import FakeWooCommerce
from tests.sync.conftest import (
    Later,
    Sleeper,
    add_products,
    order_by_ext,
    orders,
    outbox,
    pack,
    shop_row,
)

PAGE_FAULTS = [
    Fault("status", "/orders", "GET", status=500),
    Fault(
        "status",
        "/orders",
        "GET",
        status=429,
        headers={"Retry-After": "3"},
        body=b'{"code":"too_many","message":"Too Many Requests","data":{"status":429}}',
    ),
    Fault("malformed", "/orders", "GET"),
    Fault("drop", "/orders", "GET"),
    Fault("slow", "/orders", "GET", delay_s=0.6),
    Fault("lost", "/orders", "GET"),
]


def _sync(ctx: AppContext, name: str, clock: Later, sleeper: Sleeper | None = None) -> Any:
    shop = shop_row(ctx, name)
    connector = make_connector(ctx, shop, timeout_s=0.4, sleep=sleeper or Sleeper())
    try:
        return sync_shop(ctx, shop, connector, clock=clock, products=False)
    finally:
        connector.close()


@pytest.mark.parametrize("fault", PAGE_FAULTS, ids=lambda f: f.kind + str(f.status))
def test_import_survives_a_failing_page(
    ctx: AppContext, woo: FakeWooCommerce, fault: Fault
) -> None:
    # GIVEN 150 orders and a shop that fails once on the second page
    add_products(ctx, "SKU-1", "SKU-2")
    for _ in range(150):
        woo.add_order()
    add_shop(
        ctx, "woocommerce", "woo", url=woo.url, secrets={"key": "ck_test", "secret": "cs_test"}
    )
    woo.inject(Fault("status", "/never-matches", times=0))
    served: list[int] = []
    original = woo._list_orders

    def second_page_fails(request: Any) -> Any:
        served.append(1)
        if len(served) == 2:
            woo.inject(fault)
        return original(request)

    woo._list_orders = second_page_fails  # type: ignore[method-assign]
    sleeper = Sleeper()
    # WHEN sync runs
    report = _sync(ctx, "woo", Later(), sleeper)
    # THEN every order is there exactly once, and a 429's Retry-After was honoured
    assert report.error == ""
    assert len(orders(ctx)) == 150
    if fault.status == 429:
        assert max(sleeper.waits) >= 3


def test_an_order_edited_between_two_pages_is_imported_once_and_current(
    ctx: AppContext, woo: FakeWooCommerce
) -> None:
    add_products(ctx, "SKU-1", "SKU-2")
    created = [woo.add_order() for _ in range(250)]
    add_shop(
        ctx, "woocommerce", "woo", url=woo.url, secrets={"key": "ck_test", "secret": "cs_test"}
    )
    original = woo._list_orders
    calls: list[int] = []

    def edit_after_first_page(request: Any) -> Any:
        response = original(request)
        calls.append(1)
        if len(calls) == 1:  # the merchant edits an order of page 1 while we read page 2
            woo.clock.advance(30)
            woo.modify(created[10]["id"], customer_note="leave at the door")
            woo.modify(created[50]["id"], status="cancelled")
            woo.modify(created[150]["id"], customer_note="ring twice")
        return response

    woo._list_orders = edit_after_first_page  # type: ignore[method-assign]
    _sync(ctx, "woo", Later())
    rows = orders(ctx)
    assert len(rows) == 250
    assert len({r.external_id for r in rows}) == 250
    assert order_by_ext(ctx, created[10]["id"]).customer_note == "leave at the door"
    assert order_by_ext(ctx, created[50]["id"]).status == "cancelled"
    assert order_by_ext(ctx, created[150]["id"]).customer_note == "ring twice"


PUSH_FAULTS = [
    Fault("lost", "shipment-trackings", "POST"),
    Fault("status", "shipment-trackings", "POST", status=502),
    Fault("slow", "shipment-trackings", "POST", delay_s=0.6),
    Fault("lost", "/orders/", "PUT"),
    Fault("status", "/orders/", "PUT", status=429, headers={"Retry-After": "1"}),
]


@pytest.mark.parametrize("fault", PUSH_FAULTS, ids=lambda f: f"{f.kind}-{f.method}-{f.status}")
def test_push_is_exactly_once_across_failures(
    ctx: AppContext, woo: FakeWooCommerce, fault: Fault
) -> None:
    add_products(ctx, "SKU-1", "SKU-2")
    order = woo.add_order()
    add_shop(
        ctx, "woocommerce", "woo", url=woo.url, secrets={"key": "ck_test", "secret": "cs_test"}
    )
    clock = Later()
    _sync(ctx, "woo", clock)
    pack(ctx, order_by_ext(ctx, order["id"]), ["P1", "P2"])
    woo.inject(fault)
    # WHEN the push meets the fault and sync keeps running later on
    for _ in range(4):
        clock.jump()
        _sync(ctx, "woo", clock)
        # A real retry waits seconds of backoff, longer than a stalled request takes to finish.
        time.sleep(fault.delay_s)
    # THEN one tracking item per parcel, the order completed once, everything sent
    assert sorted(t["tracking_number"] for t in woo.trackings[order["id"]]) == ["P1", "P2"]
    assert woo.orders[order["id"]]["_transitions"] == 1
    assert {e.status for e in outbox(ctx)} == {OutboxStatus.SENT}


def test_crash_between_push_and_commit_sends_nothing_twice(
    ctx: AppContext, woo: FakeWooCommerce, monkeypatch: pytest.MonkeyPatch
) -> None:
    add_products(ctx, "SKU-1", "SKU-2")
    order = woo.add_order()
    add_shop(
        ctx, "woocommerce", "woo", url=woo.url, secrets={"key": "ck_test", "secret": "cs_test"}
    )
    clock = Later()
    _sync(ctx, "woo", clock)
    pack(ctx, order_by_ext(ctx, order["id"]), ["C1"])
    real_finish = sync.outbox._finish

    def die(*args: Any, **kwargs: Any) -> None:
        raise SystemExit("killed")  # the process dies: SENT is never committed

    monkeypatch.setattr(sync.outbox, "_finish", die)
    clock.jump()
    with pytest.raises(SystemExit):
        _sync(ctx, "woo", clock)
    assert len(woo.trackings[order["id"]]) == 1
    # WHEN the bench starts again later
    monkeypatch.setattr(sync.outbox, "_finish", real_finish)
    clock.jump()
    _sync(ctx, "woo", clock)
    # THEN the tracking number is in the shop once and the entry is sent
    assert [t["tracking_number"] for t in woo.trackings[order["id"]]] == ["C1"]
    assert {e.status for e in outbox(ctx)} == {OutboxStatus.SENT}


def test_shop_offline_keeps_the_backlog_visible_and_drains_later(ctx: AppContext) -> None:
    add_products(ctx, "SKU-1", "SKU-2")
    fake = FakeShopify()
    fake.start()
    order = fake.add_order()
    add_shop(ctx, "shopify", "shopify", url=fake.url, secrets={"token": "shpat_test"})
    clock = Later()
    _sync(ctx, "shopify", clock, Sleeper(fake.clock))
    pack(ctx, order_by_ext(ctx, order["id"]), ["S1"])
    # WHEN the shop goes away
    fake.stop()
    report = _sync(ctx, "shopify", clock)
    status = sync_status(ctx)
    assert "cannot be reached" in report.error
    assert status.shops[0].online is False
    assert status.pending == 2
    # AND comes back on the same address, with the same orders
    port = int(fake.url.rsplit(":", 1)[1])
    server = ThreadingHTTPServer(("127.0.0.1", port), fake._server.RequestHandlerClass)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        clock.jump()
        _sync(ctx, "shopify", clock, Sleeper(fake.clock))
        # THEN the backlog drains and the shop shows online again
        assert fake.tracking_numbers(order["id"]) == ["S1"]
        assert sync_status(ctx).pending == 0
        assert sync_status(ctx).shops[0].online is True
    finally:
        server.shutdown()
        server.server_close()


def test_shopify_lost_fulfilment_answer_is_read_back_not_repeated(ctx: AppContext) -> None:
    add_products(ctx, "SKU-1", "SKU-2")
    with FakeShopify(throttle_with_429=True) as fake:
        order = fake.add_order(lines=[("SKU-1", 3, "12.20")])
        add_shop(ctx, "shopify", "shopify", url=fake.url, secrets={"token": "shpat_test"})
        clock = Later()
        _sync(ctx, "shopify", clock, Sleeper(fake.clock))
        local = order_by_ext(ctx, order["id"])
        pack(ctx, local, ["F1"])
        original = fake._op_FulfillmentCreate

        def lost_once(v: Any) -> Any:
            result = original(v)
            fake.inject(Fault("lost", "graphql", "POST"))  # the answer never arrives
            fake._op_FulfillmentCreate = original  # type: ignore[method-assign]
            return result

        fake._op_FulfillmentCreate = lost_once  # type: ignore[method-assign]
        fake.faults.clear()
        for _ in range(3):
            _sync(ctx, "shopify", clock, Sleeper(fake.clock))
            clock.jump()
        assert fake.tracking_numbers(order["id"]) == ["F1"]
        assert {e.status for e in outbox(ctx)} == {OutboxStatus.SENT}
