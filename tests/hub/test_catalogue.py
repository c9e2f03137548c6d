"""The catalogue travels both ways between a bench's SQLite and the hub: new products and, now,
edits (the later edit wins). In process, on the machine's PostgreSQL."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import select, update

from station.app import open_home
from station.db import migrate
from station.db.engine import Database, sqlite_url
from station.db.models import Product
from sync.hub.link import init_hub
from sync.hub.replicator import share_catalogue
from sync.shops.config import add_shop, list_shops, may_lead_shop_sync, shops_not_added
from sync.shops.registry import ShopConfigError

T0 = dt.datetime(2026, 3, 2, 9, 0, tzinfo=dt.UTC)
WOO_KEYS = {"key": "ck_test", "secret": "cs_test"}


@pytest.fixture
def hub(pg_schema_url: str) -> Iterator[Database]:
    init_hub(pg_schema_url)
    db = Database(pg_schema_url)
    yield db
    db.dispose()


def product(db: Database, sku: str) -> tuple[str, int]:
    with db.read() as s:
        found = s.scalars(select(Product).where(Product.sku == sku)).one()
        return found.name, found.weight_g


def edit(db: Database, sku: str, at: dt.datetime, **values: object) -> None:
    with db.write() as s:
        s.execute(update(Product).where(Product.sku == sku).values(updated_at=at, **values))


def test_a_product_edited_on_either_side_reaches_the_other_and_the_later_edit_wins(
    hub: Database, tmp_path: Path
) -> None:
    # GIVEN a bench with a product the hub does not have, after a round
    bench = Database(sqlite_url(tmp_path / "bench.db"))
    migrate.upgrade(bench)
    with bench.write() as s:
        s.add(Product(sku="TSH-01", name="T-shirt", weight_g=180, updated_at=T0))
    share_catalogue(bench, hub)
    assert product(hub, "TSH-01") == ("T-shirt", 180)
    # WHEN the product is weighed again on the hub's side (another bench's import)
    edit(hub, "TSH-01", T0 + dt.timedelta(hours=1), weight_g=210)
    share_catalogue(bench, hub)
    # THEN the bench has the new weight
    assert product(bench, "TSH-01") == ("T-shirt", 210)
    # WHEN the bench renames it later, and the hub holds an older edit of the name
    edit(bench, "TSH-01", T0 + dt.timedelta(hours=2), name="T-shirt blu")
    edit(hub, "TSH-01", T0 + dt.timedelta(minutes=90), name="T-shirt vecchia")
    share_catalogue(bench, hub)
    # THEN both sides keep the later edit
    assert product(hub, "TSH-01") == ("T-shirt blu", 210)
    assert product(bench, "TSH-01") == ("T-shirt blu", 210)
    bench.dispose()


def test_a_bench_gets_the_shops_from_the_hub_and_leads_only_once_it_added_them_itself(
    hub: Database, tmp_path: Path
) -> None:
    # GIVEN a bench that added a WooCommerce shop, and one that joined without it
    with open_home(tmp_path / "B1") as b1:
        add_shop(b1, "woocommerce", "woo", url="https://shop.example", secrets=WOO_KEYS)
        share_catalogue(b1.db, hub)
    with open_home(tmp_path / "B2") as b2:
        # WHEN the second has a round
        share_catalogue(b2.db, hub)
        # THEN it has the shop (so the orders it pulls are the shop's, with their outbox),
        # but not its credentials: it may not lead shop sync, and says what to do
        assert [s.name for s in list_shops(b2)] == ["woo"]
        assert [s.name for s in shops_not_added(b2)] == ["woo"]
        assert not may_lead_shop_sync(b2)
        # WHEN the shop is added there too
        add_shop(b2, "woocommerce", "woo", url="https://shop.example", secrets=WOO_KEYS)
        # THEN it may lead
        assert shops_not_added(b2) == []
        assert may_lead_shop_sync(b2)
        with pytest.raises(ShopConfigError):
            add_shop(b2, "woocommerce", "woo", url="https://shop.example", secrets=WOO_KEYS)
    with open_home(tmp_path / "B1") as b1:
        assert shops_not_added(b1) == []
