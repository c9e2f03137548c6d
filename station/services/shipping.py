"""What happens when an order is packed: tracking numbers, labels, shipped status, outbox."""

from __future__ import annotations

import datetime as dt
import uuid
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from station.config import Settings
from station.db.models import Counter, Event, Order, PackedUnit, Parcel
from station.domain import events as ev
from station.labels.courier import Address, LabelView, label_pdf, label_zpl
from station.labels.errors import DocumentError
from station.labels.tracking import (
    Allocation,
    NumberRange,
    check_range,
    next_number,
    s10_range,
    sscc_range,
)
from station.services.events import record

DEFAULT_CARRIER = "DEMO"


def next_counter(session: Session, name: str) -> int:
    """Advance a gap-free series inside the caller's transaction."""
    counter = session.get(Counter, name, with_for_update=True)
    if counter is None:
        counter = Counter(name=name, value=0)
        session.add(counter)
    counter.value += 1
    session.flush()
    return counter.value


class ShippingError(Exception):
    """The order cannot be shipped; the message is one sentence that says what to do."""


@dataclass
class Numbering:
    """Numbers handed out inside one packing transaction, and the warnings they raised.

    Counters are read `FOR UPDATE` (SQLite: the write transaction already holds the lock), so two
    benches on one hub never print the same number.
    """

    session: Session
    settings: Settings
    warnings: dict[str, str] = field(default_factory=dict)  # by carrier: one is enough
    advanced: dict[str, int] = field(default_factory=dict)  # series -> last number taken

    def last_used(self, key: str) -> int | None:
        counter = self.session.get(Counter, key, with_for_update=True)
        return None if counter is None else counter.value

    def set_last_used(self, key: str, value: int) -> None:
        counter = self.session.get(Counter, key, with_for_update=True)
        if counter is None:
            self.session.add(Counter(name=key, value=value))
        else:
            counter.value = value
        self.session.flush()

    def reserve(self, carrier: str, count: int) -> NumberRange:
        """The carrier's range, checked to hold `count` more numbers before any is taken, so an
        order is never half labelled."""
        numbers = tracking_range(self.settings, carrier)
        last = self.last_used(range_key(numbers))
        before = numbers.first - 1 if last is None else last
        self._allocate(numbers, before + count - 1)
        return numbers

    def take(self, numbers: NumberRange, key: str | None = None) -> str:
        key = key or range_key(numbers)
        allocation = self._allocate(numbers, self.last_used(key))
        self.set_last_used(key, allocation.counter)
        self.advanced[key] = allocation.counter
        if allocation.warning is not None:
            w = allocation.warning
            self.warnings[numbers.carrier] = (
                w.italian if self.settings.language == "it" else w.english
            )
        return allocation.number

    def sscc(self) -> str | None:
        """The next SSCC-18 of the GS1 company prefix, when the settings have one."""
        prefix = self.settings.gs1_company_prefix
        if not prefix:
            return None
        try:
            numbers = replace(sscc_range(prefix), first=1)
        except DocumentError as exc:
            raise ShippingError(exc.message(self.settings.language)) from exc
        return self.take(numbers, f"sscc:0{prefix}")

    def _allocate(self, numbers: NumberRange, last_used: int | None) -> Allocation:
        try:
            return next_number(numbers, last_used)
        except DocumentError as exc:
            raise ShippingError(exc.message(self.settings.language)) from exc


