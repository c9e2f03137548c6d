"""The scale's own thread: a serial read can wait seconds for a parcel to settle."""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal, Slot

from station.devices.scale import Scale

SCALE_TIMEOUT_S = 5.0


class ScaleWorker(QObject):
    # parcel seq, grams, problem ("" when stable), started_at
    reading = Signal(int, int, str, float)
    weighing = Signal(int)  # parcel seq: a reading has started

    def __init__(self, scale: Scale) -> None:
        super().__init__()
        self._scale = scale

    @Slot(int, int, float)
    def read(self, seq: int, expected_g: int, started_at: float) -> None:
        self.weighing.emit(seq)
        try:
            result = self._scale.read_stable(expected_g, SCALE_TIMEOUT_S)
        except OSError as exc:  # a serial port that vanished mid-read
            self.reading.emit(seq, 0, exc.strerror or str(exc), started_at)
            return
        problem = "" if result.stable else (result.detail or result.state.value)
        self.reading.emit(seq, result.grams, problem, started_at)

    @Slot()
    def close(self) -> None:
        self._scale.close()
