"""A serial barcode scanner on a pty: `scan("0107...")` sends it as a configured scanner would."""

from __future__ import annotations

from pathlib import Path

from station.devices.scanner import ScannerConfig
from station.devices.simulators.pty_port import PtyPort


class ScannerSimulator:
    def __init__(self, config: ScannerConfig | None = None, link: Path | None = None) -> None:
        self.config = config or ScannerConfig()
        self.pty = PtyPort(link)

    @property
    def port(self) -> str:
        return self.pty.port

    def start(self) -> ScannerSimulator:
        self.pty.open()
        return self

    def wire_bytes(self, code: str, aim: str = "") -> bytes:
        """Exactly what the scanner puts on the line for one scan."""
        text = self.config.prefix + aim + code + self.config.suffix
        return text.encode(self.config.encoding) + self.config.terminator

    def scan(self, code: str, aim: str = "") -> None:
        self.pty.write(self.wire_bytes(code, aim))

    def vanish(self) -> None:
        self.pty.close()

    def come_back(self) -> None:
        self.pty.open()

    def stop(self) -> None:
        self.pty.close()
