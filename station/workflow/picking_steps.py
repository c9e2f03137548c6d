"""Picking an order at the bench, guided by the scanner (setting `pick_bin_scan`).

The order's lines come in walking order (its route, `station.workflow.route`). At each bin the
picker scans the bin's label, then the item: the item scan is the pick (`UnitsVerified`, as in
packing). A bin that holds nothing for this order is its own error, naming the bin to go to;
an item scanned before its bin is refused, so every unit's bin is on record.
"""

from __future__ import annotations

from typing import Any

from station.domain import events as ev
from station.domain.barcodes import decode_scan
from station.domain.locations import (
    Location,
    LocationCodeError,
    is_location_code,
    normalise_code,
    parse_location,
)
from station.workflow.batch_pick import is_tote
from station.workflow.packing import Packing
from station.workflow.route import PickLine, plan_route
from station.workflow.state import LineState, OrderSnapshot
from station.workflow.step import StepBase


def line_bin(line: LineState) -> Location | None:
    """Where a line is picked: its product's pick face, else the shop's bin field when that
    reads as a bin code."""
    product = line.product
    if product is None:
        return None
    for code in (product.pick_bin, product.bin_location):
        if not code.strip():
            continue
        try:
            return parse_location(code)
        except LocationCodeError:
            continue  # free text in the shop's field: not a bin to walk to
    return None


def lines_in_walking_order(order: OrderSnapshot) -> list[LineState]:
    """The lines still to pick, in the order of the route over their bins."""
    todo = [line for line in order.lines if line.remaining > 0]
    by_ref = {str(line.uid): line for line in todo}
    picks = [
        PickLine(order.number, line.sku, line.name, line.remaining, line_bin(line), str(line.uid))
        for line in todo
    ]
    return [by_ref[p.ref] for stop in plan_route(picks) for p in stop.picks]


def next_pick(order: OrderSnapshot) -> LineState | None:
    walk = lines_in_walking_order(order)
    return walk[0] if walk else None


class PickingSteps(StepBase):
    def picking_scan(self, code: str) -> bool:
        """A scan at an open order while picking: True when it was the bin's label or was
        refused here; False lets the item go on to be verified."""
        order = self.state.order
        if order is None or not self.ctx.settings.pick_bin_scan:
            return False
        if is_location_code(code) and self._is_bin(code):
            self._at_bin(order, normalise_code(code))
            return True
        return self._item_before_bin(order, code)

    def _is_bin(self, code: str) -> bool:
        """A bin code that no product claims as its own barcode or SKU."""
        return self.ctx.catalog.product_by_code(decode_scan(code).key) is None

    def _at_bin(self, order: OrderSnapshot, code: str) -> None:
        here = [ln for ln in lines_in_walking_order(order) if _bin_code(ln) == code]
        if not here:
            expected = next_pick(order)
            where = _bin_code(expected) if expected else "-"
            self.reject("wrong_bin", code, scanned=code, bin=where)
            return
        self.state.at_bin = code
        self.fact(ev.PickBinScanned(bin=code, line=here[0].uid))
        self.accept("bin_ok", bin=code, name=here[0].name, units=here[0].remaining)

    def _item_before_bin(self, order: OrderSnapshot, code: str) -> bool:
        scanned = decode_scan(code)
        match = Packing(order).find_line(scanned.key, scanned.text)
        if match is None or match[0].remaining <= 0:
            return False  # the packing rules say what is wrong with it
        where = _bin_code(match[0])
        if where is None or where == self.state.at_bin:
            return False
        self.reject("scan_bin_first", code, bin=where, name=match[0].name)
        return True

    def opened_from_tote(self, code: str) -> None:
        """Pack-out: a tote scanned opens its order; say how much the picker put in it."""
        order = self.state.order
        if order is None or not is_tote(code):
            return
        tote = code.strip().upper()
        picked = sum(line.picked for line in order.lines)
        self.accept("tote_opened", tote=tote, picked=picked, units=order.units_total)
        if self.ctx.settings.trust_pick:
            self._trust_the_pick(order, tote)

    def _trust_the_pick(self, order: OrderSnapshot, tote: str) -> None:
        """Setting `trust_pick`: the units the picker put into the tote count as packed, one
        `UnitsVerified` per line coded with the tote; a lot or serial is still scanned."""
        packing = Packing(order)
        counted = 0
        for line in order.lines:
            units = min(line.picked, line.remaining)
            needs_scan = line.product is not None and (
                line.product.requires_lot or line.product.requires_serial
            )
            if units <= 0 or needs_scan:
                continue
            seq = packing.parcel_for_items().seq
            event_id = self.ctx.new_id()
            packing.add_units(event_id, line, units, seq, None)
            self.fact(
                ev.UnitsVerified(
                    line=line.uid,
                    sku=line.sku,
                    quantity=units,
                    parcel_seq=seq,
                    code=tote,
                    product_sku=line.product.sku if line.product else None,
                ),
                event_id,
            )
            counted += units
        if counted:
            self.accept("tote_trusted", tote=tote, units=counted)

    def line_to_pick(self, order: OrderSnapshot) -> LineState | None:
        if not self.ctx.settings.pick_bin_scan:
            return super().line_to_pick(order)
        return next_pick(order)

    def picking_prompt(self, order: OrderSnapshot) -> tuple[str, dict[str, Any]] | None:
        """The picker's next instruction, or None when packing's own prompt applies."""
        if not self.ctx.settings.pick_bin_scan:
            return None
        line = next_pick(order)
        if line is None:
            return None
        where = _bin_code(line)
        if where is None or where == self.state.at_bin:
            return None
        left = order.units_left
        return "pick_go_to_bin", {
            "bin": where,
            "name": line.name,
            "units": line.remaining,
            "left": left,
        }


def _bin_code(line: LineState) -> str | None:
    found = line_bin(line)
    return found.code if found is not None else None
