"""The scale's own thread: a serial read can wait seconds for a parcel to settle."""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal, Slot

from station.devices.scale import Scale
from station.domain.messages import text

SCALE_TIMEOUT_S = 5.0


class ScaleWorker(QObject):
    # parcel seq, grams, problem ("" when stable: else what to do, in `language`), started_at
    reading = Signal(int, int, str, float)
    weighing = Signal(int)  # parcel seq: a reading has started

    def __init__(self, scale: Scale, language: str = "en") -> None:
        super().__init__()
        self._scale = scale
        self._language = language
        self._port = str(getattr(scale, "port", ""))

    @Slot(int, int, float)
    def read(self, seq: int, expected_g: int, started_at: float) -> None:
        self.weighing.emit(seq)
        try:
            result = self._scale.read_stable(expected_g, SCALE_TIMEOUT_S)
        except OSError:  # a serial port that vanished mid-read
            problem = text("scale_disconnected", self._language, port=self._port)
            self.reading.emit(seq, 0, problem, started_at)
            return
        problem = "" if result.stable else self._say(result.problem_code, result.detail)
        self.reading.emit(seq, result.grams, problem, started_at)

    def _say(self, code: str, detail: str) -> str:
        """The same sentence the console prints for this reading."""
        return text(code, self._language, port=self._port, detail=detail)

    @Slot()
    def close(self) -> None:
        self._scale.close()
