"""A first import's bulk path stores exactly what the ORM reads back, on SQLite and PostgreSQL."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from pathlib import Path

import pytest
from sqlalchemy import select

from station.db.engine import Database, sqlite_url
from station.db.migrate import upgrade
from station.db.models import Event, Order, Product, Shop
from sync.importer import ShopRef, apply_orders
from sync.remote import RemoteLine, RemoteOrder, ShopState

WHEN = dt.datetime(2026, 3, 1, 9, 30, 15, 250000, tzinfo=dt.UTC)


def _order(n: int) -> RemoteOrder:
    return RemoteOrder(
        external_id=str(n),
        number=str(2000 + n),
        state=ShopState.OPEN,
        updated_at=WHEN,
        created_at=WHEN - dt.timedelta(days=1),
        customer_name="Zoë Łukasiewicz 😀",
        shipping_address={"name": "Zoë", "city": "Forlì"},
        total=Decimal("12.34"),
        lines=[
            RemoteLine("l1", "SKU-1", "Tazza", 2, Decimal("5.0820"), Decimal("22.00")),
            RemoteLine("l2", "SKU-X", "Unknown", 1),
        ],
    )


@pytest.fixture(params=["sqlite", "postgresql"])
def db(request: pytest.FixtureRequest, tmp_path: Path) -> Database:
    url = (
        sqlite_url(tmp_path / "station.db")
        if request.param == "sqlite"
        else request.getfixturevalue("pg_schema_url")
    )
    database = Database(url)
    upgrade(database)
    return database


def test_bulk_imported_lines_and_events_read_back_as_written(db: Database) -> None:
    # GIVEN a shop, one known product, and a page of two orders
    with db.write() as s:
        s.add_all([Shop(name="woo", kind="woocommerce"), Product(sku="SKU-1", name="Tazza")])
    with db.read() as s:
        shop_id = s.scalars(select(Shop.id)).one()
    # WHEN the page is imported
    with db.write() as s:
        result = apply_orders(s, ShopRef(shop_id, "woo", []), [_order(1), _order(2)], WHEN)
    # THEN both orders, their lines and one event each are stored with exact values
    assert result.imported == 2
    with db.read() as s:
        order = s.scalars(select(Order).where(Order.number == "2001")).one()
        # the price's text keeps its four decimals: it never went through a float
        lines = [
            (ln.sku, ln.quantity, str(ln.unit_price), ln.vat_rate, ln.product_id is not None)
            for ln in order.lines
        ]
        events = s.scalars(select(Event).where(Event.order_uid == order.uid)).all()
    assert lines == [
        ("SKU-1", 2, "5.0820", Decimal("22"), True),
        ("SKU-X", 1, lines[1][2], Decimal("0"), False),
    ]
    assert Decimal(lines[1][2]) == 0
    assert [(e.type, e.at, e.payload["number"], e.payload["problem"]) for e in events] == [
        (
            "order_imported",
            WHEN,
            "2001",
            {"code": "problem_unknown_sku", "params": {"skus": "SKU-X"}},
        )
    ]
    assert (order.customer_name, order.shipping_address["city"]) == ("Zoë Łukasiewicz 😀", "Forlì")
