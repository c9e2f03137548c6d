"""Shop kinds come from one registry: `shop add`, sync and the connectors all read it."""

from __future__ import annotations

import argparse
from pathlib import Path

import pytest

from station.context import AppContext
from station.db.models import Shop
from sync.commands import add_sync_commands
from sync.runner import run_once
from sync.shops.registry import ShopConfigError, shop_kind, shop_kind_names
from tests.sync.test_commands_and_folder import run


def _shop_add_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser()
    add_sync_commands(parser.add_subparsers(dest="command", required=True))
    # `shop add` takes the kinds' arguments when it is first used, as when a user runs it
    parser.parse_args(["shop", "add", "folder", "drop", "--path", "in"])
    shop = next(a for a in parser._subparsers._actions if a.choices)
    shop_sub = next(a for a in shop.choices["shop"]._actions if a.choices)
    return shop_sub.choices["add"]


def test_every_connector_registers_its_kind_in_the_order_shop_add_offers_them() -> None:
    assert shop_kind_names() == ["woocommerce", "shopify", "prestashop", "folder"]
    kind = next(a for a in _shop_add_parser()._actions if a.dest == "kind")
    assert list(kind.choices or ()) == shop_kind_names()


def test_shop_add_offers_each_kinds_options_with_its_help() -> None:
    options = {a.dest: a.help for a in _shop_add_parser()._actions}
    assert options["key"] == "WooCommerce consumer key or PrestaShop webservice key"
    assert {"secret", "token", "timezone"} <= set(options)


def test_an_unknown_kind_is_one_clear_error_naming_the_known_kinds() -> None:
    with pytest.raises(ShopConfigError) as err:
        shop_kind("magento")
    assert str(err.value) == (
        "unknown shop kind 'magento': use one of woocommerce, shopify, prestashop, folder"
    )


def test_an_option_the_kind_does_not_take_is_refused(
    ctx: AppContext, capsys: pytest.CaptureFixture[str]
) -> None:
    # WHEN a Shopify shop is given a WooCommerce key
    code = run(
        ctx,
        "shop",
        "add",
        "shopify",
        "s",
        "--url",
        "https://s.example",
        "--token",
        "shpat_x",
        "--key",
        "ck_x",
    )
    # THEN it is not added, and the one line says which option does not belong
    assert code == 1
    assert capsys.readouterr().err.strip() == "error: a shopify shop takes no --key"


def test_a_shop_of_an_unknown_kind_is_reported_not_skipped(ctx: AppContext, tmp_path: Path) -> None:
    # GIVEN a drop folder and a shop of a kind this version does not know (a newer one added it)
    drop = tmp_path / "drop"
    drop.mkdir()
    assert run(ctx, "shop", "add", "folder", "files", "--path", str(drop)) == 0
    with ctx.db.write() as s:
        s.add(Shop(name="old", kind="magento", url="https://m.example", settings={}))
    # WHEN sync runs once
    reports = {r.shop: r for r in run_once(ctx)}
    # THEN the unknown shop is an error of its own, in one line, and the folder still syncs
    assert reports["old"].error == (
        "old: unknown shop kind 'magento': use one of woocommerce, shopify, prestashop, folder"
    )
    assert reports["files"].error == ""
