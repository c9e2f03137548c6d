"""Invoice and credit note PDF (A4), in Italian or English by the buyer's country.

The courtesy copy a customer reads; the legal document in Italy is the FatturaPA XML built from
the same view (`station.labels.fatturapa`).
"""

from __future__ import annotations

import io
from collections.abc import Callable
from decimal import Decimal

from reportlab.lib.pagesizes import A4
from reportlab.pdfgen.canvas import Canvas

from station.labels.invoice_model import (
    PAYMENT_METHODS,
    InvoiceView,
    Party,
    Totals,
    validate_invoice,
    view_totals,
)
from station.labels.pdfdraw import draw_lines, draw_right, draw_text, mm
from station.labels.pdftable import Column, Table

_WORDS = {
    "invoice": ("Invoice", "Fattura"),
    "credit_note": ("Credit note", "Nota di credito"),
    "deferred": ("Invoice (deferred)", "Fattura differita"),
    "no": ("No.", "N."),
    "date": ("Date", "Data"),
    "order": ("Order", "Ordine"),
    "bill_to": ("Bill to", "Cliente"),
    "vat_id": ("VAT no.", "P.IVA"),
    "tax_code": ("Tax code", "C.F."),
    "code": ("Code", "Codice"),
    "description": ("Description", "Descrizione"),
    "qty": ("Qty", "Q.tà"),
    "price": ("Unit price", "Prezzo unit."),
    "vat": ("VAT %", "IVA %"),
    "amount": ("Amount", "Importo"),
    "vat_summary": ("VAT summary", "Riepilogo IVA"),
    "rate": ("Rate", "Aliquota"),
    "nature": ("Nature", "Natura"),
    "taxable": ("Taxable", "Imponibile"),
    "tax": ("VAT", "Imposta"),
    "total": ("Total", "Totale documento"),
    "payment": ("Payment", "Pagamento"),
    "paid": ("paid", "pagato"),
    "rounding": ("Rounding", "Arrotondamento"),
    "cod": (
        "cash on delivery, {amount} to be collected by the courier",
        "contrassegno, {amount} da incassare alla consegna",
    ),
    "refunds": ("Refunds invoice", "Storno fattura"),
    "ddt": ("Transport document", "DDT"),
    "of": ("of", "del"),
    "page": ("Page", "Pagina"),
}


def word(key: str, lang: str) -> str:
    en, it = _WORDS[key]
    return it if lang == "it" else en


def amount_text(value: Decimal, lang: str) -> str:
    """1234.5 -> '1.234,50' in Italian, '1,234.50' in English."""
    text = f"{value:,.2f}"
    return text.replace(",", "_").replace(".", ",").replace("_", ".") if lang == "it" else text


def quantity_text(value: Decimal, lang: str) -> str:
    text = f"{value.normalize():f}"
    return text.replace(".", ",") if lang == "it" else text


def invoice_pdf(view: InvoiceView) -> bytes:
    """The invoice (or credit note) as A4 PDF bytes; raises DocumentError on bad data."""
    validate_invoice(view)
    lang = view.lang
    buf = io.BytesIO()
    page_w, page_h = float(A4[0]), float(A4[1])
    c = Canvas(buf, pagesize=A4, pageCompression=0)
    c.setTitle(f"{word(view.kind, lang)} {view.number}")
    margin = 15 * mm
    width = page_w - 2 * margin
    pages = [1]

    def footer() -> None:
        draw_right(
            c,
            page_w - margin,
            8 * mm,
            f"{word(view.kind, lang)} {view.number} - {word('page', lang)} {pages[-1]}",
            8,
        )

    def new_page() -> float:
        footer()
        c.showPage()
        pages.append(pages[-1] + 1)
        return page_h - margin

    y = _head(c, view, lang, margin, page_h - margin, width)
    y = _lines_table(c, view, lang, margin, y - 6 * mm, new_page)
    t = view_totals(view)
    if y < 70 * mm:
        y = new_page()
    _summary(c, view, t, lang, margin, y - 6 * mm, width)
    footer()
    c.showPage()
    c.save()
    return buf.getvalue()


def _party_lines(p: Party, lang: str) -> list[str]:
    ids = []
    if p.vat_id:
        ids.append(f"{word('vat_id', lang)} {p.country}{p.vat_id}")
    if p.tax_code:
        ids.append(f"{word('tax_code', lang)} {p.tax_code}")
    lines = [p.address.name, *p.address.lines(), "  ".join(ids)]
    if p.rea:
        lines.append(f"REA {p.rea}")
    if p.pec or p.sdi_code:
        lines.append(
            "  ".join(
                x
                for x in (
                    f"SDI {p.sdi_code}" if p.sdi_code else "",
                    f"PEC {p.pec}" if p.pec else "",
                )
                if x
            )
        )
    return lines


