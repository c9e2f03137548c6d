"""DDT (documento di trasporto, DPR 472/1996) for B2B shipments, when the seller enables it.

Carries what the law asks: progressive number, date, sender and recipient, carrier, nature and
quantity of the goods; plus the usual extras (reason, parcels, weight, port, goods' appearance).
"""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal

from reportlab.lib.pagesizes import A4
from reportlab.pdfgen.canvas import Canvas

from station.labels.courier import weight_text
from station.labels.errors import DocumentError
from station.labels.invoice_model import Party
from station.labels.pdfdraw import draw_lines, draw_right, draw_text, mm
from station.labels.pdftable import Column, Table


@dataclass(frozen=True)
class DdtLine:
    sku: str
    description: str
    quantity: Decimal
    unit: str = "pz"


@dataclass(frozen=True)
class DdtView:
    number: str  # allocated gap-free per year by the core
    date: dt.date
    sender: Party
    recipient: Party
    lines: Sequence[DdtLine]
    carrier_name: str  # the carrier company, as the law asks ("vettore")
    parcels: int
    weight_g: int
    reason: str = "Vendita"  # causale del trasporto
    transport_by: str = "Vettore"  # mittente / destinatario / vettore
    port: str = "Franco"  # porto franco / assegnato
    appearance: str = "Scatole"  # aspetto esteriore dei beni
    order_number: str = ""
    carrier_vat_id: str = ""
    departure: dt.datetime | None = None  # date and time the goods leave


def ddt_pdf(view: DdtView) -> bytes:
    if not view.lines or view.parcels < 1:
        raise DocumentError("ddt_empty")
    page_w, page_h = float(A4[0]), float(A4[1])
    margin = 15 * mm
    width = page_w - 2 * margin
    buf = io.BytesIO()
    c = Canvas(buf, pagesize=A4, pageCompression=0)
    c.setTitle(f"DDT {view.number}")

    def new_page() -> float:
        c.showPage()
        return _head(c, view, margin, page_h - margin, width)

    y = _head(c, view, margin, page_h - margin, width)
    columns = (
        Column("Codice / Code", 34 * mm),
        Column("Descrizione dei beni / Description of goods", 102 * mm, wrap_lines=2),
        Column("U.M.", 14 * mm),
        Column("Quantità / Qty", 30 * mm, "right"),
    )
    rows = [[ln.sku, ln.description, ln.unit, f"{ln.quantity.normalize():f}"] for ln in view.lines]
    y = Table(columns, size=9, bottom=60 * mm).draw(c, margin, y - 4 * mm, rows, new_page)
    _transport(c, view, margin, min(y - 6 * mm, 55 * mm), width)
    c.showPage()
    c.save()
    return buf.getvalue()


def _party(title: str, p: Party) -> list[str]:
    ids = "  ".join(
        x
        for x in (
            f"P.IVA {p.country}{p.vat_id}" if p.vat_id else "",
            f"C.F. {p.tax_code}" if p.tax_code else "",
        )
        if x
    )
    return [title, p.address.name, *p.address.lines(), ids]


def _head(c: Canvas, v: DdtView, x: float, top: float, width: float) -> float:
    draw_text(c, x, top - 14, "Documento di trasporto (DDT)", 14, width * 0.6, bold=True)
    draw_right(
        c, x + width, top - 14, f"N. {v.number} del {v.date.strftime('%d/%m/%Y')}", 12, bold=True
    )
    if v.order_number:
        draw_right(c, x + width, top - 28, f"Rif. ordine / Order {v.order_number}", 9)
    half = width / 2 - 4 * mm
    ya = draw_lines(
        c, x, top - 44, _party("Mittente / Sender", v.sender), 9, half, leading=11, bold_first=True
    )
    yb = draw_lines(
        c,
        x + width / 2,
        top - 44,
        _party("Destinatario / Consignee", v.recipient),
        9,
        half,
        leading=11,
        bold_first=True,
    )
    return min(ya, yb) - 4


def _transport(c: Canvas, v: DdtView, x: float, y: float, width: float) -> None:
    departure = v.departure.strftime("%d/%m/%Y %H:%M") if v.departure else ""
    carrier = v.carrier_name + (f" (P.IVA {v.carrier_vat_id})" if v.carrier_vat_id else "")
    rows = [
        f"Causale / Reason: {v.reason}      Trasporto a cura di / Transport by: {v.transport_by}",
        f"Vettore / Carrier: {carrier}",
        f"Colli / Parcels: {v.parcels}      Peso / Weight: {weight_text(v.weight_g)}      "
        f"Porto: {v.port}      Aspetto / Appearance: {v.appearance}",
        f"Inizio trasporto / Departure: {departure}",
    ]
    c.setLineWidth(0.5)
    c.rect(x, y - 52, width, 56)
    draw_lines(c, x + 4, y - 10, rows, 9, width - 8, leading=12)
    box = width / 3
    for i, title in enumerate(
        ("Firma mittente / Sender", "Firma vettore / Carrier", "Firma destinatario / Consignee")
    ):
        c.rect(x + i * box, y - 58 - 20 * mm, box, 20 * mm)
        draw_text(c, x + i * box + 4, y - 68, title, 8, box - 8)
