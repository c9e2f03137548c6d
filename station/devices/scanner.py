"""Serial (USB CDC / RS-232) barcode scanners: bytes in, decoded scans out, on its own thread.

The framing (prefix, suffix, terminator) is configured to match the scanner; decoding goes through
`codes.decode_scan`, the same function the keyboard-wedge path uses, so a code gives the same result
whichever way it arrives. Serial mode keeps GS separators and AIM prefixes intact.
"""

from __future__ import annotations

import contextlib
import logging
import threading
from collections.abc import Callable
from dataclasses import dataclass

import serial

from station.devices.health import DeviceHealth, HealthLevel
from station.devices.ports import PortNotFoundError, resolve_port
from station.domain.barcodes import ScannedCode, decode_scan

log = logging.getLogger(__name__)
ScanCallback = Callable[[ScannedCode], None]
HealthCallback = Callable[[DeviceHealth], None]


@dataclass(frozen=True)
class ScannerConfig:
    prefix: str = ""
    suffix: str = ""
    terminator: bytes = b"\r"
    encoding: str = "utf-8"
    max_length: int = 1024  # longer than any barcode: a line without terminator is noise


class ScanFramer:
    """Cuts the byte stream into scans and strips the configured prefix and suffix."""

    def __init__(self, config: ScannerConfig) -> None:
        self.config = config
        self._buffer = b""
        self.garbage_bytes = 0

    def feed(self, data: bytes) -> list[str]:
        self._buffer += data
        *complete, self._buffer = self._buffer.split(self.config.terminator)
        if len(self._buffer) > self.config.max_length:
            self.garbage_bytes += len(self._buffer)
            self._buffer = b""
        scans = [self._text(chunk) for chunk in complete]
        return [s for s in scans if s]

    def _text(self, chunk: bytes) -> str:
        # A CR LF scanner set to end on CR leaves the LF at the start of the next scan.
        text = chunk.strip(b"\r\n").decode(self.config.encoding, errors="replace")
        return strip_affixes(text, self.config)


def strip_affixes(text: str, config: ScannerConfig) -> str:
    if config.prefix and text.startswith(config.prefix):
        text = text[len(config.prefix) :]
    if config.suffix and text.endswith(config.suffix):
        text = text[: -len(config.suffix)]
    return text


class SerialScanner:
    """Reads scans on its own thread and hands each decoded code to `on_scan`."""

    def __init__(
        self,
        port: str,
        config: ScannerConfig | None = None,
        on_scan: ScanCallback | None = None,
        on_health: HealthCallback | None = None,
        baudrate: int = 9600,
        reconnect_every_s: float = 0.5,
    ) -> None:
        self.port, self.config = port, config or ScannerConfig()
        self.on_scan, self.on_health = on_scan, on_health
        self.baudrate, self.reconnect_every_s = baudrate, reconnect_every_s
        self.name = f"serial:{port}"
        self._health = DeviceHealth("scanner", HealthLevel.FAILED, "scanner_no_port", self.name)
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None

    def start(self) -> SerialScanner:
        if self._thread is None:
            self._thread = threading.Thread(target=self._run, name=self.name, daemon=True)
            self._thread.start()
        return self

    def health(self) -> DeviceHealth:
        return self._health

    def close(self) -> None:
        self._stop.set()
        if self._thread is not None:
            self._thread.join(timeout=2.0)

    def _run(self) -> None:
        while not self._stop.is_set():
            link = self._connect()
            if link is None:
                self._stop.wait(self.reconnect_every_s)
                continue
            try:
                self._set_health(HealthLevel.OK, "device_ok")
                self._serve(link)
            except (serial.SerialException, OSError):
                self._set_health(HealthLevel.FAILED, "scanner_offline")
            finally:
                with contextlib.suppress(serial.SerialException, OSError):
                    link.close()

    def _connect(self) -> serial.Serial | None:
        try:
            return serial.Serial(resolve_port(self.port), self.baudrate, timeout=0.05)
        except (PortNotFoundError, serial.SerialException, OSError):
            if self._health.code != "scanner_offline":
                self._set_health(HealthLevel.FAILED, "scanner_no_port")
            return None

    def _serve(self, link: serial.Serial) -> None:
        framer = ScanFramer(self.config)
        while not self._stop.is_set():
            data = link.read(max(1, link.in_waiting))
            for text in framer.feed(data) if data else []:
                self._deliver(decode_scan(text))

    def _deliver(self, code: ScannedCode) -> None:
        if self.on_scan is None:
            return
        try:
            self.on_scan(code)
        except Exception:
            log.exception("scan callback failed")

    def _set_health(self, level: HealthLevel, code: str) -> None:
        health = DeviceHealth("scanner", level, code, self.name, {"port": self.port})
        if health == self._health:
            return
        self._health = health
        if self.on_health is not None:
            try:
                self.on_health(health)
            except Exception:
                log.exception("health callback failed")
