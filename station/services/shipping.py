"""What happens when an order is packed: tracking numbers, labels, shipped status, outbox."""

from __future__ import annotations

import datetime as dt
import uuid
from dataclasses import dataclass
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from station.carriers import (
    LabelFormat,
    LabelledParcel,
    LabelRequest,
    ParcelToLabel,
    carrier_for,
)
from station.carriers import ShippingError as ShippingError  # what callers catch
from station.carriers.internal import internal_labels
from station.carriers.numbering import ShipmentCounters, stored_counters
from station.carriers.range import parcel_label_view
from station.carriers.rules import RULES_KEY, rules_for
from station.carriers.rules import carrier_for as carrier_for_method
from station.config import Settings
from station.db.models import Counter, Event, Order, PackedUnit, Parcel
from station.domain import events as ev
from station.domain.messages import text
from station.labels.courier import Address, LabelView
from station.printing.archive import DocumentArchive, label_ref, pending_label_ref
from station.services.amounts import cod_to_collect
from station.services.events import record

DEFAULT_CARRIER = "DEMO"
# The formats asked of a carrier: a PDF and a ZPL copy, so a label can go to either printer.
ARCHIVED_FORMATS: tuple[LabelFormat, ...] = ("pdf", "zpl")


def next_counter(session: Session, name: str) -> int:
    """Advance a gap-free series inside the caller's transaction."""
    counter = session.get(Counter, name, with_for_update=True)
    if counter is None:
        counter = Counter(name=name, value=0)
        session.add(counter)
    counter.value += 1
    session.flush()
    return counter.value


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
    """A numbered parcel's label as it was drawn when the order shipped (to draw it again)."""
    carrier, service = parcel.carrier or DEFAULT_CARRIER, parcel.service
    request = label_request(order, [parcel], count, carrier, service, settings, {parcel.seq: sscc})
    [wanted] = request.parcels
    return parcel_label_view(request, wanted, parcel.tracking_number or "", sscc)


def ship_order(
    session: Session,
    order: Order,
    *,
    settings: Settings,
    archive: DocumentArchive,
    at: dt.datetime,
    bench: str,
    operator: str,
    warnings: list[str] | None = None,
) -> list[LabelRequest]:
    """Close the order's parcels: label those whose carrier needs no network, and record the
    others as asked of their carrier; the requests returned are for the caller to send once
    this transaction is committed (`station.services.labelling`), never inside it.

    A range without enough numbers raises ShippingError before any number is taken or label
    written; a range running low adds one sentence per carrier to `warnings`.
    """
    who: dict[str, Any] = {"at": at, "bench": bench, "operator": operator}
    parcels = sorted(order.parcels, key=lambda p: p.seq)
    offline, asked, found = label_offline(session, order, parcels, settings)
    for carrier, service, label in offline:
        record_created(session, order, carrier, service, label, archive, **who)
    for request in asked:
        for parcel in request.parcels:
            requested = ev.LabelRequested(
                order=order.uid,
                parcel_seq=parcel.seq,
                carrier=request.carrier,
                service=request.service,
            )
            record(session, requested, **who)
    if warnings is not None:
        warnings.extend(found)
    record_shipped(session, order, parcels, **who)
    return asked


def record_created(
    session: Session,
    order: Order,
    carrier: str,
    service: str,
    label: LabelledParcel,
    archive: DocumentArchive,
    **who: Any,
) -> None:
    """A parcel's carrier label: archived in every rendition the carrier gave (Station's own:
    the PDF and a ZPL copy, so it can go to a printer of either kind), then recorded."""
    ref = label_ref(order.number, label.seq)
    for fmt, data in label.documents.items():
        archive.write(ref, fmt, data)
    created_event = ev.LabelCreated(
        order=order.uid,
        parcel_seq=label.seq,
        tracking_number=label.tracking_number,
        carrier=carrier,
        service=service,
        document=ref,
        sscc=label.sscc,
        counters=label.counters,
    )
    record(session, created_event, **who)


def record_shipped(session: Session, order: Order, parcels: list[Parcel], **who: Any) -> None:
    """The order left the bench; the shop hears once no parcel waits for its carrier's label
    (the projector holds the shop updates back until then, and this is recorded again)."""
    shipped = ev.OrderShipped(
        order=order.uid,
        shop=order.shop.name if order.shop else None,
        parcels=tuple(_shipped_parcel(p, items) for p, items in _items(session, order, parcels)),
    )
    record(session, shipped, **who)


@dataclass(frozen=True)
class PendingLabel:
    """A parcel's internal label while its carrier did not answer, and why."""

    label: LabelledParcel
    reason: ev.Reason

    def warning(self, order_number: str, carrier: str, language: str) -> str:
        seq = self.label.seq
        return text(
            "label_pending_warning", language, carrier=carrier, seq=seq, number=order_number
        )


