"""A short pick shipped from a WooCommerce order: the shop hears which units are still owed.

The fake follows WooCommerce's REST controllers (tests/fakes/shops/woocommerce.py): order notes
are a list that grows with every POST, so the connector reads it before it writes.
"""

from __future__ import annotations

from sqlalchemy import select

from station.context import AppContext
from station.db.models import Order, Shop
from station.printing.archive import DocumentArchive
from station.services.bench import BenchService
from station.workflow.io import parse_line
from sync.runner import sync_shop
from sync.shops.config import add_shop, make_connector
from tests.console_process import ean_of
from tests.fakes.shops.woocommerce import FakeWooCommerce


def run_sync(ctx: AppContext) -> None:
    with ctx.db.read() as s:
        shop = s.scalars(select(Shop).where(Shop.name == "woo")).one()
    connector = make_connector(ctx, shop, timeout_s=2.0, sleep=lambda _s: None)
    try:
        sync_shop(ctx, shop, connector, products=False)
    finally:
        connector.close()


def test_a_short_shipment_is_a_private_note_on_the_woocommerce_order(
    demo_home: AppContext,
) -> None:
    ctx = demo_home
    with FakeWooCommerce() as woo:
        # GIVEN a WooCommerce order of 1 t-shirt and 2 mugs, imported
        placed = woo.add_order(lines=[("TSH-01", 1, "10.00"), ("MUG-01", 2, "8.00")])
        add_shop(
            ctx, "woocommerce", "woo", url=woo.url, secrets={"key": "ck_test", "secret": "cs_test"}
        )
        run_sync(ctx)
        with ctx.db.read() as s:
            number = s.scalars(
                select(Order.number).where(Order.external_id == str(placed["id"]))
            ).one()
        # WHEN the bench packs the t-shirt, the mugs are short (out of stock), and it ships
        bench = BenchService(ctx.db, ctx.settings, DocumentArchive(ctx.home), operator="anna")
        for line in (number, ean_of("TSH-01"), "SHORT OUT", "SHORT", "WEIGHT 220"):
            inp = parse_line(line, typed_weights=True)
            assert inp is not None
            bench.handle(inp)
        run_sync(ctx)
        run_sync(ctx)  # a second round writes nothing twice
        # THEN the order is completed with one private note naming the owed units
        assert woo.orders[placed["id"]]["status"] == "completed"
        notes = [n for n in woo.notes.get(placed["id"], []) if "backorder" in n["note"]]
        assert [(n["note"], n["customer_note"]) for n in notes] == [
            ("Shipped without, kept as a backorder: MUG-01 x2", False)
        ]
