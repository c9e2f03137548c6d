"""Rules about the units and parcels of the open order."""

from __future__ import annotations

import uuid
from typing import Any

from station.domain.barcodes import ScannedCode
from station.workflow.state import Catalog, LineState, OrderSnapshot, PackedUnits, ParcelState


class Packing:
    def __init__(self, order: OrderSnapshot) -> None:
        self.order = order

    @staticmethod
    def new_parcel(seq: int) -> ParcelState:
        return ParcelState(seq=seq)

    def units_in_parcel(self, seq: int) -> int:
        return sum(u.quantity for u in self.order.units_in(seq))

    def packed_units(self) -> int:
        return sum(u.quantity for u in self.order.units)

    def parcel_to_weigh(self) -> ParcelState | None:
        """The first parcel that holds something and has not been weighed."""
        for parcel in self.order.parcels:
            if not parcel.weighed and self.units_in_parcel(parcel.seq) > 0:
                return parcel
        return None

    def parcel_for_items(self) -> ParcelState:
        return self.order.current_parcel

    def complete(self) -> bool:
        return (
            self.order.units_left == 0
            and self.packed_units() > 0
            and self.parcel_to_weigh() is None
        )

    def find_line(self, key: str, text: str) -> tuple[LineState, int] | None:
        """The order line a code belongs to and how many units it counts."""
        matches = [(line, line.codes[key]) for line in self.order.lines if key in line.codes]
        if not matches:
            lowered = text.lower()
            matches = [(line, 1) for line in self.order.lines if line.sku.lower() == lowered]
        if not matches:
            return None
        open_matches = [m for m in matches if m[0].remaining > 0]
        return (open_matches or matches)[0]

    def unit_refusal(
        self, line: LineState, units: int, scanned: ScannedCode, catalog: Catalog
    ) -> tuple[str, dict[str, Any]] | None:
        if line.remaining <= 0:
            return "line_complete", {"name": line.name, "quantity": line.quantity}
        if units > line.remaining:
            return "too_many", {"name": line.name, "units": units, "left": line.remaining}
        product = line.product
        if product is None:
            return None
        if product.requires_lot and not scanned.lot:
            return "needs_lot", {"name": line.name}
        if product.requires_expiry and scanned.expiry is None:
            return "needs_expiry", {"name": line.name}
        if product.requires_serial and not scanned.serial:
            return "needs_serial", {"name": line.name}
        if scanned.serial and self._serial_taken(line, scanned.serial, catalog):
            return "serial_shipped", {"name": line.name, "serial": scanned.serial}
        return None

    def _serial_taken(self, line: LineState, serial: str, catalog: Catalog) -> bool:
        product_lines = {
            other.id
            for other in self.order.lines
            if other.product and line.product and other.product.id == line.product.id
        }
        if any(u.serial == serial and u.line_id in product_lines for u in self.order.units):
            return True
        return line.product is not None and catalog.serial_packed(line.product.id, serial)

    def add_units(
        self, event_id: uuid.UUID, line: LineState, units: int, seq: int, serial: str | None
    ) -> None:
        line.verified += units
        self.order.units.append(PackedUnits(event_id, line.id, units, seq, serial))

    def remove_units(self, record: PackedUnits) -> None:
        self.order.units.remove(record)
        self.order.line(record.line_id).verified -= record.quantity
