"""Drawing helpers shared by the PDF documents: fitted text and barcodes that scan.

Barcodes are drawn as vector bars by reportlab. Widths are chosen from the space available, never
below `MIN_MODULE_MM`, so that a common 203 dpi printer or an office laser gives bars a scanner
reads; a code that cannot fit at that size is an error rather than an unreadable label.
"""

from __future__ import annotations

from collections.abc import Sequence

from reportlab.graphics import renderPDF
from reportlab.graphics.barcode import createBarcodeDrawing
from reportlab.graphics.barcode.code128 import Code128
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas

from station.labels.checkdigits import gs1_valid
from station.labels.errors import DocumentError
from station.labels.fonts import fonts, printable

mm: float = 72 / 25.4  # points per millimetre
MIN_MODULE_MM = 0.25
FNC1 = "\xf1"
ELLIPSIS = "…"


def text_width(text: str, size: float, bold: bool = False) -> float:
    f = fonts()
    return float(stringWidth(text, f.bold if bold else f.regular, size))


def fit(text: str, width: float, size: float, bold: bool = False) -> str:
    """`text` made printable and cut with an ellipsis so that it fits `width` points."""
    shown = printable(text)
    if text_width(shown, size, bold) <= width:
        return shown
    lo, hi = 0, len(shown)
    while lo < hi:  # longest prefix that fits with the ellipsis
        mid = (lo + hi + 1) // 2
        if text_width(shown[:mid] + ELLIPSIS, size, bold) <= width:
            lo = mid
        else:
            hi = mid - 1
    return shown[:lo].rstrip() + ELLIPSIS


def wrap(text: str, width: float, size: float, max_lines: int, bold: bool = False) -> list[str]:
    """Greedy word wrap into at most `max_lines`; the last line is cut with an ellipsis."""
    words = printable(text).split()
    lines: list[str] = []
    current = ""
    for i, word in enumerate(words):
        trial = f"{current} {word}".strip()
        if text_width(trial, size, bold) <= width or not current:
            current = trial
            continue
        lines.append(current)
        current = word
        if len(lines) == max_lines - 1:
            current = " ".join(words[i:])
            break
    if current:
        lines.append(current)
    return [fit(line, width, size, bold) for line in lines[:max_lines]]


def draw_text(
    c: Canvas, x: float, y: float, text: str, size: float, width: float, bold: bool = False
) -> None:
    f = fonts()
    c.setFont(f.bold if bold else f.regular, size)
    c.drawString(x, y, fit(text, width, size, bold))


def draw_right(
    c: Canvas, x_right: float, y: float, text: str, size: float, bold: bool = False
) -> None:
    f = fonts()
    c.setFont(f.bold if bold else f.regular, size)
    c.drawRightString(x_right, y, printable(text))


def draw_lines(
    c: Canvas,
    x: float,
    y: float,
    lines: Sequence[str],
    size: float,
    width: float,
    leading: float | None = None,
    bold_first: bool = False,
) -> float:
    """Draw lines downwards from baseline `y`; returns the baseline below the last line."""
    step = leading or size * 1.2
    for i, line in enumerate(lines):
        if line.strip():
            draw_text(c, x, y, line, size, width, bold=bold_first and i == 0)
            y -= step
    return y


def _code128_modules(value: str) -> float:
    probe = Code128(value, barWidth=1, quiet=0, humanReadable=0)
    return float(probe.width)


def check_code128(value: str) -> None:
    if not value or any(ord(ch) > 127 and ch != FNC1 for ch in value):
        raise DocumentError("barcode_not_ascii", value=value)


def draw_code128(
    c: Canvas,
    x: float,
    y: float,
    value: str,
    max_width: float,
    height: float,
    max_module_mm: float = 0.5,
) -> float:
    """Draw Code 128 (GS1-128 when `value` starts with FNC1) at (x, y) bottom-left.

    Returns the width used. Quiet zones of ten modules are left inside `max_width`.
    """
    check_code128(value)
    modules = _code128_modules(value) + 20
    module = min(max_width / modules, max_module_mm * mm)
    if module < MIN_MODULE_MM * mm:
        raise DocumentError("barcode_too_long", value=value.lstrip(FNC1))
    bars = Code128(
        value,
        barWidth=module,
        barHeight=height,
        quiet=1,
        lquiet=10 * module,
        rquiet=10 * module,
        humanReadable=0,
    )
    bars.drawOn(c, x, y)
    return float(modules * module)


def draw_ean13(c: Canvas, x: float, y: float, value: str, module_mm: float, height: float) -> float:
    """Draw an EAN-13 with its human-readable digits; returns the width used."""
    if (
        len(value) not in (12, 13)
        or not value.isdigit()
        or (len(value) == 13 and not gs1_valid(value))
    ):
        raise DocumentError("bad_ean13", value=value)
    drawing = createBarcodeDrawing(
        "EAN13",
        value=value[:12],
        barWidth=module_mm * mm,
        barHeight=height,
        fontSize=10,
        quiet=1,
    )
    renderPDF.draw(drawing, c, x, y)
    return float(drawing.width)
