"""End-of-day manifest (borderò) per carrier: every parcel handed over, weights, COD totals.

PDF for the driver to sign, CSV for the carrier's office or a spreadsheet.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal

from reportlab.lib.pagesizes import A4, landscape
from reportlab.pdfgen.canvas import Canvas

from station.labels.courier import Address, money_text, weight_text
from station.labels.pdfdraw import draw_right, draw_text, mm
from station.labels.pdftable import Column, Table


@dataclass(frozen=True)
class ManifestParcel:
    order_number: str
    tracking_number: str
    recipient: Address
    weight_g: int
    parcel_no: int = 1
    parcel_count: int = 1
    cod_amount: Decimal | None = None
    currency: str = "EUR"
    service: str = ""


@dataclass(frozen=True)
class ManifestView:
    carrier: str
    day: dt.date
    sender: Address
    parcels: tuple[ManifestParcel, ...]
    customer_code: str = ""  # the shipper's account with the carrier


@dataclass(frozen=True)
class ManifestTotals:
    parcels: int
    shipments: int
    weight_g: int
    cod_by_currency: dict[str, Decimal]


def manifest_totals(view: ManifestView) -> ManifestTotals:
    cod: dict[str, Decimal] = {}
    for p in view.parcels:
        if p.cod_amount is not None:
            cod[p.currency] = cod.get(p.currency, Decimal(0)) + p.cod_amount
    return ManifestTotals(
        parcels=len(view.parcels),
        shipments=len({p.order_number for p in view.parcels}),
        weight_g=sum(p.weight_g for p in view.parcels),
        cod_by_currency={k: v.quantize(Decimal("0.01")) for k, v in sorted(cod.items())},
    )


_COLUMNS = (
    Column("#", 10 * mm, "right"),
    Column("Ordine / Order", 30 * mm),
    Column("Tracking", 42 * mm),
    Column("Destinatario / Recipient", 56 * mm),
    Column("Località / Town", 46 * mm),
    Column("Collo / Parcel", 24 * mm, "center"),
    Column("Peso / Weight", 26 * mm, "right"),
    Column("Contrassegno / COD", 36 * mm, "right"),
)


def _row(i: int, p: ManifestParcel) -> list[str]:
    r = p.recipient
    town = " ".join(
        x for x in (r.postcode, r.city, f"({r.province})" if r.province else "", r.country) if x
    )
    cod = money_text(p.cod_amount, p.currency) if p.cod_amount is not None else ""
    return [
        str(i),
        p.order_number,
        p.tracking_number,
        r.name,
        town,
        f"{p.parcel_no}/{p.parcel_count}",
        weight_text(p.weight_g),
        cod,
    ]


def manifest_pdf(view: ManifestView) -> bytes:
    """A4 landscape, header with carrier and date, one row per parcel, totals and signatures."""
    buf = io.BytesIO()
    page_w, page_h = (float(v) for v in landscape(A4))
    c = Canvas(buf, pagesize=(page_w, page_h), pageCompression=0)
    c.setTitle(f"Borderò {view.carrier} {view.day.isoformat()}")
    margin = 12 * mm
    pages = [1]

    def header() -> float:
        draw_text(
            c,
            margin,
            page_h - margin - 14,
            f"Borderò / Manifest  {view.carrier}",
            16,
            page_w / 2,
            bold=True,
        )
        draw_right(
            c, page_w - margin, page_h - margin - 14, view.day.strftime("%d/%m/%Y"), 14, bold=True
        )
        sender = ", ".join([view.sender.name, *view.sender.lines()])
        account = f"  Cod. cliente / Account: {view.customer_code}" if view.customer_code else ""
        draw_text(c, margin, page_h - margin - 30, sender + account, 9, page_w - 2 * margin)
        draw_right(c, page_w - margin, margin / 2, f"Pagina / Page {pages[-1]}", 8)
        return page_h - margin - 40

    def new_page() -> float:
        c.showPage()
        pages.append(pages[-1] + 1)
        return header()

    table = Table(_COLUMNS, size=8.5, bottom=margin + 10)
    rows = [_row(i, p) for i, p in enumerate(view.parcels, start=1)]
    y = table.draw(c, margin, header(), rows, new_page)
    if y < margin + 45 * mm:
        y = new_page()
    _totals_and_signatures(c, view, margin, y - 8, page_w - 2 * margin)
    c.showPage()
    c.save()
    return buf.getvalue()


def _totals_and_signatures(
    c: Canvas,
    view: ManifestView,
    x: float,
    y: float,
    width: float,
) -> None:
    t = manifest_totals(view)
    cod = ", ".join(money_text(v, k) for k, v in t.cod_by_currency.items()) or "-"
    draw_text(
        c,
        x,
        y - 12,
        f"Colli / Parcels: {t.parcels}    Spedizioni / Shipments: "
        f"{t.shipments}    Peso totale / Total weight: {weight_text(t.weight_g)}",
        11,
        width,
        bold=True,
    )
    draw_text(c, x, y - 28, f"Totale contrassegni / COD total: {cod}", 11, width, bold=True)
    box_w = width / 2 - 10 * mm
    for i, title in enumerate(("Firma mittente / Shipper", "Firma corriere / Carrier")):
        bx = x + i * (box_w + 20 * mm)
        c.setLineWidth(0.5)
        c.rect(bx, y - 40 - 25 * mm, box_w, 25 * mm)
        draw_text(c, bx + 4, y - 52, title, 8, box_w - 8)


CSV_HEADER = (
    "carrier",
    "date",
    "order_number",
    "tracking_number",
    "parcel_no",
    "parcel_count",
    "recipient_name",
    "recipient_company",
    "street",
    "postcode",
    "city",
    "province",
    "country",
    "weight_kg",
    "cod_amount",
    "currency",
    "service",
)


def manifest_csv(view: ManifestView) -> bytes:
    """UTF-8 with BOM, ';'-separated, '.' decimals: opens in Italian Excel and parses anywhere."""
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";", lineterminator="\r\n")
    writer.writerow(CSV_HEADER)
    for p in view.parcels:
        r = p.recipient
        writer.writerow(
            [
                view.carrier,
                view.day.isoformat(),
                p.order_number,
                p.tracking_number,
                p.parcel_no,
                p.parcel_count,
                _cell(r.name),
                _cell(r.company),
                _cell(" ".join(x for x in (r.street, r.street2) if x)),
                r.postcode,
                _cell(r.city),
                r.province,
                r.country,
                f"{Decimal(p.weight_g) / 1000:.3f}",
                "" if p.cod_amount is None else f"{p.cod_amount.quantize(Decimal('0.01'))}",
                p.currency,
                p.service,
            ]
        )
    return ("\ufeff" + out.getvalue()).encode("utf-8")


def _cell(text: str) -> str:
    """No formula injection when the CSV is opened in a spreadsheet; no line breaks."""
    flat = " ".join(text.split())
    return "'" + flat if flat[:1] in ("=", "+", "-", "@") else flat


def manifest_sequence(parcels: Sequence[ManifestParcel]) -> tuple[ManifestParcel, ...]:
    """Parcels in the order a driver checks them: by order number, then parcel number."""
    return tuple(sorted(parcels, key=lambda p: (p.order_number, p.parcel_no)))
