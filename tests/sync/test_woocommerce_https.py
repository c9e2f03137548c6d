"""WooCommerce over HTTPS: Basic auth (never OAuth), and a certificate the connector checks.

The fake serves TLS with a certificate from a throwaway CA made in the test (trustme). The
connector trusts that CA through the shop's `ca_file` setting, as a shop on its own certificate
would be configured; without it the connector refuses the shop."""

from __future__ import annotations

import ssl
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import trustme

from station.context import AppContext
from station.domain import OrderStatus, OutboxStatus
from sync.runner import sync_shop
from sync.shops.config import add_shop, make_connector
from tests.fakes.shops.woocommerce import FakeWooCommerce
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


@pytest.fixture(scope="module")
def ca() -> trustme.CA:
    return trustme.CA()


@pytest.fixture
def woo_tls(ca: trustme.CA) -> Iterator[FakeWooCommerce]:
    server = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    ca.issue_cert("127.0.0.1").configure_cert(server)
    with FakeWooCommerce(tls=server) as fake:
        yield fake


@pytest.fixture
def ca_file(ca: trustme.CA, tmp_path: Path) -> str:
    path = tmp_path / "shop-ca.pem"
    ca.cert_pem.write_to_path(str(path))
    return str(path)


def _sync(ctx: AppContext, clock: Later | None = None) -> Any:
    shop = shop_row(ctx, "woo")
    connector = make_connector(ctx, shop, timeout_s=2.0, sleep=Sleeper())
    try:
        return sync_shop(ctx, shop, connector, clock=clock or Later(), products=False)
    finally:
        connector.close()


def test_orders_and_tracking_travel_with_basic_auth_over_verified_https(
    ctx: AppContext, woo_tls: FakeWooCommerce, ca_file: str
) -> None:
    # GIVEN a shop on HTTPS whose certificate is signed by the CA in the shop's ca_file
    assert woo_tls.url.startswith("https://")
    add_products(ctx, "SKU-1", "SKU-2")
    order = woo_tls.add_order()
    add_shop(
        ctx,
        "woocommerce",
        "woo",
        url=woo_tls.url,
        secrets={"key": "ck_test", "secret": "cs_test"},
        settings={"ca_file": ca_file},
    )
    clock = Later()
    # WHEN sync imports the order, it is packed, and sync pushes
    first = _sync(ctx, clock)
    pack(ctx, order_by_ext(ctx, order["id"]), ["H1"])
    clock.jump()
    _sync(ctx, clock)
    # THEN the order arrived, the shop holds the tracking and is completed, and every request
    # authenticated with Basic: no OAuth signature, no key in a URL
    assert first.error == ""
    assert order_by_ext(ctx, order["id"]).status == OrderStatus.SHIPPED
    assert [t["tracking_number"] for t in woo_tls.trackings[order["id"]]] == ["H1"]
    assert woo_tls.orders[order["id"]]["status"] == "completed"
    assert {e.status for e in outbox(ctx)} == {OutboxStatus.SENT}
    assert woo_tls.auth_seen
    assert set(woo_tls.auth_seen) == {"basic"}


def test_a_certificate_nobody_vouched_for_is_refused_with_a_clear_message(
    ctx: AppContext, woo_tls: FakeWooCommerce
) -> None:
    # GIVEN the same HTTPS shop added without the CA that signs its certificate
    woo_tls.add_order()
    add_shop(
        ctx, "woocommerce", "woo", url=woo_tls.url, secrets={"key": "ck_test", "secret": "cs_test"}
    )
    # WHEN sync runs
    report = _sync(ctx)
    # THEN nothing is read from it, no credential was sent, and the user is told why
    assert "certificate is not trusted" in report.error
    assert "ca_file" in report.error
    assert orders(ctx) == []
    assert woo_tls.auth_seen == []


def test_a_wrong_secret_over_https_is_refused_without_revealing_it(
    ctx: AppContext, woo_tls: FakeWooCommerce, ca_file: str
) -> None:
    add_shop(
        ctx,
        "woocommerce",
        "woo",
        url=woo_tls.url,
        secrets={"key": "ck_test", "secret": "cs_WRONG_SECRET"},
        settings={"ca_file": ca_file},
    )
    report = _sync(ctx)
    assert "does not accept this key" in report.error
    assert "Consumer secret is invalid" in report.error
    assert "cs_WRONG" not in report.error
