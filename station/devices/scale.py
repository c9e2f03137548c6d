"""The scale as the bench sees it: a stable weight in grams, or a state saying why not."""

from __future__ import annotations

import enum
import random
from dataclasses import dataclass
from typing import Protocol


class ScaleState(enum.StrEnum):
    STABLE = "stable"
    MOTION = "motion"
    OVERLOAD = "overload"
    UNDERLOAD = "underload"
    ERROR = "error"
    OFFLINE = "offline"
    EMPTY = "empty"  # stable, but nothing (or next to nothing) is on the pan


@dataclass(frozen=True)
class WeightReading:
    grams: int
    state: ScaleState = ScaleState.STABLE
    detail: str = ""
    # A message code (station.domain.messages) saying what to do when the reading is not stable.
    code: str = ""

    @property
    def stable(self) -> bool:
        return self.state is ScaleState.STABLE

    @property
    def problem_code(self) -> str:
        """The message to show for an unstable reading: its own code, else its state's."""
        return self.code or f"scale_{self.state.value}"


class Scale(Protocol):
    def read_stable(self, expected_g: int | None, timeout_s: float) -> WeightReading:
        """Wait up to `timeout_s` for a stable reading. `expected_g` only guides simulators."""
        ...

    def close(self) -> None: ...


class ScaleSpecError(ValueError):
    pass


class SimulatedScale:
    """Answers with the expected weight plus a little noise, as a real parcel would weigh."""

    def __init__(self, noise_pct: float = 1.0, seed: int | None = None) -> None:
        self._noise_pct = noise_pct
        self._random = random.Random(seed)

    def read_stable(self, expected_g: int | None, timeout_s: float) -> WeightReading:
        if expected_g is None:
            return WeightReading(0)
        noise = expected_g * self._noise_pct / 100
        return WeightReading(max(0, round(expected_g + self._random.uniform(-noise, noise))))

    def close(self) -> None:
        pass
