"""The demo sheet: every command barcode, the demo orders' slips and the demo products."""

from __future__ import annotations

from station import demo
from station.domain.messages import text
from station.labels.demo_sheet import SheetCode, demo_sheet_pdf
from station.workflow.batch_pick import TOTE_PREFIX
from station.workflow.engine import SLIP_PREFIX
from station.workflow.io import CommandName
from station.workflow.state import SHORT_REASONS

_COMMAND_CAPTIONS = {
    CommandName.NEXT: "NEXT: claim the most urgent order",
    CommandName.UNDO: "UNDO: take back the last scan",
    CommandName.NEWBOX: "NEWBOX: start another parcel",
    CommandName.SHORT: "SHORT: the missing items are not there",
    CommandName.HOLD: "HOLD: put the order on hold",
    CommandName.WEIGH: "WEIGH: read the scale",
    CommandName.PRINT: "PRINT: print the packing slip",
    CommandName.REPRINT: "REPRINT: reprint the last labels",
    CommandName.ABORT: "ABORT: put the order back in the queue",
}


# The scanner test page asks for this code: its characters sit on different keys in US and
# Italian keyboard layouts, so a scanner set to the wrong layout gives itself away.
SCANNER_TEST_CODE = "ST-12/3.4+5"


def demo_sheet() -> bytes:
    commands = [
        SheetCode(caption, name.value, "code128") for name, caption in _COMMAND_CAPTIONS.items()
    ]
    reasons = [
        SheetCode(f"{word}: {text(code, 'en')} / {text(code, 'it')}", word, "code128")
        for word, code in SHORT_REASONS.items()
    ]
    boxes = [SheetCode(name, code, "code128") for code, name, *_ in demo.BOXES]
    orders = [
        SheetCode(f"Order {number}", f"{SLIP_PREFIX}{number}", "code128")
        for number in sorted(demo.SHAPED_ORDERS)
    ]
    products = []
    picking = _picking_codes()
    for index, product in enumerate(demo.demo_products()):
        ean = demo.product_ean(index)
        products.append(SheetCode(f"{product.sku} {product.name}", ean, "ean13"))
        if product.pack:
            pack = demo.pack_gtin14(ean)
            products.append(SheetCode(f"{product.sku} pack of {product.pack}", pack, "code128"))
    return demo_sheet_pdf(
        "Station demo sheet",
        [
            ("Commands", commands),
            ("Why units are short (after SHORT)", reasons),
            ("Scanner test", [SheetCode("Keyboard layout test", SCANNER_TEST_CODE, "code128")]),
            ("Boxes", boxes),
            ("Picking: totes, and SHORT N at a bin (station pick batch)", picking),
            ("Orders", orders),
            ("Products", products),
        ],
    )


def _picking_codes() -> list[SheetCode]:
    """Six totes for a demo batch, and what a picker scans when a bin has fewer than asked."""
    totes = [
        SheetCode(f"Tote {n} / Cassetta {n}", f"{TOTE_PREFIX}{n:02d}", "code128")
        for n in range(1, 7)
    ]
    shorts = [
        SheetCode(
            f"SHORT {n}: only {n} at the bin / solo {n} nell'ubicazione", f"SHORT {n}", "code128"
        )
        for n in range(3)
    ]
    return totes + shorts
