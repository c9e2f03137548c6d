"""PrestaShop: the real connector against the fake webservice over HTTP on 127.0.0.1.

The fake (`tests/fakes/shops/prestashop.py`) follows PrestaShop's own source,
`PrestaShop/PrestaShop`: `webservice/dispatcher.php` (key sources, URL styles),
`classes/webservice/WebserviceRequest.php` and `WebserviceOutputJSON.php` (filters, display,
errors), `classes/order/Order.php` (order rows, shipping number), `OrderDetail.php` (refunded
and returned quantities), `OrderCarrier.php` (`updateWs`: the in-transit mail on each PUT with
`sendemail`), `OrderHistory.php`, `Customer.php` (what `display=full` gives away),
`Combination.php`, `Message.php` with `CheckoutSession.php` / `PaymentModule.php` (the order
message), `Configuration.php` (`PS_TIMEZONE`), `Currency.php`. Each test names the part it
relies on."""

from __future__ import annotations

import time
from collections.abc import Iterator
from typing import Any

import pytest
from sqlalchemy import func, select

from station.context import AppContext
from station.db.models import Event
from station.domain import OrderStatus, OutboxStatus
from station.domain.events import Reason
from sync.runner import sync_shop, sync_status
from sync.shops.config import add_shop, make_connector
from tests.fakes.shops.base import Clock, Fault
from tests.fakes.shops.prestashop import KEY, FakePrestaShop
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


@pytest.fixture
def ps() -> Iterator[FakePrestaShop]:
    with FakePrestaShop() as fake:
        yield fake


def _shop(ctx: AppContext, ps: FakePrestaShop, key: str = KEY) -> None:
    add_shop(ctx, "prestashop", "ps", url=ps.url, secrets={"key": key})


def _sync(
    ctx: AppContext,
    clock: Later | None = None,
    sleeper: Sleeper | None = None,
    timeout_s: float = 2.0,
) -> Any:
    shop = shop_row(ctx, "ps")
    connector = make_connector(ctx, shop, timeout_s=timeout_s, sleep=sleeper or Sleeper())
    try:
        return sync_shop(ctx, shop, connector, clock=clock or Later(), products=False)
    finally:
        connector.close()


def _fill(ps: FakePrestaShop, count: int, per_second: int = 10) -> list[dict[str, Any]]:
    created = []
    for n in range(count):
        if n and n % per_second == 0:
            ps.clock.advance(1)
        created.append(ps.add_order())
    return created


@pytest.mark.parametrize(
    ("typed", "empty_as_list"), [(False, True), (True, False)], ids=["ps17-strings", "ps8-typed"]
)
def test_orders_are_imported_once_across_pages_with_addresses_lines_and_events(
    ctx: AppContext, typed: bool, empty_as_list: bool
) -> None:
    with FakePrestaShop(typed_numbers=typed, empty_as_list=empty_as_list) as ps:
        # GIVEN 230 paid orders, one unpaid, and the catalogue known locally
        add_products(ctx, "SKU-1", "SKU-2")
        created = _fill(ps, 230)
        ps.add_order(state=10)  # awaiting bank wire: not to be packed
        _shop(ctx, ps)
        # WHEN sync runs twice
        first = _sync(ctx)
        _sync(ctx)
        # THEN every paid order is queued once, with its lines, address and carrier
        assert first.error == ""
        rows = orders(ctx)
        assert len(rows) == 230
        assert len({r.external_id for r in rows}) == 230
        one = order_by_ext(ctx, created[0]["id"])
        assert one.number == created[0]["reference"]
        assert one.status == OrderStatus.QUEUED
        assert one.problem is None
        assert [(line.sku, line.quantity) for line in one.lines] == [("SKU-1", 2), ("SKU-2", 1)]
        assert str(one.lines[0].unit_price) == "10.0000"
        assert str(one.lines[0].vat_rate) == "22.00"
        assert str(one.total) == "37.40"
        assert one.customer_email == "mario@example.com"
        assert one.shipping_address["country"] == "IT"
        assert one.shipping_address["province"] == "MI"
        assert one.shipping_address["city"] == "Milano"
        assert ps.count("GET", "/api/orders") >= 3  # 100 per page
        with ctx.db.read() as s:
            assert s.scalar(select(func.count()).select_from(Event)) == 230


