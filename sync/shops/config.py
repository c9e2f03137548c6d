"""Configured shops: adding them (secrets apart), and building a connector for one."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from sqlalchemy import select

from station.context import AppContext
from station.db.models import Shop
from sync.http import Sleep
from sync.hub import COPIED_SHOP
from sync.remote import Connector
from sync.secrets import damaged_secrets, load_secrets, save_secrets
from sync.shops.registry import ShopAccess, ShopConfigError, shop_kind, shop_kind_names


def add_shop(
    ctx: AppContext,
    kind: str,
    name: str,
    *,
    url: str = "",
    path: str = "",
    secrets: dict[str, str] | None = None,
    settings: dict[str, Any] | None = None,
) -> str:
    """Register a shop; returns where its secrets were stored."""
    shop = shop_kind(kind)
    shop.check(url=url, path=path, secrets=secrets or {})
    with ctx.db.write() as s:
        known = s.scalar(select(Shop).where(Shop.name == name))
        # a shop copied from the warehouse hub is added here by giving its credentials
        if known is not None and not (known.settings.get(COPIED_SHOP) and known.kind == kind):
            raise ShopConfigError("shop_exists", name=name)
        where = save_secrets(ctx.home, name, secrets or {}) if secrets else ""
        stored = dict(settings or {})
        if shop.location == "path":
            stored["path"] = str(Path(path).expanduser().resolve())
        if known is None:
            s.add(Shop(name=name, kind=kind, url=url.rstrip("/"), settings=stored))
        else:
            known.url, known.settings = url.rstrip("/"), stored
    return where


def shops_not_added(ctx: AppContext) -> list[Shop]:
    """Shops reached over the network, copied from the warehouse hub, that this bench has no
    credentials of: it may not lead shop sync until they are added here. (A copied drop folder
    is a place on the machine of the bench that added it: only that bench reads it.)"""
    return [
        shop
        for shop in list_shops(ctx)
        if shop.settings.get(COPIED_SHOP) and _location(shop.kind) == "url"
    ]


def may_lead_shop_sync(ctx: AppContext) -> bool:
    """Whether this bench of a warehouse may lead shop sync: it added a shop itself, and every
    shop it must reach over the network (see `shops_not_added`)."""
    own = any(not shop.settings.get(COPIED_SHOP) for shop in list_shops(ctx))
    return own and not shops_not_added(ctx)


def _location(kind: str) -> str:
    try:
        return shop_kind(kind).location
    except ShopConfigError:
        return "url"


def make_connector(
    ctx: AppContext, shop: Shop, *, timeout_s: float = 20.0, sleep: Sleep | None = None
) -> Connector:
    """The connector for a configured shop; ShopConfigError (naming the shop) when its kind is
    unknown or its credentials are missing."""
    try:
        kind = shop_kind(shop.kind)
    except ShopConfigError:
        raise ShopConfigError(
            "shop_of_unknown_kind",
            shop=shop.name,
            kind=shop.kind,
            kinds=", ".join(shop_kind_names()),
        ) from None
    secrets = load_secrets(ctx.home, shop.name)
    if kind.missing_secrets(secrets):
        damaged = damaged_secrets(ctx.home)
        if damaged:
            raise ShopConfigError(
                "shop_no_credentials_damaged", shop=shop.name, kind=shop.kind, kept=damaged
            )
        raise ShopConfigError("shop_no_credentials", shop=shop.name, kind=shop.kind)
    name = shop.name

    def store(values: dict[str, str]) -> None:
        secrets.update(values)
        save_secrets(ctx.home, name, dict(secrets))

    return kind.connect(
        ShopAccess(
            shop.name, shop.url, _with_tracking_urls(ctx, shop), secrets, timeout_s, sleep, store
        )
    )


def _with_tracking_urls(ctx: AppContext, shop: Shop) -> dict[str, Any]:
    """The shop's settings, plus the warehouse's tracking links per carrier (`[tracking_urls]`
    in station.toml) unless the shop sets its own, and the bench's language unless the shop
    has its own."""
    settings = dict(shop.settings or {})
    settings.setdefault("language", ctx.settings.language)  # notes for the shop's staff
    urls = ctx.settings.tracking_urls
    if urls and "tracking_urls" not in settings:
        settings["tracking_urls"] = {str(k).upper(): str(v) for k, v in urls.items()}
    return settings


def list_shops(ctx: AppContext) -> list[Shop]:
    with ctx.db.read() as s:
        return list(s.scalars(select(Shop).order_by(Shop.name)))


def find_shop(ctx: AppContext, name: str) -> Shop:
    with ctx.db.read() as s:
        shop = s.scalar(select(Shop).where(Shop.name == name))
    if shop is None:
        raise ShopConfigError("unknown_shop", name=name)
    return shop
