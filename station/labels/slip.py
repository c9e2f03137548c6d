"""Packing slip (A4 or A5): what is in the parcel, what is still to pack, what was declared short
(and follows as a backorder), and a barcode that opens the order at any bench (`ORD` + order
number). A unit not scanned yet is not missing: only a unit declared short is."""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Sequence
from dataclasses import dataclass

from reportlab.lib.pagesizes import A4, A5
from reportlab.pdfgen.canvas import Canvas

from station.labels.courier import Address
from station.labels.errors import DocumentError
from station.labels.pdfdraw import draw_code128, draw_lines, draw_text, mm, text_width
from station.labels.pdftable import Column, Table

ORDER_BARCODE_PREFIX = "ORD"


@dataclass(frozen=True)
class SlipLine:
    sku: str
    description: str
    ordered: int
    packed: int
    code: str = ""  # EAN/GTIN as scanned, shown for the customer's own checks
    short: int = 0  # declared short at the bench: sent later, as a backorder

    @property
    def to_pack(self) -> int:
        return max(0, self.ordered - self.packed - self.short)


@dataclass(frozen=True)
class SlipView:
    order_number: str
    order_date: dt.date
    ship_to: Address
    lines: Sequence[SlipLine]
    shop_name: str = ""
    carrier: str = ""
    parcel_count: int = 1
    notes: str = ""
    language: str | None = None  # None: Italian for Italian addresses, else English

    @property
    def lang(self) -> str:
        if self.language in ("it", "en"):
            return self.language
        return "it" if self.ship_to.country.upper() in ("IT", "SM", "VA") else "en"


_WORDS = {
    "title": ("Packing slip", "Distinta di imballo"),
    "order": ("Order", "Ordine"),
    "date": ("Date", "Data"),
    "carrier": ("Carrier", "Corriere"),
    "parcels": ("Parcels", "Colli"),
    "ship_to": ("Ship to", "Spedire a"),
    "item": ("Item", "Articolo"),
    "ordered": ("Ordered", "Ordinati"),
    "packed": ("Packed", "Imballati"),
    "to_pack": ("To pack", "Da imballare"),
    "short": ("Short", "Mancanti"),
    "units": ("Units packed", "Pezzi imballati"),
    "later": (
        "missing from stock, kept as a backorder: we will send them as soon as possible",
        "non disponibili, tenuti in arretrato: li spediremo appena possibile",
    ),
}


def _w(key: str, lang: str) -> str:
    en, it = _WORDS[key]
    return it if lang == "it" else en


def order_barcode(order_number: str) -> str:
    """What the slip's barcode carries; a bench scanning it opens the order."""
    return ORDER_BARCODE_PREFIX + order_number


def slip_pdf(view: SlipView, size: str = "a4") -> bytes:
    if size not in ("a4", "a5"):
        raise DocumentError("unknown_slip_size", size=size)
    page = A4 if size == "a4" else A5
    page_w, page_h = float(page[0]), float(page[1])
    margin = (15 if size == "a4" else 10) * mm
    width = page_w - 2 * margin
    buf = io.BytesIO()
    c = Canvas(buf, pagesize=(page_w, page_h), pageCompression=0)
    c.setTitle(f"Packing slip {view.order_number}")
    y = _head(c, view, margin, page_h - margin, width)

    def new_page() -> float:
        c.showPage()
        return _head(c, view, margin, page_h - margin, width)

    scale = width / (180 * mm)
    columns = (
        Column("SKU", 30 * mm * scale),
        Column(_w("item", view.lang), 58 * mm * scale, wrap_lines=2),
        Column(_w("ordered", view.lang), 21 * mm * scale, "right"),
        Column(_w("packed", view.lang), 22 * mm * scale, "right"),
        Column(_w("to_pack", view.lang), 27 * mm * scale, "right"),
        Column(_w("short", view.lang), 22 * mm * scale, "right"),
    )
    rows = [
        [
            ln.sku,
            ln.description,
            str(ln.ordered),
            str(ln.packed),
            str(ln.to_pack) if ln.to_pack else "",
            str(ln.short) if ln.short else "",
        ]
        for ln in view.lines
    ]
    y = Table(columns, size=9 if size == "a4" else 8, bottom=margin + 10).draw(
        c, margin, y - 4 * mm, rows, new_page
    )
    _footer(c, view, margin, y - 6 * mm, width)
    c.showPage()
    c.save()
    return buf.getvalue()


def _head(c: Canvas, v: SlipView, x: float, top: float, width: float) -> float:
    lang = v.lang
    draw_text(c, x, top - 14, _w("title", lang), 14, width * 0.55, bold=True)
    draw_text(c, x, top - 30, f"{_w('order', lang)} {v.order_number}", 12, width * 0.55, bold=True)
    info = [f"{_w('date', lang)}: {v.order_date.strftime('%d/%m/%Y')}"]
    if v.shop_name:
        info.insert(0, v.shop_name)
    if v.carrier:
        info.append(f"{_w('carrier', lang)}: {v.carrier}   {_w('parcels', lang)}: {v.parcel_count}")
    y = draw_lines(c, x, top - 46, info, 9, width * 0.55, leading=11)
    bar_w = width * 0.42
    code = order_barcode(v.order_number)
    bar_x = x + width - bar_w
    used = draw_code128(c, bar_x, top - 20 * mm, code, bar_w, 16 * mm, max_module_mm=0.4)
    draw_text(c, bar_x + (used - text_width(code, 9)) / 2, top - 24 * mm, code, 9, bar_w)
    a = v.ship_to
    draw_text(c, x, y - 8, _w("ship_to", lang), 8, width, bold=True)
    y = draw_lines(
        c, x, y - 20, [a.name, *a.lines()], 9.5, width * 0.6, leading=11.5, bold_first=True
    )
    return min(y, top - 30 * mm)


def _footer(c: Canvas, v: SlipView, x: float, y: float, width: float) -> None:
    short = sum(ln.short for ln in v.lines)
    to_pack = sum(ln.to_pack for ln in v.lines)
    lang = v.lang
    said = [f"{_w('units', lang)}: {sum(ln.packed for ln in v.lines)}"]
    if to_pack:
        said.append(f"{_w('to_pack', lang)}: {to_pack}")
    if short:
        said.append(f"{_w('short', lang)}: {short} - {_w('later', lang)}")
    for line in said:
        draw_text(c, x, y, line, 10, width, bold=True)
        y -= 14
    if v.notes:
        draw_lines(c, x, y - 2, [v.notes], 9, width)