def test_an_order_edited_between_two_pages_is_imported_once_and_current(
    ctx: AppContext, ps: FakePrestaShop, monkeypatch: pytest.MonkeyPatch
) -> None:
    # GIVEN 250 orders, and a merchant who edits orders of page 1 while page 2 is read
    add_products(ctx, "SKU-1", "SKU-2")
    created = _fill(ps, 250)
    _shop(ctx, ps)
    original = ps._get
    pages: list[int] = []

    def edit_after_first_page(request: Any, resource: str, *args: Any) -> Any:
        response = original(request, resource, *args)
        if resource == "orders" and request.arg("display") == "full":
            pages.append(1)
            if len(pages) == 1:
                ps.clock.advance(60)
                ps.modify(created[10]["id"], gift_message="leave at the door")
                ps.modify(created[50]["id"], current_state="6")
        return response

    monkeypatch.setattr(ps, "_get", edit_after_first_page)
    # WHEN sync runs
    _sync(ctx)
    # THEN each order is there once, and the edits are what the bench sees
    rows = orders(ctx)
    assert len(rows) == 250
    assert len({r.external_id for r in rows}) == 250
    assert order_by_ext(ctx, created[10]["id"]).customer_note == "leave at the door"
    assert order_by_ext(ctx, created[50]["id"]).status == OrderStatus.CANCELLED


def test_unknown_sku_is_kept_and_flagged(ctx: AppContext, ps: FakePrestaShop) -> None:
    # GIVEN an order for a product the local catalogue lacks
    add_products(ctx, "SKU-1")
    odd = ps.add_order(lines=[("SKU-1", 1, "12.20"), ("NOPE-9", 1, "3.66")])
    _shop(ctx, ps)
    # WHEN sync runs
    _sync(ctx)
    # THEN the order is in the queue, flagged with the SKU the operator must look for
    local = order_by_ext(ctx, odd["id"])
    assert local.problem == Reason("problem_unknown_sku", {"skus": "NOPE-9"})
    assert [line.sku for line in local.lines] == ["SKU-1", "NOPE-9"]


def _packed(
    ctx: AppContext, ps: FakePrestaShop, parcels: list[str]
) -> tuple[dict[str, Any], Later]:
    add_products(ctx, "SKU-1", "SKU-2")
    order = ps.add_order()
    _shop(ctx, ps)
    clock = Later()
    _sync(ctx, clock)
    pack(ctx, order_by_ext(ctx, order["id"]), parcels)
    return order, clock


def _in_transit_mails(ps: FakePrestaShop) -> list[str]:
    return [detail for template, _, detail in ps.emails if template == "in_transit"]


def test_packed_order_gets_tracking_and_shipped_state_exactly_once(
    ctx: AppContext, ps: FakePrestaShop
) -> None:
    # GIVEN an imported order packed in two parcels
    order, clock = _packed(ctx, ps, ["TRK1", "TRK2"])
    # WHEN sync pushes, and runs again later
    clock.jump()
    _sync(ctx, clock)
    clock.jump()
    _sync(ctx, clock)
    # THEN the carrier row holds both numbers, the rest of the row is untouched, the order
    # went to Shipped once and the customer had one mail per tracking number
    row = ps.carrier_row(order["id"])
    assert row["tracking_number"] == "TRK1, TRK2"
    assert row["weight"] == "1.250000"
    assert row["id_order_invoice"] == "0"
    assert ps.histories(order["id"]) == ["2", "4"]
    assert ps.db["orders"][order["id"]]["current_state"] == "4"
    assert _in_transit_mails(ps) == ["TRK1, TRK2"]
    assert {e.status for e in outbox(ctx)} == {OutboxStatus.SENT}


PUSH_FAULTS = [
    Fault("lost", "/order_carriers/", "PUT"),
    Fault("lost", "/order_histories", "POST"),
    Fault(
        "status",
        "/order_carriers/",
        "PUT",
        status=500,
        body=b'{"errors":[{"code":500,"message":"Internal error"}]}',
    ),
    Fault("status", "/order_histories", "POST", status=503),
    Fault("slow", "/order_carriers/", "PUT", delay_s=0.6),
]


@pytest.mark.parametrize("fault", PUSH_FAULTS, ids=lambda f: f"{f.kind}-{f.method}-{f.status}")
def test_push_is_exactly_once_when_the_answer_is_lost_or_fails(
    ctx: AppContext, ps: FakePrestaShop, fault: Fault
) -> None:
    # GIVEN a packed order and a shop that acts but loses the answer (or fails, or stalls)
    order, clock = _packed(ctx, ps, ["P1"])
    ps.inject(fault)
    # WHEN sync keeps running later on
    for _ in range(4):
        clock.jump()
        _sync(ctx, clock, timeout_s=0.4)
        time.sleep(fault.delay_s)  # a stalled request ends before the next real retry
    # THEN the shop holds the number once, one in-transit mail, one Shipped history
    assert ps.carrier_row(order["id"])["tracking_number"] == "P1"
    assert _in_transit_mails(ps) == ["P1"]
    assert ps.histories(order["id"]) == ["2", "4"]
    assert {e.status for e in outbox(ctx)} == {OutboxStatus.SENT}


