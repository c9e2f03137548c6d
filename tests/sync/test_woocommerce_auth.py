"""WooCommerce keys on real hosts: the Authorization header stripped, a home URL that is not the
address used, HTTPS with Basic refused, and what `station shop test` says about each.

The fake decides who is calling as WooCommerce's `class-wc-rest-authentication.php` does
(`tests/fakes/shops/woocommerce_auth.py` follows it line by line; woocommerce/woocommerce
@170a8939), and serves the REST index as `WP_REST_Server::get_index` does."""

from __future__ import annotations

import logging
import ssl
from collections.abc import Iterator

import pytest
import trustme

from station.context import AppContext
from station.domain import OrderStatus, OutboxStatus
from sync.shops.config import add_shop
from tests.fakes.shops.woocommerce import FakeWooCommerce
from tests.sync.conftest import Later, import_and_ship, order_by_ext, outbox, port_of, run, sync_now


def _add(ctx: AppContext, url: str, secret: str = "cs_test", **settings: str) -> None:
    add_shop(
        ctx,
        "woocommerce",
        "woo",
        url=url,
        secrets={"key": "ck_test", "secret": secret},
        settings=settings,
    )


def _tls(ca: trustme.CA) -> ssl.SSLContext:
    server = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    ca.issue_cert("127.0.0.1").configure_cert(server)
    return server


@pytest.fixture
def stripping_https(ca: trustme.CA) -> Iterator[FakeWooCommerce]:
    with FakeWooCommerce(tls=_tls(ca), strip_authorization=True) as fake:
        yield fake


def test_plain_http_host_that_strips_the_header_still_gets_the_signed_key(
    ctx: AppContext,
) -> None:
    # GIVEN a shop on plain HTTP whose host does not pass the Authorization header to PHP
    with FakeWooCommerce(strip_authorization=True) as woo:
        _add(ctx, woo.url)
        # WHEN sync imports an order, it is packed and sync pushes
        order, first = import_and_ship(ctx, woo, "woo", "T1")
        # THEN the order arrived and went back completed with its tracking: the OAuth
        # parameters travelled in the query string, which no host strips
        assert first.error == ""
        assert order_by_ext(ctx, order["id"]).status == OrderStatus.SHIPPED
        assert [t["tracking_number"] for t in woo.trackings[order["id"]]] == ["T1"]
        assert woo.orders[order["id"]]["status"] == "completed"
        assert set(woo.auth_seen) == {"oauth"}


def test_the_signature_uses_the_home_url_the_shop_reports(ctx: AppContext) -> None:
    # GIVEN a shop reached at its IP address whose WordPress home is www.shop.test
    with FakeWooCommerce() as woo:
        woo.access.home = f"http://www.shop.test:{port_of(woo.url)}"
        _add(ctx, woo.url)
        # WHEN sync runs
        order, first = import_and_ship(ctx, woo, "woo", "T1")
        # THEN WooCommerce accepted the signatures, made for the home URL from the REST index
        assert first.error == ""
        assert woo.orders[order["id"]]["status"] == "completed"
        assert woo.auth_seen
        assert set(woo.auth_seen) == {"oauth"}


def test_https_host_that_strips_basic_gets_the_key_in_the_query_string(
    ctx: AppContext, stripping_https: FakeWooCommerce, ca_file: str
) -> None:
    # GIVEN an HTTPS shop on a host that strips the Authorization header (Basic never arrives)
    woo = stripping_https
    _add(ctx, woo.url, ca_file=ca_file)
    # WHEN sync imports, ships and pushes
    order, first = import_and_ship(ctx, woo, "woo", "T1")
    # THEN each round's first request, arrived anonymous, was sent again with
    # consumer_key/consumer_secret in the query, and everything after went that way
    assert first.error == ""
    assert woo.orders[order["id"]]["status"] == "completed"
    assert {e.status for e in outbox(ctx)} == {OutboxStatus.SENT}
    assert woo.auth_seen.count("none") == 2  # two rounds, two connections
    assert set(woo.auth_seen) == {"none", "query"}
    assert woo.auth_seen[0] == "none"


def test_the_key_in_the_query_string_never_reaches_the_log(
    ctx: AppContext,
    stripping_https: FakeWooCommerce,
    ca_file: str,
    caplog: pytest.LogCaptureFixture,
) -> None:
    # GIVEN an HTTPS shop whose host strips the header, and logging at INFO as Station keeps it
    _add(ctx, stripping_https.url, ca_file=ca_file)
    stripping_https.add_order()
    # WHEN sync runs
    with caplog.at_level(logging.INFO):
        sync_now(ctx, "woo", Later())
    # THEN the secret, sent in the query string, is in no log record
    assert "query" in stripping_https.auth_seen
    assert "cs_test" not in caplog.text


def test_shop_test_says_the_key_travels_in_the_query_when_the_header_is_stripped(
    ctx: AppContext,
    stripping_https: FakeWooCommerce,
    ca_file: str,
    capsys: pytest.CaptureFixture[str],
) -> None:
    # GIVEN an HTTPS shop on a header-stripping host, added with the default auth
    _add(ctx, stripping_https.url, ca_file=ca_file)
    # WHEN the user tests it
    code = run(ctx, "shop", "test", "woo")
    # THEN it works, and the user is told why the key goes in the query string
    assert code == 0
    out = capsys.readouterr().out.strip()
    assert out.startswith("WooCommerce answers: 0 orders;")
    assert "removes the Authorization header" in out


