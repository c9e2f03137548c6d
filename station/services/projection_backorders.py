"""The projector's handlers for backorders closed: the owed units released to the queue as a
follow-up order of their own, or cancelled. Registered on the one projector
(`station.services.projection`).

A follow-up order copies its order's customer, addresses, carrier and payment, and has one line
per owed line with the owed units at the same price. It carries no shop id of its own (the shop
has one order): `backorder_of` names the order it ships for, and the shop hears of its parcels
on that order's shop id. Its line uids come from the event's id, the same on every replay.
"""

from __future__ import annotations

import uuid

from sqlalchemy.orm import Session

from station.db.models import NO_CUTOFF, Order, OrderLine
from station.domain import OrderStatus
from station.domain import events as ev
from station.services.projection import _line, _on, remember


def follow_up_line_uid(event_id: uuid.UUID, line: uuid.UUID) -> uuid.UUID:
    return uuid.uuid5(event_id, str(line))


@_on(ev.BackorderReleased)
def _released(s: Session, order: Order, rec: ev.Recorded, e: ev.BackorderReleased) -> None:
    follow_up = Order(
        uid=e.follow_up,
        number=e.number,
        shop_id=order.shop_id,
        external_id=None,
        backorder_of=order.number,
        status=OrderStatus.QUEUED,
        priority=order.priority,
        queue_cutoff=NO_CUTOFF,
        created_at=order.created_at,  # the customer has waited since: it queues by that age
        updated_at=rec.at,
        customer_name=order.customer_name,
        customer_email=order.customer_email,
        shipping_address=dict(order.shipping_address),
        billing_address=dict(order.billing_address),
        currency=order.currency,
        payment_method=order.payment_method,
        cod_amount=order.cod_amount,
        carrier=order.carrier,
        service=order.service,
    )
    for line_no, owed in enumerate(e.lines, start=1):
        line = _line(order, owed.line)
        line.backorder_qty -= owed.quantity
        follow_up.lines.append(
            OrderLine(
                uid=follow_up_line_uid(rec.id, owed.line),
                line_no=line_no,
                product_id=line.product_id,
                sku=line.sku,
                name=line.name,
                quantity=owed.quantity,
                unit_price=line.unit_price,
                vat_rate=line.vat_rate,
                external_id=line.external_id,
            )
        )
    s.add(follow_up)
    s.flush()
    remember(s, [follow_up])


@_on(ev.BackorderCancelled)
def _cancelled(s: Session, order: Order, rec: ev.Recorded, e: ev.BackorderCancelled) -> None:
    for owed in e.lines:
        _line(order, owed.line).backorder_qty -= owed.quantity
