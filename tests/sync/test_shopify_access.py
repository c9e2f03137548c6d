"""Shopify: getting in, as a shop set up today does, and `station shop test` naming the cause.

The fake follows https://shopify.dev/docs/apps/build/authentication-authorization/access-tokens/client-credentials-grant
(`POST /admin/oauth/access_token` with `grant_type=client_credentials`, `client_id`,
`client_secret`; tokens that expire after `expires_in` seconds, then 401 with Shopify's
"[API] Invalid API key or access token" body), Shopify's version support (an unsupported
version is served by the oldest supported one, named in `X-Shopify-API-Version`), and the
Admin schema's `currentAppInstallation.accessScopes`.
"""

from __future__ import annotations

import time
from collections.abc import Iterator

import pytest

from station.context import AppContext
from sync.runner import sync_shop
from sync.secrets import load_secrets, save_secrets
from sync.shops.config import make_connector
from tests.fakes.shops.shopify import ALL_SCOPES, FakeShopify
from tests.sync.conftest import Sleeper, add_products, orders, run, shop_row


def _sync(ctx: AppContext, fake: FakeShopify, name: str = "s") -> str:
    shop = shop_row(ctx, name)
    connector = make_connector(ctx, shop, timeout_s=5.0, sleep=Sleeper(fake.clock))
    try:
        return sync_shop(ctx, shop, connector, products=False).error
    finally:
        connector.close()


@pytest.fixture
def fake() -> Iterator[FakeShopify]:
    with FakeShopify(token="shpat_static", client_id="app-id", client_secret="app-secret") as f:
        yield f


def test_an_app_made_today_gets_its_token_keeps_it_and_renews_it(
    ctx: AppContext, fake: FakeShopify, capsys: pytest.CaptureFixture[str]
) -> None:
    # GIVEN a shop added with the app's client ID and secret (no permanent token exists)
    add_products(ctx, "SKU-1")
    fake.add_order()
    added = run(
        ctx,
        "shop", "add", "shopify", "s", "--url", fake.url,
        "--client-id", "app-id", "--client-secret", "app-secret",
    )  # fmt: skip
    assert added == 0, capsys.readouterr().err
    # WHEN sync runs twice
    assert _sync(ctx, fake) == ""
    assert _sync(ctx, fake) == ""
    # THEN the orders arrive, with one token fetched and kept beside the shop's secrets
    assert len(orders(ctx)) == 1
    assert fake.tokens_issued == 1
    kept = load_secrets(ctx.home, "s")
    assert kept["access-token"] in fake.tokens
    assert "access-token" not in (ctx.home / "station.db").read_bytes().decode("latin-1")
    # AND WHEN the kept token is about to expire, a new one is fetched before it is used
    save_secrets(ctx.home, "s", {**kept, "access-token-expires": f"{time.time() + 60:.0f}"})
    refused = sum(1 for _, path, status in fake.log if status == 401)
    assert _sync(ctx, fake) == ""
    assert fake.tokens_issued == 2
    assert sum(1 for _, path, status in fake.log if status == 401) == refused
    # AND WHEN the shop stops taking the token early (revoked, expired), a 401 renews it
    fake.expire_tokens()
    assert _sync(ctx, fake) == ""
    assert fake.tokens_issued == 3


def test_a_wrong_client_secret_is_said_in_one_sentence(
    ctx: AppContext, fake: FakeShopify, capsys: pytest.CaptureFixture[str]
) -> None:
    # GIVEN a shop added with a wrong client secret
    run(ctx, "shop", "add", "shopify", "s", "--url", fake.url, "--client-id", "app-id",
        "--client-secret", "wrong")  # fmt: skip
    capsys.readouterr()
    # WHEN the shop is tested
    assert run(ctx, "shop", "test", "s") == 1
    # THEN one line says what to do, and no secret shows
    err = capsys.readouterr().err.strip()
    assert err.count("\n") == 0
    assert "refused the app's client ID and secret" in err
    assert "wrong" not in err.replace("went wrong", "")


def test_shop_add_without_any_credentials_names_the_token(
    ctx: AppContext, fake: FakeShopify, capsys: pytest.CaptureFixture[str]
) -> None:
    # GIVEN nothing but the URL, and a client ID without its secret
    assert run(ctx, "shop", "add", "shopify", "s", "--url", fake.url) == 1
    first = capsys.readouterr().err
    assert run(ctx, "shop", "add", "shopify", "t", "--url", fake.url, "--client-id", "x") == 1
    second = capsys.readouterr().err
    # THEN each says what is missing
    assert "--token" in first
    assert "--client-secret" in second


@pytest.mark.parametrize(
    ("setup", "said"),
    [
        (
            {"token": "shpat_old"},
            "refused the credentials",
        ),
        (
            {"scopes": ALL_SCOPES - {"write_merchant_managed_fulfillment_orders"}},
            "lacks the access scope write_merchant_managed_fulfillment_orders",
        ),
        (
            {"api_version": "2025-01"},
            "no longer supports API version 2025-01 and answered as 2026-01",
        ),
    ],
    ids=["wrong-token", "missing-scope", "version-out-of-support"],
)
def test_shop_test_names_the_cause_in_one_sentence(
    ctx: AppContext,
    fake: FakeShopify,
    capsys: pytest.CaptureFixture[str],
    setup: dict[str, object],
    said: str,
) -> None:
    # GIVEN a shop set up with one thing wrong
    fake.scopes = set(setup.get("scopes", ALL_SCOPES))  # type: ignore[call-overload]
    extra = ["--api_version", str(setup["api_version"])] if "api_version" in setup else []
    token = str(setup.get("token", "shpat_static"))
    run(ctx, "shop", "add", "shopify", "s", "--url", fake.url, "--token", token, *extra)
    capsys.readouterr()
    # WHEN the shop is tested
    code = run(ctx, "shop", "test", "s")
    # THEN it fails with one line that names the cause
    err = capsys.readouterr().err.strip()
    assert code == 1
    assert err.count("\n") == 0
    assert said in err


def test_shop_test_on_a_well_set_shop_says_it_answers(
    ctx: AppContext, fake: FakeShopify, capsys: pytest.CaptureFixture[str]
) -> None:
    run(ctx, "shop", "add", "shopify", "s", "--url", fake.url, "--token", "shpat_static")
    capsys.readouterr()
    assert run(ctx, "shop", "test", "s") == 0
    assert "Shopify answers: shop Fake Shop" in capsys.readouterr().out
    assert fake.versions_asked == ["2026-07"]


def test_sync_against_a_version_out_of_support_says_so_once_and_goes_on(
    ctx: AppContext, fake: FakeShopify, caplog: pytest.LogCaptureFixture
) -> None:
    # GIVEN a shop pinned to 2025-01, which Shopify serves as its oldest supported version
    add_products(ctx, "SKU-1")
    fake.add_order()
    run(ctx, "shop", "add", "shopify", "s", "--url", fake.url, "--token", "shpat_static",
        "--api_version", "2025-01")  # fmt: skip
    # WHEN sync runs
    with caplog.at_level("WARNING", logger="station.sync"):
        error = _sync(ctx, fake)
    # THEN the orders arrive and the log says once which version answered
    assert error == ""
    assert len(orders(ctx)) == 1
    said = [r.getMessage() for r in caplog.records if "API version 2025-01" in r.getMessage()]
    assert said == [
        "s: Shopify no longer supports API version 2025-01 and answered as 2026-01; set a "
        "supported version (or remove api_version) for this shop"
    ]
