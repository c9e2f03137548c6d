"""Courier labels: 100x150 mm (4x6) for thermal printers, A6 for laser sheets; PDF and ZPL.

A label carries sender, recipient, carrier and service, weight, parcel n of N, order number,
the cash-on-delivery amount when there is one, the tracking number as Code 128 and, where the
company has a GS1 prefix, an SSCC as GS1-128 (AI 00).
"""

from __future__ import annotations

import io
import re
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from reportlab.pdfgen.canvas import Canvas

from station.labels.checkdigits import gs1_valid
from station.labels.errors import DocumentError
from station.labels.pdfdraw import (
    FNC1,
    _code128_modules,
    draw_code128,
    draw_lines,
    draw_right,
    draw_text,
    fit,
    mm,
    text_width,
    wrap,
)
from station.labels.zpl import ZplLabel, dpmm_for

SIZES_MM = {"4x6": (100.0, 150.0), "a6": (105.0, 148.0)}
_TRACKING = re.compile(r"^[A-Za-z0-9][A-Za-z0-9 ./-]{0,38}$")


@dataclass(frozen=True)
class Address:
    name: str
    company: str = ""
    street: str = ""
    street2: str = ""
    postcode: str = ""
    city: str = ""
    province: str = ""
    country: str = "IT"
    phone: str = ""
    email: str = ""

    def lines(self) -> list[str]:
        """Address lines below the name, empty ones left out."""
        town = " ".join(p for p in (self.postcode, self.city) if p)
        if self.province:
            town = f"{town} ({self.province})"
        return [ln for ln in (self.company, self.street, self.street2, town, self.country) if ln]


@dataclass(frozen=True)
class LabelView:
    sender: Address
    recipient: Address
    carrier: str
    service: str
    weight_g: int
    parcel_no: int
    parcel_count: int
    order_number: str
    tracking_number: str
    cod_amount: Decimal | None = None
    currency: str = "EUR"
    sscc: str | None = None


def validate(view: LabelView) -> None:
    """Raise DocumentError with a clear sentence when the label would be wrong or unreadable."""
    if not _TRACKING.match(view.tracking_number):
        raise DocumentError("bad_tracking_chars", tracking=view.tracking_number)
    if not 1 <= view.parcel_no <= view.parcel_count:
        raise DocumentError(
            "impossible_parcel_no", parcel_no=view.parcel_no, parcel_count=view.parcel_count
        )
    if view.weight_g < 0:
        raise DocumentError("negative_weight")
    if view.cod_amount is not None and view.cod_amount < 0:
        raise DocumentError("negative_cod")
    if view.sscc is not None and (len(view.sscc) != 18 or not gs1_valid(view.sscc)):
        raise DocumentError("bad_sscc", sscc=view.sscc)


def weight_text(weight_g: int) -> str:
    return f"{(Decimal(weight_g) / 1000).quantize(Decimal('0.01'), ROUND_HALF_UP)} kg"


def money_text(amount: Decimal, currency: str) -> str:
    return f"{currency} {amount.quantize(Decimal('0.01'), ROUND_HALF_UP)}"


def sscc_hri(sscc: str) -> str:
    """Human-readable SSCC as GS1 prints it, e.g. `(00) 1 5703538 141037517 7`."""
    return f"(00) {sscc[0]} {sscc[1:8]} {sscc[8:17]} {sscc[17]}"


# --- PDF ---------------------------------------------------------------------------------------


def label_pdf(view: LabelView, size: str = "4x6") -> bytes:
    """One label as a one-page PDF: "4x6" (100x150 mm) or "a6" (105x148 mm)."""
    if size not in SIZES_MM:
        raise DocumentError("unknown_label_size", size=size)
    validate(view)
    w, h = (v * mm for v in SIZES_MM[size])
    buf = io.BytesIO()
    c = Canvas(buf, pagesize=(w, h), pageCompression=0)
    c.setTitle(f"Label {view.order_number} {view.parcel_no}/{view.parcel_count}")
    _draw_label(c, view, w, h)
    c.showPage()
    c.save()
    return buf.getvalue()


