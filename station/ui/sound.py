"""Distinct sounds for OK, error and order done.

Where QtMultimedia or an audio output is missing the bench still works, silently, and says so
once (the status bar shows `problem`). Every request is recorded, so
tests and the health panel know what the operator should have heard.
"""

from __future__ import annotations

import math
import struct
import wave
from pathlib import Path

from PySide6.QtCore import QObject, QUrl, Signal

RATE = 22_050
# kind -> (frequency Hz, milliseconds) notes: one high beep, a low double buzz, a rising triple.
TONES = {
    "ok": [(1760, 90)],
    "error": [(220, 180), (0, 60), (220, 180)],
    "done": [(880, 110), (1175, 110), (1568, 220)],
}


def write_tone(path: Path, notes: list[tuple[int, int]]) -> None:
    frames = bytearray()
    for freq, ms in notes:
        for i in range(RATE * ms // 1000):
            value = 0.0 if freq == 0 else math.sin(2 * math.pi * freq * i / RATE)
            frames += struct.pack("<h", int(value * 12_000))
    with wave.open(str(path), "wb") as out:
        out.setnchannels(1)
        out.setsampwidth(2)
        out.setframerate(RATE)
        out.writeframes(bytes(frames))


class SoundPlayer(QObject):
    played = Signal(str)  # the kind asked for, whether or not a speaker exists

    def __init__(self, cache_dir: Path, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.requested: list[str] = []
        self.problem = ""
        self._effects: dict[str, object] = {}
        try:
            # PySide6-Addons; its audio back end also needs the system's PulseAudio library.
            from PySide6.QtMultimedia import QMediaDevices, QSoundEffect
        except ImportError:
            self.problem = self.tr("No sound: Qt Multimedia is not installed on this computer.")
            return
        if not QMediaDevices.audioOutputs():
            self.problem = self.tr("No sound: this computer has no audio output.")
            return
        cache_dir.mkdir(parents=True, exist_ok=True)
        for kind, notes in TONES.items():
            path = cache_dir / f"{kind}.wav"
            if not path.exists():
                write_tone(path, notes)
            effect = QSoundEffect(self)
            effect.setSource(QUrl.fromLocalFile(str(path)))
            self._effects[kind] = effect

    @property
    def available(self) -> bool:
        return bool(self._effects)

    def play(self, kind: str) -> None:
        self.requested.append(kind)
        effect = self._effects.get(kind)
        if effect is not None:
            effect.play()  # type: ignore[attr-defined]
        self.played.emit(kind)
