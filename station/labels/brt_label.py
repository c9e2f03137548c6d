"""BRT's own parcel label, drawn by Station for customers who print it themselves (BRT's use
cases UC1/UC3), after the layout of BRT's documented sample (reference §1.9): the arrival
depot large and reversed, the delivery zone in a reversed box, the departure depot, the service
type, the consignee, reference and date, parcel n of N and weight, and the 18-digit parcel ID as
Code 128 (subset C) above its series and number ("04-0321 962").

95 x 65 mm, the size BRT's label-parameter page gives. Pure functions, view model to bytes.
"""

from __future__ import annotations

import datetime as dt
import io
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from reportlab.pdfgen.canvas import Canvas

from station.labels.courier import Address
from station.labels.errors import DocumentError
from station.labels.pdfdraw import _code128_modules, draw_code128, draw_text, mm
from station.labels.zpl import ZplLabel, dpmm_for

WIDTH_MM, HEIGHT_MM = 95, 65


@dataclass(frozen=True)
class BrtLabelView:
    parcel_id: str  # 18 digits: the barcode and the tracking number
    departure_depot: int
    arrival_terminal: str
    arrival_depot: str
    delivery_zone: str
    series: int
    number: int  # the parcel's number in the series
    service_type: str  # "C" standard, "E" priority, "H" 10:30
    reference: str  # the sender's reference: the order number
    day: dt.date
    consignee: Address
    parcel_no: int
    parcel_count: int
    weight_g: int
    cod_amount: Decimal | None = None
    currency: str = "EUR"


def validate(view: BrtLabelView) -> None:
    if len(view.parcel_id) != 18 or not view.parcel_id.isdigit():
        raise DocumentError("brt_parcel_id_bad", value=view.parcel_id)


def series_text(view: BrtLabelView) -> str:
    """Series and number as BRT prints them under the barcode: "04-0321 962"."""
    digits = f"{view.number:07d}"
    return f"{view.series:02d}-{digits[:4]} {digits[4:]}"


def weight_text(weight_g: int) -> str:
    kg = (Decimal(max(weight_g, 100)) / 1000).quantize(Decimal("0.1"), ROUND_HALF_UP)
    return "KG. " + str(kg).replace(".", ",")


def cod_text(view: BrtLabelView) -> str:
    if not view.cod_amount:
        return ""
    amount = view.cod_amount.quantize(Decimal("0.01"), ROUND_HALF_UP)
    return f"CONTRASSEGNO {view.currency} " + str(amount).replace(".", ",")


def _lines(view: BrtLabelView) -> tuple[str, str, str, str]:
    c = view.consignee
    town = " ".join(p for p in (c.postcode, c.city.upper(), c.province) if p)
    reference = f"Rif.: {view.reference}   {view.day:%d/%m/%Y}"
    return (c.company or c.name).upper(), c.street.upper(), town, reference


# --- PDF ---------------------------------------------------------------------------------------


def brt_label_pdf(view: BrtLabelView) -> bytes:
    validate(view)
    buf = io.BytesIO()
    c = Canvas(buf, pagesize=(WIDTH_MM * mm, HEIGHT_MM * mm), pageCompression=0)
    c.setTitle(f"BRT {view.parcel_id}")
    _pdf_routing(c, view)
    name, street, town, reference = _lines(view)
    draw_text(c, 3 * mm, 43 * mm, name, 8.5, 89 * mm, bold=True)
    draw_text(c, 3 * mm, 39.5 * mm, street, 7.5, 89 * mm)
    draw_text(c, 3 * mm, 36 * mm, town, 8.5, 89 * mm, bold=True)
    draw_text(c, 3 * mm, 32 * mm, reference, 7, 50 * mm)
    parcel = f"{view.parcel_no}-{view.parcel_count}   {weight_text(view.weight_g)}"
    draw_text(c, 55 * mm, 32 * mm, parcel, 8, 37 * mm, bold=True)
    if view.cod_amount:
        draw_text(c, 3 * mm, 28.5 * mm, cod_text(view), 8, 89 * mm, bold=True)
    draw_code128(c, 2 * mm, 8.5 * mm, view.parcel_id, 91 * mm, 18 * mm)
    draw_text(c, 3 * mm, 3.5 * mm, series_text(view), 10, 40 * mm, bold=True)
    draw_text(c, 50 * mm, 3.5 * mm, view.parcel_id, 7, 42 * mm)
    c.showPage()
    c.save()
    return buf.getvalue()


def _pdf_routing(c: Canvas, view: BrtLabelView) -> None:
    """Arrival depot and zone white on black, as BRT's sample (^FR) prints them."""
    c.rect(2 * mm, 49 * mm, 30 * mm, 14 * mm, stroke=0, fill=1)
    c.rect(34 * mm, 49 * mm, 16 * mm, 14 * mm, stroke=0, fill=1)
    c.setFillGray(1)
    draw_text(c, 4 * mm, 51.5 * mm, view.arrival_depot, 30, 27 * mm, bold=True)
    draw_text(c, 35 * mm, 51.5 * mm, view.delivery_zone, 28, 15 * mm, bold=True)
    c.setFillGray(0)
    draw_text(c, 53 * mm, 57 * mm, f"{view.departure_depot:03d}", 14, 20 * mm, bold=True)
    draw_text(c, 53 * mm, 51 * mm, f"T. {view.arrival_terminal}", 8, 20 * mm)
    c.rect(79 * mm, 49 * mm, 14 * mm, 14 * mm, stroke=1, fill=0)
    draw_text(c, 82 * mm, 51.5 * mm, view.service_type, 28, 10 * mm, bold=True)


# --- ZPL ---------------------------------------------------------------------------------------


def brt_label_zpl(view: BrtLabelView, dpi: int = 203) -> bytes:
    validate(view)
    z = ZplLabel(WIDTH_MM, HEIGHT_MM, dpmm_for(dpi))
    z.reverse_box(2, 2, 30, 14, [(view.arrival_depot, 11)])
    z.reverse_box(34, 2, 16, 14, [(view.delivery_zone, 11)])
    z.text(53, 2.5, f"{view.departure_depot:03d}", 6, 20, bold=True)
    z.text(53, 10.5, f"T. {view.arrival_terminal}", 3, 20)
    z.box(79, 2, 14, 14)
    z.text(82, 3.5, view.service_type, 10, 9, bold=True)
    name, street, town, reference = _lines(view)
    z.text(3, 18.5, name, 3.6, 89, bold=True)
    z.text(3, 23, street, 3.1, 89)
    z.text(3, 27, town, 3.6, 89, bold=True)
    z.text(3, 31.5, reference, 2.8, 50)
    parcel = f"{view.parcel_no}-{view.parcel_count}   {weight_text(view.weight_g)}"
    z.text(55, 31.5, parcel, 3.2, 37, bold=True)
    if view.cod_amount:
        z.text(3, 35, cod_text(view), 3, 89, bold=True)
    z.code128(2, 39, view.parcel_id, _code128_modules(view.parcel_id), 16, 91)
    z.text(3, 57.5, series_text(view), 4.5, 40, bold=True)
    z.text(50, 58.5, view.parcel_id, 2.8, 42)
    return z.render()
