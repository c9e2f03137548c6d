"""The warehouse's reference data travels with the log: products, their barcodes, boxes and
operators are not events (a bench names them by SKU, code or name), so a round copies the ones
a side lacks to it. Only missing rows are added: a product edited on one side keeps its own
values on the other until it is imported there again."""

from __future__ import annotations

from typing import Any

from sqlalchemy import Table, func, select
from sqlalchemy.orm import Session

from station.db.bulk import insert_rows
from station.db.models import BoxType, Operator, Product, ProductBarcode

_PRODUCT_SKIP = {"id", "shop_id"}  # a shop's id is local to each database


def _table(model: type[Any]) -> Table:
    table = model.__table__
    assert isinstance(table, Table)
    return table


def _fingerprint(s: Session) -> tuple[int, ...]:
    return tuple(
        int(s.scalar(select(func.count()).select_from(_table(m))) or 0)
        for m in (Product, ProductBarcode, BoxType, Operator)
    )


def copy_catalogue(source: Session, target: Session) -> int:
    """Add to `target` what `source` has and it lacks; returns how many rows were added."""
    if _fingerprint(source) == _fingerprint(target):
        return 0  # the usual round: nothing new on either side, two cheap counts
    added = _copy_by_key(source, target, Product, "sku", _PRODUCT_SKIP)
    added += _copy_barcodes(source, target)
    added += _copy_by_key(source, target, BoxType, "code", {"id"})
    added += _copy_by_key(source, target, Operator, "name", {"id"})
    return added


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
    ids = dict(target.execute(select(Product.sku, Product.id)).tuples().all())
    rows = []
    for code, units, sku in source.execute(
        select(table.c.code, table.c.units, Product.sku).join(Product)
    ).tuples():
        if code not in have and sku in ids:
            rows.append({"code": code, "units": units, "product_id": ids[sku]})
    if rows:
        insert_rows(target, table, rows)
        target.flush()
    return len(rows)
