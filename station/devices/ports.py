"""Serial ports by names that survive a reboot: /dev/serial/by-id links and USB VID:PID[:serial].

`/dev/ttyUSB0` changes with plug order; a scale configured as `usb:0eb8:f000` or by its by-id link
finds the same device again after a reboot or a replug, so the driver resolves the name at every
(re)connection.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from pathlib import Path

from serial.tools import list_ports

BY_ID = Path("/dev/serial/by-id")
_USB_SPEC = re.compile(r"(?:usb:)?([0-9a-fA-F]{4}):([0-9a-fA-F]{4})(?::(.+))?")


class PortNotFoundError(LookupError):
    pass


@dataclass(frozen=True)
class SerialPortInfo:
    device: str
    stable_name: str | None = None
    vid_pid: str | None = None
    serial_number: str | None = None
    description: str = ""

    @property
    def best_name(self) -> str:
        """The name to put in the settings: the by-id link when there is one."""
        return self.stable_name or (f"usb:{self.vid_pid}" if self.vid_pid else self.device)


def by_id_links(directory: Path = BY_ID) -> dict[str, str]:
    """Real device path -> its /dev/serial/by-id link."""
    if not directory.is_dir():
        return {}
    return {os.path.realpath(link): str(link) for link in sorted(directory.iterdir())}


def list_serial_ports(by_id_dir: Path = BY_ID) -> list[SerialPortInfo]:
    links = by_id_links(by_id_dir)
    return [_info(p, links) for p in sorted(list_ports.comports(), key=lambda p: p.device)]


def _info(port: list_ports.ListPortInfo, links: dict[str, str]) -> SerialPortInfo:
    vid_pid = f"{port.vid:04x}:{port.pid:04x}" if port.vid is not None else None
    return SerialPortInfo(
        device=port.device,
        stable_name=links.get(os.path.realpath(port.device)),
        vid_pid=vid_pid,
        serial_number=port.serial_number,
        description=port.description or "",
    )


def resolve_port(name: str) -> str:
    """A path pyserial can open, for a path, a by-id link or `usb:VID:PID[:SERIAL]`."""
    match = _USB_SPEC.fullmatch(name)
    if match is None:
        return name
    vid, pid, serial_number = int(match[1], 16), int(match[2], 16), match[3]
    for port in list_ports.comports():
        same_serial = serial_number is None or port.serial_number == serial_number
        if port.vid == vid and port.pid == pid and same_serial:
            return str(port.device)
    raise PortNotFoundError(name)
