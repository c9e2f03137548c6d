"""PrestaShop as real shops run it: combinations, one in-transit mail, the order's currency,
message and time zone, refunds, several carrier rows, customers read without secrets, hosts
that strip the Authorization header or have no URL rewriting.

The fake (`tests/fakes/shops/prestashop.py`) follows PrestaShop's own classes
(`PrestaShop/PrestaShop`); each test names the file whose behaviour it relies on."""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Iterator
from typing import Any

import pytest
from sqlalchemy import select
from sqlalchemy.orm import selectinload

from station.context import AppContext
from station.db.models import Product
from station.domain import OutboxStatus
from station.domain.barcodes import gtin_check_digit, normalize_code
from station.printing.archive import DocumentArchive
from station.services.bench import BenchService
from station.workflow.io import Accepted, Rejected, Scan
from sync.runner import recheck_order, sync_shop
from sync.shops.config import add_shop, make_connector
from tests.fakes.shops.prestashop import KEY, FakePrestaShop
from tests.sync.conftest import Later, Sleeper, add_products, order_by_ext, outbox, pack, shop_row


def ean13(body: str) -> str:
    return body + str(gtin_check_digit(body))


@pytest.fixture
def ps() -> Iterator[FakePrestaShop]:
    with FakePrestaShop() as fake:
        yield fake


def _sync(ctx: AppContext, clock: Later | None = None, *, products: bool = False) -> Any:
    shop = shop_row(ctx, "ps")
    connector = make_connector(ctx, shop, timeout_s=2.0, sleep=Sleeper())
    try:
        return sync_shop(ctx, shop, connector, clock=clock or Later(), products=products)
    finally:
        connector.close()


def _add(ctx: AppContext, ps: FakePrestaShop) -> None:
    add_shop(ctx, "prestashop", "ps", url=ps.url, secrets={"key": KEY})


def _mails(ps: FakePrestaShop) -> list[str]:
    return [detail for template, _, detail in ps.emails if template == "in_transit"]


def _product(ctx: AppContext, sku: str) -> Product:
    with ctx.db.read() as s:
        product = s.scalar(
            select(Product).where(Product.sku == sku).options(selectinload(Product.barcodes))
        )
        assert product is not None, sku
        return product


def test_combinations_become_products_whose_codes_scan_for_the_order_rows_that_name_them(
    ctx: AppContext, ps: FakePrestaShop
) -> None:
    # GIVEN (Combination.php, Cart::getProducts) a T-shirt of 200 g in two sizes: S with its own
    # reference, EAN and a 50 g weight impact, M with its own UPC and no reference of its own;
    # and an order for one of each
    small_ean, medium_upc = ean13("800123400001"), "012345678905"
    shirt = ps.add_product("TSHIRT", ean13=ean13("800123400094"), weight="0.200000")
    small = ps.add_combination(shirt["id"], "TSHIRT-S", ean13=small_ean, weight="0.050000")
    medium = ps.add_combination(shirt["id"], "", upc=medium_upc)
    order = ps.add_order(
        lines=[("TSHIRT", 1, "12.20", small["id"]), ("TSHIRT", 2, "12.20", medium["id"])]
    )
    _add(ctx, ps)
    # WHEN the catalogue and the orders are synced
    report = _sync(ctx, products=True)
    # THEN each size is a product with its own codes and weight, and the order's rows name them
    assert report.error == ""
    assert _product(ctx, "TSHIRT-S").weight_g == 250
    assert [b.code for b in _product(ctx, "TSHIRT-S").barcodes] == [normalize_code(small_ean)]
    medium_sku = f"TSHIRT#{medium['id']}"
    assert [b.code for b in _product(ctx, medium_sku).barcodes] == [normalize_code(medium_upc)]
    local = order_by_ext(ctx, order["id"])
    assert [(line.sku, line.quantity) for line in local.lines] == [
        ("TSHIRT-S", 1),
        (medium_sku, 2),
    ]
    assert local.problem is None
    # AND at the bench the sizes' codes are the items of this order
    bench = BenchService(ctx.db, ctx.settings, DocumentArchive(ctx.home), operator="anna")
    bench.handle(Scan(local.number))
    answers = [bench.handle(Scan(code)).effects for code in (small_ean, medium_upc)]
    for effects in answers:
        assert any(isinstance(e, Accepted) for e in effects), effects
        assert not any(isinstance(e, Rejected) for e in effects), effects


