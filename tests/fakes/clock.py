"""A time source a test moves by hand, for `station.services.clock.ClockWatch`.

`advance` is time passing (both clocks move together); `set_wall` and `move_wall` are a person,
NTP or a dead battery setting the wall clock (the monotonic clock does not move). Nothing sleeps.
"""

from __future__ import annotations

import datetime as dt
import threading


class FakeTime:
    def __init__(self, wall: dt.datetime) -> None:
        assert wall.tzinfo is not None
        self._wall = wall
        self._mono = 10_000.0
        self._lock = threading.Lock()

    def wall(self) -> dt.datetime:
        with self._lock:
            return self._wall

    def monotonic(self) -> float:
        with self._lock:
            return self._mono

    def advance(self, seconds: float) -> None:
        with self._lock:
            self._wall += dt.timedelta(seconds=seconds)
            self._mono += seconds

    def move_wall(self, delta: dt.timedelta) -> None:
        with self._lock:
            self._wall += delta

    def set_wall(self, wall: dt.datetime) -> None:
        with self._lock:
            self._wall = wall
