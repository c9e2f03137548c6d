"""Opening a serial port with a scale protocol's line settings, shared by the driver and the probe."""

from __future__ import annotations

import os
import termios

import serial

from station.devices.ports import resolve_port
from station.devices.protocols.base import ScaleProtocol

_BYTESIZE = {7: serial.SEVENBITS, 8: serial.EIGHTBITS}
_PARITY = {"N": serial.PARITY_NONE, "E": serial.PARITY_EVEN, "O": serial.PARITY_ODD}
READ_SLICE_S = 0.02  # how long one read waits: bounds poll jitter and shutdown time


def open_serial(port: str, protocol: ScaleProtocol, baudrate: int | None) -> serial.Serial:
    device = resolve_port(port)
    try:
        return _open(device, baudrate or protocol.baudrate, protocol.bytesize, protocol.parity)
    except termios.error:
        # Pseudo-terminals are 8-bit only and may refuse 7E1; simulators live on them, so
        # fall back to 8N1 there. A real port that refuses its framing is a real error.
        if not os.path.realpath(device).startswith("/dev/pts/"):
            raise
        return _open(device, baudrate or protocol.baudrate, 8, "N")


def _open(device: str, baudrate: int, bytesize: int, parity: str) -> serial.Serial:
    return serial.Serial(
        device,
        baudrate=baudrate,
        bytesize=_BYTESIZE[bytesize],
        parity=_PARITY[parity],
        stopbits=serial.STOPBITS_ONE,
        timeout=READ_SLICE_S,
        write_timeout=1.0,
    )
