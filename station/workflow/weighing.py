"""Expected weights, box suggestion and the tolerance rule."""

from __future__ import annotations

from station.workflow.state import BoxInfo, OrderSnapshot, ParcelState

# Items never fill a box exactly: leave room for dunnage.
_FILL_FACTOR = 1.2


def items_weight_g(order: OrderSnapshot, seq: int) -> int:
    total = 0
    for unit in order.units_in(seq):
        product = order.line(unit.line_id).product
        total += (product.weight_g if product else 0) * unit.quantity
    return total


def items_volume_mm3(order: OrderSnapshot, seq: int) -> int:
    total = 0
    for unit in order.units_in(seq):
        product = order.line(unit.line_id).product
        total += (product.volume_mm3 if product else 0) * unit.quantity
    return total


def suggest_box(boxes: list[BoxInfo], volume_mm3: int, weight_g: int) -> BoxInfo | None:
    """The smallest box the items fit in by volume and weight; the largest if none does."""
    if not boxes:
        return None
    fitting = [
        b for b in boxes if b.volume_mm3 >= volume_mm3 * _FILL_FACTOR and b.max_weight_g >= weight_g
    ]
    pool = fitting or boxes
    return (
        min(pool, key=lambda b: b.volume_mm3) if fitting else max(pool, key=lambda b: b.volume_mm3)
    )


def parcel_box(order: OrderSnapshot, parcel: ParcelState, boxes: list[BoxInfo]) -> BoxInfo | None:
    if parcel.box_code is not None:
        return next((b for b in boxes if b.code == parcel.box_code), None)
    seq = parcel.seq
    return suggest_box(boxes, items_volume_mm3(order, seq), items_weight_g(order, seq))


def expected_weight_g(order: OrderSnapshot, parcel: ParcelState, boxes: list[BoxInfo]) -> int:
    box = parcel_box(order, parcel, boxes)
    return items_weight_g(order, parcel.seq) + (box.tare_g if box else 0)


def allowed_deviation_g(expected_g: int, tolerance_g: int, tolerance_pct: float) -> int:
    """The larger of the absolute and the relative tolerance."""
    return max(tolerance_g, round(expected_g * tolerance_pct / 100))
