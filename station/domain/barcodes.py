"""What a scanned code says: symbology, GTIN, GS1 data (lot, expiry, serial).

Both scanner paths (keyboard wedge and serial) end here, so the same code gives the same result
whichever way it arrived. GS1 parsing is done by `biip`.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

import biip

from station.domain.layouts import fix_layout

__all__ = [
    "AIM_SYMBOLOGIES",
    "GS",
    "ScannedCode",
    "decode_scan",
    "decode_typed",
    "fix_layout",
    "gtin_check_digit",
    "normalize_code",
    "symbology_name",
]

GS = "\x1d"
# Scanners in "GS1 mode" without a real GS character often send one of these instead.
_GS_STANDINS = ("<GS>", "{GS}", "\\x1d", "~1")
_AIM_PREFIX = re.compile(r"^\][A-Za-z][0-9A-Za-z]")
_GS1_AIM = {"]C1", "]e0", "]d2", "]Q3", "]J1"}

# AIM / ISO/IEC 15424 symbology identifiers a scanner can put before the data.
AIM_SYMBOLOGIES = {
    "]E0": "EAN-13/UPC",
    "]E1": "EAN/UPC 2-digit add-on",
    "]E2": "EAN/UPC 5-digit add-on",
    "]E3": "EAN/UPC with add-on",
    "]E4": "EAN-8",
    "]I0": "ITF",
    "]I1": "ITF-14",
    "]C0": "Code 128",
    "]C1": "GS1-128",
    "]A0": "Code 39",
    "]e0": "GS1 DataBar",
    "]e1": "GS1 Composite",
    "]e2": "GS1 Composite",
    "]d1": "Data Matrix",
    "]d2": "GS1 DataMatrix",
    "]Q1": "QR Code",
    "]Q3": "GS1 QR Code",
    "]L0": "PDF417",
    "]z0": "Aztec",
    "]J1": "GS1 DotCode",
}
_AIM_FAMILIES = {
    "A": "Code 39",
    "C": "Code 128",
    "E": "EAN/UPC",
    "I": "ITF",
    "L": "PDF417",
    "Q": "QR Code",
    "d": "Data Matrix",
    "e": "GS1 DataBar",
    "z": "Aztec",
}


def symbology_name(aim: str | None) -> str | None:
    """A readable name for an AIM identifier (`]C1` -> GS1-128), by family when not listed."""
    if aim is None:
        return None
    return AIM_SYMBOLOGIES.get(aim) or _AIM_FAMILIES.get(aim[1:2])


@dataclass(frozen=True)
class ScannedCode:
    """A decoded scan. `key` is what catalogue lookups use: a GTIN-14 for GTINs, else the text."""

    raw: str
    text: str
    aim: str | None = None
    gtin14: str | None = None
    lot: str | None = None
    expiry: dt.date | None = None
    serial: str | None = None
    is_gs1: bool = False
    symbology: str | None = None  # from the AIM prefix, e.g. "GS1-128"

    @property
    def key(self) -> str:
        return self.gtin14 if self.gtin14 else self.text


def normalize_code(text: str) -> str:
    """The lookup key of a barcode as stored in the catalogue (GTIN-14 for valid GTINs)."""
    gtin = _gtin14(text)
    return gtin if gtin else text.strip()


def decode_scan(raw: str) -> ScannedCode:
    """Decode one scan as the scanner sent it, terminator already removed."""
    text = raw.strip("\r\n\t ")
    for standin in _GS_STANDINS:
        text = text.replace(standin, GS)
    aim = None
    match = _AIM_PREFIX.match(text)
    if match:
        aim = match.group(0)
        text = text[len(aim) :]
    if aim in _GS1_AIM or _looks_like_gs1(text):
        gs1 = _decode_gs1(raw, text, aim)
        if gs1 is not None:
            return gs1
    text = text.replace(GS, "")
    symbology = symbology_name(aim)
    return ScannedCode(raw=raw, text=text, aim=aim, gtin14=_gtin14(text), symbology=symbology)


def decode_typed(text: str, scanner_layout: str = "us", system_layout: str = "us") -> ScannedCode:
    """A keyboard-wedge scan: undo the layout mismatch, then decode like a serial scan."""
    return decode_scan(fix_layout(text, scanner=scanner_layout, system=system_layout))


def _decode_gs1(raw: str, text: str, aim: str | None) -> ScannedCode | None:
    try:
        result = biip.parse(text)
    except Exception:
        return None
    message = result.gs1_message
    if message is None:
        return None
    values: dict[str, str] = {}
    expiry: dt.date | None = None
    for element in message.element_strings:
        values[element.ai.ai] = element.value
        if element.ai.ai == "17" and element.date is not None:
            expiry = element.date
    gtin = values.get("01") or values.get("02")
    return ScannedCode(
        raw=raw,
        text=text.replace(GS, ""),
        aim=aim,
        gtin14=gtin.zfill(14) if gtin else None,
        lot=values.get("10"),
        expiry=expiry,
        serial=values.get("21"),
        is_gs1=True,
        symbology=symbology_name(aim),
    )


def _looks_like_gs1(text: str) -> bool:
    # Without an AIM prefix, a GS1 element string still starts with AI 01/02 and 14 digits.
    return len(text) > 16 and text[:2] in ("01", "02") and text[2:16].isdigit()


def _gtin14(text: str) -> str | None:
    if not text.isdigit() or len(text) not in (8, 12, 13, 14):
        return None
    digits = text.zfill(14)
    return digits if gtin_check_digit(digits[:-1]) == int(digits[-1]) else None


def gtin_check_digit(body: str) -> int:
    """GS1 mod-10 check digit for the digits before it (any GTIN length, SSCC too)."""
    total = sum(int(d) * (3 if i % 2 == 0 else 1) for i, d in enumerate(reversed(body)))
    return (10 - total % 10) % 10
