"""A small ZPL II writer: coordinates in millimetres, field data always hex-escaped.

Every text field goes through `^FH` with every byte outside a safe ASCII set written as `_XX`.
A customer named `A^XZ~JR` therefore prints as typed and cannot end the label or send a command.
`^CI28` makes the escaped bytes UTF-8, so accents print on printers with a Unicode font.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass, field

from station.labels.errors import DocumentError

_SAFE = frozenset(
    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789 .,-/:;()+*#&@'\"!?=%$<>[]{}|"
)
# Zebra's font 0 has no glyph for these; a '?' is more honest than a blank.
_NO_GLYPH_CATEGORIES = frozenset({"So", "Cs", "Co", "Cn"})
DPMM = {203: 8, 300: 12}


def escape_field(text: str) -> str:
    """Field data for `^FH^FD`: safe ASCII kept, every other UTF-8 byte as `_XX`."""
    out: list[str] = []
    for ch in text:
        if ch in _SAFE:
            out.append(ch)
        else:
            out.extend(f"_{b:02X}" for b in ch.encode("utf-8"))
    return "".join(out)


def clean_text(text: str) -> str:
    """One printable line: controls and format marks dropped, symbols without glyphs as '?'."""
    from station.labels.fonts import _visual_order

    out: list[str] = []
    for ch in unicodedata.normalize("NFC", text):
        cat = unicodedata.category(ch)
        if cat in ("Cc", "Cf", "Zl", "Zp"):
            out.append(" " if ch in "\t\n\r" else "")
        elif cat in _NO_GLYPH_CATEGORIES or ord(ch) > 0xFFFF:
            out.append("?")
        else:
            out.append(ch)
    return _visual_order(" ".join("".join(out).split()))


def dpmm_for(dpi: int) -> int:
    if dpi not in DPMM:
        raise DocumentError("zpl_bad_dpi", dpi=dpi)
    return DPMM[dpi]


@dataclass
class ZplLabel:
    """Builds one `^XA…^XZ` format; all positions and sizes in millimetres."""

    width_mm: float
    height_mm: float
    dpmm: int
    parts: list[str] = field(default_factory=list)

    def d(self, value_mm: float) -> int:
        return round(value_mm * self.dpmm)

    def text(
        self,
        x: float,
        y: float,
        text: str,
        height_mm: float,
        width_mm: float,
        bold: bool = False,
        reverse: bool = False,
        shrink: bool = False,
    ) -> None:
        """One line of text at top-left (x, y), cut to fit `width_mm`; with `shrink`, set
        smaller instead (an amount cut short would be another amount)."""
        h = self.d(height_mm)
        w = h if bold else round(h * 0.85)
        line = clean_text(text)
        # Font 0 averages ~0.58 of the width setting per character; cut rather than overflow.
        max_chars = max(1, int(self.d(width_mm) / (w * 0.58)))
        if shrink and len(line) > max_chars:
            w = max(1, int(self.d(width_mm) / (len(line) * 0.58)))
            h = min(h, round(w / 0.85) if not bold else w)
            max_chars = len(line)
        if len(line) > max_chars:
            line = line[: max_chars - 3].rstrip() + "..."
        if line:
            fr = "^FR" if reverse else ""
            self.parts.append(
                f"^FO{self.d(x)},{self.d(y)}{fr}^A0N,{h},{w}^FH^FD{escape_field(line)}^FS"
            )

    def box(self, x: float, y: float, w: float, h: float, thickness_mm: float = 0.5) -> None:
        t = self.d(thickness_mm)
        self.parts.append(f"^FO{self.d(x)},{self.d(y)}^GB{self.d(w)},{self.d(h)},{t}^FS")

    def reverse_box(
        self,
        x: float,
        y: float,
        w: float,
        h: float,
        lines: list[tuple[str, float]],
    ) -> None:
        """White lines of (text, height_mm) on a black box (the cash-on-delivery amount)."""
        self.parts.append(f"^FO{self.d(x)},{self.d(y)}^GB{self.d(w)},{self.d(h)},{self.d(h)}^FS")
        top = y + 1.2
        for text, size in lines:
            self.text(x + 1.5, top, text, size, w - 3, bold=True, reverse=True, shrink=True)
            top += size + 1.2

    def code128(
        self,
        x: float,
        y: float,
        data: str,
        modules: float,
        height_mm: float,
        max_width_mm: float,
        gs1: bool = False,
    ) -> None:
        """Code 128 (or GS1-128 with FNC1 when `gs1`): module width picked to fit the space."""
        module = max(1, min(4, int(self.d(max_width_mm) / (modules + 20))))
        if module < 2 and self.dpmm == 8:
            raise DocumentError("zpl_barcode_too_long", data=data)
        payload = f">;>8{data}" if gs1 else data
        self.parts.append(f"^BY{module},3,{self.d(height_mm)}")
        self.parts.append(
            f"^FO{self.d(x) + 10 * module},{self.d(y)}^BCN,{self.d(height_mm)},N,N,N,"
            f"{'N' if gs1 else 'A'}^FD{payload}^FS"
        )

    def render(self) -> bytes:
        head = [
            "^XA",
            "^CI28",
            f"^PW{self.d(self.width_mm)}",
            f"^LL{self.d(self.height_mm)}",
            "^LH0,0",
        ]
        return ("\n".join([*head, *self.parts, "^XZ"]) + "\n").encode("ascii")


def preview_png(zpl: bytes, dpi: int = 203, width_mm: float = 100, height_mm: float = 150) -> bytes:
    """Render ZPL to PNG offline with zplkit (for the simulated printer and for tests)."""
    from zplkit import Options, render

    dots = DPMM[dpi]
    doc = render(
        zpl, Options(width=round(width_mm * dots), height=round(height_mm * dots), dpi=dpi)
    )
    png: bytes = doc.labels[0].png()
    return png
