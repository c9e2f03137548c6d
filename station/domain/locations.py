"""Bins and the order a picker walks them in.

A location code names a bin as `ZONE-AISLE-BAY[-LEVEL]` (`A-02-06`, `B-01-03-2`), the form shops
already keep in their bin field. The walking order goes zone by zone, aisle by aisle, and within
an aisle bay by bay in a serpentine: up the odd aisles, back down the even ones, so that a picker
leaving one aisle at its far end enters the next at its near end instead of walking back.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import StrEnum

_CODE = re.compile(r"^([A-Z][A-Z0-9]*)-(\d{1,3})-(\d{1,3})(?:-(\d{1,2}))?$")


class BinRole(StrEnum):
    FACE = "face"  # where a product is picked from
    OVERFLOW = "overflow"  # where more of it waits, for a picker who finds the face empty


@dataclass(frozen=True, order=True)
class WalkKey:
    zone: str
    aisle: int
    bay: int  # serpentine: negative in even aisles, so sorting walks them backwards
    level: int


@dataclass(frozen=True)
class Location:
    code: str
    zone: str
    aisle: int
    bay: int
    level: int = 0

    @property
    def walk_key(self) -> WalkKey:
        bay = self.bay if self.aisle % 2 else -self.bay
        return WalkKey(self.zone, self.aisle, bay, self.level)


class LocationCodeError(ValueError):
    """A bin code not in the form `ZONE-AISLE-BAY[-LEVEL]`."""

    def __init__(self, code: str) -> None:
        super().__init__(code)
        self.code = code


def normalise_code(code: str) -> str:
    return code.strip().upper()


def parse_location(code: str) -> Location:
    """The location a bin code names; `LocationCodeError` for anything else."""
    clean = normalise_code(code)
    match = _CODE.match(clean)
    if match is None:
        raise LocationCodeError(code)
    zone, aisle, bay, level = match.groups()
    return Location(clean, zone, int(aisle), int(bay), int(level or 0))


def is_location_code(code: str) -> bool:
    return _CODE.match(normalise_code(code)) is not None
