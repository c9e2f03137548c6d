"""The demo sheet: every code printed on it scans back to its data."""

from __future__ import annotations

import pytest

from station.labels.demo_sheet import SheetCode, demo_sheet_pdf
from station.labels.errors import DocumentError
from tests.labels.readback import needs_pdftotext, needs_raster, pdf_barcodes, pdf_text

SECTIONS = [
    (
        "Commands",
        [
            SheetCode("Next order", "CMD-NEXT", "code128"),
            SheetCode("Done", "CMD-DONE", "code128"),
            SheetCode("Short pick", "CMD-SHORT", "code128"),
        ],
    ),
    ("Orders", [SheetCode(f"Order {n}", f"ORD{n}", "code128") for n in range(1001, 1009)]),
    (
        "Products",
        [
            SheetCode("Blue mug", "5901234123457", "ean13"),
            SheetCode("Tea towel", "4006381333931", "ean13"),
            SheetCode("Lamp (SKU)", "SKU-LAMP-0001", "code128"),
            SheetCode("Carton of 6 mugs", "15901234123454", "code128"),
        ],
    ),
]


@needs_raster
def test_every_code_on_the_sheet_scans_back_to_its_data() -> None:
    # GIVEN commands, orders and products over more than one page
    pdf = demo_sheet_pdf("Station demo", SECTIONS)
    # WHEN the sheet is printed and every code scanned
    found = pdf_barcodes(pdf, dpi=150)
    # THEN each code is read once, with the right symbology
    expected = {
        (("EAN-13" if c.symbology == "ean13" else "CODE-128"), c.code)
        for _, codes in SECTIONS
        for c in codes
    }
    assert sorted((d.symbology, d.data) for d in found) == sorted(expected)


@needs_pdftotext
def test_sheet_shows_headings_captions_and_text() -> None:
    text = pdf_text(demo_sheet_pdf("Station demo", SECTIONS))
    for word in (
        "Station demo",
        "Commands",
        "Orders",
        "Products",
        "Next order",
        "CMD-NEXT",
        "Tea towel",
        "ORD1008",
    ):
        assert word in text


def test_unknown_symbology_is_one_clear_error() -> None:
    with pytest.raises(DocumentError, match="use ean13 or code128"):
        demo_sheet_pdf("x", [("Bad", [SheetCode("QR", "x", "qr")])])


def test_wrong_ean_check_digit_is_refused_not_silently_fixed() -> None:
    with pytest.raises(DocumentError, match="EAN-13"):
        demo_sheet_pdf("x", [("Bad", [SheetCode("Mug", "5901234123458", "ean13")])])
