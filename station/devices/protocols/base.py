"""What every scale protocol shares: the frame a parser yields, units, and the protocol's card.

A protocol module holds its frames as data (the bytes a host sends, the bytes a scale answers),
an `encode_*` side used by the simulator, and a small incremental parser. Parsers never raise on
bad input: bytes they cannot place are dropped and counted in `garbage_bytes`, because a serial
line always carries some noise and a scale that babbles must not take the bench down.
"""

from __future__ import annotations

import enum
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import Protocol

from station.devices.scale import ScaleState

GRAMS_PER_UNIT: dict[str, Decimal] = {
    "g": Decimal(1),
    "kg": Decimal(1000),
    "lb": Decimal("453.59237"),
    "oz": Decimal("28.349523125"),
}


class FrameKind(enum.StrEnum):
    READING = "reading"  # a weight, or a state instead of one (motion, overload...)
    DONE = "done"  # a zero or tare command was carried out
    REFUSED = "refused"  # a command was understood but not carried out
    BUSY = "busy"  # the scale could not answer now (MT-SICS `S I`); ask again
    INFO = "info"  # identification, probe echo: proof of life, nothing to show


@dataclass(frozen=True)
class ScaleFrame:
    """One complete message from a scale.

    `flagged` says whether the scale itself stated stable/motion; when False (Toledo 8217 weight
    replies) the driver decides stability from N equal consecutive readings.
    """

    kind: FrameKind
    state: ScaleState = ScaleState.STABLE
    grams: int | None = None
    detail: str = ""
    flagged: bool = True
    tare_g: int | None = None


class FrameParser(Protocol):
    garbage_bytes: int
    frames: int

    def feed(self, data: bytes) -> list[ScaleFrame]: ...


@dataclass(frozen=True)
class ScaleProtocol:
    """How to talk to one kind of scale: line settings, commands, and its parser."""

    name: str
    new_parser: Callable[[], FrameParser]
    baudrate: int = 9600
    bytesize: int = 8
    parity: str = "N"
    start: bytes = b""  # sent once after the port opens (e.g. start a stream)
    poll: bytes = b""  # sent to ask for a weight; empty for streaming scales
    zero: bytes = b""
    tare: bytes = b""
    probe: bytes = b""  # what `--protocol auto` sends; empty means listen only
    probe_end: bytes = b""  # sent after a successful probe, to leave a probe mode


def to_grams(value: str, unit: str) -> int | None:
    """A weight as the scale printed it (`-1.250`, `kg`) in whole grams, or None if unreadable."""
    factor = GRAMS_PER_UNIT.get(unit.strip().lower())
    if factor is None:
        return None
    try:
        number = Decimal(value.replace(" ", ""))
    except InvalidOperation:
        return None
    if not number.is_finite():
        return None
    return int((number * factor).to_integral_value())


def ascii_text(data: bytes) -> str:
    return data.decode("ascii", errors="replace")


class LineParser:
    """Splits a byte stream on a terminator and hands each line to `parse_line`.

    Lines longer than `max_line` are dropped as garbage so a stream without terminators cannot
    grow memory without bound.
    """

    def __init__(self, terminator: bytes, max_line: int = 64) -> None:
        self._terminator = terminator
        self._max_line = max_line
        self._buffer = b""
        self.garbage_bytes = 0
        self.frames = 0

    def feed(self, data: bytes) -> list[ScaleFrame]:
        self._buffer += data
        out: list[ScaleFrame] = []
        while True:
            line, sep, rest = self._buffer.partition(self._terminator)
            if not sep:
                break
            self._buffer = rest
            self._take(line, out)
        if len(self._buffer) > self._max_line:
            self.garbage_bytes += len(self._buffer)
            self._buffer = b""
        return out

    def _take(self, line: bytes, out: list[ScaleFrame]) -> None:
        frame = self.parse_line(line) if len(line) <= self._max_line else None
        if frame is None:
            self.garbage_bytes += len(line) + len(self._terminator)
            return
        self.frames += 1
        out.append(frame)

    def parse_line(self, line: bytes) -> ScaleFrame | None:
        raise NotImplementedError


class FramedParser:
    """Frames that open with a `start` byte and close with an `end` byte (`STX ... CR`,
    `LF ... ETX`); each whole frame, both bytes included, goes to `parse_frame`.

    Bytes before a start byte are garbage; an unclosed frame longer than `max_frame` loses its
    start byte so a babbling line cannot grow memory, and the search starts again after it.
    """

    def __init__(self, start: bytes, end: bytes, max_frame: int) -> None:
        self._start = start
        self._end = end
        self._max_frame = max_frame
        self._buffer = b""
        self.garbage_bytes = 0
        self.frames = 0

    def feed(self, data: bytes) -> list[ScaleFrame]:
        self._buffer += data
        out: list[ScaleFrame] = []
        while self._buffer:
            start = self._buffer.find(self._start)
            if start < 0:
                self._drop(len(self._buffer))
                break
            self._drop(start)
            end = self._buffer.find(self._end, len(self._start))
            if end < 0:
                if len(self._buffer) > self._max_frame:
                    self._drop(1)
                    continue
                break
            raw, self._buffer = self._buffer[: end + 1], self._buffer[end + 1 :]
            frame = self.parse_frame(raw)
            if frame is None:
                self.garbage_bytes += len(raw)
                continue
            self.frames += 1
            out.append(frame)
        return out

    def _drop(self, count: int) -> None:
        self.garbage_bytes += count
        self._buffer = self._buffer[count:]

    def parse_frame(self, raw: bytes) -> ScaleFrame | None:
        raise NotImplementedError