# (carrier, service, label) of each parcel labelled offline
Offline = list[tuple[str, str, LabelledParcel]]


def label_offline(
    session: Session, order: Order, parcels: list[Parcel], settings: Settings
) -> tuple[Offline, list[LabelRequest], list[str]]:
    """The labels of the parcels whose carrier needs no network, the requests for those whose
    carrier does, and the offline adapters' warnings.

    Every offline carrier numbers before anything is written or recorded, over one view of
    the counters (the SSCC series is shared): a range that cannot hold its parcels stops the
    whole order with no number taken.
    """
    counters = ShipmentCounters(stored_counters(session))
    ssccs: dict[int, str | None] = dict(recorded_ssccs(session, order.uid))
    offline: Offline = []
    asked: list[LabelRequest] = []
    warnings: list[str] = []
    for (carrier, service), group in _by_carrier(order, parcels, settings).items():
        request = label_request(order, group, len(parcels), carrier, service, settings, ssccs)
        adapter = carrier_for(carrier, settings)
        if adapter.needs_network:
            asked.append(request)
            continue
        created = adapter.create_labels(request, counters)
        warnings.extend(created.warnings)
        offline += [(carrier, service, p) for p in created.parcels]
    return offline, asked, warnings


def record_pending(
    session: Session,
    order: Order,
    request: LabelRequest,
    reason: ev.Reason,
    archive: DocumentArchive,
    settings: Settings,
    **who: Any,
) -> list[str]:
    """The request's parcels leave with internal labels while their carrier does not answer;
    one warning sentence per parcel."""
    counters = ShipmentCounters(stored_counters(session))
    internal = internal_labels(request, counters, settings.gs1_company_prefix, settings.sscc_block)
    said = []
    for label in internal:
        pending = PendingLabel(label, reason)
        _record_pending(
            session, order, label.seq, request.carrier, request.service, pending, archive, **who
        )
        said.append(pending.warning(order.number, request.carrier, settings.language))
    return said


def _record_pending(
    session: Session,
    order: Order,
    seq: int,
    carrier: str,
    service: str,
    pending: PendingLabel,
    archive: DocumentArchive,
    **who: Any,
) -> None:
    ref = pending_label_ref(order.number, seq)
    for fmt, data in pending.label.documents.items():
        archive.write(ref, fmt, data)
    event = ev.LabelPending(
        order=order.uid,
        parcel_seq=seq,
        carrier=carrier,
        service=service,
        internal_number=pending.label.tracking_number,
        document=ref,
        reason=pending.reason,
        sscc=pending.label.sscc,
        counters=pending.label.counters,
    )
    record(session, event, **who)


def _by_carrier(
    order: Order, parcels: list[Parcel], settings: Settings
) -> dict[tuple[str, str], list[Parcel]]:
    """The parcels each carrier and service labels: the carrier rule that matches the order's
    shipping method now, else the parcel's (the order's as imported when it was opened)."""
    ruled = ruled_carrier(order, settings)
    groups: dict[tuple[str, str], list[Parcel]] = {}
    for parcel in parcels:
        carrier = parcel.carrier or order.carrier or DEFAULT_CARRIER
        chosen = ruled if ruled[0] else (carrier, parcel.service or order.service)
        groups.setdefault(chosen, []).append(parcel)
    return groups


def ruled_carrier(order: Order, settings: Settings) -> tuple[str, str]:
    """The carrier and service the rules give the order's shipping method, its country and
    whether it is paid on delivery; ("", "") when no rule matches or the method is unknown."""
    if not order.shipping_method:
        return "", ""
    shop_settings = order.shop.settings if order.shop and order.shop.settings else {}
    rules = rules_for(settings.extra.get(RULES_KEY), shop_settings)
    country = str(order.shipping_address.get("country") or "")
    return carrier_for_method(order.shipping_method, rules, country, order.cod_amount is not None)


def label_request(
    order: Order,
    parcels: list[Parcel],
    count: int,
    carrier: str,
    service: str,
    settings: Settings,
    ssccs: dict[int, str | None],
) -> LabelRequest:
    return LabelRequest(
        order_number=order.number,
        carrier=carrier,
        service=service,
        sender=sender_address(settings),
        recipient=address(order.shipping_address),
        parcels=tuple(
            ParcelToLabel(p.seq, p.measured_weight_g or 0, p.tracking_number, ssccs.get(p.seq))
            for p in parcels
        ),
        parcel_count=count,
        cod_amount=cod_to_collect(order),
        currency=order.currency,
        formats=ARCHIVED_FORMATS,
        dpi=settings.label_dpi,
        language=settings.language,
    )


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
