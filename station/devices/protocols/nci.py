"""NCI / Weigh-Tronix / Brecknell "NCI standard" (SCP-01): `W<CR>` asks, `LF ... CR ETX` answers.

A weight reply is `LF weight unit CR LF status CR ETX`; status bytes have bits 4 and 5 always set,
so an all-clear byte is ASCII `0`. SCP-02 firmware puts an `S` before the status; both are read.
"""

from __future__ import annotations

import re

from station.devices.protocols.base import (
    FramedParser,
    FrameKind,
    ScaleFrame,
    ScaleProtocol,
    to_grams,
)
from station.devices.protocols.registry import register_protocol
from station.devices.scale import ScaleState

NAME = "nci"
LF, CR, ETX = b"\n", b"\r", b"\x03"

WEIGH = b"W\r"
STATUS = b"S\r"
ZERO = b"Z\r"
UNRECOGNISED = b"\n?\r\x03"

# Byte 1
MOTION, AT_ZERO, RAM_ERROR, EEPROM_ERROR = 1, 2, 4, 8
# Byte 2
UNDER_CAPACITY, OVER_CAPACITY, ROM_ERROR, CALIBRATION_FAULT = 1, 2, 4, 8

_WEIGHT = re.compile(r"\s*(-?\s*[0-9]*\.?[0-9]+)\s*(LB|KG|G|OZ)", re.IGNORECASE)
_LB_OZ = re.compile(r"\s*(-?[0-9]+)\s*LB\s+([0-9]*\.?[0-9]+)\s*OZ", re.IGNORECASE)
_MAX_FRAME = 40


def encode_status(byte1: int = 0, byte2: int = 0, scp02: bool = False) -> bytes:
    return (b"S" if scp02 else b"") + bytes([0x30 | byte1, 0x30 | byte2])


def encode_weight(grams: int, status: bytes = b"00", unit: str = "KG") -> bytes:
    value = f"{grams / 1000:07.3f}" if unit == "KG" else f"{grams / 453.59237:07.2f}"
    return LF + value.encode("ascii") + unit.encode("ascii") + CR + LF + status + CR + ETX


def encode_status_reply(status: bytes = b"00") -> bytes:
    return LF + status + CR + ETX


class NciParser(FramedParser):
    def __init__(self) -> None:
        super().__init__(LF, ETX, _MAX_FRAME)

    def parse_frame(self, raw: bytes) -> ScaleFrame | None:
        return decode_frame(raw) if len(raw) <= _MAX_FRAME else None


def decode_frame(raw: bytes) -> ScaleFrame | None:
    """`LF ... CR ETX`, or None when it is not a frame of this protocol."""
    if not raw.endswith(CR + ETX):
        return None
    parts = raw[1:-2].split(CR + LF)
    if parts == [b"?"]:
        return ScaleFrame(FrameKind.REFUSED, detail="command not recognised")
    state, detail = _status(parts[-1])
    if state is None:
        return None
    if len(parts) == 1:
        return ScaleFrame(FrameKind.INFO, state, detail=detail)
    if len(parts) != 2:
        return None
    return _weight(parts[0].decode("ascii", errors="replace"), state, detail)


def _weight(text: str, state: ScaleState, detail: str) -> ScaleFrame:
    grams = _grams(text)
    if grams is None and state is ScaleState.STABLE:
        # The display shows something other than a weight (e.g. a message): say what.
        return ScaleFrame(FrameKind.READING, ScaleState.ERROR, detail=f"display: {text.strip()}")
    return ScaleFrame(FrameKind.READING, state, grams, detail)


def _grams(text: str) -> int | None:
    match = _LB_OZ.fullmatch(text)
    if match:
        pounds, ounces = to_grams(match.group(1), "lb"), to_grams(match.group(2), "oz")
        return None if pounds is None or ounces is None else pounds + ounces
    match = _WEIGHT.fullmatch(text)
    return to_grams(match.group(1), match.group(2)) if match else None


def _status(raw: bytes) -> tuple[ScaleState | None, str]:
    if raw[:1] == b"S":
        raw = raw[1:]
    if len(raw) not in (2, 3) or any(b & 0x30 != 0x30 for b in raw):
        return None, ""
    byte1, byte2 = raw[0] & 0x0F, raw[1] & 0x0F
    if byte1 & (RAM_ERROR | EEPROM_ERROR) or byte2 & (ROM_ERROR | CALIBRATION_FAULT):
        return ScaleState.ERROR, f"status {raw.decode('ascii', errors='replace')}"
    if byte2 & OVER_CAPACITY:
        return ScaleState.OVERLOAD, ""
    if byte2 & UNDER_CAPACITY:
        return ScaleState.UNDERLOAD, ""
    return (ScaleState.MOTION if byte1 & MOTION else ScaleState.STABLE), ""


PROTOCOL = ScaleProtocol(name=NAME, new_parser=NciParser, poll=WEIGH, zero=ZERO, probe=WEIGH)

register_protocol(PROTOCOL)