def test_shop_test_names_the_stripped_header_when_basic_is_forced(
    ctx: AppContext,
    stripping_https: FakeWooCommerce,
    ca_file: str,
    capsys: pytest.CaptureFixture[str],
) -> None:
    # GIVEN the same host, the shop added with --auth basic
    assert (
        run(
            ctx,
            *("shop", "add", "woocommerce", "woo", "--url", stripping_https.url),
            *("--key", "ck_test", "--secret", "cs_test", "--auth", "basic"),
            *("--ca_file", ca_file),
        )
        == 0
    )
    capsys.readouterr()
    # WHEN the user tests it
    code = run(ctx, "shop", "test", "woo")
    # THEN one sentence names the cause and what to do
    err = capsys.readouterr().err.strip()
    assert code == 1
    assert err.count("\n") == 0
    assert "removes the Authorization header" in err
    assert "--auth auto" in err
    assert set(stripping_https.auth_seen) == {"none"}


def test_forced_query_sends_the_key_in_the_query_from_the_first_request(
    ctx: AppContext, stripping_https: FakeWooCommerce, ca_file: str
) -> None:
    _add(ctx, stripping_https.url, ca_file=ca_file, auth="query")
    stripping_https.add_order()
    report = sync_now(ctx, "woo", Later())
    assert report.error == ""
    assert set(stripping_https.auth_seen) == {"query"}


@pytest.mark.parametrize("wrong", ["key", "secret"])
def test_shop_test_names_a_wrong_key(
    ctx: AppContext, capsys: pytest.CaptureFixture[str], wrong: str
) -> None:
    # GIVEN a shop added with a key or a secret that is not the shop's
    with FakeWooCommerce() as woo:
        key, secret = ("ck_other", "cs_test") if wrong == "key" else ("ck_test", "cs_other")
        add_shop(ctx, "woocommerce", "woo", url=woo.url, secrets={"key": key, "secret": secret})
        # WHEN the user tests it
        code = run(ctx, "shop", "test", "woo")
    # THEN one sentence says WooCommerce does not accept the key and where to make one
    err = capsys.readouterr().err.strip()
    assert code == 1
    assert err.count("\n") == 0
    assert "WooCommerce does not accept this key" in err
    assert "REST API" in err
    assert "cs_other" not in err


def test_shop_test_names_an_untrusted_certificate_and_ca_file_fixes_it(
    ctx: AppContext, ca: trustme.CA, ca_file: str, capsys: pytest.CaptureFixture[str]
) -> None:
    # GIVEN an HTTPS shop whose certificate is signed by an authority of its own (real TLS)
    with FakeWooCommerce(tls=_tls(ca)) as woo:
        args = ("--url", woo.url, "--key", "ck_test", "--secret", "cs_test")
        assert run(ctx, "shop", "add", "woocommerce", "plain", *args) == 0
        assert run(ctx, "shop", "add", "woocommerce", "own-ca", *args, "--ca_file", ca_file) == 0
        capsys.readouterr()
        # WHEN the user tests it as added plainly, then as added with --ca_file
        refused = run(ctx, "shop", "test", "plain")
        err = capsys.readouterr().err.strip()
        accepted = run(ctx, "shop", "test", "own-ca")
        out = capsys.readouterr().out.strip()
    # THEN the first says in one sentence that the certificate is not trusted and what to set;
    # no key was sent; with the authority given, the shop answers
    assert refused == 1
    assert err.count("\n") == 0
    assert "certificate is not trusted" in err
    assert "ca_file" in err
    assert accepted == 0
    assert out == "WooCommerce answers: 0 orders"
    assert woo.auth_seen == ["basic"]


def test_an_unknown_auth_setting_is_named_with_the_choices(
    ctx: AppContext, capsys: pytest.CaptureFixture[str]
) -> None:
    # GIVEN a shop added with an auth way WooCommerce does not have
    with FakeWooCommerce() as woo:
        args = ("--url", woo.url, "--key", "ck_test", "--secret", "cs_test", "--auth", "bearer")
        assert run(ctx, "shop", "add", "woocommerce", "woo", *args) == 0
        capsys.readouterr()
        # WHEN the user tests it
        code = run(ctx, "shop", "test", "woo")
        # THEN one sentence says which values there are, and nothing was sent
        assert woo.log == []
    err = capsys.readouterr().err.strip()
    assert code == 1
    assert "auth setting is bearer" in err
    assert "auto, basic, query, oauth" in err


@pytest.mark.parametrize("mode", ["basic", "query"])
def test_basic_or_query_forced_on_plain_http_is_named(
    ctx: AppContext, capsys: pytest.CaptureFixture[str], mode: str
) -> None:
    # GIVEN a plain-HTTP shop added with a way WooCommerce reads only over HTTPS
    with FakeWooCommerce() as woo:
        _add(ctx, woo.url, auth=mode)
        # WHEN the user tests it
        code = run(ctx, "shop", "test", "woo")
        # THEN the sentence says why, rather than blaming the key or the header
        assert set(woo.auth_seen) == {"none"}
    err = capsys.readouterr().err.strip()
    assert code == 1
    assert f"over plain HTTP WooCommerce does not read a key sent as {mode}" in err


def test_a_shop_whose_rest_index_is_closed_still_syncs(ctx: AppContext) -> None:
    # GIVEN a shop whose security plugin closes the REST index to anonymous callers
    with FakeWooCommerce() as woo:
        woo.index_closed = True
        _add(ctx, woo.url)
        # WHEN sync runs both ways
        order, first = import_and_ship(ctx, woo, "woo", "T1")
        # THEN orders and tracking went through, signed for the address configured
        assert first.error == ""
        assert woo.orders[order["id"]]["status"] == "completed"
        assert [t["tracking_number"] for t in woo.trackings[order["id"]]] == ["T1"]
