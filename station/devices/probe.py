"""`--protocol auto`: find which protocol a port speaks by listening, then by asking.

Streaming scales (continuous output, CAS) talk unasked, so the probe first listens with both usual
line settings; then it sends each polled protocol's harmless request. The first protocol whose
parser recognises a whole frame wins. Bounded: about 2.5 s on a silent port.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable

from station.devices.protocols.base import FrameKind, ScaleProtocol
from station.devices.protocols.registry import PROTOCOLS
from station.devices.serial_line import open_serial

LISTEN_S = 0.4
ASK_S = 0.4
# The order to try the registered protocols in, learnt on real scales: continuous Toledo before
# CAS (different line settings), MT-SICS first among those asked (its probe is a plain weight
# request). A protocol registered later and not named here is tried after these.
_PREFERRED = ("toledo-continuous", "cas", "mt-sics", "nci", "toledo-8217")


def probe_protocol(port: str, baudrate: int | None = None) -> ScaleProtocol | None:
    """The protocol the scale on `port` speaks, or None. Raises serial errors if no port."""
    for framing in _framings():
        found = _listen(port, framing, baudrate)
        if found:
            return found
    for protocol in _asked():
        if _asks(port, protocol, baudrate):
            return protocol
    return None


def _in_order(protocols: Iterable[ScaleProtocol]) -> list[ScaleProtocol]:
    def rank(p: ScaleProtocol) -> int:
        return _PREFERRED.index(p.name) if p.name in _PREFERRED else len(_PREFERRED)

    return sorted(protocols, key=rank)


def _streaming() -> list[ScaleProtocol]:
    """Protocols that talk unasked (no poll command); MT-SICS too: a balance may already stream."""
    return _in_order(p for p in PROTOCOLS.values() if not p.poll)


def _asked() -> list[ScaleProtocol]:
    return _in_order(p for p in PROTOCOLS.values() if p.probe)


def _framings() -> list[ScaleProtocol]:
    """One streaming protocol per distinct line setting (7E1, then 8N1), to listen with."""
    seen: dict[tuple[int, str], ScaleProtocol] = {}
    for p in _streaming():
        seen.setdefault((p.bytesize, p.parity), p)
    return list(seen.values())


def _listen(port: str, framing: ScaleProtocol, baudrate: int | None) -> ScaleProtocol | None:
    data = _exchange(port, framing, baudrate, b"", LISTEN_S, _two_frames)
    for protocol in _streaming():
        if _recognises(protocol, data):
            return protocol
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
    return any(len(p.new_parser().feed(data)) >= 2 for p in _streaming())
