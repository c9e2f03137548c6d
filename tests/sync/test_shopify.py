"""Shopify: the real GraphQL connector against the fake shop.

The fake follows Shopify's Admin GraphQL 2026-07 schema (tests/fixtures/shopify/, every query
validated and run against it), its calculated query cost and leaky bucket
(https://shopify.dev/docs/apps/build/apis/graphql-admin/rate-limits: 2000 points restoring at
100/s on the standard plan, THROTTLED at 200), and the fulfillmentCreate checks of
tests/fakes/shops/shopify.py.
"""

from __future__ import annotations

from typing import Any

from station.context import AppContext
from station.domain import OrderStatus, OutboxStatus
from sync.runner import sync_shop
from sync.shops.config import add_shop, make_connector
from sync.shops.shopify import Shopify
from tests.fakes.shops.base import Fault
from tests.fakes.shops.shopify import FakeShopify
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


def _sync(ctx: AppContext, fake: FakeShopify, clock: Later | None = None) -> Shopify:
    shop = shop_row(ctx, "shopify")
    connector = make_connector(ctx, shop, timeout_s=2.0, sleep=Sleeper(fake.clock))
    assert isinstance(connector, Shopify)
    extra = {"clock": clock} if clock else {}
    sync_shop(ctx, shop, connector, products=False, **extra)  # type: ignore[arg-type]
    connector.close()
    return connector


def _setup(ctx: AppContext, fake: FakeShopify) -> None:
    add_products(ctx, "SKU-1", "SKU-2")
    add_shop(ctx, "shopify", "shopify", url=fake.url, secrets={"token": "shpat_test"})


def test_orders_import_through_cursor_pages_without_being_throttled(ctx: AppContext) -> None:
    # GIVEN a shop with standard limits and 300 orders
    with FakeShopify() as fake:
        for _ in range(300):
            fake.add_order()
        _setup(ctx, fake)
        # WHEN sync runs
        connector = _sync(ctx, fake)
        # THEN all orders are imported once, prices net of the included VAT
        rows = orders(ctx)
        assert len(rows) == 300
        assert str(rows[0].lines[0].unit_price) == "10.0000"
        assert fake.throttled <= 1
        assert connector.throttled <= 1


def test_an_order_with_more_lines_than_a_page_holds_arrives_whole(ctx: AppContext) -> None:
    # GIVEN a page of orders with one order of 40 lines among them
    with FakeShopify() as fake:
        fake.add_order()
        big = fake.add_order(lines=[(f"SKU-{n % 2 + 1}", 1, "1.00") for n in range(40)])
        fake.add_order()
        _setup(ctx, fake)
        # WHEN sync runs
        _sync(ctx, fake)
        # THEN every order is there once and the long one has all its lines
        rows = orders(ctx)
        assert len(rows) == 3
        assert len(order_by_ext(ctx, big["id"]).lines) == 40
        assert fake.throttled == 0


def test_pages_read_before_the_shop_drops_out_are_kept_and_the_rest_follow_once(
    ctx: AppContext,
) -> None:
    # GIVEN four pages of orders and a shop that goes down after the third page
    with FakeShopify() as fake:
        for _ in range(100):
            fake.add_order()
        _setup(ctx, fake)
        served: list[int] = []
        original = fake._op_Orders

        def down_after_three(v: dict[str, Any]) -> Any:
            page = original(v)
            served.append(len(page["nodes"]))
            if len(served) == 3:
                fake.inject(Fault("status", "/graphql", "POST", times=50))
            return page

        fake._op_Orders = down_after_three  # type: ignore[method-assign]
        # WHEN sync runs, fails, and runs again once the shop is back
        shop = shop_row(ctx, "shopify")
        connector = make_connector(ctx, shop, timeout_s=2.0, sleep=Sleeper(fake.clock))
        report = sync_shop(ctx, shop, connector, products=False)
        connector.close()
        # THEN the three pages read are written and the round says the shop failed
        assert "503" in report.error or "unavailable" in report.error.lower()
        assert len(orders(ctx)) == sum(served) < 100
        assert shop_row(ctx, "shopify").pulled_until is not None
        fake.faults.clear()
        _sync(ctx, fake)
        rows = orders(ctx)
        assert len(rows) == 100
        assert len({row.external_id for row in rows}) == 100


def test_parcels_become_one_fulfilment_each_and_cancellations_come_back(ctx: AppContext) -> None:
    with FakeShopify() as fake:
        two = fake.add_order(lines=[("SKU-1", 1, "12.20"), ("SKU-2", 1, "12.20")])
        gone = fake.add_order()
        _setup(ctx, fake)
        _sync(ctx, fake)
        # WHEN the first order is packed in two parcels, and the second is cancelled in the shop
        local = order_by_ext(ctx, two["id"])
        with ctx.db.write() as s:
            from station.db.models import OutboxEntry

            for seq, (tracking, line) in enumerate(zip(["T1", "T2"], local.lines, strict=True), 1):
                s.add(
                    OutboxEntry(
                        key=f"parcel_shipped:{local.number}:{seq}",
                        kind="parcel_shipped",
                        shop_id=local.shop_id,
                        order_id=local.id,
                        payload={
                            "parcel_seq": seq,
                            "tracking_number": tracking,
                            "carrier": "GLS",
                            "service": "",
                            "line_items": [
                                {"sku": line.sku, "external_id": line.external_id, "quantity": 1}
                            ],
                        },
                    )
                )
        fake.clock.advance(5)
        fake.modify(gone["id"], cancelledAt=fake.now_iso())
        _sync(ctx, fake)
        _sync(ctx, fake)
        # THEN the shop has one fulfilment per parcel and the order is fulfilled
        assert fake.tracking_numbers(two["id"]) == ["T1", "T2"]
        assert fake.orders[two["id"]]["displayFulfillmentStatus"] == "FULFILLED"
        assert {e.status for e in outbox(ctx)} == {OutboxStatus.SENT}
        assert order_by_ext(ctx, gone["id"]).status == OrderStatus.CANCELLED


def test_fulfilling_a_cancelled_order_is_parked_with_the_reason(ctx: AppContext) -> None:
    with FakeShopify() as fake:
        order = fake.add_order()
        _setup(ctx, fake)
        _sync(ctx, fake)
        pack(ctx, order_by_ext(ctx, order["id"]), ["T9"])
        fake.modify(order["id"], cancelledAt=fake.now_iso())
        fake.orders[order["id"]]["updatedAt"] = "2000-01-01T00:00:00Z"  # not pulled again
        _sync(ctx, fake)
        parked = [e for e in outbox(ctx) if e.status == OutboxStatus.PARKED]
        assert len(parked) == 1
        assert "cancelled in the shop" in parked[0].error_text()
        assert fake.tracking_numbers(order["id"]) == []
