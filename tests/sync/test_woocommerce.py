"""WooCommerce: the real connector against the fake shop over HTTP on 127.0.0.1."""

from __future__ import annotations

import pytest

from station.context import AppContext
from station.domain import OrderStatus, OutboxStatus
from station.domain.events import Reason
from sync.runner import sync_shop
from sync.shops.config import add_shop, make_connector
from sync.shops.woocommerce import ORDER_FIELDS, WooCommerce
from tests.fakes.shops.woocommerce import FakeWooCommerce, make_order, project
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


def _shop(ctx: AppContext, woo: FakeWooCommerce, secret: str = "cs_test") -> None:
    add_shop(ctx, "woocommerce", "woo", url=woo.url, secrets={"key": "ck_test", "secret": secret})


def _sync(ctx: AppContext, sleeper: Sleeper, clock: Later | None = None, **kw: object) -> object:
    shop = shop_row(ctx, "woo")
    connector = make_connector(ctx, shop, timeout_s=2.0, sleep=sleeper)
    try:
        extra = {"clock": clock} if clock else {}
        return sync_shop(ctx, shop, connector, products=False, **extra, **kw)  # type: ignore[arg-type]
    finally:
        connector.close()


def test_orders_are_imported_once_with_lines_addresses_and_events(
    ctx: AppContext, woo: FakeWooCommerce, sleeper: Sleeper
) -> None:
    # GIVEN a shop with 250 paid orders, one unpaid and the catalogue known locally
    add_products(ctx, "SKU-1", "SKU-2")
    for _ in range(250):
        woo.add_order()
    woo.add_order(status="pending")
    _shop(ctx, woo)
    # WHEN sync runs twice
    _sync(ctx, sleeper)
    _sync(ctx, sleeper)
    # THEN every paid order is in the queue exactly once, with its lines, and nothing is flagged
    rows = orders(ctx)
    assert len(rows) == 250
    first = rows[0]
    assert first.status == OrderStatus.QUEUED
    assert first.problem is None
    assert [(line.sku, line.quantity) for line in first.lines] == [("SKU-1", 2), ("SKU-2", 1)]
    assert str(first.lines[0].unit_price) == "10.0000"
    assert str(first.lines[0].vat_rate) == "22.00"
    assert first.shipping_address["city"] == "Milano"
    assert first.customer_name == "Mario Rossi"
    assert woo.count("GET", "/orders") >= 3  # 100 per page
    from sqlalchemy import func, select

    from station.db.models import Event

    with ctx.db.read() as s:
        assert s.scalar(select(func.count()).select_from(Event)) == 250


def test_the_fields_asked_for_are_all_the_mapping_reads() -> None:
    # GIVEN a full order as WooCommerce renders it: company, second line, note, COD, plugin meta
    import datetime as dt

    full = make_order(
        7,
        dt.datetime(2026, 12, 3, 9, 30),
        payment="cod",
        method="BRT Express",
        customer_note="Citofono Rossi",
        meta_data=[{"id": 1, "key": "_wc_order_attribution_source", "value": "x"}],
    )
    full["shipping"].update(company="Rossi Srl", address_2="Scala B", phone="+39 333 1")
    connector = WooCommerce("woo", "http://127.0.0.1:9", "ck_test", "cs_test")
    # WHEN it is mapped as sent in full and as sent with only the fields asked for
    projected = project(ORDER_FIELDS, full)
    # THEN the two orders are the same, and the projection did drop what is not read
    assert connector.map_order(projected) == connector.map_order(full)
    assert connector.map_order(full).malformed == ""
    assert "meta_data" not in projected
    assert "_links" not in projected
    connector.close()


def test_unknown_sku_and_malformed_orders_are_kept_and_flagged(
    ctx: AppContext, woo: FakeWooCommerce, sleeper: Sleeper
) -> None:
    # GIVEN one order with an unknown SKU and one the shop sends without line items
    add_products(ctx, "SKU-1", "SKU-2")
    odd = woo.add_order(lines=[("NOPE", 1, "3.00")])
    broken = woo.add_order()
    del broken["line_items"]
    fine = woo.add_order()
    _shop(ctx, woo)
    # WHEN sync runs
    _sync(ctx, sleeper)
    # THEN both are visible with the reason, and the good order is imported as usual
    assert order_by_ext(ctx, odd["id"]).problem == Reason("problem_unknown_sku", {"skus": "NOPE"})
    bad = order_by_ext(ctx, broken["id"])
    assert bad.problem is not None
    assert bad.problem.code == "problem_malformed"
    assert bad.status == "held"
    assert order_by_ext(ctx, fine["id"]).problem is None


