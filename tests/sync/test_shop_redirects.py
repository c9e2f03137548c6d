"""Redirects in front of a shop, for every connector (the shared HTTP layer, sync/http.py).

The hosting is real HTTP on 127.0.0.1: an address that only redirects, as a web server's
`Redirect 301` / `RewriteRule ... [R=301]` does before the shop's code runs
(`tests/fakes/shops/hosts.py`), and the WooCommerce fake, whose rewrite rules send every other
address to its canonical one and which answers as `class-wc-rest-authentication.php` and the
REST controllers do (see `tests/fakes/shops/woocommerce.py`). Names under `.test` resolve to
this machine (`shop_names`); connections and TLS are real (trustme)."""

from __future__ import annotations

import ssl
from collections.abc import Iterator

import pytest
import trustme

from station.context import AppContext
from station.domain import OrderStatus, OutboxStatus
from sync.shops.config import add_shop
from tests.fakes.shops.hosts import Redirector, Witness
from tests.fakes.shops.woocommerce import FakeWooCommerce
from tests.sync.conftest import (
    Later,
    Sleeper,
    import_and_ship,
    order_by_ext,
    orders,
    outbox,
    port_of,
    run,
    sync_now,
)

SECRETS = {
    "woocommerce": {"key": "ck_test", "secret": "cs_test"},
    "shopify": {"token": "shpat_test"},
    "prestashop": {"key": "K" * 32},
}


@pytest.fixture
def https_shop(ca: trustme.CA, shop_names: None) -> Iterator[FakeWooCommerce]:
    server = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    ca.issue_cert("shop.test", "www.shop.test").configure_cert(server)
    with FakeWooCommerce(tls=server) as fake:
        fake.canonical = f"https://shop.test:{port_of(fake.url)}"
        yield fake


def test_http_is_followed_to_https_on_the_same_site(
    ctx: AppContext, https_shop: FakeWooCommerce, ca_file: str
) -> None:
    # GIVEN a shop added as http://shop.test whose server sends everything to https://shop.test
    with Redirector(https_shop.canonical) as plain:
        url = f"http://shop.test:{port_of(plain.url)}"
        add_shop(ctx, "woocommerce", "shop", url=url, secrets=SECRETS["woocommerce"],
                 settings={"ca_file": ca_file})  # fmt: skip
        # WHEN sync imports an order, it is packed and sync pushes
        order, first = import_and_ship(ctx, https_shop, "shop", "R1")
    # THEN everything happened on the HTTPS site: imported, tracked, completed
    assert first.error == ""
    assert order_by_ext(ctx, order["id"]).status == OrderStatus.SHIPPED
    assert [t["tracking_number"] for t in https_shop.trackings[order["id"]]] == ["R1"]
    assert https_shop.orders[order["id"]]["status"] == "completed"
    assert {e.status for e in outbox(ctx)} == {OutboxStatus.SENT}


def test_bare_address_is_followed_to_www(ctx: AppContext, shop_names: None) -> None:
    # GIVEN a shop added as shop.test whose rewrite rules send every request to www.shop.test
    with FakeWooCommerce() as woo:
        port = port_of(woo.url)
        woo.canonical = f"http://www.shop.test:{port}"
        add_shop(ctx, "woocommerce", "shop", url=f"http://shop.test:{port}",
                 secrets=SECRETS["woocommerce"])  # fmt: skip
        # WHEN sync runs both ways
        order, first = import_and_ship(ctx, woo, "shop", "R1")
        # THEN the requests were signed for www (the home URL) and all went through
        assert first.error == ""
        assert woo.orders[order["id"]]["status"] == "completed"
        assert set(woo.auth_seen) == {"oauth"}


@pytest.mark.parametrize("kind", ["woocommerce", "shopify", "prestashop"])
def test_a_redirect_to_another_host_is_not_followed_and_says_so(
    ctx: AppContext, kind: str, capsys: pytest.CaptureFixture[str]
) -> None:
    # GIVEN a shop whose address redirects to another host
    with (
        Witness() as elsewhere,
        Redirector(elsewhere.url.replace("127.0.0.1", "localhost")) as shop,
    ):
        add_shop(ctx, kind, "shop", url=shop.url, secrets=SECRETS[kind])
        # WHEN the user tests the shop, and sync runs
        code = run(ctx, "shop", "test", "shop")
        report = sync_now(ctx, "shop", Later())
        # THEN the other host got nothing, nothing was retried, and one sentence says why
        assert elsewhere.seen == []
        assert len(shop.log) <= 3
    err = capsys.readouterr().err.strip()
    assert code == 1
    assert err.count("\n") == 0
    assert "redirects to another host (localhost)" in err
    assert "redirects to another host (localhost)" in report.error
    assert orders(ctx) == []


def test_a_redirect_to_a_login_page_is_not_success(ctx: AppContext) -> None:
    # GIVEN a shop in maintenance whose every API request is sent to its login page
    with FakeWooCommerce() as woo, Redirector(f"{woo.url}/wp-login.php?to=", 302) as front:
        woo.add_order()
        add_shop(ctx, "woocommerce", "shop", url=front.url, secrets=SECRETS["woocommerce"])
        # WHEN sync runs
        sleeper = Sleeper()
        report = sync_now(ctx, "shop", Later(), sleeper)
        # THEN no order is imported, the error says where the shop sent us, nothing was retried
        assert orders(ctx) == []
        assert "sending Station to another page (/wp-login.php)" in report.error
        assert "malformed JSON" not in report.error
        assert sleeper.waits == []
        assert len(front.log) <= 2
        assert woo.log == []


def test_plain_http_after_https_is_refused(
    ctx: AppContext, https_shop: FakeWooCommerce, ca_file: str
) -> None:
    # GIVEN an HTTPS shop whose server redirects to plain HTTP on the same site
    url = f"https://shop.test:{port_of(https_shop.url)}"
    add_shop(ctx, "woocommerce", "shop", url=url, secrets=SECRETS["woocommerce"],
             settings={"ca_file": ca_file})  # fmt: skip
    https_shop.canonical = "http://shop.test:9"
    # WHEN sync runs
    report = sync_now(ctx, "shop", Later())
    # THEN the key was not sent over plain HTTP, and the user is told
    assert "from HTTPS to plain HTTP" in report.error
    assert https_shop.auth_seen == []
