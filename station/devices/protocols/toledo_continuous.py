"""Mettler Toledo standard continuous output: `STX SWA SWB SWC WWWWWW TTTTTT CR [CHK]`, ~10 Hz.

Digits carry no point and no sign: status word A gives the decimal position, B the sign, motion,
out-of-range and lb/kg, C grams. Whether a checksum byte follows CR is a terminal setting; the
parser learns it from the first frame (the byte after CR is either STX or the checksum).
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from station.devices.protocols.base import FrameKind, ScaleFrame, ScaleProtocol, to_grams
from station.devices.protocols.registry import register_protocol
from station.devices.scale import ScaleState

NAME = "toledo-continuous"
STX, CR = 0x02, 0x0D
FRAME_LEN = 17  # STX .. CR, without the checksum

# Status word A, bits 0-2: where the decimal point sits (negative: dummy zeros).
_DECIMALS = {0: -2, 1: -1, 2: 0, 3: 1, 4: 2, 5: 3, 6: 4, 7: 5}
SWB_NET, SWB_NEGATIVE, SWB_OUT_OF_RANGE, SWB_MOTION, SWB_KG = 1, 2, 4, 8, 16
SWB_NOT_ZEROED = 64
SWC_GRAMS = 1


@dataclass(frozen=True)
class ContinuousFrame:
    """The fields of one frame, as the simulator builds them and tests read them."""

    digits: int
    tare_digits: int = 0
    decimals: int = 3
    negative: bool = False
    motion: bool = False
    out_of_range: bool = False
    unit: str = "kg"  # kg, lb or g
    net: bool = False


def encode(frame: ContinuousFrame, checksum: bool = True) -> bytes:
    code = {v: k for k, v in _DECIMALS.items()}[frame.decimals]
    swa = 0x20 | 0x08 | code  # increment size x1
    swb = 0x20 | (SWB_NET if frame.net else 0) | (SWB_NEGATIVE if frame.negative else 0)
    swb |= (SWB_OUT_OF_RANGE if frame.out_of_range else 0) | (SWB_MOTION if frame.motion else 0)
    swb |= SWB_KG if frame.unit == "kg" else 0
    swc = 0x20 | (SWC_GRAMS if frame.unit == "g" else 0)
    body = bytes([STX, swa, swb, swc]) + f"{frame.digits:06d}{frame.tare_digits:06d}".encode()
    body += bytes([CR])
    return body + bytes([(-sum(body)) & 0x7F]) if checksum else body


def encode_grams(grams: int, motion: bool = False, checksum: bool = True) -> bytes:
    """A kg frame with three decimals, the usual setting of a parcel scale."""
    return encode(ContinuousFrame(abs(grams), negative=grams < 0, motion=motion), checksum)


class ToledoContinuousParser:
    def __init__(self) -> None:
        self._buffer = b""
        self.checksum: bool | None = None  # None until the first frame tells
        self.garbage_bytes = 0
        self.frames = 0

    def feed(self, data: bytes) -> list[ScaleFrame]:
        self._buffer += data
        out: list[ScaleFrame] = []
        while self._step(out):
            pass
        return out

    def _step(self, out: list[ScaleFrame]) -> bool:
        start = self._buffer.find(bytes([STX]))
        if start < 0:
            self._drop(len(self._buffer))
            return False
        self._drop(start)
        if len(self._buffer) < FRAME_LEN:
            return False
        if self._buffer[FRAME_LEN - 1] != CR:
            self._drop(1)
            return True
        length = self._frame_length()
        if length is None:
            return False
        self._take(self._buffer[:length], out)
        self._buffer = self._buffer[length:]
        return True

    def _frame_length(self) -> int | None:
        if self.checksum is None:
            if len(self._buffer) == FRAME_LEN:
                return None  # wait for the next byte to learn the format
            self.checksum = self._buffer[FRAME_LEN] != STX
        return FRAME_LEN + 1 if self.checksum else FRAME_LEN

    def _drop(self, count: int) -> None:
        self.garbage_bytes += count
        self._buffer = self._buffer[count:]

    def _take(self, raw: bytes, out: list[ScaleFrame]) -> None:
        frame = None
        if len(raw) == FRAME_LEN or sum(raw) & 0x7F == 0:
            frame = decode_frame(raw[:FRAME_LEN])
        if frame is None:
            self.garbage_bytes += len(raw)
            return
        self.frames += 1
        out.append(frame)


def decode_frame(raw: bytes) -> ScaleFrame | None:
    """One frame without its checksum, or None when it is not a valid frame."""
    swa, swb, swc = (b & 0x7F for b in raw[1:4])
    digits, tare = raw[4:10], raw[10:16]
    if not (swa & 0x20 and digits.isdigit() and tare.isdigit()):
        return None
    unit = "g" if swc & SWC_GRAMS else ("kg" if swb & SWB_KG else "lb")
    sign = -1 if swb & SWB_NEGATIVE else 1
    grams = _grams(int(digits), _DECIMALS[swa & 7], unit)
    tare_g = _grams(int(tare), _DECIMALS[swa & 7], unit)
    if grams is None:
        return None
    return ScaleFrame(FrameKind.READING, _state(swb), sign * grams, tare_g=tare_g)


def _grams(digits: int, decimals: int, unit: str) -> int | None:
    value = Decimal(digits).scaleb(-decimals)
    return to_grams(str(value), unit)


def _state(swb: int) -> ScaleState:
    if swb & SWB_OUT_OF_RANGE:
        return ScaleState.UNDERLOAD if swb & SWB_NEGATIVE else ScaleState.OVERLOAD
    if swb & SWB_NOT_ZEROED:
        return ScaleState.ERROR
    return ScaleState.MOTION if swb & SWB_MOTION else ScaleState.STABLE


PROTOCOL = ScaleProtocol(name=NAME, new_parser=ToledoContinuousParser, bytesize=7, parity="E")

register_protocol(PROTOCOL)
