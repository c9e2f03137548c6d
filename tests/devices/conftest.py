"""Shared fixtures: scale simulators on real pty pairs, drivers on top, all cleaned up."""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from station.devices.protocols.registry import protocol_names
from station.devices.scale import ScaleState, WeightReading
from station.devices.serialscale import ScaleOptions, SerialScale
from station.devices.simulators.scale import ScaleSimulator

ALL_PROTOCOLS = protocol_names()  # every registered protocol, each with its simulator


class Recorder:
    """Collects what a driver delivers to its callback, and lets a test wait for a condition."""

    def __init__(self) -> None:
        self.readings: list[WeightReading] = []
        self._cond = threading.Condition()

    def __call__(self, reading: WeightReading) -> None:
        with self._cond:
            self.readings.append(reading)
            self._cond.notify_all()

    def wait_for(self, check: Callable[[WeightReading], bool], timeout_s: float = 5.0) -> bool:
        with self._cond:
            return self._cond.wait_for(lambda: any(check(r) for r in self.readings), timeout_s)

    def states(self) -> list[ScaleState]:
        with self._cond:
            return [r.state for r in self.readings]


class Bench:
    def __init__(self, tmp_path: Path) -> None:
        self._tmp = tmp_path
        self._closers: list[Callable[[], None]] = []

    def simulator(self, protocol: str, grams: int = 1250, link: bool = True) -> ScaleSimulator:
        path = self._tmp / f"usb-Scale_{protocol}-if00" if link else None
        sim = ScaleSimulator(protocol, grams, link=path).start()
        self._closers.append(sim.stop)
        return sim

    def scale(
        self, protocol: str, port: str, recorder: Recorder | None = None, **options: float
    ) -> SerialScale:
        scale = SerialScale(port, protocol, ScaleOptions(**options), on_reading=recorder)  # type: ignore[arg-type]
        self._closers.append(scale.close)
        return scale.start()

    def close(self) -> None:
        for close in reversed(self._closers):
            close()


@pytest.fixture
def bench(tmp_path: Path) -> Iterator[Bench]:
    b = Bench(tmp_path)
    yield b
    b.close()
