"""The demo sheet: every command barcode (the engine's and the window's), the demo orders'
slips, the demo products, and GS1-128 codes carrying the lot, expiry and serial the demo's
lot and serial products ask for; in the bench's language."""

from __future__ import annotations

from station import demo
from station.domain.messages import text
from station.domain.order_codes import SLIP_PREFIX
from station.labels.demo_sheet import SheetCode, demo_sheet_pdf
from station.labels.pdfdraw import FNC1
from station.workflow.batch_pick import TOTE_PREFIX
from station.workflow.io import CommandName
from station.workflow.state import SHORT_REASONS

_COMMAND_CAPTIONS = {
    CommandName.NEXT: "sheet_next",
    CommandName.UNDO: "sheet_undo",
    CommandName.NEWBOX: "sheet_newbox",
    CommandName.SHORT: "sheet_short",
    CommandName.HOLD: "sheet_hold",
    CommandName.WEIGH: "sheet_weigh",
    CommandName.PRINT: "sheet_print",
    CommandName.REPRINT: "sheet_reprint",
    CommandName.ABORT: "sheet_abort",
}
# The window's own commands (station/ui/commands.py, a test keeps the two in step): the
# sheet cannot import the window, which is the layer above it.
WINDOW_COMMANDS = {
    "BENCH": "sheet_bench",
    "QUEUE": "sheet_queue",
    "SETTINGS": "sheet_settings",
    "SCANTEST": "sheet_scantest",
    "PRINTERS": "sheet_printers",
    "LEAD": "sheet_lead",
    "LOCK": "sheet_lock",
    "QUIT": "sheet_quit",
}
DEMO_EXPIRY = "301231"  # YYMMDD: far enough ahead for a demo
SERIALS_PER_PRODUCT = 3  # each serial packs once: enough for an order of a few

# The scanner test page asks for this code: its characters sit on different keys in US and
# Italian keyboard layouts, so a scanner set to the wrong layout gives itself away.
SCANNER_TEST_CODE = "ST-12/3.4+5"


def gs1_codes(language: str = "en") -> list[SheetCode]:
    """GS1-128 codes for the lot and serial products. The variable-length field (lot or
    serial) comes last, so no FNC1 separator is needed: a keyboard-wedge scanner cannot type
    one."""
    codes = []
    for index, product in enumerate(demo.demo_products()):
        gtin = "0" + demo.product_ean(index)
        if product.lot:
            lot = f"L{index:03d}A"
            data = f"01{gtin}17{DEMO_EXPIRY}10{lot}"
            shown = f"(01){gtin}(17){DEMO_EXPIRY}(10){lot}"
            said = text("sheet_lot_code", language, sku=product.sku, lot=lot, expiry="31/12/2030")
            codes.append(SheetCode(said, FNC1 + data, "code128", shown))
        for n in range(1, SERIALS_PER_PRODUCT + 1) if product.serial else ():
            serial = f"SN{index:03d}{n:04d}"
            said = text("sheet_serial_code", language, sku=product.sku, serial=serial)
            shown = f"(01){gtin}(21){serial}"
            codes.append(SheetCode(said, f"{FNC1}01{gtin}21{serial}", "code128", shown))
    return codes


def demo_sheet(language: str = "en") -> bytes:
    def say(code: str, **params: object) -> str:
        return text(code, language, **params)

    commands = [
        SheetCode(say(caption), name.value, "code128")
        for name, caption in _COMMAND_CAPTIONS.items()
    ]
    reasons = [
        SheetCode(f"{word}: {say(code)}", word, "code128") for word, code in SHORT_REASONS.items()
    ]
    window = [SheetCode(say(caption), word, "code128") for word, caption in WINDOW_COMMANDS.items()]
    boxes = [SheetCode(name, code, "code128") for code, name, *_ in demo.BOXES]
    orders = [
        SheetCode(say("sheet_order", number=number), f"{SLIP_PREFIX}{number}", "code128")
        for number in sorted(demo.SHAPED_ORDERS)
    ]
    products = []
    picking = _picking_codes()
    for index, product in enumerate(demo.demo_products()):
        ean = demo.product_ean(index)
        products.append(SheetCode(f"{product.sku} {product.name}", ean, "ean13"))
        if product.pack:
            pack = demo.pack_gtin14(ean)
            caption = say("sheet_pack", sku=product.sku, units=product.pack)
            products.append(SheetCode(caption, pack, "code128"))
    test = [SheetCode(say("sheet_layout_test"), SCANNER_TEST_CODE, "code128")]
    return demo_sheet_pdf(
        say("sheet_title"),
        [
            (say("sheet_commands"), commands),
            (say("sheet_short_reasons"), reasons),
            (say("sheet_window_commands"), window),
            (say("sheet_scanner_test"), test),
            (say("sheet_boxes"), boxes),
            (say("sheet_picking"), picking),
            (say("sheet_orders"), orders),
            (say("sheet_products"), products),
            (say("sheet_gs1"), gs1_codes(language)),
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