def _head(c: Canvas, v: InvoiceView, lang: str, x: float, top: float, width: float) -> float:
    half = width / 2 - 5 * mm
    draw_lines(c, x, top - 12, _party_lines(v.seller, lang), 9, half, leading=11, bold_first=True)
    right = x + width / 2 + 5 * mm
    draw_text(c, right, top - 14, word(v.kind, lang), 15, half, bold=True)
    draw_text(c, right, top - 30, f"{word('no', lang)} {v.number}", 13, half, bold=True)
    info = [f"{word('date', lang)}: {v.issue_date.strftime('%d/%m/%Y')}"]
    if v.order_number:
        info.append(f"{word('order', lang)}: {v.order_number}")
    for ref in v.related:
        info.append(
            f"{word('refunds', lang)} {ref.number} {word('of', lang)} "
            f"{ref.date.strftime('%d/%m/%Y')}"
        )
    for ref in v.ddts:
        info.append(
            f"{word('ddt', lang)} {ref.number} {word('of', lang)} {ref.date.strftime('%d/%m/%Y')}"
        )
    draw_lines(c, right, top - 46, info[:6], 9.5, half, leading=12)
    box_top = top - 42 * mm
    c.setLineWidth(0.5)
    c.rect(right - 3, box_top - 34 * mm, half + 3, 38 * mm)
    draw_text(c, right, box_top - 2, word("bill_to", lang).upper(), 7.5, half, bold=True)
    draw_lines(
        c,
        right,
        box_top - 14,
        _party_lines(v.buyer, lang)[:7],
        9.5,
        half - 6,
        leading=11.5,
        bold_first=True,
    )
    return box_top - 38 * mm


def _lines_table(
    c: Canvas,
    v: InvoiceView,
    lang: str,
    x: float,
    y: float,
    new_page: Callable[[], float],
) -> float:
    columns = (
        Column(word("code", lang), 24 * mm),
        Column(word("description", lang), 74 * mm, wrap_lines=2),
        Column(word("qty", lang), 14 * mm, "right"),
        Column(word("price", lang), 24 * mm, "right"),
        Column(word("vat", lang), 14 * mm, "right"),
        Column(f"{word('amount', lang)} {v.currency}", 30 * mm, "right"),
    )
    rows = [
        [
            ln.sku,
            ln.description,
            quantity_text(ln.quantity, lang),
            amount_text(ln.unit_price, lang)
            if ln.unit_price == ln.unit_price.quantize(Decimal("0.01"))
            else quantity_text(ln.unit_price, lang),
            ln.natura if ln.vat_rate == 0 and ln.natura else f"{ln.vat_rate.normalize():f}",
            amount_text(ln.total, lang),
        ]
        for ln in v.lines
    ]
    return Table(columns, size=8.5, bottom=18 * mm).draw(c, x, y, rows, new_page)


def _summary(
    c: Canvas,
    v: InvoiceView,
    t: Totals,
    lang: str,
    x: float,
    y: float,
    width: float,
) -> None:
    columns = (
        Column(word("rate", lang), 18 * mm, "right"),
        Column(word("nature", lang), 16 * mm),
        Column(word("taxable", lang), 28 * mm, "right"),
        Column(word("tax", lang), 26 * mm, "right"),
    )
    draw_text(c, x, y, word("vat_summary", lang), 9.5, width, bold=True)
    rows = [
        [
            f"{amount_text(vl.rate, lang)}%",
            vl.natura,
            amount_text(vl.taxable, lang),
            amount_text(vl.tax, lang),
        ]
        for vl in t.vat
    ]
    Table(columns, size=8.5, bottom=0).draw(c, x, y - 4, rows, lambda: y)
    right = x + width
    ty = y - 2
    rows_right = [("taxable", t.taxable, 10), ("tax", t.tax, 10)]
    if t.rounding:
        rows_right.append(("rounding", t.rounding, 10))
    for key, value, size in (*rows_right, ("total", t.total, 12)):
        draw_right(c, right - 36 * mm, ty, word(key, lang), size, bold=key == "total")
        draw_right(
            c, right, ty, f"{v.currency} {amount_text(value, lang)}", size, bold=key == "total"
        )
        ty -= size * 1.6
    pay = f"{word('payment', lang)}: {_payment_text(v, t, lang)}"
    low = min(ty, y - 4 - (len(rows) + 1) * 8.5 * 1.6) - 10 * mm
    draw_text(c, x, low, pay, 10, width)
    if v.notes:
        draw_lines(c, x, low - 14, [v.notes], 9, width)


def _payment_text(v: InvoiceView, t: Totals, lang: str) -> str:
    """What is true at packing time: a COD order is not paid yet, the courier collects it."""
    if v.cod:
        return word("cod", lang).format(amount=f"{v.currency} {amount_text(t.total, lang)}")
    en, it = PAYMENT_METHODS[v.payment_method]
    method = it if lang == "it" else en
    return f"{method} ({word('paid', lang)})" if v.paid else method
