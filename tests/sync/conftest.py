from __future__ import annotations

import argparse
import datetime as dt
import socket
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest
import trustme
from sqlalchemy import select

from station.config import Settings
from station.context import AppContext
from station.db.engine import Database, sqlite_url
from station.db.migrate import upgrade
from station.db.models import Order, OutboxEntry, Product, ProductBarcode, Shop
from station.domain import OrderStatus, OutboxKind
from sync.commands import add_sync_commands
from sync.runner import sync_shop
from sync.shops.config import make_connector
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


def run(ctx: AppContext, *argv: str) -> int:
    """A shop or sync command (`shop test woo`, `sync --once`...) as the command line runs it."""
    parser = argparse.ArgumentParser()
    add_sync_commands(parser.add_subparsers(dest="command", required=True))
    args = parser.parse_args(argv)
    return int(args.func(args, ctx))


def sync_now(ctx: AppContext, name: str, clock: Later, sleeper: Sleeper | None = None) -> Any:
    """One sync round of shop `name`, orders only, with a short timeout."""
    shop = shop_row(ctx, name)
    connector = make_connector(ctx, shop, timeout_s=2.0, sleep=sleeper or Sleeper())
    try:
        return sync_shop(ctx, shop, connector, clock=clock, products=False)
    finally:
        connector.close()


def import_and_ship(
    ctx: AppContext, woo: FakeWooCommerce, name: str, tracking: str
) -> tuple[dict[str, Any], Any]:
    """A new order in the fake shop, imported, packed with one parcel and its tracking sent:
    the shop order and the first round's report."""
    add_products(ctx, "SKU-1", "SKU-2")
    order = woo.add_order()
    clock = Later()
    first = sync_now(ctx, name, clock)
    pack(ctx, order_by_ext(ctx, order["id"]), [tracking])
    clock.jump()
    sync_now(ctx, name, clock)
    return order, first


@pytest.fixture(scope="module")
def ca() -> trustme.CA:
    """A certificate authority of the test's own, for shops served over real TLS."""
    return trustme.CA()


@pytest.fixture
def ca_file(ca: trustme.CA, tmp_path: Path) -> str:
    path = tmp_path / "shop-ca.pem"
    ca.cert_pem.write_to_path(str(path))
    return str(path)
