"""Fonts for PDF documents, registered on first use.

Helvetica (built into PDF) cannot draw Greek, most of Polish or Cyrillic, so a DejaVu TTF is
preferred: the system's DejaVu Sans when present, else the DejaVu Sans Mono that ships inside
python-barcode (a dependency, so every install has it). Only if neither loads do we fall back to
Helvetica, and then `printable()` replaces what it cannot draw with '?', never raising.
"""

from __future__ import annotations

import functools
import unicodedata
from dataclasses import dataclass
from pathlib import Path

_SYSTEM_DIRS = (
    Path("/usr/share/fonts/truetype/dejavu"),
    Path("/usr/share/fonts/dejavu"),
    Path("/usr/local/share/fonts"),
    Path("/Library/Fonts"),
    Path("C:/Windows/Fonts"),
)
_REGULAR = "StationSans"
_BOLD = "StationSans-Bold"


@dataclass(frozen=True)
class FontSet:
    regular: str
    bold: str
    glyphs: frozenset[int] | None  # code points the font can draw; None = Latin-1 only


def _bundled_mono() -> Path | None:
    try:
        import barcode
    except ImportError:  # pragma: no cover - python-barcode is a dependency
        return None
    path = Path(barcode.__file__).parent / "fonts" / "DejaVuSansMono.ttf"
    return path if path.is_file() else None


def _candidates() -> list[tuple[Path, Path]]:
    pairs: list[tuple[Path, Path]] = []
    for folder in _SYSTEM_DIRS:
        regular, bold = folder / "DejaVuSans.ttf", folder / "DejaVuSans-Bold.ttf"
        if regular.is_file():
            pairs.append((regular, bold if bold.is_file() else regular))
    mono = _bundled_mono()
    if mono is not None:
        pairs.append((mono, mono))
    return pairs


@functools.cache
def fonts() -> FontSet:
    """Register the best available TTF pair once; cheap on every later call."""
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    for regular, bold in _candidates():
        try:
            face = TTFont(_REGULAR, str(regular))
            pdfmetrics.registerFont(face)
            pdfmetrics.registerFont(TTFont(_BOLD, str(bold)))
        except Exception:
            continue
        return FontSet(_REGULAR, _BOLD, frozenset(face.face.charToGlyph))
    return FontSet("Helvetica", "Helvetica-Bold", None)


def _drawable(ch: str, glyphs: frozenset[int] | None) -> bool:
    if glyphs is None:
        return ord(ch) < 256
    return ord(ch) in glyphs


def printable(text: str) -> str:
    """`text` as the PDF font can draw it: controls dropped, unknown characters become '?'.

    Right-to-left runs are reversed so that Hebrew or Arabic names read in the right order
    (no Arabic shaping: letters appear in their isolated forms).
    """
    glyphs = fonts().glyphs
    out: list[str] = []
    for ch in unicodedata.normalize("NFC", text):
        cat = unicodedata.category(ch)
        if cat in ("Cc", "Cf", "Zl", "Zp"):
            out.append(" " if ch in "\t\n\r\u2028\u2029" else "")
        elif cat == "Mn" and not _drawable(ch, glyphs):
            continue
        else:
            out.append(ch if _drawable(ch, glyphs) else "?")
    return _visual_order("".join(out))


def _is_rtl(ch: str) -> bool:
    return unicodedata.bidirectional(ch) in ("R", "AL")


def _visual_order(text: str) -> str:
    if not any(_is_rtl(ch) for ch in text):
        return text
    words = text.split(" ")
    fixed = [w[::-1] if any(_is_rtl(c) for c in w) else w for w in words]
    # Reverse the order of adjacent RTL words, leaving LTR words where they are.
    result: list[str] = []
    run: list[str] = []
    for word, original in zip(fixed, words, strict=True):
        if any(_is_rtl(c) for c in original):
            run.append(word)
            continue
        result.extend(reversed(run))
        run = []
        result.append(word)
    result.extend(reversed(run))
    return " ".join(result)
