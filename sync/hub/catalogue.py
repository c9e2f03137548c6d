"""The warehouse's reference data travels with the log: products, their barcodes, boxes and
operators are not events (a bench names them by SKU, code or name), so a round copies the ones
a side lacks to it. A product edited on one side (a catalogue import, a shop's product pull)
reaches the other too: the later edit by `updated_at` wins. Boxes and operators carry no edit
time: only missing ones travel.

Shops travel too (never their secrets), so a bench links the orders it pulls to their shop and
keeps their outbox, whichever bench imported them. A shop copied from the hub is marked
(`sync.hub.COPIED_SHOP`): the bench may not lead shop sync until the shop is added there with its credentials.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import Table, func, select, update
from sqlalchemy.orm import Session

from station.db.bulk import insert_rows
from station.db.models import BoxType, Operator, Product, ProductBarcode, Shop
from sync.hub import COPIED_SHOP

_PRODUCT_SKIP = {"id", "shop_id"}  # a shop's id is local to each database


def _table(model: type[Any]) -> Table:
    table = model.__table__
    assert isinstance(table, Table)
    return table


def _fingerprint(s: Session) -> tuple[object, ...]:
    counts = tuple(
        int(s.scalar(select(func.count()).select_from(_table(m))) or 0)
        for m in (Product, ProductBarcode, BoxType, Operator, Shop)
    )
    # an edit moves the latest edit time (or, with clocks apart, the weights)
    edited = s.execute(select(func.max(Product.updated_at), func.sum(Product.weight_g))).one()
    return (*counts, *edited)


def copy_catalogue(source: Session, target: Session) -> int:
    """Add to `target` what `source` has and it lacks; returns how many rows were added."""
    if _fingerprint(source) == _fingerprint(target):
        return 0  # the usual round: nothing new on either side, two cheap counts
    added = _copy_by_key(source, target, Product, "sku", _PRODUCT_SKIP)
    added += _copy_product_edits(source, target)
    added += _copy_barcodes(source, target)
    added += _copy_by_key(source, target, BoxType, "code", {"id"})
    added += _copy_by_key(source, target, Operator, "name", {"id"})
    return added + _copy_shops(source, target)


def _copy_shops(source: Session, target: Session) -> int:
    have = set(target.scalars(select(Shop.name)))
    copied = [
        Shop(
            name=shop.name,
            kind=shop.kind,
            url=shop.url,
            settings={**shop.settings, COPIED_SHOP: True},
        )
        for shop in source.scalars(select(Shop))
        if shop.name not in have
    ]
    target.add_all(copied)
    target.flush()
    return len(copied)


def _copy_by_key(
    source: Session, target: Session, model: type[Any], key: str, skip: set[str]
) -> int:
    table = _table(model)
    have = set(target.scalars(select(table.c[key])))
    rows = [
        {k: v for k, v in row.items() if k not in skip}
        for row in source.execute(select(table)).mappings()
        if row[key] not in have
    ]
    if "badge" in table.c:  # a badge is unique too: one already used stays with its holder
        badges = set(target.scalars(select(table.c.badge)))
        rows = [r for r in rows if r["badge"] not in badges]
    if rows:
        insert_rows(target, table, rows)
        target.flush()
    return len(rows)


def _copy_barcodes(source: Session, target: Session) -> int:
    table = _table(ProductBarcode)
    have = set(target.scalars(select(table.c.code)))
    ids = {sku: id_ for sku, id_ in target.execute(select(Product.sku, Product.id))}
    rows = []
    for code, units, sku in source.execute(
        select(table.c.code, table.c.units, Product.sku).join(Product)
    ):
        if code not in have and sku in ids:
            rows.append({"code": code, "units": units, "product_id": ids[sku]})
    if rows:
        insert_rows(target, table, rows)
        target.flush()
    return len(rows)


def _copy_product_edits(source: Session, target: Session) -> int:
    """Products edited on `source` after `target`'s copy was: `target` takes their values."""
    table = _table(Product)
    theirs = {sku: at for sku, at in target.execute(select(table.c.sku, table.c.updated_at))}
    newer = [
        {k: v for k, v in row.items() if k not in _PRODUCT_SKIP}
        for row in source.execute(select(table)).mappings()
        if row["sku"] in theirs and _later(row["updated_at"], theirs[row["sku"]])
    ]
    for row in newer:
        target.execute(update(table).where(table.c.sku == row["sku"]).values(row))
    if newer:
        target.flush()
    return len(newer)


def _later(a: dt.datetime | None, b: dt.datetime | None) -> bool:
    if a is None or b is None:
        return False
    return _aware(a) > _aware(b)


def _aware(at: dt.datetime) -> dt.datetime:
    return at if at.tzinfo is not None else at.replace(tzinfo=dt.UTC)
