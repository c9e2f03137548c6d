from __future__ import annotations

import datetime as dt
import socket
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest
from sqlalchemy import select

from station.config import Settings
from station.context import AppContext
from station.db.engine import Database, sqlite_url
from station.db.migrate import upgrade
from station.db.models import Order, OutboxEntry, Product, ProductBarcode, Shop
from station.domain import OrderStatus, OutboxKind
from tests.fakes.shops.woocommerce import FakeWooCommerce


@pytest.fixture
def ctx(tmp_path: Path) -> Iterator[AppContext]:
    db = Database(sqlite_url(tmp_path / "station.db"))
    upgrade(db)
    yield AppContext(home=tmp_path, settings=Settings(), db=db)
    db.dispose()


@pytest.fixture
def woo() -> Iterator[FakeWooCommerce]:
    fake = FakeWooCommerce()
    with fake:
        yield fake


class Sleeper:
    """Records the waits instead of sleeping them (and moves a fake clock when given one)."""

    def __init__(self, clock: Any = None) -> None:
        self.waits: list[float] = []
        self.clock = clock

    def __call__(self, seconds: float) -> None:
        self.waits.append(seconds)
        if self.clock is not None:
            self.clock.advance(seconds)


@pytest.fixture
def sleeper() -> Sleeper:
    return Sleeper()


def add_products(ctx: AppContext, *skus: str) -> None:
    with ctx.db.write() as s:
        for n, sku in enumerate(skus):
            product = Product(sku=sku, name=f"Product {sku}", weight_g=100)
            product.barcodes.append(ProductBarcode(code=f"80{n:011d}{sku[-1:]}"[:14]))
            s.add(product)


def orders(ctx: AppContext) -> list[Order]:
    with ctx.db.read() as s:
        rows = list(s.scalars(select(Order).order_by(Order.id)))
        for row in rows:
            _ = row.lines
        return rows


def order_by_ext(ctx: AppContext, ext: str | int) -> Order:
    with ctx.db.read() as s:
        order = s.scalar(select(Order).where(Order.external_id == str(ext)))
        assert order is not None
        _ = order.lines
        return order


def pack(ctx: AppContext, order: Order, parcels: list[str], carrier: str = "BRT") -> None:
    """What the core does when an order is packed: one entry per parcel, one for the order."""
    with ctx.db.write() as s:
        row = s.get(Order, order.id)
        assert row is not None
        row.status = OrderStatus.SHIPPED
        lines = [
            {"sku": line.sku, "external_id": line.external_id, "quantity": line.quantity}
            for line in row.lines
        ]
        for seq, tracking in enumerate(parcels, start=1):
            s.add(
                OutboxEntry(
                    key=f"parcel_shipped:{row.number}:{seq}",
                    kind=OutboxKind.PARCEL_SHIPPED,
                    shop_id=row.shop_id,
                    order_id=row.id,
                    payload={
                        "parcel_seq": seq,
                        "tracking_number": tracking,
                        "carrier": carrier,
                        "service": "",
                        "line_items": lines if seq == 1 else [],
                    },
                )
            )
        s.add(
            OutboxEntry(
                key=f"order_shipped:{row.number}",
                kind=OutboxKind.ORDER_SHIPPED,
                shop_id=row.shop_id,
                order_id=row.id,
                payload={"tracking_numbers": parcels, "carrier": carrier},
            )
        )


def outbox(ctx: AppContext) -> list[OutboxEntry]:
    with ctx.db.read() as s:
        return list(s.scalars(select(OutboxEntry).order_by(OutboxEntry.id)))


def shop_row(ctx: AppContext, name: str) -> Shop:
    with ctx.db.read() as s:
        shop = s.scalar(select(Shop).where(Shop.name == name))
        assert shop is not None
        return shop


class Later:
    """A clock for the outbox that jumps forward so backoff is always over."""

    def __init__(self) -> None:
        self.now = dt.datetime.now(dt.UTC)

    def __call__(self) -> dt.datetime:
        return self.now

    def jump(self, hours: float = 2) -> None:
        self.now += dt.timedelta(hours=hours)


@pytest.fixture
def shop_names(monkeypatch: pytest.MonkeyPatch) -> None:
    """Host names under `.test` (shop.test, www.shop.test) resolve to this machine. Real shops
    have DNS; this machine has none for test names, so name resolution is the one thing
    replaced: connections, TLS and HTTP stay real."""
    real = socket.getaddrinfo

    def resolve(host: Any, *args: Any, **kwargs: Any) -> Any:
        if isinstance(host, str) and host.endswith(".test"):
            host = "127.0.0.1"
        return real(host, *args, **kwargs)

    monkeypatch.setattr(socket, "getaddrinfo", resolve)


def port_of(url: str) -> int:
    port = urlsplit(url).port
    assert port is not None
    return port