def test_cancellation_in_the_shop_reaches_the_local_order(
    ctx: AppContext, woo: FakeWooCommerce, sleeper: Sleeper
) -> None:
    add_products(ctx, "SKU-1", "SKU-2")
    order = woo.add_order()
    _shop(ctx, woo)
    _sync(ctx, sleeper)
    # WHEN the merchant cancels it later
    woo.clock.advance(60)
    woo.modify(order["id"], status="cancelled")
    _sync(ctx, sleeper)
    # THEN the bench sees it cancelled
    assert order_by_ext(ctx, order["id"]).status == OrderStatus.CANCELLED


def test_packed_order_goes_back_with_tracking_and_completed_exactly_once(
    ctx: AppContext, woo: FakeWooCommerce, sleeper: Sleeper
) -> None:
    add_products(ctx, "SKU-1", "SKU-2")
    order = woo.add_order()
    _shop(ctx, woo)
    _sync(ctx, sleeper)
    pack(ctx, order_by_ext(ctx, order["id"]), ["TRK1", "TRK2"])
    # WHEN sync pushes (twice)
    _sync(ctx, sleeper)
    _sync(ctx, sleeper)
    # THEN the shop holds one tracking item per parcel and the order is completed once
    assert [t["tracking_number"] for t in woo.trackings[order["id"]]] == ["TRK1", "TRK2"]
    assert woo.orders[order["id"]]["status"] == "completed"
    assert woo.orders[order["id"]]["_transitions"] == 1
    assert {e.status for e in outbox(ctx)} == {OutboxStatus.SENT}


def test_without_tracking_extension_tracking_goes_to_meta_and_one_customer_note(
    ctx: AppContext, sleeper: Sleeper
) -> None:
    with FakeWooCommerce(shipment_tracking=False) as woo:
        add_products(ctx, "SKU-1", "SKU-2")
        order = woo.add_order()
        _shop(ctx, woo)
        _sync(ctx, sleeper)
        pack(ctx, order_by_ext(ctx, order["id"]), ["TRK9"])
        _sync(ctx, sleeper)
        # THEN the item is where the extension and the plugins reading it keep it, as BRT
        meta = {m["key"]: m["value"] for m in woo.orders[order["id"]]["meta_data"]}
        [item] = meta["_wc_shipment_tracking_items"]
        assert (item["tracking_provider"], item["tracking_number"]) == ("brt-bartolini", "TRK9")
        assert [n["note"] for n in woo.notes[order["id"]]] == [
            "Shipped with BRT: tracking number TRK9 "
            "https://vas.brt.it/vas/sped_det_show.htm?brtCode=TRK9"
        ]


def test_wrong_secret_is_reported_without_revealing_it(
    ctx: AppContext, woo: FakeWooCommerce, sleeper: Sleeper
) -> None:
    _shop(ctx, woo, secret="cs_WRONG_SECRET")
    report = _sync(ctx, sleeper)
    assert "does not accept this key" in report.error  # type: ignore[attr-defined]
    assert "cs_WRONG" not in report.error  # type: ignore[attr-defined]
    from sync.runner import sync_status

    status = sync_status(ctx)
    assert "does not accept this key" in status.last_error


@pytest.mark.parametrize("permissions", ["read"])
def test_read_only_key_parks_nothing_and_keeps_entries_pending(
    ctx: AppContext, sleeper: Sleeper, permissions: str
) -> None:
    with FakeWooCommerce(permissions=permissions) as woo:
        add_products(ctx, "SKU-1", "SKU-2")
        order = woo.add_order()
        _shop(ctx, woo)
        _sync(ctx, sleeper)
        pack(ctx, order_by_ext(ctx, order["id"]), ["TRK1"])
        report = _sync(ctx, sleeper)
        assert "write permissions" in report.pushed.errors[0]  # type: ignore[attr-defined]
        assert {e.status for e in outbox(ctx)} == {OutboxStatus.PENDING}
