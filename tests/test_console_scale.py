"""The console bench reading a real serial scale driver, on a pty scale simulator."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from station.devices.simulators.scale import ScaleSimulator
from tests.console_process import ConsoleProcess, ean_of
from tests.test_cli import station

pytestmark = pytest.mark.slow


@pytest.mark.parametrize("protocol", ["mt-sics", "toledo-continuous"])
def test_weigh_reads_the_serial_scale(tmp_path: Path, protocol: str) -> None:
    # GIVEN a scale on a serial port with a 230 g parcel on it (T-shirt 180 g + envelope 40 g)
    scale = ScaleSimulator(protocol, grams=0).start()
    try:
        bench = ConsoleProcess(tmp_path / "bench", "--scale", f"{protocol}:{scale.port}")
        bench.wait_for("PROMPT scan_order")
        bench.send("1001", "OK order_opened")
        bench.send("ENVL", "OK box_chosen")
        bench.send(ean_of("TSH-01"), "PROMPT weigh_parcel")
        scale.set_weight(231, settle_frames=3)
        # WHEN the operator scans WEIGH
        reading = bench.send("WEIGH", "SCALE")
        # THEN the stable weight from the scale is the parcel's weight
        assert reading == "SCALE 231 g"
        bench.wait_for("DONE 1001")
        assert bench.close() == 0
    finally:
        scale.stop()
    shown = json.loads(station(tmp_path / "bench", "orders", "show", "1001", "--json").stdout)
    assert shown["parcels"][0]["weight_g"] == 231


def test_an_overloaded_scale_is_an_error_line_not_a_weight(tmp_path: Path) -> None:
    scale = ScaleSimulator("mt-sics", grams=0).start()
    try:
        bench = ConsoleProcess(tmp_path / "bench", "--scale", f"mt-sics:{scale.port}")
        bench.send("1001", "OK order_opened")
        bench.send(ean_of("TSH-01"), "PROMPT weigh_parcel")
        scale.overload()
        line = bench.send("WEIGH", "ERROR")
        assert line.startswith("ERROR scale_overload")
        assert bench.close() == 0
    finally:
        scale.stop()


@pytest.mark.skipif(not Path("/proc/self/fd").is_dir(), reason="reads the process's open files")
def test_the_console_demo_weighs_through_the_serial_driver_on_a_pty(tmp_path: Path) -> None:
    # GIVEN the console demo, with no scale named
    bench = ConsoleProcess(tmp_path / "bench")
    try:
        bench.wait_for("PROMPT scan_order")
        # THEN its scale is a serial port on a pseudo-terminal, as the window demo's is
        fds = Path(f"/proc/{bench.proc.pid}/fd")
        opened = {str(fd.readlink()) for fd in fds.iterdir() if fd.is_symlink()}
        assert "/dev/ptmx" in opened, opened
        assert any(o.startswith("/dev/pts/") for o in opened), opened
        # WHEN order 1001 (a 180 g T-shirt in its 40 g envelope) is packed and weighed
        bench.send("1001", "OK order_opened")
        bench.send(ean_of("TSH-01"), "PROMPT weigh_parcel")
        reading = bench.send("WEIGH", "SCALE")
        # THEN the simulator put the parcel on the pan and the driver read it, to the gram
        assert reading == "SCALE 220 g"
        bench.wait_for("DONE 1001")
        assert bench.close() == 0
    finally:
        if bench.proc.poll() is None:
            bench.proc.kill()
            bench.proc.wait()
