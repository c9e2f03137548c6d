"""CAS indicators' continuous stream (CI-200A/201A, CI-600, NT-200): `ST,GS,...,weight unit CRLF`.

Both the 22-byte form (device id and lamp byte after the mode) and the 18-byte "AND" form are read.
The ECR handshake protocol of CAS price-computing scales (ENQ/DC1) is a different family.
"""

from __future__ import annotations

import re

from station.devices.protocols.base import (
    FrameKind,
    LineParser,
    ScaleFrame,
    ScaleProtocol,
    to_grams,
)
from station.devices.protocols.registry import register_protocol
from station.devices.scale import ScaleState

NAME = "cas"
EOL = b"\r\n"
_STATES = {b"ST": ScaleState.STABLE, b"US": ScaleState.MOTION, b"OL": ScaleState.OVERLOAD}
_LINE = re.compile(rb"(ST|US|OL),(GS|NT),(?:..,)?([ +\-0-9.]{1,9}?) ?([a-zA-Z]{1,2})", re.DOTALL)

STABLE_LAMP = 0x80 | 0x40


def encode_line(grams: int, status: bytes = b"ST", device_id: int = 1, net: bool = False) -> bytes:
    """The 22-byte form in kg: `ST,GS,` id lamp `,` 8-character weight ` kg` CR LF."""
    weight = f"{grams / 1000:+08.3f}" if grams < 0 else f"{grams / 1000:08.3f}"
    lamp = STABLE_LAMP if status == b"ST" else 0x80
    head = status + b"," + (b"NT" if net else b"GS") + b","
    return head + bytes([0x30 + device_id, lamp]) + b"," + weight.encode() + b" kg" + EOL


class CasParser(LineParser):
    def __init__(self) -> None:
        super().__init__(EOL, max_line=32)

    def parse_line(self, line: bytes) -> ScaleFrame | None:
        match = _LINE.fullmatch(line)
        if match is None:
            return None
        state = _STATES[match.group(1)]
        unit = match.group(4).decode("ascii")
        grams = to_grams(match.group(3).decode("ascii"), unit)
        if state is ScaleState.OVERLOAD:
            return ScaleFrame(FrameKind.READING, state)
        if grams is None:
            return None
        return ScaleFrame(FrameKind.READING, state, grams)


PROTOCOL = ScaleProtocol(name=NAME, new_parser=CasParser)

register_protocol(PROTOCOL)
