"""Mettler Toledo 8217 (Ariva, Viva, retail scales): single-byte commands, 7E1, STX...CR replies.

A weight reply carries no motion flag (a moving scale answers with a status byte instead), so the
driver decides stability from N equal readings. Some scales send the weight once and then only
`?` plus an all-clear status while nothing changes: the parser repeats the last weight then.
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

NAME = "toledo-8217"
STX, CR = b"\x02", b"\r"

WEIGH = b"W"
ZERO = b"Z"
TARE = b"T"
CLEAR_TARE = b"C"
PROBE = b"Ehello"
PROBE_END = b"F"
PROBE_ECHO = b"\x02E\rhello"

MOVING, OVER_CAPACITY, NEGATIVE, OUTSIDE_ZERO_RANGE, CENTER_OF_ZERO, NET = 1, 2, 4, 8, 16, 32
_WEIGHT = re.compile(rb"\s*(-?[0-9]+(?:\.[0-9]*)?)N?")
_MAX_FRAME = 16


def encode_weight(grams: int, unit: str = "kg", net: bool = False) -> bytes:
    value = f"{grams / 1000:06.3f}" if unit == "kg" else f"{grams / 453.59237:06.2f}"
    return STX + value.encode("ascii") + (b"N" if net else b"") + CR


def encode_status(bits: int) -> bytes:
    # Bit 6 set keeps the status byte printable, as scales send it.
    return STX + b"?" + bytes([0x40 | (bits & 0x3F)]) + CR


class Toledo8217Parser(FramedParser):
    def __init__(self, unit: str = "kg") -> None:
        super().__init__(STX, CR, _MAX_FRAME)
        self._unit = unit
        self._last_grams: int | None = None

    def parse_frame(self, raw: bytes) -> ScaleFrame | None:
        return self._parse(raw[1:-1])

    def _parse(self, body: bytes) -> ScaleFrame | None:
        if body == b"E":
            return ScaleFrame(FrameKind.INFO, detail="probe echo")
        if len(body) == 2 and body[:1] == b"?":
            return self._status(body[1] & 0x3F)
        match = _WEIGHT.fullmatch(body)
        if match is None:
            return None
        grams = to_grams(match.group(1).decode("ascii"), self._unit)
        if grams is None:
            return None
        self._last_grams = grams
        return ScaleFrame(FrameKind.READING, ScaleState.STABLE, grams, flagged=False)

    def _status(self, bits: int) -> ScaleFrame:
        if bits & OVER_CAPACITY:
            return ScaleFrame(FrameKind.READING, ScaleState.OVERLOAD)
        if bits & NEGATIVE:
            return ScaleFrame(FrameKind.READING, ScaleState.UNDERLOAD)
        if bits & OUTSIDE_ZERO_RANGE:
            return ScaleFrame(FrameKind.READING, ScaleState.ERROR, detail="outside zero range")
        if bits & MOVING:
            return ScaleFrame(FrameKind.READING, ScaleState.MOTION, self._last_grams)
        if self._last_grams is None:
            return ScaleFrame(FrameKind.INFO, detail="status ok")
        return ScaleFrame(FrameKind.READING, ScaleState.STABLE, self._last_grams, flagged=False)


PROTOCOL = ScaleProtocol(
    name=NAME,
    new_parser=Toledo8217Parser,
    bytesize=7,
    parity="E",
    poll=WEIGH,
    zero=ZERO,
    tare=TARE,
    probe=PROBE,
    probe_end=PROBE_END,
)

register_protocol(PROTOCOL)