def test_a_parcel_update_mails_the_customer_once_with_every_tracking_number(
    ctx: AppContext, ps: FakePrestaShop
) -> None:
    # GIVEN (OrderCarrier::updateWs) a shop that mails "Package in transit" on every carrier
    # row PUT with sendemail, and an order packed in three parcels
    add_products(ctx, "SKU-1", "SKU-2")
    order = ps.add_order()
    _add(ctx, ps)
    clock = Later()
    _sync(ctx, clock)
    pack(ctx, order_by_ext(ctx, order["id"]), ["TRK1", "TRK2", "TRK3"])
    # WHEN sync pushes, and again later
    for _ in range(2):
        clock.jump()
        _sync(ctx, clock)
    # THEN the customer got one mail, carrying every number; the row holds them all
    assert _mails(ps) == ["TRK1, TRK2, TRK3"]
    assert ps.carrier_row(order["id"])["tracking_number"] == "TRK1, TRK2, TRK3"
    assert {e.status for e in outbox(ctx)} == {OutboxStatus.SENT}


def test_every_carrier_row_of_a_multi_parcel_order_gets_its_number(
    ctx: AppContext, ps: FakePrestaShop
) -> None:
    # GIVEN (Order.php, OrderCarrier.php) an order with three carrier rows packed in three
    # parcels, and one with two rows packed in three
    add_products(ctx, "SKU-1", "SKU-2")
    three, two = ps.add_order(carrier_rows=3), ps.add_order(carrier_rows=2)
    _add(ctx, ps)
    clock = Later()
    _sync(ctx, clock)
    pack(ctx, order_by_ext(ctx, three["id"]), ["P1", "P2", "P3"])
    pack(ctx, order_by_ext(ctx, two["id"]), ["Q1", "Q2", "Q3"])
    # WHEN sync pushes
    clock.jump()
    _sync(ctx, clock)
    # THEN each row holds its parcel's number, the parcels beyond the rows go on the first row
    # (the one the order's shipping_number and the mail show), one in-transit mail per order
    assert [r["tracking_number"] for r in ps.carrier_rows(three["id"])] == ["P1", "P2", "P3"]
    assert [r["tracking_number"] for r in ps.carrier_rows(two["id"])] == ["Q1, Q3", "Q2"]
    assert _mails(ps) == ["P1", "Q1, Q3"]
    assert ps.histories(three["id"]) == ["2", "4"]


def test_the_order_keeps_the_currency_the_customer_paid_in(
    ctx: AppContext, ps: FakePrestaShop
) -> None:
    # GIVEN (Order.php id_currency -> Currency.php iso_code) an order paid in Swiss francs
    add_products(ctx, "SKU-1", "SKU-2")
    order = ps.add_order(currency=2)
    _add(ctx, ps)
    # WHEN it is imported
    _sync(ctx)
    # THEN its currency is CHF, not the default euro
    assert order_by_ext(ctx, order["id"]).currency == "CHF"


def test_the_customers_order_message_is_the_note_and_private_notes_are_not(
    ctx: AppContext, ps: FakePrestaShop
) -> None:
    # GIVEN (CheckoutSession.php, PaymentModule.php, Message.php) a customer who wrote a
    # message at checkout, and an employee's private note on the same order
    add_products(ctx, "SKU-1", "SKU-2")
    order = ps.add_order(message="Citofonare Bianchi, scala B")
    ps.add_message(order["id"], "customer called twice", private=True, employee=1)
    _add(ctx, ps)
    # WHEN it is imported
    _sync(ctx)
    # THEN the bench shows the customer's message, and only it
    assert order_by_ext(ctx, order["id"]).customer_note == "Citofonare Bianchi, scala B"


def test_dates_are_read_in_the_shops_own_time_zone(ctx: AppContext) -> None:
    # GIVEN (Configuration.php PS_TIMEZONE) a shop in New York, and no zone set in Station
    with FakePrestaShop(timezone="America/New_York") as ps:
        add_products(ctx, "SKU-1", "SKU-2")
        order = ps.add_order()
        _add(ctx, ps)
        # WHEN it is imported, then the merchant edits it a minute later and sync runs again
        _sync(ctx)
        created = dt.datetime.fromtimestamp(int(ps.clock.now()), dt.UTC)
        ps.clock.advance(60)
        ps.modify(order["id"], gift_message="Buon compleanno")
        _sync(ctx)
    # THEN the order's shop time is the real instant, and the edit arrived
    local = order_by_ext(ctx, order["id"])
    assert local.shop_updated_at is not None
    updated = local.shop_updated_at.replace(tzinfo=dt.UTC)
    assert abs((updated - created).total_seconds() - 60) <= 2
    assert local.customer_note == "Buon compleanno"


