"""Scale protocols, one module each: frames as data, an encoder for the simulator, a parser."""

from __future__ import annotations

from station.devices.protocols import cas, mtsics, nci, toledo8217, toledo_continuous
from station.devices.protocols.base import FrameKind, FrameParser, ScaleFrame, ScaleProtocol

PROTOCOLS: dict[str, ScaleProtocol] = {
    p.name: p
    for p in (
        mtsics.PROTOCOL,
        toledo8217.PROTOCOL,
        toledo_continuous.PROTOCOL,
        nci.PROTOCOL,
        cas.PROTOCOL,
    )
}

__all__ = ["PROTOCOLS", "FrameKind", "FrameParser", "ScaleFrame", "ScaleProtocol"]
