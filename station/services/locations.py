"""Bins: imported from a CSV file or learnt from the shop's bin field, and which product lies where.

Bins are reference data like products (the event log names them, it does not create them), so
they are written here directly and `station db verify` copies them as they are.
"""

from __future__ import annotations

import csv
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from station.db.models import Location, Product, ProductLocation
from station.domain.locations import (
    BinRole,
    LocationCodeError,
    normalise_code,
    parse_location,
)
from station.domain.locations import Location as Bin
from station.domain.messages import MessageError


class LocationFileError(MessageError):
    """A row of a locations file that cannot be read: which row, and why."""

    def __init__(self, message_code: str, /, *, row: int, **params: object) -> None:
        super().__init__(message_code, **params)
        self.row = row


@dataclass(frozen=True)
class BinRow:
    """One row of a locations file: a bin, and optionally the product it holds and how."""

    location: Bin
    sku: str = ""
    role: BinRole = BinRole.FACE


@dataclass
class LocationResult:
    created: int = 0
    updated: int = 0
    assigned: int = 0
    unknown_skus: list[str] = field(default_factory=list)


def read_locations_csv(path: Path) -> list[BinRow]:
    """Rows `code[,zone,aisle,bay,level][,sku,role]`; zone/aisle/bay come from the code when the
    file leaves them out."""
    with path.open(newline="", encoding="utf-8-sig") as handle:
        reader = csv.DictReader(handle)
        if reader.fieldnames is None or "code" not in reader.fieldnames:
            raise LocationFileError("locations_file_no_code", row=1)
        return [_bin_row(number, row) for number, row in enumerate(reader, start=2)]


def _bin_row(number: int, row: dict[str, str | None]) -> BinRow:
    def cell(name: str) -> str:
        return (row.get(name) or "").strip()

    code = normalise_code(cell("code"))
    try:
        if cell("zone") and cell("aisle") and cell("bay"):
            location = Bin(
                code,
                cell("zone").upper(),
                int(cell("aisle")),
                int(cell("bay")),
                int(cell("level") or 0),
            )
        else:
            location = parse_location(code)
        role = BinRole(cell("role").lower() or BinRole.FACE)
    except LocationCodeError:
        raise LocationFileError("locations_file_bad_code", row=number, code=code) from None
    except ValueError:
        raise LocationFileError("locations_file_bad_row", row=number, code=code) from None
    return BinRow(location, cell("sku"), role)


def apply_locations(session: Session, rows: Sequence[BinRow]) -> LocationResult:
    """Create or move each bin, then give each named product its bin in the role given."""
    result = LocationResult()
    stored = {loc.code: loc for loc in session.scalars(select(Location))}
    for row in rows:
        _store_bin(session, stored, row.location, result)
    session.flush()
    products = {p.sku: p for p in session.scalars(select(Product))}
    for row in rows:
        if not row.sku:
            continue
        product = products.get(row.sku)
        if product is None:
            result.unknown_skus.append(row.sku)
            continue
        if _assign(session, product, stored[row.location.code], row.role):
            result.assigned += 1
    return result


def _store_bin(
    session: Session, stored: dict[str, Location], bin_: Bin, result: LocationResult
) -> None:
    existing = stored.get(bin_.code)
    if existing is None:
        existing = Location(code=bin_.code)
        session.add(existing)
        stored[bin_.code] = existing
        result.created += 1
    elif (existing.zone, existing.aisle, existing.bay, existing.level) != (
        bin_.zone,
        bin_.aisle,
        bin_.bay,
        bin_.level,
    ):
        result.updated += 1
    existing.zone, existing.aisle, existing.bay, existing.level = (
        bin_.zone,
        bin_.aisle,
        bin_.bay,
        bin_.level,
    )


def _assign(session: Session, product: Product, location: Location, role: BinRole) -> bool:
    """A product has one pick face: a new face makes the old one an overflow bin."""
    held = list(
        session.scalars(select(ProductLocation).where(ProductLocation.product_id == product.id))
    )
    if role is BinRole.FACE:
        for other in held:
            if other.role == BinRole.FACE and other.location_id != location.id:
                other.role = BinRole.OVERFLOW
    mine = next((h for h in held if h.location_id == location.id), None)
    if mine is None:
        session.add(ProductLocation(product_id=product.id, location_id=location.id, role=role))
        return True
    changed = mine.role != role
    mine.role = role
    return changed


def learn_from_products(session: Session) -> LocationResult:
    """Bins from the shop's bin field: each product whose field reads as a bin code gets that
    bin as its pick face, unless it already has a face."""
    rows: list[BinRow] = []
    faced = set(
        session.scalars(
            select(ProductLocation.product_id).where(ProductLocation.role == BinRole.FACE)
        )
    )
    for product in session.scalars(select(Product).order_by(Product.sku)):
        if product.id in faced or not product.bin_location.strip():
            continue
        try:
            rows.append(BinRow(parse_location(product.bin_location), product.sku))
        except LocationCodeError:
            continue  # free text ("shelf by the door"): nothing to learn
    return apply_locations(session, rows)


def as_bin(location: Location) -> Bin:
    return Bin(location.code, location.zone, location.aisle, location.bay, location.level)


def bins_in_walking_order(session: Session) -> list[Bin]:
    bins = [as_bin(loc) for loc in session.scalars(select(Location))]
    return sorted(bins, key=lambda b: b.walk_key)


def _bins_of(session: Session, skus: Iterable[str], role: BinRole) -> list[tuple[str, Bin]]:
    query = (
        select(Product.sku, Location)
        .join(ProductLocation, ProductLocation.product_id == Product.id)
        .join(Location, Location.id == ProductLocation.location_id)
        .where(Product.sku.in_(list(skus)), ProductLocation.role == role)
    )
    return [(row.sku, as_bin(row.Location)) for row in session.execute(query)]


def faces_by_sku(session: Session, skus: Iterable[str]) -> dict[str, Bin]:
    """Each product's pick face, by SKU; a product without one is left out."""
    return dict(_bins_of(session, skus, BinRole.FACE))


def overflow_by_sku(session: Session, skus: Iterable[str]) -> dict[str, tuple[Bin, ...]]:
    """Each product's overflow bins, in walking order, by SKU."""
    found: dict[str, list[Bin]] = {}
    for sku, bin_ in _bins_of(session, skus, BinRole.OVERFLOW):
        found.setdefault(sku, []).append(bin_)
    return {sku: tuple(sorted(bins, key=lambda b: b.walk_key)) for sku, bins in found.items()}
