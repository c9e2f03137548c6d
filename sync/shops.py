"""Configured shops: adding them (secrets apart), and building a connector for one."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from sqlalchemy import select

from station.context import AppContext
from station.db.models import Shop
from station.domain.messages import MessageError
from sync.http import Sleep
from sync.remote import Connector
from sync.secrets import load_secrets, save_secrets

KINDS = ("woocommerce", "shopify", "prestashop", "folder")
SECRET_NAMES = {"woocommerce": ("key", "secret"), "shopify": ("token",),
                "prestashop": ("key",), "folder": ()}


class ShopConfigError(MessageError):
    """A shop cannot be added or used as configured; the message says what to fix."""


def add_shop(ctx: AppContext, kind: str, name: str, *, url: str = "", path: str = "",
             secrets: dict[str, str] | None = None,
             settings: dict[str, Any] | None = None) -> str:
    """Register a shop; returns where its secrets were stored."""
    if kind not in KINDS:
        raise ShopConfigError("unknown_shop_kind", kind=kind, kinds=", ".join(KINDS))
    missing = [n for n in SECRET_NAMES[kind] if not (secrets or {}).get(n)]
    if missing:
        raise ShopConfigError("shop_needs_options", kind=kind,
                              options=" ".join(f"--{name}" for name in missing))
    if kind == "folder" and not path:
        raise ShopConfigError("folder_shop_needs_path")
    if kind != "folder" and not url.startswith(("http://", "https://")):
        raise ShopConfigError("shop_needs_https")
    with ctx.db.write() as s:
        if s.scalar(select(Shop).where(Shop.name == name)) is not None:
            raise ShopConfigError("shop_exists", name=name)
        where = save_secrets(ctx.home, name, secrets or {}) if secrets else ""
        stored = dict(settings or {})
        if kind == "folder":
            stored["path"] = str(Path(path).expanduser().resolve())
        s.add(Shop(name=name, kind=kind, url=url.rstrip("/"), settings=stored))
    return where


def make_connector(ctx: AppContext, shop: Shop, *, timeout_s: float = 20.0,
                   sleep: Sleep | None = None) -> Connector:
    secrets = load_secrets(ctx.home, shop.name)
    missing = [n for n in SECRET_NAMES.get(shop.kind, ()) if not secrets.get(n)]
    if missing:
        raise ShopConfigError("shop_no_credentials", shop=shop.name, kind=shop.kind)
    settings = dict(shop.settings or {})
    if shop.kind == "woocommerce":
        from sync.woocommerce import WooCommerce
        return WooCommerce(shop.name, shop.url, secrets["key"], secrets["secret"],
                           settings=settings, timeout_s=timeout_s, sleep=sleep)
    if shop.kind == "shopify":
        from sync.shopify import Shopify
        return Shopify(shop.name, shop.url, secrets["token"], settings=settings,
                       timeout_s=timeout_s, sleep=sleep)
    if shop.kind == "prestashop":
        from sync.prestashop import PrestaShop
        return PrestaShop(shop.name, shop.url, secrets["key"], settings=settings,
                          timeout_s=timeout_s, sleep=sleep)
    if shop.kind == "folder":
        from sync.folder import DropFolder
        return DropFolder(shop.name, Path(settings["path"]))
    raise ShopConfigError("shop_kind_not_synced", shop=shop.name, kind=shop.kind)


def list_shops(ctx: AppContext) -> list[Shop]:
    with ctx.db.read() as s:
        return list(s.scalars(select(Shop).order_by(Shop.name)))


def find_shop(ctx: AppContext, name: str) -> Shop:
    with ctx.db.read() as s:
        shop = s.scalar(select(Shop).where(Shop.name == name))
    if shop is None:
        raise ShopConfigError("unknown_shop", name=name)
    return shop
