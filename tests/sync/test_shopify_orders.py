"""Shopify: what the bench packs, and how the connector lives with Shopify's answers.

The fake follows Shopify's Admin GraphQL 2026-07 schema (tests/fixtures/shopify/): LineItem
`unfulfilledQuantity` is what remains to ship once units are fulfilled or removed
(`currentQuantity` still counts fulfilled units); connections hold at most 250 items and cost
2 + first × node (https://shopify.dev/docs/apps/build/apis/graphql-admin/rate-limits), a query
over the ceiling answers MAX_COST_EXCEEDED with its cost; errors come at HTTP 200 with an
`extensions.code` (INTERNAL_SERVER_ERROR, ACCESS_DENIED with `requiredAccess`); orders older
than 60 days need `read_all_orders` (REST Order reference).
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from sqlalchemy import select

from station.context import AppContext
from station.db.models import Product
from station.db.types import utcnow
from station.domain import OrderStatus, OutboxStatus
from station.domain import events as ev
from station.services.events import record
from sync.runner import ShopReport, recheck_order, sync_shop
from sync.shops.config import add_shop, make_connector
from tests.fakes.shops.base import Fault
from tests.fakes.shops.shopify import ALL_SCOPES, FakeShopify
from tests.sync.conftest import Sleeper, add_products, order_by_ext, orders, outbox, pack, shop_row


def _sync(ctx: AppContext, fake: FakeShopify, timeout_s: float = 5.0) -> ShopReport:
    shop = shop_row(ctx, "shopify")
    connector = make_connector(ctx, shop, timeout_s=timeout_s, sleep=Sleeper(fake.clock))
    try:
        return sync_shop(ctx, shop, connector, products=False)
    finally:
        connector.close()


@pytest.fixture
def fake(ctx: AppContext) -> Iterator[FakeShopify]:
    fake = FakeShopify()
    with fake:
        add_products(ctx, "SKU-1", "SKU-2")
        add_shop(ctx, "shopify", "shopify", url=fake.url, secrets={"token": "shpat_test"})
        yield fake


def _lines(ctx: AppContext, gid: str) -> list[tuple[str, int]]:
    return sorted((line.sku, line.quantity) for line in order_by_ext(ctx, gid).lines)


def test_the_bench_packs_what_is_left_to_fulfil_and_follows_refunds(
    ctx: AppContext, fake: FakeShopify
) -> None:
    # GIVEN an order partly fulfilled in Shopify before the bench sees it, and another one
    partly = fake.add_order(lines=[("SKU-1", 2, "12.20"), ("SKU-2", 1, "12.20")])
    fake.fulfil_elsewhere(partly["id"], "SKU-1", 2)
    refunded = fake.add_order(lines=[("SKU-1", 2, "12.20"), ("SKU-2", 1, "12.20")])
    _sync(ctx, fake)
    # WHEN the customer is refunded one unit of the second order in Shopify
    fake.clock.advance(5)
    fake.refund(refunded["id"], "SKU-1", 1)
    _sync(ctx, fake)
    # THEN the bench packs only what is left to ship of each
    assert _lines(ctx, partly["id"]) == [("SKU-2", 1)]
    assert _lines(ctx, refunded["id"]) == [("SKU-1", 1), ("SKU-2", 1)]


def test_an_order_open_at_the_bench_is_told_when_the_shop_removes_a_line(
    ctx: AppContext, fake: FakeShopify
) -> None:
    # GIVEN an order an operator has opened at a bench
    order = fake.add_order(lines=[("SKU-1", 2, "12.20"), ("SKU-2", 1, "12.20")])
    _sync(ctx, fake)
    local = order_by_ext(ctx, order["id"])
    with ctx.db.write() as s:
        record(s, ev.OrderClaimed(order=local.uid, number=local.number, bench="B1"), at=utcnow())
    # WHEN the shop removes a line while it is being packed
    fake.clock.advance(5)
    fake.refund(order["id"], "SKU-2", 1)
    said = recheck_order(ctx, local.id)
    # THEN the bench says so before the label prints, and the order keeps what was opened
    assert said is not None
    assert "lines were changed in the shop during packing" in said
    after = order_by_ext(ctx, order["id"])
    assert after.status == OrderStatus.PACKING
    assert after.problem_code == "problem_lines_changed_while_packing"


def test_the_last_second_recheck_reads_every_line(ctx: AppContext, fake: FakeShopify) -> None:
    # GIVEN an order of 12 lines on the bench
    order = fake.add_order(lines=[(f"SKU-{n % 2 + 1}", 1, "1.00") for n in range(12)])
    _sync(ctx, fake)
    assert len(order_by_ext(ctx, order["id"]).lines) == 12
    # WHEN the shop touches the order (a note) and the bench re-checks it before the label
    fake.clock.advance(5)
    fake.modify(order["id"], note="Citofono: Bianchi")
    said = recheck_order(ctx, order_by_ext(ctx, order["id"]).id)
    # THEN nothing is wrong with it and it still has all its lines
    assert said is None
    after = order_by_ext(ctx, order["id"])
    assert len(after.lines) == 12
    assert after.customer_note == "Citofono: Bianchi"


def test_a_page_shopify_finds_too_expensive_is_made_smaller(
    ctx: AppContext, fake: FakeShopify
) -> None:
    # GIVEN a shop whose single-query ceiling is lower than the connector's first page costs
    fake.max_cost = 300
    for _ in range(40):
        fake.add_order()
    # WHEN sync runs
    report = _sync(ctx, fake)
    # THEN every order arrives, through pages that fit
    assert report.error == ""
    assert len(orders(ctx)) == 40
    assert max(fake.costs) <= 300


def test_shopify_failing_inside_or_slowly_is_tried_again(
    ctx: AppContext, fake: FakeShopify
) -> None:
    # GIVEN a shop that answers INTERNAL_SERVER_ERROR at HTTP 200 twice, then one slow answer
    for _ in range(2):
        fake.graphql_failures.append(
            {
                "message": "Internal error. Looks like something went wrong on our end.\n"
                "Request ID: 6b2c7e1a-0000",
                "extensions": {"code": "INTERNAL_SERVER_ERROR", "requestId": "6b2c7e1a-0000"},
            }
        )
    fake.inject(Fault("slow", "graphql", "POST", delay_s=1.5))
    fake.add_order()
    # WHEN sync runs
    report = _sync(ctx, fake, timeout_s=1.0)
    # THEN the order arrives and the round reports no error
    assert report.error == ""
    assert len(orders(ctx)) == 1


def test_an_order_older_than_60_days_names_the_missing_scope(
    ctx: AppContext, fake: FakeShopify
) -> None:
    # GIVEN an order packed at the bench, and an app without read_all_orders
    fake.scopes = set(ALL_SCOPES) - {"read_all_orders"}
    order = fake.add_order()
    _sync(ctx, fake)
    pack(ctx, order_by_ext(ctx, order["id"]), ["OLD1"])
    # WHEN the parcel is sent when the order is 61 days old
    fake.clock.advance(61 * 86400)
    _sync(ctx, fake)
    # THEN nothing is parked (adding the scope fixes it) and the error names the scope
    entry = next(e for e in outbox(ctx) if e.kind == "parcel_shipped")
    assert entry.status == OutboxStatus.PENDING
    assert "lacks the access scope read_all_orders" in entry.error_text()
    assert fake.tracking_numbers(order["id"]) == []


def test_an_order_fulfilled_in_the_shop_admin_is_held_with_its_lines(
    ctx: AppContext, fake: FakeShopify
) -> None:
    # GIVEN an order waiting at the bench
    order = fake.add_order(lines=[("SKU-1", 2, "12.20"), ("SKU-2", 1, "12.20")])
    _sync(ctx, fake)
    # WHEN the merchant fulfils all of it in Shopify's admin
    fake.clock.advance(5)
    fake.fulfil_elsewhere(order["id"], "SKU-1", 2)
    fake.fulfil_elsewhere(order["id"], "SKU-2", 1)
    _sync(ctx, fake)
    # THEN the bench holds it as completed in the shop, and its lines are still what was ordered
    local = order_by_ext(ctx, order["id"])
    assert local.status == OrderStatus.HELD
    assert local.hold_code == "hold_shop_completed"
    assert not local.problem_code
    assert _lines(ctx, order["id"]) == [("SKU-1", 2), ("SKU-2", 1)]


def _variant(n: int, sku: str, own: str | None, product: str | None) -> dict[str, object]:
    def media(url: str | None) -> dict[str, object] | None:
        if url is None:
            return None
        return {"__typename": "MediaImage", "preview": {"image": {"url": url}}}

    return {
        "id": f"gid://shopify/ProductVariant/{n}",
        "sku": sku,
        "barcode": f"80000000000{n}",
        "displayName": f"Tazza - {sku}",
        "media": [m for m in [media(own)] if m],
        "product": {"title": "Tazza", "featuredMedia": media(product)},
        "inventoryItem": {"measurement": {"weight": {"unit": "GRAMS", "value": 350.0}}},
    }


def test_product_images_come_from_media_not_the_deprecated_image_fields(
    ctx: AppContext, fake: FakeShopify
) -> None:
    # GIVEN a variant with its own picture and one that has only its product's
    fake.variants = [
        _variant(1, "MUG-RED", "https://cdn.example/red.jpg", "https://cdn.example/all.jpg"),
        _variant(2, "MUG-BLU", None, "https://cdn.example/all.jpg"),
    ]
    # WHEN the catalogue is synced
    shop = shop_row(ctx, "shopify")
    connector = make_connector(ctx, shop, timeout_s=5.0, sleep=Sleeper(fake.clock))
    try:
        report = sync_shop(ctx, shop, connector, products=True, pull=False, push=False)
    finally:
        connector.close()
    # THEN each product has the picture a person would see in the shop
    assert report.error == ""
    with ctx.db.read() as s:
        images = dict(s.execute(select(Product.sku, Product.image_url)).all())
    assert images["MUG-RED"] == "https://cdn.example/red.jpg"
    assert images["MUG-BLU"] == "https://cdn.example/all.jpg"
