"""Shop orders at the bench: a short pick's owed units reach the shop, in the shop's language,
and a COD order's label and invoice say the shop's own total.

The WooCommerce fake follows WooCommerce's REST controllers (tests/fakes/shops/woocommerce.py):
order notes are a list that grows with every POST, so the connector reads it before it writes.
The Shopify fake follows the Admin GraphQL schema and the FulfillmentOrder reference
(tests/fakes/shops/shopify.py): units left out of a fulfilment stay open on the order.
The PrestaShop fake follows `classes/CustomerThread.php` and `classes/CustomerMessage.php`
(tests/fakes/shops/prestashop.py): a private message on the order's customer thread is what
the back office's order page lists under Messages, and every POST adds a row.
"""

from __future__ import annotations

import datetime as dt
import re

from sqlalchemy import select

from station.context import AppContext
from station.db.models import Order, Shop
from station.labels.invoice import invoice_pdf
from station.printing.archive import DocumentArchive
from station.services.bench import BenchService
from station.services.documents import invoice_for, invoice_view
from station.services.lead import LeadService
from station.workflow.io import parse_line
from sync.runner import sync_shop
from sync.shops.config import add_shop, make_connector
from tests.console_process import ean_of
from tests.fakes.shops.prestashop import KEY, FakePrestaShop
from tests.fakes.shops.shopify import FakeShopify
from tests.fakes.shops.woocommerce import FakeWooCommerce
from tests.labels.readback import needs_pdftotext, pdf_text


def run_sync(ctx: AppContext, name: str = "woo") -> None:
    with ctx.db.read() as s:
        shop = s.scalars(select(Shop).where(Shop.name == name)).one()
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
        # WHEN the bench packs the t-shirt, the mugs are short (out of stock), and it ships
        pack_with_mugs_short(ctx, number_of(ctx, placed["id"]))
        run_sync(ctx)
        run_sync(ctx)  # a second round writes nothing twice
        # THEN the order is completed with one private note naming the owed units
        assert woo.orders[placed["id"]]["status"] == "completed"
        notes = [n for n in woo.notes.get(placed["id"], []) if "backorder" in n["note"]]
        assert [(n["note"], n["customer_note"]) for n in notes] == [
            ("Shipped without, kept as a backorder: MUG-01 x2", False)
        ]


def type_lines(ctx: AppContext, *lines: str) -> None:
    """Lines typed at a bench (weights typed), handled one by one as the console does."""
    bench = BenchService(ctx.db, ctx.settings, DocumentArchive(ctx.home), operator="anna")
    for line in lines:
        inp = parse_line(line, typed_weights=True)
        assert inp is not None
        bench.handle(inp)


def pack_with_mugs_short(ctx: AppContext, number: str) -> None:
    """The bench packs the t-shirt; the mugs are short (out of stock); it ships."""
    type_lines(ctx, number, ean_of("TSH-01"), "SHORT OUT", "SHORT", "WEIGHT 220")


def number_of(ctx: AppContext, external_id: object) -> str:
    with ctx.db.read() as s:
        return s.scalars(select(Order.number).where(Order.external_id == str(external_id))).one()


def test_the_woocommerce_note_is_in_the_benchs_language_unless_the_shop_has_its_own(
    demo_home: AppContext,
) -> None:
    ctx = demo_home
    ctx.settings.language = "it"
    with FakeWooCommerce() as woo:
        # GIVEN an Italian bench, one shop without a language and one set to English
        mine = woo.add_order(lines=[("TSH-01", 1, "10.00"), ("MUG-01", 2, "8.00")])
        theirs = woo.add_order(lines=[("TSH-01", 1, "10.00"), ("MUG-01", 2, "8.00")])
        secrets = {"key": "ck_test", "secret": "cs_test"}
        add_shop(ctx, "woocommerce", "woo", url=woo.url, secrets=secrets)
        run_sync(ctx)
        # WHEN the first order ships short, then the shop is set to English and the second does
        pack_with_mugs_short(ctx, number_of(ctx, mine["id"]))
        run_sync(ctx)
        with ctx.db.write() as s:
            shop = s.scalars(select(Shop).where(Shop.name == "woo")).one()
            shop.settings = {**shop.settings, "language": "en"}
        pack_with_mugs_short(ctx, number_of(ctx, theirs["id"]))
        run_sync(ctx)
        run_sync(ctx)  # the first note, said again in English now, is not written twice
        # THEN each private note is in its shop's language at the time
        notes = {
            placed: [n["note"] for n in woo.notes.get(placed, []) if "MUG-01" in n["note"]]
            for placed in (mine["id"], theirs["id"])
        }
    assert notes == {
        mine["id"]: [
            "Spedito senza questi articoli, che restano da inviare come ordine arretrato: MUG-01 x2"
        ],
        theirs["id"]: ["Shipped without, kept as a backorder: MUG-01 x2"],
    }


