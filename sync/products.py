"""The catalogue from a shop or a CSV file: SKU, barcodes, weight in grams, size, image.

Products are matched by SKU. A barcode already owned by another product stays where it is and
the conflict is reported; a product without SKU cannot be verified at a bench and is skipped
with a note.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from station.db.models import Product, ProductBarcode
from station.domain.barcodes import normalize_code
from station.domain.messages import MessageError, Phrase
from sync.remote import RemoteProduct, money, to_grams, to_mm


@dataclass
class ProductResult:
    created: int = 0
    updated: int = 0
    skipped: int = 0
    notes: list[Phrase] = field(default_factory=list)  # said to whoever imported


def apply_products(
    session: Session,
    products: list[RemoteProduct],
    shop_id: int | None,
    packs: dict[str, list[tuple[str, int]]] | None = None,
) -> ProductResult:
    """Upsert one page of products. `packs` adds packaging codes worth N units per SKU."""
    result = ProductResult()
    wanted = [p for p in products if p.sku]
    for p in products:
        if not p.sku:
            result.skipped += 1
            result.notes.append(
                Phrase("product_without_sku", {"id": p.external_id, "name": p.name})
            )
    known = {
        p.sku: p
        for p in session.scalars(
            select(Product)
            .where(Product.sku.in_([w.sku for w in wanted]))
            .options(selectinload(Product.barcodes))
        )
    }
    for remote in wanted:
        local = known.get(remote.sku)
        if local is None:
            local = Product(sku=remote.sku[:64], name=remote.name[:300] or remote.sku)
            session.add(local)
            known[remote.sku] = local
            result.created += 1
        else:
            result.updated += 1
        _copy(remote, local, shop_id)
        codes = [(c, 1) for c in remote.barcodes] + (packs or {}).get(remote.sku, [])
        _add_codes(session, local, codes, result)
    return result


def _copy(remote: RemoteProduct, local: Product, shop_id: int | None) -> None:
    local.name = remote.name[:300] or local.name
    for name in ("weight_g", "length_mm", "width_mm", "height_mm"):
        value = getattr(remote, name)
        if value:
            setattr(local, name, value)
    if remote.image_url:
        local.image_url = remote.image_url[:500]
    if shop_id is not None:
        local.shop_id = shop_id
        local.external_id = remote.external_id[:64]


def _add_codes(
    session: Session, product: Product, codes: list[tuple[str, int]], result: ProductResult
) -> None:
    have = {b.code for b in product.barcodes}
    for raw, units in codes:
        code = normalize_code(raw)
        if not code or code in have:
            continue
        session.flush()
        owner = session.scalar(select(ProductBarcode).where(ProductBarcode.code == code))
        if owner is not None:
            result.notes.append(Phrase("barcode_taken", {"code": raw, "sku": product.sku}))
            continue
        product.barcodes.append(ProductBarcode(code=code, units=units))
        have.add(code)


class CatalogueFileError(MessageError, ValueError):
    """A catalogue CSV that cannot be read; the message names the file and the line."""


def read_products_csv(path: Path) -> tuple[list[RemoteProduct], dict[str, list[tuple[str, int]]]]:
    """Parse a catalogue CSV (comma or semicolon separated). Raises CatalogueFileError (a
    ValueError) naming the line."""
    text = path.read_text(encoding="utf-8-sig")
    dialect = csv.Sniffer().sniff(text.splitlines()[0] if text else ",", delimiters=",;\t")
    rows = list(csv.DictReader(text.splitlines(), dialect=dialect))
    if rows and "sku" not in {(k or "").strip().lower() for k in rows[0]}:
        raise CatalogueFileError("csv_no_sku_column", file=path.name)
    products: list[RemoteProduct] = []
    packs: dict[str, list[tuple[str, int]]] = {}
    for n, raw in enumerate(rows, start=2):
        row = {(k or "").strip().lower(): (v or "").strip() for k, v in raw.items()}
        try:
            product = _csv_product(row)
        except ValueError as exc:
            raise CatalogueFileError("csv_bad_line", file=path.name, line=n, detail=exc) from None
        products.append(product)
        if row.get("pack_barcode"):
            packs.setdefault(product.sku, []).append(
                (row["pack_barcode"], int(row.get("pack_units") or 1))
            )
    return products, packs


def _csv_product(row: dict[str, str]) -> RemoteProduct:
    codes = (row.get("barcode") or row.get("barcodes") or row.get("ean") or "").replace("|", " ")
    if row.get("weight_g"):
        weight = int(money(row["weight_g"]))
    else:
        weight = to_grams(row.get("weight"), row.get("weight_unit") or "kg")
    dims = []
    for axis in ("length", "width", "height"):
        if row.get(f"{axis}_mm"):
            dims.append(int(money(row[f"{axis}_mm"])))
        else:
            dims.append(to_mm(row.get(axis), row.get("dimension_unit") or "cm"))
    return RemoteProduct(
        external_id=row.get("sku", ""),
        sku=row.get("sku", ""),
        name=row.get("name", ""),
        barcodes=codes.split(),
        weight_g=weight,
        length_mm=dims[0],
        width_mm=dims[1],
        height_mm=dims[2],
        image_url=row.get("image_url", ""),
    )
