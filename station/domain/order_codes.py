"""How an order is named on a scan: the packing slip's barcode, a typed `#1003`, or the bare
number. Here, not in the bench engine, so that commands which only look an order up (`station
label`, `orders show`) do not load the scan grammar."""

from __future__ import annotations

SLIP_PREFIX = "ORD"  # a packing slip's barcode: ORD and the order number


def order_number_from_code(code: str) -> str:
    """`ORD1003` (packing slip), `#1003` or `1003` all mean order 1003."""
    text = code.strip()
    if text.upper().startswith(SLIP_PREFIX):
        return text[len(SLIP_PREFIX) :]
    return text.removeprefix("#")
