"""What live WooCommerce shops hold that a plain order does not: tracking the customer can
follow, variations past one page, refunded quantities, and a firewall that refuses PUT.

The fake follows WooCommerce's REST controllers (orders, refunds with `_refunded_item_id` on
negative refund lines, variations paged at ≤ 100), WordPress's `WP_REST_Server` (item routes
take POST, PUT and PATCH as an edit: `EDITABLE`), and the Shipment Tracking extension's
`WC_Shipment_Tracking_Actions` (provider list, `_wc_shipment_tracking_items`); see the docstring
of `tests/fakes/shops/woocommerce.py` for each source."""

from __future__ import annotations

from typing import Any

from sqlalchemy import func, select

from station.context import AppContext
from station.db.models import Product
from station.domain import OutboxStatus
from sync.runner import sync_shop
from sync.shops.config import add_shop, make_connector
from tests.fakes.shops.woocommerce import FakeWooCommerce
from tests.sync.conftest import (
    Later,
    Sleeper,
    add_products,
    order_by_ext,
    outbox,
    pack,
    shop_row,
)


def _shop(ctx: AppContext, woo: FakeWooCommerce) -> None:
    add_shop(
        ctx, "woocommerce", "woo", url=woo.url, secrets={"key": "ck_test", "secret": "cs_test"}
    )


def _sync(ctx: AppContext, clock: Later, *, products: bool = False) -> Any:
    shop = shop_row(ctx, "woo")
    connector = make_connector(ctx, shop, timeout_s=2.0, sleep=Sleeper())
    try:
        return sync_shop(ctx, shop, connector, clock=clock, products=products)
    finally:
        connector.close()


def _lines(ctx: AppContext, ext: int) -> list[tuple[str, int]]:
    return [(line.sku, line.quantity) for line in order_by_ext(ctx, ext).lines]


def test_a_known_carrier_is_named_and_another_gets_its_own_link(ctx: AppContext) -> None:
    # GIVEN a shop with Shipment Tracking and two orders, one leaving with BRT, one with GLS
    with FakeWooCommerce() as woo:
        add_products(ctx, "SKU-1", "SKU-2")
        brt, gls = woo.add_order(), woo.add_order()
        _shop(ctx, woo)
        clock = Later()
        _sync(ctx, clock)
        pack(ctx, order_by_ext(ctx, brt["id"]), ["BRT123"], carrier="BRT")
        pack(ctx, order_by_ext(ctx, gls["id"]), ["GLS456"], carrier="GLS")
        # WHEN sync pushes
        clock.jump()
        _sync(ctx, clock)
        # THEN the customer sees BRT by the extension's own name and link, and GLS (which the
        # extension does not list) as a custom provider with a link that works
        [(name, number, link)] = woo.customer_tracking(brt["id"])
        assert (name, number) == ("BRT (Bartolini)", "BRT123")
        assert link.endswith("Nspediz=BRT123")
        assert woo.customer_tracking(gls["id"]) == [
            (
                "GLS",
                "GLS456",
                "https://gls-group.com/IT/it/servizi-online/ricerca-spedizioni?match=GLS456",
            )
        ]


def test_without_the_extension_every_parcel_lands_in_the_layout_tracking_plugins_read(
    ctx: AppContext,
) -> None:
    # GIVEN a shop without Shipment Tracking, an order packed in two SDA parcels
    with FakeWooCommerce(shipment_tracking=False) as woo:
        add_products(ctx, "SKU-1", "SKU-2")
        order = woo.add_order()
        _shop(ctx, woo)
        clock = Later()
        _sync(ctx, clock)
        pack(ctx, order_by_ext(ctx, order["id"]), ["SDA1", "SDA2"], carrier="SDA")
        # WHEN sync pushes, and pushes again
        clock.jump()
        _sync(ctx, clock)
        _sync(ctx, clock)
        # THEN `_wc_shipment_tracking_items` holds each parcel once, with the carrier's link,
        # read back the way the extension (and the plugins reading its data) reads it
        seen = woo.customer_tracking(order["id"])
        assert [(name, number) for name, number, _ in seen] == [("SDA", "SDA1"), ("SDA", "SDA2")]
        assert seen[0][2].endswith("tracing.letteraVettura=SDA1")
        assert woo.orders[order["id"]]["status"] == "completed"


