"""Carriers behind one port: an order's parcels in, tracking numbers and label documents out.

`port` is the contract, `registry` finds the adapter configured for a carrier code, `numbering`
is the one routine that hands out numbers from stored series, and `range` is the built-in
adapter that needs no network. Adapter modules register themselves at their bottom; importing
this package loads the built-in ones.
"""

from station.carriers import brt as _brt  # noqa: F401  - registers the `brt` kind
from station.carriers import gls as _gls  # noqa: F401  - registers the `gls-it` kind
from station.carriers import karrio_carriers as _karrio  # noqa: F401  - `dhl` and `ups`
from station.carriers import poste as _poste  # noqa: F401  - registers the `poste` kind
from station.carriers import range as _range  # noqa: F401  - registers the `range` kind
from station.carriers.port import (
    CarrierAdapter,
    CounterStore,
    CreatedLabels,
    LabelFormat,
    LabelledParcel,
    LabelRequest,
    ParcelToLabel,
    ShippingError,
)
from station.carriers.registry import carrier_for, known_kinds, register_carrier

__all__ = [
    "CarrierAdapter",
    "CounterStore",
    "CreatedLabels",
    "LabelFormat",
    "LabelRequest",
    "LabelledParcel",
    "ParcelToLabel",
    "ShippingError",
    "carrier_for",
    "known_kinds",
    "register_carrier",
]
