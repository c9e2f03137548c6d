"""The bench's health at a glance: scanner, scale, printer, each ok / warning / failed and why.

Devices report codes (see `station.domain.messages`), so the window and `station devices list` can say the
same thing in the operator's language.
"""

from __future__ import annotations

import enum
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Protocol

from station.devices.scale import ScaleState, WeightReading
from station.domain.messages import text


class HealthLevel(enum.StrEnum):
    OK = "ok"
    WARNING = "warning"
    FAILED = "failed"


_RANK = {HealthLevel.OK: 0, HealthLevel.WARNING: 1, HealthLevel.FAILED: 2}


@dataclass(frozen=True)
class DeviceHealth:
    """One device's state: `device` is the kind (scale, scanner, printer), `name` which one."""

    device: str
    level: HealthLevel = HealthLevel.OK
    code: str = "device_ok"
    name: str = ""
    fields: dict[str, str] = field(default_factory=dict, compare=False)

    def message(self, lang: str = "en") -> str:
        return text(self.code, lang, **self.fields)


class HealthSource(Protocol):
    def health(self) -> DeviceHealth: ...


@dataclass(frozen=True)
class BenchHealth:
    devices: tuple[DeviceHealth, ...]

    @property
    def level(self) -> HealthLevel:
        return max((d.level for d in self.devices), key=_RANK.__getitem__, default=HealthLevel.OK)

    def lines(self, lang: str = "en") -> list[str]:
        """One aligned line per device: kind, level, name, what to do."""
        return [
            f"{d.device:<8} {d.level.value:<8} {d.name or '-':<32} {d.message(lang)}"
            for d in self.devices
        ]


def bench_health(sources: Iterable[HealthSource | DeviceHealth]) -> BenchHealth:
    """Ask each device (or take its already known health) and collect the bench summary."""
    return BenchHealth(tuple(s if isinstance(s, DeviceHealth) else s.health() for s in sources))


def not_configured(device: str) -> DeviceHealth:
    return DeviceHealth(device, HealthLevel.WARNING, "not_configured")


_SCALE_CODES = {
    ScaleState.OVERLOAD: "scale_overload",
    ScaleState.UNDERLOAD: "scale_underload",
    ScaleState.ERROR: "scale_error",
}


def scale_health(reading: WeightReading, name: str, port: str) -> DeviceHealth:
    """Health from the scale's latest reading: moving or stable is fine, offline has failed."""
    fields = {"port": port, "detail": reading.detail}
    if reading.state is ScaleState.OFFLINE and reading.code == "scale_connecting":
        return DeviceHealth("scale", HealthLevel.WARNING, "scale_connecting", name, fields)
    if reading.state is ScaleState.OFFLINE:
        code = reading.code or "scale_offline"
        return DeviceHealth("scale", HealthLevel.FAILED, code, name, fields)
    warning = _SCALE_CODES.get(reading.state)
    if warning is None:
        return DeviceHealth("scale", HealthLevel.OK, "device_ok", name, fields)
    return DeviceHealth("scale", HealthLevel.WARNING, warning, name, fields)
