"""One amount on every document of a COD order: the courier label's COD field, the invoice PDF's
total, the FatturaPA file's total and payment all say the shop's order total.

Orders are generated as the two ways shops total them: prices without VAT with VAT rounded on
each line (WooCommerce, PrestaShop), and VAT-included prices (Shopify with taxes included, the
demo), whose net line price Station receives to four decimals; shipping comes with its VAT
(PrestaShop) or without it (WooCommerce). The documents are made by the
same functions `station invoice` and shipping use, from the order as stored, and read back:
pdftotext for the PDFs, the XML parsed (and validated against the XSD before it is written).
"""

from __future__ import annotations

import datetime as dt
import re
import uuid
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path
from xml.etree import ElementTree as ET

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from station.config import Settings
from station.db.models import Order, OrderLine, Parcel
from station.labels.courier import label_pdf, label_zpl
from station.labels.fatturapa import fatturapa_xml
from station.labels.invoice import invoice_pdf
from station.services.documents import invoice_view
from station.services.shipping import label_view
from tests.console_process import ean_of, run_console, run_station
from tests.labels.readback import needs_pdftotext, pdf_text

CENT = Decimal("0.01")
RATES = (Decimal(22), Decimal(10), Decimal(5), Decimal(4))


def cents(value: Decimal) -> Decimal:
    return value.quantize(CENT, ROUND_HALF_UP)


@st.composite
def shop_orders(draw: st.DrawFn) -> tuple[Order, Decimal]:
    """An order as a shop sends it, and the total the shop charged."""
    gross_prices = draw(st.booleans())
    n = draw(st.integers(1, 6))
    lines, total = [], Decimal(0)
    for i in range(n):
        qty = draw(st.integers(1, 40))
        rate = draw(st.sampled_from(RATES))
        price_cents = Decimal(draw(st.integers(1, 50_000))) / 100
        if gross_prices:  # the customer saw VAT-included prices
            net = (price_cents * 100 / (100 + rate)).quantize(Decimal("0.0001"), ROUND_HALF_UP)
            total += price_cents * qty
        else:  # the shop rounds each line's amount and each line's VAT
            net = price_cents
            line_net = cents(net * qty)
            total += line_net + cents(line_net * rate / 100)
        lines.append(_line(i, qty, net, rate))
    shipping = Decimal(draw(st.sampled_from([0, 490, 690, 1250]))) / 100
    if draw(st.booleans()):  # shipping sent with its VAT (PrestaShop)
        total += shipping
    else:  # shipping sent without its VAT, which the total holds (WooCommerce)
        rate = max(line.vat_rate for line in lines)
        total += shipping + cents(shipping * rate / 100)
    return _order(lines, total, shipping), total


def _line(i: int, qty: int, net: Decimal, rate: Decimal) -> OrderLine:
    return OrderLine(
        uid=uuid.uuid4(),
        line_no=i + 1,
        sku=f"SKU-{i}",
        name=f"Articolo {i}",
        quantity=qty,
        unit_price=net,
        vat_rate=rate,
        verified_qty=qty,
        short_qty=0,
    )


def _order(lines: list[OrderLine], total: Decimal, shipping: Decimal) -> Order:
    address = {
        "name": "Mario Rossi",
        "street": "Via Garibaldi 7",
        "postcode": "10121",
        "city": "Torino",
        "province": "TO",
        "country": "IT",
    }
    order = Order(
        uid=uuid.uuid4(),
        number="1005",
        currency="EUR",
        total=total,
        shipping_total=shipping,
        payment_method="contrassegno",
        cod_amount=total,
        carrier="GLS",
        service="business",
        shipping_address=address,
        billing_address={**address, "tax_code": "RSSMRA85T10A562S"},
        created_at=dt.datetime(2026, 12, 6, 9, 0, tzinfo=dt.UTC),
    )
    order.lines = lines
    order.parcels = [Parcel(seq=1, measured_weight_g=900, tracking_number="GLS000000000018")]
    return order


def label_cod(order: Order) -> Decimal:
    """The COD field as the courier reads it on the PDF label, and as the ZPL prints it."""
    view = label_view(order, order.parcels[0], 1, Settings())
    text = pdf_text(label_pdf(view))
    found = re.search(r"CONTRASSEGNO / COD.*?EUR (\d+\.\d\d)", text, re.S)
    assert found is not None, text
    zpl = label_zpl(view).decode()
    assert re.search(rf"\^FH\^FDEUR {re.escape(found.group(1))}\^FS", zpl), zpl
    return Decimal(found.group(1))


