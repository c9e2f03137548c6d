"""Read documents back as a user's tools would: rasterise, decode barcodes, extract text."""

from __future__ import annotations

import shutil
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path

import pytest

HAVE_RASTER = shutil.which("pdftoppm") is not None and shutil.which("zbarimg") is not None
HAVE_PDFTOTEXT = shutil.which("pdftotext") is not None

needs_raster = pytest.mark.skipif(not HAVE_RASTER, reason="pdftoppm and zbarimg are not installed")
needs_pdftotext = pytest.mark.skipif(not HAVE_PDFTOTEXT, reason="pdftotext is not installed")


@dataclass(frozen=True)
class Decoded:
    symbology: str
    data: str
    gs1: bool


def decode_png(png: Path) -> list[Decoded]:
    """Every barcode zbarimg finds in an image (XML output, so the GS1 flag is kept)."""
    from xml.etree import ElementTree as ET

    run = subprocess.run(
        ["zbarimg", "--xml", "-q", str(png)], capture_output=True, check=False, timeout=60
    )
    if run.returncode not in (0, 4):  # 4: no symbol found
        raise AssertionError(run.stderr.decode(errors="replace"))
    found: list[Decoded] = []
    root = ET.fromstring(run.stdout or b"<barcodes/>")
    for symbol in root.iter("{http://zbar.sourceforge.net/2008/barcode}symbol"):
        data = symbol.findtext("{http://zbar.sourceforge.net/2008/barcode}data") or ""
        found.append(Decoded(symbol.get("type", ""), data, "GS1" in symbol.get("modifiers", "")))
    return found


def pdf_barcodes(pdf: bytes, dpi: int = 200) -> list[Decoded]:
    """Rasterise each page with pdftoppm and decode every barcode on it."""
    with tempfile.TemporaryDirectory() as tmp:
        src = Path(tmp) / "doc.pdf"
        src.write_bytes(pdf)
        subprocess.run(
            ["pdftoppm", "-r", str(dpi), "-gray", "-png", str(src), str(Path(tmp) / "p")],
            check=True,
            timeout=120,
        )
        found: list[Decoded] = []
        for png in sorted(Path(tmp).glob("p-*.png")):
            found.extend(decode_png(png))
        return found


def png_barcodes(png: bytes) -> list[Decoded]:
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "img.png"
        path.write_bytes(png)
        return decode_png(path)


def pdf_text(pdf: bytes) -> str:
    run = subprocess.run(
        ["pdftotext", "-layout", "-", "-"], input=pdf, capture_output=True, check=True, timeout=60
    )
    return run.stdout.decode("utf-8")


def pdf_pages(pdf: bytes) -> int:
    return pdf.count(b"/Type /Page\n") or pdf.count(b"/Type /Page ")