def test_refunded_and_returned_units_are_not_packed(ctx: AppContext, ps: FakePrestaShop) -> None:
    # GIVEN (OrderDetail.php; OrderRefundUpdater.php counts each refund as refunded or as
    # returned) an order of 4 x SKU-1, 2 x SKU-2, 1 x SKU-3 where one SKU-1 was refunded and
    # another returned, one SKU-2 returned and the SKU-3 refunded whole
    add_products(ctx, "SKU-1", "SKU-2", "SKU-3")
    order = ps.add_order(lines=[("SKU-1", 4, "12.20"), ("SKU-2", 2, "6.10"), ("SKU-3", 1, "1.22")])
    ps.refund(order["id"], "SKU-1", refunded=1)
    ps.refund(order["id"], "SKU-1", returned=1)
    ps.refund(order["id"], "SKU-2", returned=1)
    ps.refund(order["id"], "SKU-3", refunded=1)
    _add(ctx, ps)
    # WHEN it is imported
    _sync(ctx)
    # THEN the bench packs what the customer still gets
    local = order_by_ext(ctx, order["id"])
    assert [(line.sku, line.quantity) for line in local.lines] == [("SKU-1", 2), ("SKU-2", 1)]
    assert local.problem is None


def test_customers_are_read_without_their_password_hash(
    ctx: AppContext, ps: FakePrestaShop
) -> None:
    # GIVEN (Customer.php webserviceParameters) a shop whose display=full gives away passwd
    add_products(ctx, "SKU-1", "SKU-2")
    order = ps.add_order()
    _add(ctx, ps)
    # WHEN orders are imported
    _sync(ctx)
    # THEN the customer's e-mail is known and no password hash or secure key ever left the shop
    assert order_by_ext(ctx, order["id"]).customer_email == "mario@example.com"
    assert ps.customer_secrets_served == 0


@pytest.mark.parametrize(
    ("strip", "rewriting"),
    [(True, True), (False, False), (True, False)],
    ids=["header-stripped", "no-url-rewriting", "both"],
)
def test_hosts_that_strip_the_header_or_lack_url_rewriting_still_sync(
    ctx: AppContext, strip: bool, rewriting: bool
) -> None:
    # GIVEN (webservice/dispatcher.php) a host that drops the Authorization header, so only
    # ?ws_key= reaches PrestaShop, and/or serves no /api rewrite, so only dispatcher.php answers
    with FakePrestaShop(strip_authorization=strip, url_rewriting=rewriting) as ps:
        add_products(ctx, "SKU-1", "SKU-2")
        order = ps.add_order()
        _add(ctx, ps)
        clock = Later()
        # WHEN orders are imported, packed and pushed back
        first = _sync(ctx, clock)
        pack(ctx, order_by_ext(ctx, order["id"]), ["W1"])
        clock.jump()
        _sync(ctx, clock)
        # THEN everything went through
        assert first.error == ""
        assert ps.carrier_row(order["id"])["tracking_number"] == "W1"
        assert ps.histories(order["id"]) == ["2", "4"]
        assert {e.status for e in outbox(ctx)} == {OutboxStatus.SENT}


@pytest.mark.parametrize(
    ("strip", "rewriting", "said"),
    [
        (True, True, "drops the Authorization header: the key now goes in the address"),
        (False, False, "no URL rewriting for /api: requests now go to webservice/dispatcher.php"),
        (True, False, "drops the Authorization header and has no URL rewriting"),
    ],
    ids=["header-stripped", "no-url-rewriting", "both"],
)
def test_shop_test_says_how_the_host_had_to_be_reached_and_logs_no_key(
    ctx: AppContext, caplog: pytest.LogCaptureFixture, strip: bool, rewriting: bool, said: str
) -> None:
    # GIVEN (webservice/dispatcher.php) a host that strips the header and/or lacks rewriting,
    # and the INFO log the home's log file keeps (httpx logs every URL there)
    caplog.set_level(logging.INFO)
    with FakePrestaShop(strip_authorization=strip, url_rewriting=rewriting) as ps:
        _add(ctx, ps)
        connector = make_connector(ctx, shop_row(ctx, "ps"), timeout_s=2.0, sleep=Sleeper())
        # WHEN the shop is tested
        try:
            phrase = connector.test()
        finally:
            connector.close()
    # THEN the user reads the cause in one sentence, and the key is in no log line
    assert said in phrase.text("en")
    assert phrase.text("it") != phrase.text("en")
    assert KEY not in caplog.text


def test_a_plain_host_is_reached_the_plain_way(ctx: AppContext, ps: FakePrestaShop) -> None:
    # GIVEN a host that passes the Authorization header and rewrites /api (dispatcher.php)
    ps.add_order()
    _add(ctx, ps)
    connector = make_connector(ctx, shop_row(ctx, "ps"), timeout_s=2.0, sleep=Sleeper())
    # WHEN the shop is tested
    try:
        phrase = connector.test()
    finally:
        connector.close()
    # THEN it just answers, and no request went through dispatcher.php
    assert phrase.text("en") == "PrestaShop answers: orders found"
    assert ps.count("GET", "/webservice/dispatcher.php") == 0


