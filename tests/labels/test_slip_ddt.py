"""Packing slip and DDT: what the customer and the carrier read, and the order barcode."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from station.labels.courier import Address
from station.labels.ddt import DdtLine, DdtView, ddt_pdf
from station.labels.errors import DocumentError
from station.labels.slip import SlipLine, SlipView, order_barcode, slip_pdf
from tests.labels.factories import BUYER_DE, HOSTILE_NAMES, RECIPIENT, SELLER
from tests.labels.readback import needs_pdftotext, needs_raster, pdf_barcodes, pdf_text

LINES = [SlipLine("SKU-1", "Tazza blu 350 ml", 2, 2), SlipLine("SKU-2", "Teiera", 1, 0)]


@needs_raster
@pytest.mark.parametrize("size", ["a4", "a5"])
def test_slip_barcode_opens_the_order(size: str) -> None:
    # GIVEN a packed order
    view = SlipView("1003", dt.date(2025, 3, 14), RECIPIENT, LINES)
    # WHEN its slip is printed and the barcode scanned
    found = pdf_barcodes(slip_pdf(view, size))
    # THEN the scan is ORD + order number
    assert [d.data for d in found] == ["ORD1003"]
    assert order_barcode("1003") == "ORD1003"


@needs_pdftotext
def test_slip_shows_packed_and_short_quantities() -> None:
    text = pdf_text(
        slip_pdf(
            SlipView("1003", dt.date(2025, 3, 14), RECIPIENT, LINES, carrier="BRT", parcel_count=2)
        )
    )
    assert "Distinta di imballo" in text
    assert "Niccolò Bianchi" in text
    assert "Teiera" in text
    assert "Mancanti" not in text.split("Pezzi imballati")[1]  # nothing was declared short
    assert "Da imballare: 1" in text
    assert "Pezzi imballati: 2" in text


@needs_pdftotext
@pytest.mark.parametrize(
    ("language", "to_pack", "short"),
    [
        ("it", "Da imballare: 1", "Mancanti: 2 - non disponibili, tenuti in arretrato"),
        ("en", "To pack: 1", "Short: 2 - missing from stock, kept as a backorder"),
    ],
)
def test_a_slip_mid_pack_tells_units_to_pack_from_units_declared_short(
    language: str, to_pack: str, short: str
) -> None:
    # GIVEN an order of 5 mugs: 2 packed, 2 declared short, 1 not scanned yet
    lines = [SlipLine("MUG-1", "Tazza blu", 5, 2, short=2)]
    # WHEN its slip is printed
    text = pdf_text(
        slip_pdf(SlipView("1003", dt.date(2025, 3, 14), RECIPIENT, lines, language=language))
    )
    # THEN the unscanned unit is to pack, and only the declared ones are missing
    assert to_pack in text
    assert short in text


@needs_raster
@needs_pdftotext
def test_slip_with_hostile_names_and_many_lines_still_scans() -> None:
    lines = [SlipLine(f"S{i}", name, 1, 1) for i, name in enumerate(HOSTILE_NAMES.values())] * 10
    view = SlipView(
        "1004", dt.date(2025, 3, 14), Address(HOSTILE_NAMES["long"], country="GR"), lines
    )
    pdf = slip_pdf(view)
    assert "ORD1004" in {d.data for d in pdf_barcodes(pdf)}
    assert "Packing slip" in pdf_text(pdf)


def test_slip_refuses_an_order_number_a_barcode_cannot_carry() -> None:
    view = SlipView("10€3", dt.date(2025, 3, 14), RECIPIENT, LINES)
    with pytest.raises(DocumentError, match="ASCII"):
        slip_pdf(view)


@needs_pdftotext
def test_ddt_carries_what_the_law_asks() -> None:
    view = DdtView(
        "2025/42",
        dt.date(2025, 3, 14),
        SELLER,
        BUYER_DE,
        [DdtLine("SKU-1", "Tazze blu", Decimal(12))],
        "BRT S.p.A.",
        2,
        5300,
        carrier_vat_id="04507990150",
    )
    text = pdf_text(ddt_pdf(view))
    for expected in (
        "N. 2025/42 del 14/03/2025",
        "Magazzino Rossi",
        "Beispiel GmbH",
        "BRT S.p.A.",
        "Tazze blu",
        "12",
        "Colli / Parcels: 2",
        "5.30 kg",
        "Causale / Reason: Vendita",
    ):
        assert expected in text


def test_ddt_without_goods_is_refused() -> None:
    view = DdtView("1", dt.date(2025, 3, 14), SELLER, BUYER_DE, [], "BRT", 1, 100)
    with pytest.raises(DocumentError, match="pack the order"):
        ddt_pdf(view)