def labels_a4_pdf(views: Sequence[LabelView]) -> bytes:
    """A6 labels four to an A4 sheet (2x2), for laser printers and pre-cut label paper."""
    for view in views:
        validate(view)
    aw, ah = 210 * mm, 297 * mm
    w, h = 105 * mm, 148.5 * mm
    buf = io.BytesIO()
    c = Canvas(buf, pagesize=(aw, ah), pageCompression=0)
    for i, view in enumerate(views):
        slot = i % 4
        if i and slot == 0:
            c.showPage()
        c.saveState()
        c.translate((slot % 2) * w, ah - (slot // 2 + 1) * h)
        _draw_label(c, view, w, h)
        c.restoreState()
    c.showPage()
    c.save()
    return buf.getvalue()


def _draw_label(c: Canvas, v: LabelView, w: float, h: float) -> None:
    m = 4 * mm
    inner = w - 2 * m
    c.setLineWidth(0.8)
    c.rect(m / 2, m / 2, w - m, h - m)
    top = h - m
    # Header: carrier + service, parcel n of N.
    draw_text(c, m, top - 16, v.carrier.upper(), 18, inner * 0.62, bold=True)
    draw_text(c, m, top - 28, v.service, 10, inner * 0.62)
    draw_right(c, w - m, top - 10, "COLLO / PARCEL", 6.5)
    draw_right(c, w - m, top - 32, f"{v.parcel_no}/{v.parcel_count}", 22, bold=True)
    top -= 14 * mm
    c.line(m, top, w - m, top)
    # Sender.
    draw_text(c, m, top - 9, "MITTENTE / FROM", 6.5, inner)
    y = draw_lines(
        c,
        m,
        top - 18,
        [v.sender.name, *v.sender.lines()[:3]],
        7.5,
        inner,
        leading=8.6,
        bold_first=True,
    )
    top -= 19 * mm
    c.line(m, top, w - m, top)
    _draw_recipient(c, v.recipient, m, top, inner)
    _draw_info_row(c, v, m, 56 * mm, inner)
    _draw_codes(c, v, m, inner)
    del y


def _draw_recipient(c: Canvas, r: Address, x: float, top: float, width: float) -> None:
    draw_text(c, x, top - 10, "DESTINATARIO / TO", 7, width)
    y = top - 27
    for line in wrap(r.name, width, 15, max_lines=2, bold=True):
        draw_text(c, x, y, line, 15, width, bold=True)
        y -= 17
    for line in (r.company, r.street, r.street2):
        if line.strip():
            draw_text(c, x, y, line, 11, width)
            y -= 13
    town = " ".join(p for p in (r.postcode, r.city) if p)
    town = f"{town} ({r.province})" if r.province else town
    draw_text(c, x, y - 2, f"{town}  {r.country}".strip(), 14, width, bold=True)
    if r.phone:
        draw_text(c, x, y - 16, f"Tel. {r.phone}", 9, width)


def _draw_info_row(c: Canvas, v: LabelView, x: float, y: float, width: float) -> None:
    c.line(x, y + 14 * mm, x + width, y + 14 * mm)
    c.line(x, y, x + width, y)
    third = width / 3
    draw_text(c, x, y + 9 * mm, "PESO / WEIGHT", 6.5, third)
    draw_text(c, x, y + 3 * mm, weight_text(v.weight_g), 13, third - 4, bold=True)
    draw_text(c, x + third, y + 9 * mm, "ORDINE / ORDER", 6.5, third)
    draw_text(c, x + third, y + 3 * mm, v.order_number, 13, third - 4, bold=True)
    if v.cod_amount is not None:
        bx = x + 2 * third
        c.rect(bx, y + 1 * mm, third, 12 * mm, stroke=0, fill=1)
        c.setFillGray(1)
        draw_text(c, bx + 4, y + 9 * mm, "CONTRASSEGNO / COD", 6.5, third - 6)
        amount = money_text(v.cod_amount, v.currency)
        # Set smaller, never cut: a cut amount is another amount to the courier.
        size = min(11.0, 10.8 * (third - 6) / text_width(amount, 11, bold=True))
        draw_text(c, bx + 4, y + 3 * mm, amount, size, third - 6, bold=True)
        c.setFillGray(0)


def _draw_codes(c: Canvas, v: LabelView, x: float, width: float) -> None:
    used = draw_code128(c, x, 33 * mm, v.tracking_number, width, 21 * mm)
    hri = fit(v.tracking_number, width, 12, bold=True)
    draw_text(c, x + (used - _text_w(hri, 12)) / 2, 28.5 * mm, hri, 12, width, bold=True)
    if v.sscc:
        draw_text(c, x, 25 * mm, "SSCC", 6.5, width)
        used = draw_code128(c, x, 9 * mm, FNC1 + "00" + v.sscc, width, 15 * mm, 0.4)
        label = sscc_hri(v.sscc)
        draw_text(c, x + (used - _text_w(label, 9)) / 2, 5 * mm, label, 9, width)


def _text_w(text: str, size: float) -> float:
    from station.labels.pdfdraw import text_width

    return text_width(text, size, bold=True)


# --- ZPL ---------------------------------------------------------------------------------------


def label_zpl(view: LabelView, dpi: int = 203) -> bytes:
    """The same label as ZPL II for a 100x150 mm roll at 203 or 300 dpi (ASCII bytes)."""
    validate(view)
    z = ZplLabel(100, 150, dpmm_for(dpi))
    z.box(2, 2, 96, 146, 0.4)
    z.text(4, 4, view.carrier.upper(), 6, 62, bold=True)
    z.text(4, 11, view.service, 3.5, 62)
    z.text(70, 4, "COLLO / PARCEL", 2.2, 26)
    z.text(70, 8, f"{view.parcel_no}/{view.parcel_count}", 7, 26, bold=True)
    z.box(2, 16, 96, 0, 0.3)
    _zpl_address(z, view)
    _zpl_info(z, view)
    modules = _code128_modules(view.tracking_number)
    z.code128(4, 96, view.tracking_number, modules, 20, 92)
    z.text(4, 117.5, view.tracking_number, 4, 92, bold=True)
    if view.sscc:
        z.text(4, 123, "SSCC", 2.2, 20)
        z.code128(
            4, 126, "00" + view.sscc, _code128_modules(FNC1 + "00" + view.sscc), 14, 92, gs1=True
        )
        z.text(4, 141, sscc_hri(view.sscc), 3, 92)
    return z.render()


def _zpl_address(z: ZplLabel, v: LabelView) -> None:
    z.text(4, 18, "MITTENTE / FROM", 2.2, 92)
    y = 21.0
    for i, line in enumerate([v.sender.name, *v.sender.lines()[:3]]):
        z.text(4, y, line, 2.8, 92, bold=i == 0)
        y += 3.4
    z.box(2, 35, 96, 0, 0.3)
    z.text(4, 37, "DESTINATARIO / TO", 2.5, 92)
    y = 41.0
    for line in _split_name(v.recipient.name):
        z.text(4, y, line, 5.5, 92, bold=True)
        y += 6.2
    for line in (v.recipient.company, v.recipient.street, v.recipient.street2):
        if line.strip():
            z.text(4, y, line, 4.2, 92)
            y += 4.8
    r = v.recipient
    town = " ".join(p for p in (r.postcode, r.city) if p)
    town = f"{town} ({r.province})" if r.province else town
    z.text(4, y + 0.5, f"{town}  {r.country}".strip(), 5.2, 92, bold=True)
    if r.phone:
        z.text(4, y + 6.5, f"Tel. {r.phone}", 3.2, 92)


def _split_name(name: str) -> list[str]:
    """A long name on two lines at a word boundary; the writer cuts what is still too long."""
    words = name.split()
    if len(name) <= 28 or len(words) < 2:
        return [name]
    half, first = len(name) // 2, ""
    for word in words:
        if first and len(first) + len(word) > max(half, 28):
            break
        first = f"{first} {word}".strip()
    return [first, name[len(first) :].strip()]


def _zpl_info(z: ZplLabel, v: LabelView) -> None:
    z.box(2, 79, 96, 0, 0.3)
    z.box(2, 93, 96, 0, 0.3)
    z.text(4, 81, "PESO / WEIGHT", 2.2, 30)
    z.text(4, 85, weight_text(v.weight_g), 5, 30, bold=True)
    z.text(35, 81, "ORDINE / ORDER", 2.2, 30)
    z.text(35, 85, v.order_number, 5, 30, bold=True)
    if v.cod_amount is not None:
        z.reverse_box(
            65,
            80,
            32,
            12,
            [("CONTRASSEGNO / COD", 2.4), (money_text(v.cod_amount, v.currency), 5.0)],
        )