def test_a_short_shipment_is_a_private_message_on_the_prestashop_order(
    demo_home: AppContext,
) -> None:
    ctx = demo_home
    with FakePrestaShop() as shop:
        # GIVEN a PrestaShop order of 1 t-shirt and 2 mugs, imported; the shop in Italian
        placed = shop.add_order(lines=[("TSH-01", 1, "12.20"), ("MUG-01", 2, "9.76")])
        add_shop(
            ctx, "prestashop", "ps", url=shop.url, secrets={"key": KEY}, settings={"language": "it"}
        )
        run_sync(ctx, "ps")
        # WHEN the bench ships it without the mugs, and sync runs twice
        pack_with_mugs_short(ctx, number_of(ctx, placed["id"]))
        run_sync(ctx, "ps")
        run_sync(ctx, "ps")
        # THEN the order's thread holds one private message naming the owed units, and shipped
        messages = [(m["message"], m["private"]) for m in shop.thread_messages(placed["id"])]
        assert messages == [
            (
                "Spedito senza questi articoli, che restano da inviare come ordine arretrato: "
                "MUG-01 x2",
                "1",
            )
        ]
        [thread] = shop.db["customer_threads"].values()
        assert (thread["id_contact"], thread["status"]) == ("0", "open")
        assert shop.db["orders"][placed["id"]]["current_state"] == "4"


def test_a_prestashop_note_goes_on_the_thread_the_checkout_message_opened(
    demo_home: AppContext,
) -> None:
    ctx = demo_home
    with FakePrestaShop() as shop:
        # GIVEN an order whose customer wrote a message at checkout (its thread exists)
        placed = shop.add_order(lines=[("TSH-01", 1, "12.20"), ("MUG-01", 2, "9.76")])
        opened = shop.open_thread(placed["id"], "Please ring twice")
        add_shop(ctx, "prestashop", "ps", url=shop.url, secrets={"key": KEY})
        run_sync(ctx, "ps")
        # WHEN it ships short
        pack_with_mugs_short(ctx, number_of(ctx, placed["id"]))
        run_sync(ctx, "ps")
        # THEN the note joins that thread, and no second thread is opened
        assert list(shop.db["customer_threads"]) == [opened]
        assert [m["message"] for m in shop.thread_messages(placed["id"])] == [
            "Please ring twice",
            "Shipped without, kept as a backorder: MUG-01 x2",
        ]


def ship_follow_up(ctx: AppContext, number: str) -> str:
    """A lead says the mugs are in stock; a bench packs the follow-up order; its number."""
    _, follow_up = LeadService(ctx.db, "giulia").release_backorder(number)
    mug = ean_of("MUG-01")
    type_lines(ctx, follow_up, mug, mug, "WEIGHT 700", "OVERRIDE 9999")
    return follow_up


def tracking_of(ctx: AppContext, *numbers: str) -> list[str]:
    with ctx.db.read() as s:
        orders = s.scalars(select(Order).where(Order.number.in_(numbers))).all()
        assert {o.status for o in orders} == {"shipped"}
        return sorted(str(p.tracking_number) for o in orders for p in o.parcels)


def test_a_backorder_shipped_later_is_tracked_on_the_same_woocommerce_order(
    demo_home: AppContext,
) -> None:
    ctx = demo_home
    with FakeWooCommerce() as woo:
        # GIVEN a WooCommerce order shipped without its 2 mugs, the shop told
        placed = woo.add_order(lines=[("TSH-01", 1, "10.00"), ("MUG-01", 2, "8.00")])
        secrets = {"key": "ck_test", "secret": "cs_test"}
        add_shop(ctx, "woocommerce", "woo", url=woo.url, secrets=secrets)
        run_sync(ctx)
        number = number_of(ctx, placed["id"])
        pack_with_mugs_short(ctx, number)
        run_sync(ctx)
        # WHEN the mugs come in, ship as the follow-up order, and sync runs twice
        follow_up = ship_follow_up(ctx, number)
        run_sync(ctx)
        run_sync(ctx)
        # THEN the shop's one order carries both parcels' tracking numbers, each once
        items = woo.trackings.get(placed["id"], [])
        numbers = sorted(str(i["tracking_number"]) for i in items)
        notes = [n for n in woo.notes.get(placed["id"], []) if "MUG-01" in n["note"]]
    assert follow_up == f"{number}-B1"
    assert numbers == tracking_of(ctx, number, follow_up)
    assert len(numbers) == 2
    assert len(notes) == 1  # the backorder was told once, when the order first shipped


