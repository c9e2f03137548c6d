"""Shop data out of every sane bound is imported, flagged and held, never dropped and never
left to wedge a bench."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from sqlalchemy import select

from station.app import bench_service
from station.cli import main
from station.context import AppContext
from station.db.models import Order
from station.domain import OrderStatus
from station.workflow.io import Rejected, Scan
from sync.shops.config import add_shop
from tests.fakes.shops.base import Request, Response
from tests.fakes.shops.woocommerce import FakeWooCommerce
from tests.sync.conftest import add_products


class ShopWithoutIds(FakeWooCommerce):
    """Sends some orders without their `id` (a plugin that broke the REST output)."""

    def __init__(self) -> None:
        super().__init__()
        self.without_id: set[str] = set()

    def _list_orders(self, request: Request) -> Response:
        response = super()._list_orders(request)
        rows = json.loads(response.body)
        for row in rows:
            if row.get("number") in self.without_id:
                del row["id"]
        return Response(response.status, json.dumps(rows).encode(), response.headers)


@pytest.fixture
def shop() -> ShopWithoutIds:
    fake = ShopWithoutIds()
    with fake:
        yield fake


def test_orders_out_of_bounds_are_imported_held_and_refused_at_the_bench(
    ctx: AppContext, shop: ShopWithoutIds, capsys: pytest.CaptureFixture[str]
) -> None:
    # GIVEN a shop with an order without lines, one with a 10,000-character number, one for a
    # billion units, and two sent without an id
    add_products(ctx, "SKU-1", "SKU-2")
    empty = shop.add_order(line_items=[])
    shop.add_order(number="9" * 10_000)
    shop.add_order(lines=[("SKU-1", 10**9, "1.00")])
    for number in ("A-1", "A-2"):
        shop.add_order(number=number)
    shop.without_id = {"A-1", "A-2"}
    ok = shop.add_order()
    add_shop(
        ctx, "woocommerce", "woo", url=shop.url, secrets={"key": "ck_test", "secret": "cs_test"}
    )
    # WHEN one sync round runs
    assert main(["--home", str(ctx.home), "sync", "--once"]) == 0
    # THEN all six are in, five of them flagged
    assert capsys.readouterr().out.splitlines()[0] == (
        "woo: 6 imported, 0 updated, 5 flagged; 0 sent, 0 to retry, 0 parked"
    )
    with ctx.db.read() as s:
        rows = {o.external_id: o for o in s.scalars(select(Order))}
    good = rows.pop(str(ok["id"]))
    assert (good.status, good.problem_code) == (OrderStatus.QUEUED, "")
    assert all(o.status == OrderStatus.HELD for o in rows.values())
    problems = sorted(
        o.problem.params.get("detail", o.problem_code) for o in rows.values() if o.problem_code
    )
    assert problems == [
        "line 1 asks for 1000000000 units (from 1 to 10000)",
        "problem_no_lines",
        "the order number is 10000 characters long (at most 40)",
        "the shop sent this order without an id",
        "the shop sent this order without an id",
    ]
    no_id = [o for o in rows.values() if o.external_id.startswith("no-id-")]
    assert sorted(o.number for o in no_id) == ["A-1", "A-2"]
    # AND a bench that scans the order without lines is told why it cannot have it
    service = bench_service(ctx, "anna")
    refusal = [e for e in service.handle(Scan(str(empty["id"]))).effects if isinstance(e, Rejected)]
    assert [r.message for r in refusal] == [
        f"Order {empty['id']} is on hold (the shop sent it with no lines to pack: check it in "
        "the shop): ask a lead."
    ]
    # AND a second round finds the same orders again, nothing doubled
    assert main(["--home", str(ctx.home), "sync", "--once"]) == 0
    with ctx.db.read() as s:
        assert len(list(s.scalars(select(Order)))) == 6


def test_a_dropped_file_order_without_a_number_is_kept_flagged(
    ctx: AppContext, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    drop = tmp_path / "drop"
    drop.mkdir()
    add_shop(ctx, "folder", "files", path=str(drop))
    lines = [{"sku": "SKU-1", "quantity": 1}]
    (drop / "orders.json").write_text(
        json.dumps(
            [
                {"number": "F-1", "lines": lines},
                {"lines": lines, "email": "a@example.com"},
                {"lines": lines, "email": "b@example.com"},
            ]
        ),
        encoding="utf-8",
    )
    assert main(["--home", str(ctx.home), "sync", "--once"]) == 0
    assert capsys.readouterr().out.splitlines()[0].startswith("files: 3 imported")
    with ctx.db.read() as s:
        held = [o for o in s.scalars(select(Order)) if o.status == OrderStatus.HELD]
    assert len(held) == 2


def test_shopify_orders_without_an_id_are_two_flagged_orders(ctx: AppContext) -> None:
    from sync.importer import ShopRef, apply_orders
    from sync.shops.shopify import Shopify

    # GIVEN two GraphQL order nodes that lost their id
    shopify = Shopify("s", "http://127.0.0.1:9", {"token": "shpat_x"})
    try:
        mapped = [shopify.map_order({"name": f"#{n}", "lineItems": {"nodes": []}}) for n in (1, 2)]
    finally:
        shopify.close()
    # WHEN they are imported
    shop_id = _shop_id(ctx, "shopify", "s")
    with ctx.db.write() as s:
        result = apply_orders(s, ShopRef(shop_id, "s", []), mapped, mapped[0].updated_at)
    # THEN both are kept, flagged and held
    assert (result.imported, result.flagged) == (2, 2)
    with ctx.db.read() as s:
        held = sorted(
            o.number
            for o in s.scalars(select(Order))
            if o.status == OrderStatus.HELD and o.external_id.startswith("no-id-")
        )
    assert held == ["1", "2"]


def _shop_id(ctx: AppContext, kind: str, name: str) -> int:
    from tests.sync.conftest import shop_row

    add_shop(ctx, kind, name, url="http://127.0.0.1:9", secrets={"token": "shpat_x"})
    return shop_row(ctx, name).id