def invoice_total(order: Order) -> tuple[Decimal, str]:
    view = invoice_view(order, "2026/000001", dt.date(2026, 12, 6), Settings())
    text = pdf_text(invoice_pdf(view))
    found = re.search(r"Totale documento\s+EUR ([\d.]+,\d\d)", text)
    assert found is not None, text
    return Decimal(found.group(1).replace(".", "").replace(",", ".")), text


def xml_amounts(order: Order) -> dict[str, Decimal]:
    view = invoice_view(order, "2026/000001", dt.date(2026, 12, 6), Settings())
    root = ET.fromstring(fatturapa_xml(view, "00001"))
    found: dict[str, Decimal] = {}
    for tag in ("ImportoTotaleDocumento", "Arrotondamento", "ImportoPagamento"):
        el = root.find(f".//{tag}")
        found[tag] = Decimal(el.text or "0") if el is not None else Decimal(0)
    summary = sum(
        (
            Decimal(r.findtext("ImponibileImporto") or "0") + Decimal(r.findtext("Imposta") or "0")
            for r in root.iter("DatiRiepilogo")
        ),
        Decimal(0),
    )
    found["riepilogo"] = summary
    assert root.findtext(".//ModalitaPagamento") == "MP01"
    return found


@needs_pdftotext
@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(shop_orders())
def test_label_cod_invoice_and_xml_all_say_the_shop_total(sold: tuple[Order, Decimal]) -> None:
    # GIVEN a COD order as a shop totalled it, every unit packed
    order, shop_total = sold
    # WHEN the label, the invoice and the FatturaPA file are made and read back
    cod = label_cod(order)
    pdf_total, text = invoice_total(order)
    xml = xml_amounts(order)
    # THEN each says the shop's total, and the XML's rounding closes the gap to its VAT summary
    assert cod == pdf_total == xml["ImportoTotaleDocumento"] == xml["ImportoPagamento"]
    assert cod == cents(shop_total)
    assert xml["riepilogo"] + xml["Arrotondamento"] == xml["ImportoTotaleDocumento"]
    # AND the invoice says the money is still to be collected, not that it was paid
    assert "contrassegno" in text
    assert "da incassare" in text
    assert "pagato" not in text


@needs_pdftotext
@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(shop_orders(), st.data())
def test_a_short_shipment_collects_and_bills_only_what_ships(
    sold: tuple[Order, Decimal], data: st.DataObject
) -> None:
    # GIVEN a COD order of which one line ships short by at least one unit
    order, shop_total = sold
    line = data.draw(st.sampled_from(order.lines))
    missing = data.draw(st.integers(1, line.quantity))
    line.verified_qty, line.short_qty = line.quantity - missing, missing
    if not any(ln.verified_qty for ln in order.lines):
        return  # nothing ships: no label, no invoice
    # WHEN the documents are made
    cod, (pdf_total, _), xml = label_cod(order), invoice_total(order), xml_amounts(order)
    # THEN they agree with each other, and the customer pays less than the whole order
    assert cod == pdf_total == xml["ImportoTotaleDocumento"] == xml["ImportoPagamento"]
    assert cod < cents(shop_total)


@needs_pdftotext
def test_demo_cod_order_1005_label_and_invoice_say_the_same_amount(tmp_path: Path) -> None:
    # GIVEN the demo's cash-on-delivery order 1005, packed at a console bench
    home = tmp_path / "bench"
    out = run_console(home, ["1005", ean_of("TSH-04"), ean_of("MUG-03"), "WEIGH"])
    assert any(line.startswith("DONE 1005") for line in out), out
    # WHEN its invoice and FatturaPA file are made by `station invoice`
    run = run_station(
        home,
        "invoice",
        "1005",
        "-o",
        str(tmp_path / "i.pdf"),
        "--fatturapa",
        str(tmp_path / "i.xml"),
    )
    assert run.returncode == 0, run.stderr
    # THEN the label's COD, the invoice's total and the XML's total are the shop's 35.80
    label = pdf_text((home / "labels" / "1005-1.pdf").read_bytes())
    assert re.search(r"CONTRASSEGNO / COD.*?EUR 35\.80", label, re.S), label
    invoice = pdf_text((tmp_path / "i.pdf").read_bytes())
    assert re.search(r"Totale documento\s+EUR 35,80", invoice), invoice
    assert "contrassegno, EUR 35,80 da incassare alla consegna" in invoice
    root = ET.fromstring((tmp_path / "i.xml").read_bytes())
    assert root.findtext(".//ImportoTotaleDocumento") == "35.80"
    assert root.findtext(".//ImportoPagamento") == "35.80"
    assert root.findtext(".//ModalitaPagamento") == "MP01"
