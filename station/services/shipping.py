"""What happens when an order is packed: tracking numbers, labels, shipped status, outbox."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from station.config import Settings
from station.db.models import Counter, Event, Order, OutboxEntry, PackedUnit, Parcel
from station.domain import EventType, OrderStatus, OutboxKind
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
from station.services.events import append_event

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
    parcel_seqs: list[int],
    *,
    settings: Settings,
    labels_dir: Path,
    at: dt.datetime,
    bench: str,
    operator: str,
    warnings: list[str] | None = None,
) -> list[Parcel]:
    """Number, label and ship the order's parcels; queue the shop updates. Idempotent per order.

    Tracking numbers come from the carrier's configured range. A range without enough numbers
    raises ShippingError before any number is taken or label written; a range running low adds
    one sentence per carrier to `warnings`.
    """
    for empty in [p for p in order.parcels if p.seq not in parcel_seqs]:
        order.parcels.remove(empty)
    session.flush()
    parcels = sorted(order.parcels, key=lambda p: p.seq)
    numbering = Numbering(session, settings)
    ssccs = number_parcels(numbering, order, parcels)
    for parcel in parcels:
        path = labels_dir / f"{order.number}-{parcel.seq}.pdf"
        sscc = ssccs.get(parcel.seq)
        view = label_view(order, parcel, len(parcels), settings, sscc)
        write_label(path, label_pdf(view))
        # The ZPL copy beside it (a fraction of a millisecond) lets any label go to a thermal
        # printer, also when a failed print is redirected or reprinted from another kind.
        write_label(path.with_suffix(".zpl"), _zpl(view, settings))
        parcel.label_path = str(path)
        payload: dict[str, Any] = {
            "parcel_seq": parcel.seq,
            "tracking_number": parcel.tracking_number,
        }
        if sscc:
            payload["sscc"] = sscc
        append_event(
            session,
            EventType.LABEL_PRINTED,
            at=at,
            order_id=order.id,
            bench=bench,
            operator=operator,
            payload=payload,
        )
    if warnings is not None:
        warnings.extend(numbering.warnings.values())
    order.status = OrderStatus.SHIPPED
    order.shipped_at = at
    order.bench_id = None
    tracking = [p.tracking_number for p in parcels]
    append_event(
        session,
        EventType.ORDER_SHIPPED,
        at=at,
        order_id=order.id,
        bench=bench,
        operator=operator,
        payload={"tracking_numbers": tracking},
    )
    if order.shop_id is not None:
        queue_shop_updates(session, order, parcels, at)
    return parcels


def number_parcels(numbering: Numbering, order: Order, parcels: list[Parcel]) -> dict[int, str]:
    """Give each parcel without one a tracking number (and an SSCC when configured).

    Returns the SSCC of every parcel, the ones recorded by an earlier labelling included.
    """
    ssccs = recorded_ssccs(numbering.session, order.id)
    missing: dict[str, list[Parcel]] = {}
    for parcel in parcels:
        parcel.carrier = parcel.carrier or order.carrier or DEFAULT_CARRIER
        parcel.service = parcel.service or order.service
        if parcel.tracking_number is None:
            missing.setdefault(parcel.carrier, []).append(parcel)
    ranges = {carrier: numbering.reserve(carrier, len(todo)) for carrier, todo in missing.items()}
    for carrier, todo in missing.items():
        for parcel in todo:
            parcel.tracking_number = numbering.take(ranges[carrier])
            sscc = numbering.sscc()
            if sscc:
                ssccs[parcel.seq] = sscc
    return ssccs


def recorded_ssccs(session: Session, order_id: int) -> dict[int, str]:
    """The SSCC printed on each parcel's label, as the label events recorded it."""
    events = session.scalars(
        select(Event)
        .where(Event.order_id == order_id, Event.type == EventType.LABEL_PRINTED)
        .order_by(Event.seq)
    )
    return {
        int(e.payload["parcel_seq"]): str(e.payload["sscc"])
        for e in events
        if e.payload.get("sscc") and "parcel_seq" in e.payload
    }


def queue_shop_updates(
    session: Session, order: Order, parcels: list[Parcel], at: dt.datetime
) -> None:
    """One outbox entry per shop update; the unique key makes a second attempt a no-op."""
    existing = set(session.scalars(select(OutboxEntry.key).where(OutboxEntry.order_id == order.id)))
    items_by_seq = _items_by_parcel(session, order)
    for parcel in parcels:
        key = f"{OutboxKind.PARCEL_SHIPPED}:{order.number}:{parcel.seq}"
        if key in existing:
            continue
        payload: dict[str, Any] = {
            "parcel_seq": parcel.seq,
            "tracking_number": parcel.tracking_number,
            "carrier": parcel.carrier,
            "service": parcel.service,
            "weight_g": parcel.measured_weight_g,
            "line_items": items_by_seq.get(parcel.seq, []),
        }
        _add_outbox(session, order, key, OutboxKind.PARCEL_SHIPPED, payload, at)
    key = f"{OutboxKind.ORDER_SHIPPED}:{order.number}"
    if key not in existing:
        shipped: dict[str, Any] = {
            "tracking_numbers": [p.tracking_number for p in parcels],
            "carrier": parcels[0].carrier if parcels else "",
        }
        _add_outbox(session, order, key, OutboxKind.ORDER_SHIPPED, shipped, at)


def _add_outbox(
    session: Session,
    order: Order,
    key: str,
    kind: OutboxKind,
    payload: dict[str, Any],
    at: dt.datetime,
) -> None:
    assert order.shop_id is not None
    session.add(
        OutboxEntry(
            key=key,
            kind=kind,
            shop_id=order.shop_id,
            order_id=order.id,
            payload=payload,
            created_at=at,
            next_attempt_at=at,
        )
    )


def _items_by_parcel(session: Session, order: Order) -> dict[int, list[dict[str, Any]]]:
    lines = {line.id: line for line in order.lines}
    result: dict[int, dict[int, int]] = {}
    for unit in session.scalars(
        select(PackedUnit).where(PackedUnit.order_id == order.id, PackedUnit.undone.is_(False))
    ):
        per_line = result.setdefault(unit.parcel_seq, {})
        per_line[unit.line_id] = per_line.get(unit.line_id, 0) + unit.quantity
    return {
        seq: [
            {"sku": lines[lid].sku, "external_id": lines[lid].external_id, "quantity": qty}
            for lid, qty in per_line.items()
        ]
        for seq, per_line in result.items()
    }
