"""Invoices and credit notes: totals per Italian rounding, text a customer reads, FatturaPA valid."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import replace
from decimal import Decimal
from importlib.resources import as_file, files

import pytest
from lxml import etree

from station.labels.courier import Address
from station.labels.errors import DocumentError
from station.labels.fatturapa import fatturapa_filename, fatturapa_xml, latin
from station.labels.invoice import invoice_pdf
from station.labels.invoice_model import DocumentRef, InvoiceLine, Party, totals
from station.labels.schema import validate_fatturapa
from tests.labels.factories import BUYER_DE, BUYER_IT, HOSTILE_NAMES, invoice_view
from tests.labels.readback import needs_pdftotext, pdf_text


def _validate(xml: bytes) -> None:
    # The schema shipped in the package, read by lxml directly rather than by the code under test.
    xsd = files("station.labels.xsd") / "Schema_del_file_xml_FatturaPA_v1.2.2.xsd"
    with as_file(xsd) as path:
        schema = etree.XMLSchema(etree.parse(str(path)))
    doc = etree.fromstring(xml)
    assert schema.validate(doc), schema.error_log


def test_vat_is_rounded_half_up_per_rate_not_per_line() -> None:
    # GIVEN three 22 % lines of 0.05 each: per line VAT would be 0.01 x 3 = 0.03
    lines = [InvoiceLine("x", Decimal(1), Decimal("0.05"), Decimal(22))] * 3
    # WHEN totals are computed
    t = totals(lines)
    # THEN VAT is 22 % of 0.15 = 0.033 -> 0.03, and 0.125 would round up
    assert t.tax == Decimal("0.03")
    half = totals([InvoiceLine("y", Decimal(1), Decimal("0.625"), Decimal(20))])
    assert half.vat[0].taxable == Decimal("0.63")  # 0.625 half-up
    assert half.tax == Decimal("0.13")  # 0.126 -> 0.13


@needs_pdftotext
def test_italian_buyer_gets_an_italian_invoice_with_vat_lines() -> None:
    view = invoice_view(3)
    t = totals(view.lines)
    text = pdf_text(invoice_pdf(view))
    assert "Fattura" in text
    assert "2025/000123" in text
    assert "Mario Rossi" in text
    assert "P.IVA IT00743110157" in text
    assert "Riepilogo IVA" in text
    for vat in t.vat:
        assert f"{vat.tax:.2f}".replace(".", ",") in text
    assert f"EUR {t.total:.2f}".replace(".", ",") in text


@needs_pdftotext
def test_foreign_buyer_gets_an_english_credit_note_naming_the_refunded_invoice() -> None:
    view = invoice_view(
        2,
        buyer=BUYER_DE,
        kind="credit_note",
        related=(DocumentRef("2025/000100", dt.date(2025, 3, 1)),),
    )
    text = pdf_text(invoice_pdf(view))
    assert "Credit note" in text
    assert "Refunds invoice 2025/000100 of 01/03/2025" in text
    assert "VAT no. DE136695976" in text


@pytest.mark.parametrize(
    ("changes", "phrase"),
    [
        ({"seller": Party(Address("S"), vat_id="01234567890")}, "not valid"),
        ({"buyer": replace(BUYER_IT, tax_code="RSSMRA85T10A562X")}, "not valid"),
        ({"lines": []}, "at least one line"),
        ({"lines": [InvoiceLine("x", Decimal(1), Decimal(1), Decimal(0))]}, "nature code"),
        ({"kind": "credit_note"}, "refunds"),
        ({"kind": "deferred"}, "transport documents"),
        ({"payment_method": "MP99"}, "Payment method"),
        ({"number": "x" * 21}, "1-20"),
        ({"shop_total": Decimal("1.00")}, "more than rounding"),
    ],
)
def test_bad_invoice_data_is_one_clear_error(changes: dict[str, object], phrase: str) -> None:
    with pytest.raises(DocumentError) as err:
        invoice_pdf(invoice_view(2, **changes))
    assert phrase in str(err.value)
    assert err.value.italian


# --- FatturaPA ---------------------------------------------------------------------------------


@pytest.mark.parametrize("kind", ["invoice", "credit_note", "deferred"])
@pytest.mark.parametrize("buyer", ["it", "de"])
def test_fatturapa_validates_for_each_document_type(kind: str, buyer: str) -> None:
    # GIVEN an invoice, a credit note or a deferred invoice, for an Italian or a German buyer
    view = invoice_view(
        4,
        kind=kind,
        buyer=BUYER_IT if buyer == "it" else BUYER_DE,
        related=(DocumentRef("2025/000100", dt.date(2025, 3, 1)),),
        ddts=(DocumentRef("DDT-2025/41", dt.date(2025, 3, 10)),),
    )
    # WHEN the XML is made
    xml = fatturapa_xml(view, "00001")
    # THEN it validates and carries the right document type and total
    _validate(xml)
    code = {"invoice": b"TD01", "credit_note": b"TD04", "deferred": b"TD24"}[kind]
    assert b"<TipoDocumento>" + code in xml
    assert f"<ImportoTotaleDocumento>{totals(view.lines).total:.2f}".encode() in xml


def test_fatturapa_file_is_named_after_the_seller_vat_number() -> None:
    assert fatturapa_filename(invoice_view(1), "A0001") == "IT00743110157_A0001.xml"
    with pytest.raises(DocumentError, match="1-5 letters"):
        fatturapa_filename(invoice_view(1), "000001")


def test_fatturapa_with_hostile_names_and_zero_rate_lines_still_validates() -> None:
    lines = [
        InvoiceLine(name, Decimal("1.5"), Decimal("3.3333"), Decimal(22), sku=name[:10])
        for name in HOSTILE_NAMES.values()
    ]
    lines.append(InvoiceLine("Spedizione UE", Decimal(1), Decimal("5"), Decimal(0), natura="N3.2"))
    buyer = replace(BUYER_IT, address=replace(BUYER_IT.address, name=HOSTILE_NAMES["emoji"]))
    _validate(fatturapa_xml(invoice_view(1, lines=lines, buyer=buyer), "1"))


def test_an_e_invoice_the_schema_refuses_is_one_clear_error_naming_the_schema_error() -> None:
    # GIVEN a valid e-invoice that loses its currency on the way
    xml = fatturapa_xml(invoice_view(1), "1")
    broken = re.sub(rb"<Divisa>EUR</Divisa>", b"", xml)
    # WHEN it is checked against the schema shipped with the app
    with pytest.raises(DocumentError) as err:
        validate_fatturapa(broken)
    # THEN the message names the schema's first complaint, in both languages
    assert "FatturaPA schema" in str(err.value)
    assert "Divisa" in str(err.value)
    assert "Divisa" in err.value.italian


def test_fatturapa_refuses_italian_buyer_without_fiscal_id() -> None:
    buyer = Party(BUYER_IT.address)
    with pytest.raises(DocumentError, match="tax code"):
        fatturapa_xml(invoice_view(1, buyer=buyer), "1")


def test_latin_keeps_accents_and_transliterates_the_rest() -> None:
    assert latin("Niccolò Łukasz Αλέξανδρος 📦", 80) == "Niccolò Lukasz Alexandros"
    assert latin("", 10) == "-"


@needs_pdftotext
def test_three_hundred_lines_make_a_multipage_invoice_and_a_valid_xml() -> None:
    # GIVEN a 300-line invoice with long, mixed-script descriptions
    view = invoice_view(300)
    lines = [
        replace(ln, description=f"{ln.description} {HOSTILE_NAMES['long']}") if i % 50 == 0 else ln
        for i, ln in enumerate(view.lines)
    ]
    view = replace(view, lines=lines)
    # WHEN both documents are made
    pdf = invoice_pdf(view)
    xml = fatturapa_xml(view, "00300")
    # THEN the PDF spans pages and ends with the total; the XML validates
    text = pdf_text(pdf)
    assert text.count("\f") > 3
    assert (
        f"{totals(view.lines).total:,.2f}".replace(",", "_").replace(".", ",").replace("_", ".")
        in text
    )
    assert "SKU-0299" in text
    _validate(xml)
