"""`--scale SPEC`: `sim`, `none`, `PROTOCOL:PORT`, `auto:PORT` or `simulator:PROTOCOL`.

The protocols come from `station.devices.protocols.registry`; this module only adds the two
specs that are not a protocol: probing a port, and the demo's pty simulator.
"""

from __future__ import annotations

import os

from station.devices.probe import probe_protocol
from station.devices.protocols.registry import PROTOCOLS, protocol_names
from station.devices.scale import Scale, ScaleSpecError, SimulatedScale
from station.devices.serialscale import SerialScale
from station.devices.simulators.scale import ScaleSimulator

_NOT_PROTOCOLS = ("auto", "simulator")
# The demo window weighs through the real serial driver, on a pty that speaks MT-SICS, so the
# demo shows what a real scale does (and what an unplugged one does). Without ptys (Windows)
# it falls back to the in-process simulation.
DEMO_SCALE = "simulator:mt-sics"


def demo_scale_spec() -> str:
    return DEMO_SCALE if hasattr(os, "openpty") else "sim"


def scale_protocols() -> list[str]:
    """What may stand before the colon of a `PROTOCOL:PORT` spec."""
    return sorted([*protocol_names(), *_NOT_PROTOCOLS])


def open_scale(spec: str) -> Scale | None:
    """The scale `spec` names, started; None for `none` (weights are typed)."""
    if spec == "sim":
        return SimulatedScale()
    if spec == "none":
        return None
    protocol, sep, port = spec.partition(":")
    if not sep or not port:
        raise ScaleSpecError(spec)
    if protocol == "auto":
        return _open_auto(port)
    if protocol == "simulator":
        return _open_simulator(port)
    if protocol not in PROTOCOLS:
        raise ScaleSpecError(spec)
    return SerialScale(port, protocol).start()


def _open_auto(port: str) -> SerialScale:
    """`auto:PORT`: probe the port once, then drive it with what answered."""
    found = probe_protocol(port)
    if found is None:
        raise ScaleSpecError(f"auto:{port}")
    return SerialScale(port, found).start()


def _open_simulator(protocol: str) -> SerialScale:
    """`simulator:PROTOCOL`: demo mode with the real driver, on a pty scale simulator."""
    if protocol not in PROTOCOLS:
        raise ScaleSpecError(f"simulator:{protocol}")
    simulator = ScaleSimulator(protocol, grams=0).start()
    scale = SerialScale(simulator.port, protocol)
    scale.simulator = simulator
    return scale.start()
