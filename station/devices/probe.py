"""`--protocol auto`: find which protocol a port speaks by listening, then by asking.

Streaming scales (continuous output, CAS) talk unasked, so the probe first listens with both usual
line settings; then it sends each polled protocol's harmless request. The first protocol whose
parser recognises a whole frame wins. Bounded: about 2.5 s on a silent port.
"""

from __future__ import annotations

import time
from collections.abc import Callable

from station.devices.protocols.base import FrameKind, ScaleProtocol
from station.devices.protocols.registry import PROTOCOLS
from station.devices.serial_line import open_serial

LISTEN_S = 0.4
ASK_S = 0.4
_STREAMING = ("toledo-continuous", "cas", "mt-sics")  # mt-sics too: a balance may already stream
_ASKED = ("mt-sics", "nci", "toledo-8217")  # MT-SICS first: its probe is a plain weight request


def probe_protocol(port: str, baudrate: int | None = None) -> ScaleProtocol | None:
    """The protocol the scale on `port` speaks, or None. Raises serial errors if no port."""
    for framing in ("toledo-continuous", "cas"):  # 7E1, then 8N1
        found = _listen(port, PROTOCOLS[framing], baudrate)
        if found:
            return found
    for name in _ASKED:
        if _asks(port, PROTOCOLS[name], baudrate):
            return PROTOCOLS[name]
    return None


def _listen(port: str, framing: ScaleProtocol, baudrate: int | None) -> ScaleProtocol | None:
    data = _exchange(port, framing, baudrate, b"", LISTEN_S, _two_frames)
    for name in _STREAMING:
        if _recognises(PROTOCOLS[name], data):
            return PROTOCOLS[name]
    return None


def _asks(port: str, protocol: ScaleProtocol, baudrate: int | None) -> bool:
    data = _exchange(port, protocol, baudrate, protocol.probe, ASK_S, _for(protocol))
    found = _recognises(protocol, data)
    if found and protocol.probe_end:
        _exchange(port, protocol, baudrate, protocol.probe_end, 0.05, _for(protocol))
    return found


def _exchange(
    port: str,
    protocol: ScaleProtocol,
    baudrate: int | None,
    ask: bytes,
    wait_s: float,
    enough: Callable[[bytes], bool],
) -> bytes:
    link = open_serial(port, protocol, baudrate)
    try:
        link.reset_input_buffer()
        if ask:
            link.write(ask)
        deadline, data = time.monotonic() + wait_s, b""
        while time.monotonic() < deadline:
            data += link.read(max(1, link.in_waiting))
            if enough(data):
                break
        return data
    finally:
        link.close()


def _recognises(protocol: ScaleProtocol, data: bytes) -> bool:
    frames = protocol.new_parser().feed(data)
    return any(f.kind is not FrameKind.REFUSED for f in frames)


def _for(protocol: ScaleProtocol) -> Callable[[bytes], bool]:
    return lambda data: _recognises(protocol, data)


def _two_frames(data: bytes) -> bool:
    # A stream is recognised on its second frame: the first may have started mid-frame.
    return any(len(PROTOCOLS[name].new_parser().feed(data)) >= 2 for name in _STREAMING)
