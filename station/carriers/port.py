"""The carrier port: what the core asks of any carrier, and what it gets back.

An adapter turns one order's parcels into tracking numbers and label documents, in the formats
the bench asked for (the printer's and the archive's). Series it numbers from live in the
database: the adapter reads them through a `CounterStore` and reports the values it advanced
per parcel, and the core records those in the parcel's `LabelCreated` event, so a counter
moves only when the event that used its number is stored.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Literal, Protocol, runtime_checkable

from station.domain.messages import MessageError
from station.labels.courier import Address

LabelFormat = Literal["pdf", "zpl"]


class ShippingError(MessageError):
    """The order cannot be shipped: a message code and its parameters (`message(language)` is
    one sentence that says what to do)."""


@dataclass(frozen=True)
class ParcelToLabel:
    """One parcel as the bench knows it once it is weighed.

    A parcel that already has a tracking number (an order carried over from an older release)
    keeps it: the adapter draws its label again with that number and takes no new one.
    """

    seq: int
    weight_g: int
    tracking_number: str | None = None
    sscc: str | None = None


@dataclass(frozen=True)
class LabelRequest:
    """One order's parcels for one carrier."""

    order_number: str
    carrier: str
    service: str
    sender: Address
    recipient: Address
    parcels: tuple[ParcelToLabel, ...]
    parcel_count: int  # of the whole order: "parcel 2 of 3" also when carriers differ
    cod_amount: Decimal | None = None  # printed on the order's first parcel only
    currency: str = "EUR"
    formats: tuple[LabelFormat, ...] = ("pdf",)
    dpi: int = 203
    label_size: str = "4x6"
    language: str = "en"


@dataclass(frozen=True)
class LabelledParcel:
    """A parcel's number and its label in every format asked; `counters` are the series the
    adapter advanced for it (name -> last value taken)."""

    seq: int
    tracking_number: str
    documents: Mapping[LabelFormat, bytes]
    sscc: str | None = None
    counters: dict[str, int] = field(default_factory=dict)


@dataclass(frozen=True)
class CreatedLabels:
    carrier: str
    parcels: tuple[LabelledParcel, ...]
    warnings: tuple[str, ...] = ()  # one sentence each, in the request's language


class CounterStore(Protocol):
    """Last-used values of number series, as this shipment sees them so far."""

    def last_used(self, key: str) -> int | None: ...

    def set_last_used(self, key: str, value: int) -> None: ...


class CarrierAdapter(Protocol):
    """What every carrier does. `needs_network`: the bench cannot label offline with it."""

    code: str
    needs_network: bool

    def create_labels(self, request: LabelRequest, counters: CounterStore) -> CreatedLabels:
        """Number and label every parcel of the request, or raise ShippingError before any
        number is taken."""
        ...


@runtime_checkable
class VoidingCarrier(Protocol):
    """A carrier that can cancel labels not yet handed over; a voided number is never reused."""

    def void(self, tracking_numbers: Sequence[str]) -> None: ...


@runtime_checkable
class CancellingCarrier(Protocol):
    """A carrier that cancels an order's whole shipment by the sender's reference (BRT), while
    it allows; a refusal says why."""

    def cancel_shipment(self, order_number: str) -> None: ...


@runtime_checkable
class DayClosingCarrier(Protocol):
    """A carrier told when the day's parcels are handed over; it may answer with its manifest."""

    def close_day(self, day: dt.date, tracking_numbers: Sequence[str]) -> bytes | None: ...


@dataclass(frozen=True)
class CarrierRecord:
    """A shipment as the carrier's own records have it."""

    tracking_number: str
    order_number: str
    handed_over: bool  # closed into a day's manifest at the carrier


@runtime_checkable
class ListingCarrier(Protocol):
    """A carrier that lists the shipments it holds for the account (GLS ListSped), so the
    day's manifest can be compared with its records."""

    def shipments_on_record(self) -> list[CarrierRecord]: ...


@runtime_checkable
class ForgettingCarrier(Protocol):
    """A carrier asked again after a call whose answer never came: `forget` drops whatever
    that call may have created there, so asking again makes no second shipment."""

    def forget(self, order_number: str) -> None: ...


@runtime_checkable
class ConfirmingCarrier(Protocol):
    """A carrier whose shipments wait for the sender's confirmation before its branch sees
    them (BRT's explicit mode): confirmed when the day's manifest is closed."""

    def confirm_shipments(self, order_numbers: Sequence[str]) -> None: ...


# Where a parcel is, in our own words: each carrier's statuses map to one of these.
TrackStatus = Literal[
    "registered",  # the carrier knows the shipment; it has not taken the parcel yet
    "in_transit",
    "out_for_delivery",
    "held",  # waiting at a depot or pickup point (giacenza, fermo deposito)
    "delivered",
    "returning",  # on its way back to the sender
    "exception",  # a failed attempt, damage, a wrong address: someone must look
    "unknown",  # a status the carrier added since this release
]
TRACK_STATUSES: tuple[TrackStatus, ...] = (
    "registered",
    "in_transit",
    "out_for_delivery",
    "held",
    "delivered",
    "returning",
    "exception",
    "unknown",
)


@dataclass(frozen=True)
class TrackEvent:
    at: dt.datetime | None  # aware; None when the carrier gave no readable time
    status: TrackStatus
    said: str  # the carrier's own words for the event
    place: str = ""


@dataclass(frozen=True)
class Tracked:
    """A parcel's journey as its carrier tells it, newest event last."""

    tracking_number: str
    events: tuple[TrackEvent, ...]

    @property
    def status(self) -> TrackStatus:
        return self.events[-1].status if self.events else "registered"


@runtime_checkable
class TrackingCarrier(Protocol):
    """A carrier that says where a parcel is, by the tracking number it gave."""

    def track(self, tracking_number: str) -> Tracked: ...