def test_numbers_beyond_the_64_characters_of_the_carrier_row_are_told_not_lost(
    ctx: AppContext, ps: FakePrestaShop
) -> None:
    # GIVEN (OrderCarrier.php: tracking_number, size 64) an order packed in five parcels with
    # 15-character numbers, one carrier row
    add_products(ctx, "SKU-1", "SKU-2")
    order = ps.add_order()
    _add(ctx, ps)
    clock = Later()
    _sync(ctx, clock)
    numbers = [f"BRT{n:012d}" for n in range(1, 6)]
    pack(ctx, order_by_ext(ctx, order["id"]), numbers)
    # WHEN sync pushes, and again later
    for _ in range(2):
        clock.jump()
        _sync(ctx, clock)
    # THEN the row holds the three that fit, mailed once, the order is shipped, and the entry
    # is parked with a sentence naming the two numbers to add by hand
    assert ps.carrier_row(order["id"])["tracking_number"] == ", ".join(numbers[:3])
    assert _mails(ps) == [", ".join(numbers[:3])]
    assert ps.histories(order["id"]) == ["2", "4"]
    shipped = next(e for e in outbox(ctx) if e.kind == "order_shipped")
    assert shipped.status == OutboxStatus.PARKED
    assert shipped.error_text().endswith(
        f"add the numbers that did not fit to the order by hand in the shop: "
        f"{numbers[3]}, {numbers[4]}"
    )


def test_a_shop_set_to_the_key_in_the_url_and_dispatcher_asks_no_question_twice(
    ctx: AppContext,
) -> None:
    # GIVEN a host known to strip the header and lack rewriting, and a shop set up so
    with FakePrestaShop(strip_authorization=True, url_rewriting=False) as ps:
        add_products(ctx, "SKU-1", "SKU-2")
        order = ps.add_order()
        settings = {"key_in_url": "1", "dispatcher": "true"}
        add_shop(ctx, "prestashop", "ps", url=ps.url, secrets={"key": KEY}, settings=settings)
        # WHEN orders are imported
        _sync(ctx)
        # THEN the order arrived and the shop never had to refuse or miss a request first
        assert order_by_ext(ctx, order["id"]).number == order["reference"]
        assert [status for _, _, status in ps.log if status >= 400] == []


def test_a_refund_made_after_the_import_is_found_by_the_last_second_recheck(
    ctx: AppContext, ps: FakePrestaShop
) -> None:
    # GIVEN (src/Adapter/Order/Refund/OrderRefundUpdater.php updates the order detail only, so
    # the order's date_upd stays) an imported order of 3 x SKU-1, one then refunded
    add_products(ctx, "SKU-1", "SKU-2")
    order = ps.add_order(lines=[("SKU-1", 3, "12.20")])
    _add(ctx, ps)
    _sync(ctx)
    ps.clock.advance(600)
    ps.refund(order["id"], "SKU-1", refunded=1)
    # WHEN the bench re-reads the order from the shop before its label prints
    recheck_order(ctx, order_by_ext(ctx, order["id"]).id, timeout_s=2.0)
    # THEN the bench packs two, and a later round of sync leaves it so
    _sync(ctx)
    assert [(line.sku, line.quantity) for line in order_by_ext(ctx, order["id"]).lines] == [
        ("SKU-1", 2)
    ]


def test_an_order_with_malformed_rows_is_held_and_its_page_still_arrives(
    ctx: AppContext, ps: FakePrestaShop, monkeypatch: pytest.MonkeyPatch
) -> None:
    # GIVEN three orders, the second of which comes with its associations as a list (as a
    # broken module's override might send it)
    add_products(ctx, "SKU-1", "SKU-2")
    created = [ps.add_order() for _ in range(3)]
    full = ps._full

    def broken_second(resource: str, row: dict[str, Any]) -> dict[str, Any]:
        out = full(resource, row)
        if resource == "orders" and row["id"] == created[1]["id"]:
            out["associations"] = [out["associations"]]
        return out

    monkeypatch.setattr(ps, "_full", broken_second)
    _add(ctx, ps)
    # WHEN orders are imported
    report = _sync(ctx)
    # THEN the broken one is held with the reason, the others are in the queue with their lines
    assert report.error == ""
    assert order_by_ext(ctx, created[1]["id"]).problem_code == "problem_malformed"
    for good in (created[0], created[2]):
        assert [line.sku for line in order_by_ext(ctx, good["id"]).lines] == ["SKU-1", "SKU-2"]
