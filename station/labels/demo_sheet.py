"""A printable A4 sheet of barcodes to scan at a bench: commands, demo orders, demo products.

Each code is drawn at a size an ordinary handheld scanner reads from office paper (modules of
0.33 mm or more where the space allows, never under 0.25 mm) with its caption and its text.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from dataclasses import dataclass

from reportlab.lib.pagesizes import A4
from reportlab.pdfgen.canvas import Canvas

from station.labels.errors import DocumentError
from station.labels.pdfdraw import draw_code128, draw_ean13, draw_text, mm, text_width

SYMBOLOGIES = ("ean13", "code128")
_MARGIN = 15 * mm
_CELL_H = 36 * mm
_COLUMNS = 2


@dataclass(frozen=True)
class SheetCode:
    caption: str
    code: str
    symbology: str  # "ean13" or "code128" (GS1-128 when `code` starts with FNC1)
    shown: str = ""  # the human-readable line when it is not `code` itself, e.g. "(01)…(10)…"


def demo_sheet_pdf(title: str, sections: Sequence[tuple[str, Sequence[SheetCode]]]) -> bytes:
    """The sheet as PDF bytes: one titled section per heading, two codes a row, as many pages
    as needed."""
    for _, codes in sections:
        for code in codes:
            _check(code)
    buf = io.BytesIO()
    c = Canvas(buf, pagesize=A4, pageCompression=0)
    c.setTitle(title)
    page_w, page_h = float(A4[0]), float(A4[1])
    cell_w = (page_w - 2 * _MARGIN) / _COLUMNS
    y = _header(c, title, page_h)
    for heading, codes in sections:
        if y - 12 * mm - _CELL_H < _MARGIN:
            y = _new_page(c, title, page_h)
        y = _heading(c, heading, y, page_w)
        for i, code in enumerate(codes):
            col = i % _COLUMNS
            if col == 0 and i:
                y -= _CELL_H
            if y - _CELL_H < _MARGIN:
                y = _new_page(c, title, page_h)
            _cell(c, code, _MARGIN + col * cell_w, y, cell_w - 6 * mm)
        y -= _CELL_H + 4 * mm
    c.showPage()
    c.save()
    return buf.getvalue()


def _check(code: SheetCode) -> None:
    if code.symbology not in SYMBOLOGIES:
        raise DocumentError("unknown_symbology", symbology=code.symbology, caption=code.caption)


def _header(c: Canvas, title: str, page_h: float) -> float:
    draw_text(c, _MARGIN, page_h - _MARGIN - 6 * mm, title, 18, A4[0] - 2 * _MARGIN, bold=True)
    return page_h - _MARGIN - 12 * mm


def _new_page(c: Canvas, title: str, page_h: float) -> float:
    c.showPage()
    return _header(c, title, page_h)


def _heading(c: Canvas, heading: str, y: float, page_w: float) -> float:
    draw_text(c, _MARGIN, y - 6 * mm, heading, 13, page_w - 2 * _MARGIN, bold=True)
    c.setLineWidth(0.6)
    c.line(_MARGIN, y - 8 * mm, page_w - _MARGIN, y - 8 * mm)
    return y - 10 * mm


def _cell(c: Canvas, code: SheetCode, x: float, top: float, width: float) -> None:
    """Caption, bars and human-readable text; `top` is the cell's upper edge."""
    draw_text(c, x, top - 5 * mm, code.caption, 10, width, bold=True)
    bars_y = top - 25 * mm
    if code.symbology == "ean13":
        draw_ean13(c, x, bars_y - 3 * mm, code.code, 0.38, 18 * mm)
        return
    used = draw_code128(c, x, bars_y, code.code, width, 17 * mm, max_module_mm=0.4)
    shown = code.shown or code.code
    text_x = x + max(0.0, (used - text_width(shown, 10)) / 2)
    draw_text(c, text_x, bars_y - 4.5 * mm, shown, 10, width)
