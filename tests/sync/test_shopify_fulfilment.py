"""Shopify: parcels become fulfilments the way Shopify's fulfilment orders allow.

The fake follows Shopify's Admin GraphQL 2026-07 schema (tests/fixtures/shopify/) and the
`fulfillmentCreate` / FulfillmentOrder reference: fulfilment orders are per location, one
fulfilment takes FOs "assigned to the same Location", only an FO whose `supportedActions`
include CREATE_FULFILLMENT can be fulfilled (on hold: RELEASE_HOLD; scheduled: MARK_AS_OPEN;
at a fulfilment service: REQUEST_FULFILLMENT), connections are paged (`first` at most 250), and
FulfillmentTrackingInfo takes `company`, `number`, `url`.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from station.config import Settings
from station.context import AppContext
from station.domain import OrderStatus, OutboxStatus
from sync.runner import sync_shop
from sync.shops.config import add_shop, make_connector
from tests.fakes.shops.shopify import FakeShopify
from tests.sync.conftest import Sleeper, add_products, order_by_ext, outbox, pack, shop_row


def _sync(ctx: AppContext, fake: FakeShopify) -> None:
    shop = shop_row(ctx, "shopify")
    connector = make_connector(ctx, shop, timeout_s=5.0, sleep=Sleeper(fake.clock))
    try:
        sync_shop(ctx, shop, connector, products=False)
    finally:
        connector.close()


@pytest.fixture
def fake(ctx: AppContext) -> Iterator[FakeShopify]:
    with FakeShopify() as fake:
        add_products(ctx, "SKU-1", "SKU-2")
        add_shop(ctx, "shopify", "shopify", url=fake.url, secrets={"token": "shpat_test"})
        yield fake


def _parked(ctx: AppContext) -> list[str]:
    return [e.error_text() for e in outbox(ctx) if e.status == OutboxStatus.PARKED]


def test_a_parcel_from_two_locations_becomes_one_fulfilment_per_location(
    ctx: AppContext, fake: FakeShopify
) -> None:
    # GIVEN an order whose second line ships from another location (two fulfilment orders)
    order = fake.add_order(
        lines=[("SKU-1", 1, "12.20"), ("SKU-2", 2, "12.20")],
        locations={"SKU-2": "Magazzino Torino"},
    )
    _sync(ctx, fake)
    # WHEN the bench packs it in one parcel and sync sends it
    pack(ctx, order_by_ext(ctx, order["id"]), ["T1"])
    _sync(ctx, fake)
    # THEN Shopify has one fulfilment per location, both with the parcel's tracking
    made = fake.fulfilments(order["id"])
    assert len(made) == 2
    assert len({f["location"]["id"] for f in made}) == 2
    assert fake.tracking_numbers(order["id"]) == ["T1", "T1"]
    assert fake.orders[order["id"]]["displayFulfillmentStatus"] == "FULFILLED"
    assert {e.status for e in outbox(ctx)} == {OutboxStatus.SENT}


def test_every_fulfilment_order_and_every_line_of_one_is_read(
    ctx: AppContext, fake: FakeShopify
) -> None:
    # GIVEN an order of 60 lines at one location and one spread over 7 locations
    long = fake.add_order(lines=[(f"SKU-{n % 2 + 1}", 1, "1.00") for n in range(60)])
    spread = fake.add_order(
        lines=[(f"SKU-{n % 2 + 1}", 1, "1.00") for n in range(7)],
    )
    for n, fo_line in enumerate(
        list(fake.orders[spread["id"]]["fulfillmentOrders"][0]["lineItems"])
    ):
        if n:  # every line but the first to a location of its own
            fake.orders[spread["id"]]["fulfillmentOrders"].append(
                {
                    **fake.orders[spread["id"]]["fulfillmentOrders"][0],
                    "id": f"gid://shopify/FulfillmentOrder/{spread['n'] * 10 + n}",
                    "assignedLocation": {
                        "name": f"Punto {n}",
                        "location": {
                            "id": f"gid://shopify/Location/{900 + n}",
                            "name": f"Punto {n}",
                        },
                    },
                    "lineItems": [fo_line],
                }
            )
    fake.orders[spread["id"]]["fulfillmentOrders"][0]["lineItems"] = fake.orders[spread["id"]][
        "fulfillmentOrders"
    ][0]["lineItems"][:1]
    _sync(ctx, fake)
    # WHEN both are packed and sent
    pack(ctx, order_by_ext(ctx, long["id"]), ["L1"])
    pack(ctx, order_by_ext(ctx, spread["id"]), ["S1"])
    _sync(ctx, fake)
    # THEN every unit is fulfilled: all 60 lines of the first, all 7 locations of the second
    assert fake.orders[long["id"]]["displayFulfillmentStatus"] == "FULFILLED"
    assert len(fake.fulfilments(spread["id"])) == 7
    assert fake.orders[spread["id"]]["displayFulfillmentStatus"] == "FULFILLED"
    assert {e.status for e in outbox(ctx)} == {OutboxStatus.SENT}


@pytest.mark.parametrize(
    ("change", "said"),
    [
        (
            lambda f, gid: f.hold(gid, "INCORRECT_ADDRESS", "civico mancante"),
            ["on hold in Shopify for an incorrect address", "civico mancante"],
        ),
        (
            lambda f, gid: f.hold(gid, "HIGH_RISK_OF_FRAUD"),
            ["high risk of fraud"],
        ),
        (
            lambda f, gid: f.schedule(gid, "2026-12-24T08:00:00Z"),
            ["scheduled in Shopify to be fulfilled from 2026-12-24"],
        ),
        (
            lambda f, gid: f.assign_to_service(gid, "Logistica Esterna Srl"),
            ["fulfilment service Logistica Esterna Srl"],
        ),
    ],
    ids=["hold-address", "hold-fraud", "scheduled", "third-party"],
)
def test_a_parcel_shopify_will_not_let_the_bench_fulfil_is_told_with_the_reason(
    ctx: AppContext, fake: FakeShopify, change: object, said: list[str]
) -> None:
    # GIVEN an order packed at the bench
    order = fake.add_order()
    _sync(ctx, fake)
    pack(ctx, order_by_ext(ctx, order["id"]), ["H1"])
    # WHEN, before the parcel is sent, the merchant holds, schedules or hands the order to a 3PL
    change(fake, order["id"])  # type: ignore[operator]
    _sync(ctx, fake)
    # THEN nothing is fulfilled and the parked entry says why, not "nothing left"
    assert fake.fulfilments(order["id"]) == []
    parked = _parked(ctx)
    assert len(parked) == 1
    assert all(words in parked[0] for words in said), parked[0]
    assert "nothing left" not in parked[0]


def test_the_customer_gets_a_carrier_shopify_knows_and_a_tracking_link(
    ctx: AppContext, fake: FakeShopify
) -> None:
    # GIVEN three orders shipped with BRT, SDA (not on Shopify's list) and a carrier whose
    # link the warehouse replaced in station.toml
    ctx.settings = Settings(tracking_urls={"POSTE": "https://track.example/poste/{number}"})
    orders = [fake.add_order() for _ in range(3)]
    _sync(ctx, fake)
    for order, carrier, number in zip(
        orders, ["BRT", "SDA", "POSTE"], ["0612345", "8000123", "RB1IT"], strict=True
    ):
        pack(ctx, order_by_ext(ctx, order["id"]), [number], carrier=carrier)
    # WHEN the parcels are sent
    _sync(ctx, fake)
    # THEN each fulfilment names a company Shopify knows (or none) and carries a link
    infos = [fake.fulfilments(o["id"])[0]["trackingInfo"][0] for o in orders]
    assert infos[0]["company"] == "BRT"
    assert infos[0]["url"] == "https://vas.brt.it/vas/sped_det_show.htm?brtCode=0612345"
    assert infos[1]["company"] == "SDA"  # sent as given; Shopify shows it with our link
    assert infos[1]["url"].startswith("https://www.sda.it/")
    assert infos[1]["url"].endswith("8000123")
    assert infos[2]["company"] == "Poste Italiane"
    assert infos[2]["url"] == "https://track.example/poste/RB1IT"


def test_an_order_on_hold_or_scheduled_in_shopify_is_held_at_the_bench(
    ctx: AppContext, fake: FakeShopify
) -> None:
    # GIVEN one order put on hold and one scheduled for later in Shopify, and an open one
    held = fake.add_order()
    fake.hold(held["id"], "AWAITING_PAYMENT")
    scheduled = fake.add_order()
    fake.schedule(scheduled["id"], "2027-01-15T08:00:00Z")
    open_ = fake.add_order()
    # WHEN sync imports them
    _sync(ctx, fake)
    # THEN the first two wait, held with the shop's hold as the reason; the third can be packed
    for order in (held, scheduled):
        local = order_by_ext(ctx, order["id"])
        assert local.status == OrderStatus.HELD
        assert local.hold_code == "hold_shop_on_hold"
    assert order_by_ext(ctx, open_["id"]).status == OrderStatus.QUEUED
