"""A keyboard-wedge scanner seen by its device node: plugged in, or unplugged.

A wedge scanner types its scans like a keyboard, so the keystrokes cannot say that it is gone.
On Linux, udev keeps a link per USB input device under /dev/input/by-id
(`usb-<maker>_<model>_<serial>-event-kbd`) while the device is plugged in and removes it when
the device goes; the link can be seen without rights to read the device itself. The bench names
its scanner's link (`scanner_device` in station.toml) and this watch looks for it every couple
of seconds, on its own thread (a device never blocks the window), reporting each change.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from pathlib import Path

from station.devices.health import DeviceHealth, HealthLevel

BY_ID = Path("/dev/input/by-id")
POLL_S = 2.0


def wedge_devices(folder: Path = BY_ID) -> list[Path]:
    """The keyboards plugged in now (scanners among them), by their stable links."""
    try:
        return sorted(p for p in folder.iterdir() if p.name.endswith("-event-kbd"))
    except OSError:
        return []


class WedgeWatch:
    """Reports `scanner` health for the wedge scanner at `device` (a /dev/input/by-id link)."""

    def __init__(
        self,
        device: str,
        on_health: Callable[[DeviceHealth], None],
        *,
        poll_s: float = POLL_S,
    ) -> None:
        self.device = Path(device)
        self.on_health = on_health
        self.poll_s = poll_s
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None
        self._last: DeviceHealth | None = None

    @property
    def name(self) -> str:
        return self.device.name.removesuffix("-event-kbd").removeprefix("usb-")

    def health(self) -> DeviceHealth:
        fields = {"device": self.name}
        if self.device.exists():  # follows the link: present only while plugged in
            return DeviceHealth("scanner", HealthLevel.OK, "device_ok", self.name, fields)
        return DeviceHealth("scanner", HealthLevel.FAILED, "wedge_unplugged", self.name, fields)

    def start(self) -> WedgeWatch:
        self._last = self.health()
        self._thread = threading.Thread(target=self._run, name="wedge-watch", daemon=True)
        self._thread.start()
        return self

    def _run(self) -> None:
        while not self._stop.wait(self.poll_s):
            now = self.health()
            if now != self._last:
                self._last = now
                self.on_health(now)

    def close(self) -> None:
        self._stop.set()
        if self._thread is not None:
            self._thread.join(timeout=self.poll_s + 1)
