"""What happens when an order is packed: tracking numbers, labels, shipped status, outbox."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from station.config import Settings
from station.db.models import Counter, Order, OutboxEntry, PackedUnit, Parcel
from station.domain import EventType, OrderStatus, OutboxKind
from station.labels.checkdigits import luhn_check_digit
from station.labels.courier import Address, LabelView, label_pdf
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


def next_tracking_number(session: Session, carrier: str) -> str:
    """A number from the bench's own series for the carrier, with a Luhn check digit."""
    value = next_counter(session, f"tracking:{carrier}")
    body = f"{value:011d}"
    prefix = "".join(ch for ch in carrier.upper() if ch.isalnum())[:4] or "ST"
    return f"{prefix}{body}{luhn_check_digit(body)}"


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


def label_view(order: Order, parcel: Parcel, count: int, settings: Settings) -> LabelView:
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
    )


def write_label(path: Path, pdf: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(".tmp")
    tmp.write_bytes(pdf)
    tmp.replace(path)


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
) -> list[Parcel]:
    """Number, label and ship the order's parcels; queue the shop updates. Idempotent per order."""
    for empty in [p for p in order.parcels if p.seq not in parcel_seqs]:
        order.parcels.remove(empty)
    session.flush()
    parcels = sorted(order.parcels, key=lambda p: p.seq)
    for parcel in parcels:
        parcel.carrier = parcel.carrier or order.carrier or DEFAULT_CARRIER
        parcel.service = parcel.service or order.service
        if parcel.tracking_number is None:
            parcel.tracking_number = next_tracking_number(session, parcel.carrier)
        path = labels_dir / f"{order.number}-{parcel.seq}.pdf"
        write_label(path, label_pdf(label_view(order, parcel, len(parcels), settings)))
        parcel.label_path = str(path)
        append_event(
            session,
            EventType.LABEL_PRINTED,
            at=at,
            order_id=order.id,
            bench=bench,
            operator=operator,
            payload={"parcel_seq": parcel.seq, "tracking_number": parcel.tracking_number},
        )
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