def test_variations_past_the_first_page_are_all_imported(ctx: AppContext) -> None:
    # GIVEN a variable product (sizes × colours) with 150 variations
    with FakeWooCommerce() as woo:
        woo.add_product({"id": 50, "type": "variable", "sku": "TEE", "name": "Tee", "images": []})
        woo.variations[50] = [
            {"id": 1000 + n, "sku": f"TEE-{n:03d}", "weight": "0.2", "dimensions": {}}
            for n in range(150)
        ]
        _shop(ctx, woo)
        # WHEN the catalogue is synced
        report = _sync(ctx, Later(), products=True)
        # THEN every variation is a product on the bench
        assert report.error == ""
        with ctx.db.read() as s:
            count = s.scalar(
                select(func.count()).select_from(Product).where(Product.sku.like("TEE-%"))
            )
        assert count == 150


def test_a_partly_refunded_order_packs_what_is_left(ctx: AppContext) -> None:
    # GIVEN an order of 3 × SKU-1 and 1 × SKU-2, of which one SKU-1 and the SKU-2 are refunded
    with FakeWooCommerce() as woo:
        add_products(ctx, "SKU-1", "SKU-2")
        order = woo.add_order(lines=[("SKU-1", 3, "10.00"), ("SKU-2", 1, "5.50")])
        first, second = (line["id"] for line in order["line_items"])
        woo.add_refund(order["id"], {first: 1, second: 1}, "15.50")
        _shop(ctx, woo)
        # WHEN sync imports it
        report = _sync(ctx, Later())
        # THEN the bench packs two SKU-1 and no SKU-2
        assert report.error == ""
        assert _lines(ctx, order["id"]) == [("SKU-1", 2)]


def test_a_refund_after_import_takes_the_units_off_the_bench(ctx: AppContext) -> None:
    # GIVEN an order already in the queue
    with FakeWooCommerce() as woo:
        add_products(ctx, "SKU-1", "SKU-2")
        order = woo.add_order(lines=[("SKU-1", 3, "10.00"), ("SKU-2", 1, "5.50")])
        _shop(ctx, woo)
        clock = Later()
        _sync(ctx, clock)
        assert _lines(ctx, order["id"]) == [("SKU-1", 3), ("SKU-2", 1)]
        # WHEN the merchant refunds one SKU-1 before it is packed, and sync runs
        woo.clock.advance(60)
        woo.add_refund(order["id"], {order["line_items"][0]["id"]: 1}, "10.00")
        clock.jump()
        _sync(ctx, clock)
        # THEN the bench packs the rest
        assert _lines(ctx, order["id"]) == [("SKU-1", 2), ("SKU-2", 1)]


def test_an_update_a_firewall_refuses_as_put_goes_as_post(ctx: AppContext) -> None:
    # GIVEN a shop behind a ModSecurity rule that refuses PUT, without Shipment Tracking
    with FakeWooCommerce(shipment_tracking=False) as woo:
        woo.blocked_methods = {"PUT"}
        add_products(ctx, "SKU-1", "SKU-2")
        order = woo.add_order()
        _shop(ctx, woo)
        clock = Later()
        _sync(ctx, clock)
        pack(ctx, order_by_ext(ctx, order["id"]), ["P1"])
        # WHEN sync pushes the tracking (an order edit) and the completion
        clock.jump()
        report = _sync(ctx, clock)
        # THEN both went through as POST edits and nothing waits or is parked
        assert report.error == ""
        assert [n for _, n, _ in woo.customer_tracking(order["id"])] == ["P1"]
        assert woo.orders[order["id"]]["status"] == "completed"
        assert {e.status for e in outbox(ctx)} == {OutboxStatus.SENT}
        edits = [m for m, p, _ in woo.log if p.endswith(f"/orders/{order['id']}")]
        assert edits.count("POST") == 2  # the tracking meta and the completion
        assert edits.count("PUT") == 1  # refused once by the firewall, then never sent again


def test_an_order_whose_refunds_cannot_be_read_waits_for_a_person(ctx: AppContext) -> None:
    # GIVEN an order whose refund a plugin wrote with a quantity that is not a number
    with FakeWooCommerce() as woo:
        add_products(ctx, "SKU-1", "SKU-2")
        order = woo.add_order()
        woo.add_refund(order["id"], {order["line_items"][0]["id"]: 1}, "10.00")
        woo.refunds[order["id"]][0]["line_items"][0]["quantity"] = "one"
        _shop(ctx, woo)
        # WHEN sync imports it
        _sync(ctx, Later())
        # THEN it is held as malformed instead of being packed in full
        row = order_by_ext(ctx, order["id"])
        assert row.status == "held"
        assert row.problem is not None
        assert row.problem.code == "problem_malformed"
