"""Reading orders for people and scripts: the list and the detail, as plain data."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session, selectinload

from station.db.models import Order, OrderLine, OutboxEntry, Parcel, Product
from station.domain.events import Reason
from station.domain.order_codes import order_number_from_code
from station.domain.reasons import reason_text
from station.services.errors import CommandError
from station.services.queue import BACKORDER, owing_orders


def find_order(session: Session, number: str) -> Order:
    """The order by its number as typed or scanned (`#1003`, `ORD1003`); refused when none."""
    wanted = order_number_from_code(number)
    order = session.scalar(select(Order).where(Order.number == wanted))
    if order is None:
        raise CommandError("order_not_found", number=wanted)
    return order


def _money(value: Decimal | None) -> str | None:
    return None if value is None else f"{value:.2f}"


def list_orders(
    session: Session, status: str | None = None, limit: int = 1000, language: str = "en"
) -> list[dict[str, Any]]:
    """The orders by number; `status` "backorder" lists those that still owe units. Reasons
    come as a code with parameters, and as the sentence in `language`."""
    query = select(Order).options(selectinload(Order.bench)).order_by(Order.number).limit(limit)
    if status == BACKORDER:
        query = query.where(Order.id.in_(owing_orders()))
    elif status:
        query = query.where(Order.status == status)
    counts = dict(
        session.execute(
            select(OrderLine.order_id, func.sum(OrderLine.quantity)).group_by(OrderLine.order_id)
        ).all()
    )
    owed = dict(
        session.execute(
            select(OrderLine.order_id, func.sum(OrderLine.backorder_qty))
            .where(OrderLine.backorder_qty > 0)
            .group_by(OrderLine.order_id)
        ).all()
    )
    return [
        {
            "number": o.number,
            "status": o.status,
            "priority": o.priority,
            "cutoff_at": o.cutoff_at.isoformat() if o.cutoff_at else None,
            "carrier": o.carrier,
            "service": o.service,
            "customer": o.customer_name,
            "units": int(counts.get(o.id, 0) or 0),
            "backorder": int(owed.get(o.id, 0) or 0),
            "backorder_of": o.backorder_of or None,
            "bench": o.bench.name if o.bench else None,
            "hold_reason": reason_text(o.hold, language),
            "hold": _reason(o.hold),
        }
        for o in session.scalars(query)
    ]


def show_order(session: Session, number: str, language: str = "en") -> dict[str, Any] | None:
    """The order in full; reasons and shop errors as a code with parameters, and as the
    sentence in `language`."""
    order = session.scalar(
        select(Order)
        .where(Order.number == order_number_from_code(number))
        .options(
            selectinload(Order.lines)
            .selectinload(OrderLine.product)
            .selectinload(Product.barcodes),
            selectinload(Order.parcels).selectinload(Parcel.box_type),
            selectinload(Order.bench),
        )
    )
    if order is None:
        return None
    outbox = session.scalars(select(OutboxEntry).where(OutboxEntry.order_id == order.id))
    return {
        "number": order.number,
        "status": order.status,
        "priority": order.priority,
        "cutoff_at": order.cutoff_at.isoformat() if order.cutoff_at else None,
        "created_at": order.created_at.isoformat(),
        "shipped_at": order.shipped_at.isoformat() if order.shipped_at else None,
        "customer": order.customer_name,
        "shipping_address": order.shipping_address,
        "carrier": order.carrier,
        "service": order.service,
        "currency": order.currency,
        "total": _money(order.total),
        "cod_amount": _money(order.cod_amount),
        "payment_method": order.payment_method,
        "customer_note": order.customer_note,
        "backorder_of": order.backorder_of or None,
        "uid": str(order.uid),
        "hold_reason": reason_text(order.hold, language),
        "hold": _reason(order.hold),
        "problem": reason_text(order.problem, language),
        "problem_reason": _reason(order.problem),
        "bench": order.bench.name if order.bench else None,
        "lines": [_line(line) for line in order.lines],
        "parcels": [_parcel(parcel) for parcel in order.parcels],
        "outbox": [_outbox_entry(e, language) for e in outbox],
    }


def _outbox_entry(entry: OutboxEntry, language: str) -> dict[str, Any]:
    return {
        "kind": entry.kind,
        "key": entry.key,
        "status": entry.status,
        "error": _reason(entry.error),
        "error_text": entry.error_text(language),
    }


def _reason(reason: Reason | None) -> dict[str, Any] | None:
    return None if reason is None else {"code": reason.code, "params": dict(reason.params)}


def _line(line: OrderLine) -> dict[str, Any]:
    product = line.product
    return {
        "sku": line.sku,
        "name": line.name,
        "quantity": line.quantity,
        "verified": line.verified_qty,
        "short": line.short_qty,
        "backorder": line.backorder_qty,
        "unit_price": _money(line.unit_price),
        "vat_rate": _money(line.vat_rate),
        "bin_location": product.bin_location if product else "",
        "barcodes": [
            {"code": b.code, "units": b.units} for b in (product.barcodes if product else [])
        ],
    }


def _parcel(parcel: Parcel) -> dict[str, Any]:
    return {
        "seq": parcel.seq,
        "box": parcel.box_type.code if parcel.box_type else None,
        "weight_g": parcel.measured_weight_g,
        "expected_weight_g": parcel.expected_weight_g,
        "weight_override_by": parcel.weight_override_by or None,
        "carrier": parcel.carrier,
        "service": parcel.service,
        "tracking_number": parcel.tracking_number,
        "label_path": parcel.label_path or None,
    }
