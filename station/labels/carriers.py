"""How a carrier is asked for labels: one interface, many adapters.

Adapters for carriers with web services (BRT, GLS Italy, Poste Delivery Business, SDA) plug in
with `register_adapter`. The built-in `RangeCarrier` needs no network: it numbers parcels from the
range the courier assigned and draws the label itself.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Literal, Protocol

from station.labels.courier import Address, LabelView, label_pdf, label_zpl
from station.labels.errors import DocumentError
from station.labels.manifest import ManifestParcel, ManifestView, manifest_pdf
from station.labels.tracking import NumberRange, RangeWarning, make_sscc, next_number

LabelFormat = Literal["pdf", "zpl"]


@dataclass(frozen=True)
class ShipmentRequest:
    """One order's parcels, as the bench knows them once they are weighed."""

    order_number: str
    sender: Address
    recipient: Address
    service: str
    parcel_weights_g: tuple[int, ...]
    cod_amount: Decimal | None = None
    currency: str = "EUR"
    label_format: LabelFormat = "pdf"
    dpi: int = 203
    label_size: str = "4x6"


@dataclass(frozen=True)
class CreatedParcel:
    tracking_number: str
    label: bytes
    sscc: str | None = None


@dataclass(frozen=True)
class CreatedShipment:
    carrier: str
    parcels: tuple[CreatedParcel, ...]
    media_type: str  # "application/pdf" or "application/zpl"
    warnings: tuple[RangeWarning, ...] = ()


class CounterStore(Protocol):
    """Where the core keeps last-used serials, inside the transaction that records the labels."""

    def last_used(self, key: str) -> int | None: ...

    def set_last_used(self, key: str, value: int) -> None: ...


class CarrierAdapter(Protocol):
    code: str
    needs_network: bool

    def create_label(self, request: ShipmentRequest) -> CreatedShipment:
        """Allocate a tracking number per parcel and return the labels."""
        ...

    def void(self, tracking_numbers: Sequence[str]) -> None:
        """Cancel labels not yet handed over. Voided numbers are never reused."""
        ...

    def manifest(self, parcels: Sequence[ManifestParcel], day: dt.date) -> bytes:
        """The end-of-day manifest (borderò) for the parcels handed to this carrier."""
        ...


@dataclass
class RangeCarrier:
    """Offline carrier: tracking numbers from a configured range, labels drawn here."""

    code: str
    numbers: NumberRange
    counters: CounterStore
    sender_for_manifest: Address
    gs1_company_prefix: str | None = None
    sscc_extension: int = 0
    needs_network: bool = False
    voided: list[str] = field(default_factory=list)

    @property
    def counter_key(self) -> str:
        return f"{self.code}:{self.numbers.prefix}:{self.numbers.first}-{self.numbers.last}"

    def create_label(self, request: ShipmentRequest) -> CreatedShipment:
        count = len(request.parcel_weights_g)
        if count == 0:
            raise DocumentError("label_needs_parcel")
        # Take the last number first: a range too short for the whole order fails before any
        # counter moves, so an order is never half labelled.
        last_used = self.counters.last_used(self.counter_key)
        before = self.numbers.first - 1 if last_used is None else last_used
        next_number(self.numbers, before + count - 1)
        parcels: list[CreatedParcel] = []
        warnings: list[RangeWarning] = []
        for n, weight in enumerate(request.parcel_weights_g, start=1):
            alloc = next_number(self.numbers, self.counters.last_used(self.counter_key))
            self.counters.set_last_used(self.counter_key, alloc.counter)
            if alloc.warning and not warnings:
                warnings.append(alloc.warning)
            sscc = self._next_sscc()
            view = LabelView(
                request.sender,
                request.recipient,
                self.code,
                request.service,
                weight,
                n,
                count,
                request.order_number,
                alloc.number,
                request.cod_amount if n == 1 else None,
                request.currency,
                sscc,
            )
            parcels.append(CreatedParcel(alloc.number, self._render(view, request), sscc))
        media = "application/zpl" if request.label_format == "zpl" else "application/pdf"
        return CreatedShipment(self.code, tuple(parcels), media, tuple(warnings))

    def _next_sscc(self) -> str | None:
        if not self.gs1_company_prefix:
            return None
        key = f"SSCC:{self.sscc_extension}{self.gs1_company_prefix}"
        serial = (self.counters.last_used(key) or 0) + 1
        sscc = make_sscc(self.gs1_company_prefix, serial, self.sscc_extension)
        self.counters.set_last_used(key, serial)
        return sscc

    @staticmethod
    def _render(view: LabelView, request: ShipmentRequest) -> bytes:
        if request.label_format == "zpl":
            return label_zpl(view, request.dpi)
        return label_pdf(view, request.label_size)

    def void(self, tracking_numbers: Sequence[str]) -> None:
        # Nothing to tell a courier that was never told; the counter is not moved back.
        self.voided.extend(tracking_numbers)

    def manifest(self, parcels: Sequence[ManifestParcel], day: dt.date) -> bytes:
        return manifest_pdf(ManifestView(self.code, day, self.sender_for_manifest, tuple(parcels)))


AdapterFactory = Callable[..., CarrierAdapter]
_ADAPTERS: dict[str, AdapterFactory] = {}


def register_adapter(code: str, factory: AdapterFactory) -> None:
    """Make a carrier adapter available under its code (e.g. "BRT", "GLS", "PDB", "SDA")."""
    _ADAPTERS[code.upper()] = factory


def adapter_factory(code: str) -> AdapterFactory:
    try:
        return _ADAPTERS[code.upper()]
    except KeyError:
        raise DocumentError("unknown_carrier", carrier=code) from None


def registered_carriers() -> list[str]:
    return sorted(_ADAPTERS)


register_adapter("RANGE", RangeCarrier)