def test_a_backorder_shipped_later_is_mailed_on_the_same_prestashop_order(
    demo_home: AppContext,
) -> None:
    ctx = demo_home
    with FakePrestaShop() as shop:
        # GIVEN a PrestaShop order shipped without its 2 mugs, the shop told
        placed = shop.add_order(lines=[("TSH-01", 1, "12.20"), ("MUG-01", 2, "9.76")])
        add_shop(ctx, "prestashop", "ps", url=shop.url, secrets={"key": KEY})
        run_sync(ctx, "ps")
        number = number_of(ctx, placed["id"])
        pack_with_mugs_short(ctx, number)
        run_sync(ctx, "ps")
        # WHEN the follow-up order ships, and sync runs twice
        follow_up = ship_follow_up(ctx, number)
        run_sync(ctx, "ps")
        run_sync(ctx, "ps")
        # THEN the order's carrier row holds both numbers, and the customer was mailed each
        first, later = tracking_of(ctx, number), tracking_of(ctx, follow_up)
        row = shop.carrier_row(placed["id"])["tracking_number"]
        mails = [d for t, _, d in shop.emails if t == "in_transit"]
    assert row == ", ".join(first + later)
    assert mails == [", ".join(first), ", ".join(first + later)]


def test_a_backorder_shipped_later_fulfils_the_rest_of_the_shopify_order(
    demo_home: AppContext,
) -> None:
    ctx = demo_home
    with FakeShopify() as shop:
        # GIVEN a Shopify order shipped without its 2 mugs: partly fulfilled, the mugs open
        placed = shop.add_order(lines=[("TSH-01", 1, "12.20"), ("MUG-01", 2, "9.76")])
        add_shop(ctx, "shopify", "shopify", url=shop.url, secrets={"token": "shpat_test"})
        run_sync(ctx, "shopify")
        number = number_of(ctx, placed["id"])
        pack_with_mugs_short(ctx, number)
        run_sync(ctx, "shopify")
        assert shop.orders[placed["id"]]["displayFulfillmentStatus"] == "PARTIALLY_FULFILLED"
        # WHEN the follow-up order ships the mugs, and sync runs twice
        follow_up = ship_follow_up(ctx, number)
        run_sync(ctx, "shopify")
        run_sync(ctx, "shopify")
        # THEN the order is fulfilled, one fulfilment per shipment, each with its number
        numbers = sorted(shop.tracking_numbers(placed["id"]))
        status = shop.orders[placed["id"]]["displayFulfillmentStatus"]
    assert status == "FULFILLED"
    assert numbers == tracking_of(ctx, number, follow_up)


@needs_pdftotext
def test_a_woocommerce_cod_order_is_collected_and_invoiced_at_the_shops_total(
    demo_home: AppContext,
) -> None:
    ctx = demo_home
    with FakeWooCommerce() as woo:
        # GIVEN a WooCommerce COD order: 26.00 net at 22 % + 6.90 shipping without its 1.52 VAT
        placed = woo.add_order(
            lines=[("TSH-01", 1, "10.00"), ("MUG-01", 2, "8.00")],
            payment="cod",
            total="40.14",
        )
        add_shop(
            ctx, "woocommerce", "woo", url=woo.url, secrets={"key": "ck_test", "secret": "cs_test"}
        )
        run_sync(ctx)
        number = number_of(ctx, placed["id"])
        # WHEN it is packed whole and its invoice made
        mug = ean_of("MUG-01")
        type_lines(ctx, number, ean_of("TSH-01"), mug, mug, "WEIGHT 920", "OVERRIDE 9999")
        with ctx.db.write() as s:
            order = s.scalars(select(Order).where(Order.number == number)).one()
            assert order.status == "shipped"
            invoice = invoice_for(s, order, at=dt.datetime.now(dt.UTC))
            view = invoice_view(order, invoice.number, invoice.issue_date, ctx.settings)
            label = pdf_text((ctx.home / order.parcels[0].label_path).read_bytes())
        text = pdf_text(invoice_pdf(view))
    # THEN the label collects the shop's 40.14 and the invoice totals it, to be collected
    assert re.search(r"CONTRASSEGNO / COD.*?EUR 40\.14", label, re.S), label
    assert re.search(r"Totale documento\s+EUR 40,14", text), text
    assert "da incassare alla consegna" in text