def tracking_range(settings: Settings, carrier: str) -> NumberRange:
    """The range configured for a carrier (`tracking_ranges` in the settings)."""
    conf = settings.tracking_ranges.get(carrier.upper())
    if conf is None:
        raise ShippingError(_no_range(carrier, settings.language))
    try:
        if conf.get("check") == "s10":
            return s10_range(
                str(conf["prefix"]),
                str(conf["suffix"]),
                int(conf.get("first", 1)),
                int(conf.get("last", 99_999_999)),
                carrier.upper(),
            )
        numbers = NumberRange(
            carrier.upper(),
            int(conf["first"]),
            int(conf["last"]),
            prefix=str(conf.get("prefix", "")),
            suffix=str(conf.get("suffix", "")),
            width=int(conf.get("width", 0)),
            check=str(conf.get("check", "none")),
            warn_remaining=int(conf["warn_remaining"]) if "warn_remaining" in conf else None,
        )
        check_range(numbers)
    except DocumentError as exc:
        raise ShippingError(exc.message(settings.language)) from exc
    except (KeyError, TypeError, ValueError):
        raise ShippingError(_no_range(carrier, settings.language)) from None
    return numbers


def _no_range(carrier: str, language: str) -> str:
    if language == "it":
        return (
            f"Manca una serie valida di numeri di spedizione {carrier} (primo e ultimo numero); "
            "aggiungila nelle impostazioni."
        )
    return (
        f"There is no usable {carrier} tracking number range (first and last number); "
        "add it in the settings."
    )


def range_key(numbers: NumberRange) -> str:
    """The counter of one range: a new range from the courier starts its own count."""
    return f"tracking:{numbers.carrier}:{numbers.prefix}{numbers.suffix}:{numbers.first}-{numbers.last}"


def address(data: dict[str, Any]) -> Address:
    fields = ("company", "street", "street2", "postcode", "city", "province", "phone", "email")
    return Address(
        name=str(data.get("name", "")),
        country=str(data.get("country") or "IT"),
        **{key: str(data.get(key) or "") for key in fields},
    )


def sender_address(settings: Settings) -> Address:
    return Address(
        name=settings.sender_name,
        street=settings.sender_street,
        postcode=settings.sender_postcode,
        city=settings.sender_city,
        province=settings.sender_province,
        country=settings.sender_country,
    )


def label_view(
    order: Order, parcel: Parcel, count: int, settings: Settings, sscc: str | None = None
) -> LabelView:
    return LabelView(
        sender=sender_address(settings),
        recipient=address(order.shipping_address),
        carrier=parcel.carrier or DEFAULT_CARRIER,
        service=parcel.service or "standard",
        weight_g=parcel.measured_weight_g or 0,
        parcel_no=parcel.seq,
        parcel_count=count,
        order_number=order.number,
        tracking_number=parcel.tracking_number or "",
        cod_amount=order.cod_amount if parcel.seq == 1 else None,
        currency=order.currency,
        sscc=sscc,
    )


