"""Serial scanners: framing byte by byte, then end to end over a pty."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from station.devices.health import HealthLevel
from station.devices.scanner import ScanFramer, ScannerConfig, SerialScanner
from station.devices.simulators.scanner import ScannerSimulator
from station.domain.barcodes import ScannedCode

GS = "\x1d"


def test_framer_cuts_on_terminator_and_strips_prefix_and_suffix() -> None:
    framer = ScanFramer(ScannerConfig(prefix="#", suffix="$", terminator=b"\r\n"))
    assert framer.feed(b"#]E05901234123457$\r") == []
    assert framer.feed(b"\n#ABC$\r\n") == ["]E05901234123457", "ABC"]


def test_framer_keeps_gs_and_reads_crlf_from_a_cr_scanner() -> None:
    framer = ScanFramer(ScannerConfig())
    assert framer.feed(b"]C101070320698049881012AB\x1d21X\r\n0123\r") == [
        f"]C101070320698049881012AB{GS}21X",
        "0123",
    ]


def test_framer_drops_runaway_lines_as_garbage() -> None:
    framer = ScanFramer(ScannerConfig(max_length=16))
    assert framer.feed(b"x" * 40) == []
    assert framer.garbage_bytes == 40
    assert framer.feed(b"OK\r") == ["OK"]


def test_simulator_sends_the_configured_bytes() -> None:
    sim = ScannerSimulator(ScannerConfig(prefix="<", suffix=">", terminator=b"\t"))
    assert sim.wire_bytes("0123", aim="]E0") == b"<]E00123>\t"


class Scans:
    def __init__(self) -> None:
        self.codes: list[ScannedCode] = []
        self.cond = threading.Condition()

    def __call__(self, code: ScannedCode) -> None:
        with self.cond:
            self.codes.append(code)
            self.cond.notify_all()

    def wait(self, count: int) -> bool:
        with self.cond:
            return self.cond.wait_for(lambda: len(self.codes) >= count, 5.0)


@pytest.fixture
def sim(tmp_path: Path) -> Iterator[ScannerSimulator]:
    config = ScannerConfig(suffix="!", terminator=b"\r\n")
    simulator = ScannerSimulator(config, link=tmp_path / "usb-Scanner-if00").start()
    yield simulator
    simulator.stop()


def test_serial_scanner_delivers_decoded_codes(sim: ScannerSimulator) -> None:
    # GIVEN a serial scanner sending AIM prefixes
    scans = Scans()
    scanner = SerialScanner(sim.port, sim.config, on_scan=scans).start()
    try:
        assert _wait_health(scanner, HealthLevel.OK)
        # WHEN an EAN-13 and a GS1 DataMatrix are scanned
        sim.scan("5901234123457", aim="]E0")
        sim.scan(f"0107032069804988172512311012AB{GS}21XYZ9", aim="]d2")
        # THEN both arrive decoded, GS intact
        assert scans.wait(2)
    finally:
        scanner.close()
    ean, datamatrix = scans.codes
    assert (ean.symbology, ean.key) == ("EAN-13/UPC", "05901234123457")
    assert (datamatrix.symbology, datamatrix.lot, datamatrix.serial) == (
        "GS1 DataMatrix",
        "12AB",
        "XYZ9",
    )


def test_unplugged_scanner_fails_and_comes_back(sim: ScannerSimulator) -> None:
    scans = Scans()
    scanner = SerialScanner(sim.port, sim.config, on_scan=scans, reconnect_every_s=0.1).start()
    try:
        assert _wait_health(scanner, HealthLevel.OK)
        sim.vanish()
        assert _wait_health(scanner, HealthLevel.FAILED)
        assert "unplugged" in scanner.health().message("en")
        sim.come_back()
        assert _wait_health(scanner, HealthLevel.OK)
        sim.scan("ABC")
        assert scans.wait(1)
    finally:
        scanner.close()
    assert scans.codes[0].text == "ABC"


def _wait_health(scanner: SerialScanner, level: HealthLevel) -> bool:
    event = threading.Event()
    for _ in range(100):
        if scanner.health().level is level:
            return True
        event.wait(0.05)
    return False