def test_order_already_shipped_in_the_shop_gets_no_second_history(
    ctx: AppContext, ps: FakePrestaShop
) -> None:
    order, clock = _packed(ctx, ps, ["S1"])
    ps.modify(order["id"], current_state="4")  # the merchant marked it shipped by hand
    clock.jump()
    _sync(ctx, clock)
    assert ps.histories(order["id"]) == ["2"]
    assert {e.status for e in outbox(ctx)} == {OutboxStatus.SENT}


def test_order_cancelled_in_the_shop_is_parked_not_shipped(
    ctx: AppContext, ps: FakePrestaShop
) -> None:
    order, clock = _packed(ctx, ps, ["X1"])
    ps.modify(order["id"], current_state="6")
    clock.jump()
    _sync(ctx, clock)
    entries = {e.kind: e for e in outbox(ctx)}
    assert entries["order_shipped"].status == OutboxStatus.PARKED
    parked = entries["order_shipped"]
    assert parked.last_error == "prestashop_cancelled_not_shipped"  # a code, never prose
    assert "cancelled" in parked.error_text()
    assert parked.error_text("it").endswith(
        "è annullato nel negozio, quindi non è stato segnato spedito"
    )
    assert ps.db["orders"][order["id"]]["current_state"] == "6"


@pytest.mark.parametrize(
    "fault",
    [
        Fault("status", "/api/orders", "GET", status=500, times=2),
        Fault("slow", "/api/orders", "GET", delay_s=0.6),
        Fault("drop", "/api/addresses", "GET"),
        Fault("malformed", "/api/orders", "GET"),
    ],
    ids=lambda f: f.kind + str(f.status),
)
def test_import_survives_5xx_timeouts_and_broken_answers(
    ctx: AppContext, ps: FakePrestaShop, fault: Fault
) -> None:
    # GIVEN 120 orders and a shop that fails once while they are read
    add_products(ctx, "SKU-1", "SKU-2")
    _fill(ps, 120)
    _shop(ctx, ps)
    ps.inject(fault)
    sleeper = Sleeper()
    # WHEN sync runs
    report = _sync(ctx, sleeper=sleeper, timeout_s=0.4)
    # THEN the failure was retried after a (recorded, not slept) wait and nothing is missing
    assert report.error == ""
    assert len(orders(ctx)) == 120
    assert sleeper.waits


@pytest.mark.parametrize(
    ("key", "message"),
    [
        ("short-key", "Invalid authentication key format"),
        ("Z" * 32, "Authentification key is not active"),
    ],
)
def test_a_bad_key_is_reported_without_revealing_it(
    ctx: AppContext, ps: FakePrestaShop, key: str, message: str
) -> None:
    # GIVEN a shop added with a wrong key and a packed order waiting
    _shop(ctx, ps, key=key)
    # WHEN sync runs
    report = _sync(ctx)
    # THEN the user reads that the key was refused, and the key is nowhere in the message
    assert "refused the credentials" in report.error
    assert message in report.error
    assert key not in report.error
    assert message in sync_status(ctx).last_error
    assert orders(ctx) == []


def test_a_malformed_order_is_held_and_the_orders_after_it_still_arrive(ctx: AppContext) -> None:
    # GIVEN 150 orders of this morning, the 20th of which has a line of quantity 0
    ps = FakePrestaShop(clock=Clock(start=time.time() - 3 * 3600)).start()
    add_products(ctx, "SKU-1", "SKU-2")
    created = _fill(ps, 150)
    ps.details(created[19]["id"])[0]["product_quantity"] = "0"
    _shop(ctx, ps)
    # WHEN sync runs
    _sync(ctx)
    # THEN the bad order is held with the reason and none of the later ones is skipped
    bad = order_by_ext(ctx, created[19]["id"])
    assert bad.status == OrderStatus.HELD
    assert bad.problem is not None
    assert bad.problem.code == "problem_malformed"
    assert len(orders(ctx)) == 150
    ps.stop()