def write_label(path: Path, pdf: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(".tmp")
    tmp.write_bytes(pdf)
    tmp.replace(path)


def _zpl(view: LabelView, settings: Settings) -> bytes:
    try:
        return label_zpl(view, settings.label_dpi)
    except DocumentError as exc:  # a label_dpi the printers do not have
        raise ShippingError(exc.message(settings.language)) from exc


def ship_order(
    session: Session,
    order: Order,
    *,
    settings: Settings,
    labels_dir: Path,
    at: dt.datetime,
    bench: str,
    operator: str,
    warnings: list[str] | None = None,
) -> list[Parcel]:
    """Number, label and ship the order's parcels; the shop updates follow from the events.

    Tracking numbers come from the carrier's configured range. A range without enough numbers
    raises ShippingError before any number is taken or label written; a range running low adds
    one sentence per carrier to `warnings`.
    """
    parcels = sorted(order.parcels, key=lambda p: p.seq)
    numbering = Numbering(session, settings)
    numbered = number_parcels(numbering, order, parcels)
    ssccs = recorded_ssccs(session, order.uid)
    for parcel in parcels:
        path = labels_dir / f"{order.number}-{parcel.seq}.pdf"
        taken = numbered.get(parcel.seq)
        sscc = taken.sscc if taken else ssccs.get(parcel.seq)
        view = label_view(order, parcel, len(parcels), settings, sscc)
        write_label(path, label_pdf(view))
        # The ZPL copy beside it (a fraction of a millisecond) lets any label go to a thermal
        # printer, also when a failed print is redirected or reprinted from another kind.
        write_label(path.with_suffix(".zpl"), _zpl(view, settings))
        created = ev.LabelCreated(
            order=order.uid,
            parcel_seq=parcel.seq,
            tracking_number=parcel.tracking_number or "",
            carrier=parcel.carrier,
            service=parcel.service,
            document=str(path),
            sscc=sscc,
            counters=taken.counters if taken else {},
        )
        record(session, created, at=at, bench=bench, operator=operator)
    if warnings is not None:
        warnings.extend(numbering.warnings.values())
    shipped = ev.OrderShipped(
        order=order.uid,
        shop=order.shop.name if order.shop else None,
        parcels=tuple(_shipped_parcel(p, items) for p, items in _items(session, order, parcels)),
    )
    record(session, shipped, at=at, bench=bench, operator=operator)
    return parcels


@dataclass(frozen=True)
class Taken:
    """What numbering one parcel took: its SSCC and the series it advanced."""

    sscc: str | None
    counters: dict[str, int]


def number_parcels(numbering: Numbering, order: Order, parcels: list[Parcel]) -> dict[int, Taken]:
    """Give each parcel without one a tracking number (and an SSCC when configured)."""
    missing: dict[str, list[Parcel]] = {}
    for parcel in parcels:
        parcel.carrier = parcel.carrier or order.carrier or DEFAULT_CARRIER
        parcel.service = parcel.service or order.service
        if parcel.tracking_number is None:
            missing.setdefault(parcel.carrier, []).append(parcel)
    ranges = {carrier: numbering.reserve(carrier, len(todo)) for carrier, todo in missing.items()}
    taken: dict[int, Taken] = {}
    for carrier, todo in missing.items():
        for parcel in todo:
            numbering.advanced = {}
            parcel.tracking_number = numbering.take(ranges[carrier])
            sscc = numbering.sscc()
            taken[parcel.seq] = Taken(sscc, dict(numbering.advanced))
    return taken


def recorded_ssccs(session: Session, order_uid: uuid.UUID) -> dict[int, str]:
    """The SSCC printed on each parcel's label, as the label events recorded it."""
    events = session.scalars(
        select(Event)
        .where(Event.order_uid == order_uid, Event.type == ev.LabelCreated.TYPE)
        .order_by(Event.seq)
    )
    return {
        int(e.payload["parcel_seq"]): str(e.payload["sscc"])
        for e in events
        if e.payload.get("sscc") and "parcel_seq" in e.payload
    }


def _shipped_parcel(parcel: Parcel, items: list[ev.ShippedItem]) -> ev.ShippedParcel:
    return ev.ShippedParcel(
        parcel_seq=parcel.seq,
        tracking_number=parcel.tracking_number or "",
        carrier=parcel.carrier,
        service=parcel.service,
        weight_g=parcel.measured_weight_g,
        items=tuple(items),
    )


def _items(
    session: Session, order: Order, parcels: list[Parcel]
) -> list[tuple[Parcel, list[ev.ShippedItem]]]:
    """What went into each parcel, from the units verified into it."""
    lines = {line.id: line for line in order.lines}
    per_parcel: dict[int, dict[int, int]] = {}
    for unit in session.scalars(
        select(PackedUnit)
        .where(PackedUnit.order_id == order.id, PackedUnit.undone.is_(False))
        .order_by(PackedUnit.id)
    ):
        per_line = per_parcel.setdefault(unit.parcel_seq, {})
        per_line[unit.line_id] = per_line.get(unit.line_id, 0) + unit.quantity
    return [
        (
            parcel,
            [
                ev.ShippedItem(lines[lid].sku, lines[lid].external_id, qty)
                for lid, qty in per_parcel.get(parcel.seq, {}).items()
            ],
        )
        for parcel in parcels
    ]
