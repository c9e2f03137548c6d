"""Carrying a database written before typed events over to the event log as it is now.

The release before kept order state partly outside the log (shipping, shop updates in prose),
so its events cannot be replayed. The upgrade keeps them (schema version 0, for the record) and
appends one `OrderCarriedOver` per order with its whole state, one `CountersCarriedOver` and one
`InvoiceIssued` per invoice: from there on a replay gives back exactly what the upgrade found.
Works on plain rows (SQLAlchemy Core), since the models are those of the newest schema.
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Mapping
from decimal import Decimal
from typing import Any

import uuid6
from sqlalchemy import JSON, Connection, Integer, MetaData, String, Table, Uuid, column, select
from sqlalchemy import table as table_clause

from station.db.types import UTCDateTime
from station.domain import events as ev
from station.domain.messages import CATALOGUE

_EXACT = {
    "On hold in the shop": "hold_shop_on_hold",
    "Waiting for payment in the shop": "hold_shop_unpaid",
    "Already completed in the shop": "hold_shop_completed",
    "The shop's data for this order could not be read": "hold_malformed",
    "held at the bench": "held_at_bench",
    "The order has no lines to pack": "problem_no_lines",
    "Cancelled in the shop after it was shipped": "problem_cancelled_after_shipping",
    "Already completed in the shop while being packed": "problem_completed_while_packing",
    "The lines were changed in the shop during packing: check the order before shipping": (
        "problem_lines_changed_while_packing"
    ),
}
_PREFIXED = {
    "Unknown SKU: ": ("problem_unknown_sku", "skus"),
    "Malformed order from the shop: ": ("problem_malformed", "detail"),
}


def reason_from_text(text: str) -> ev.Reason | None:
    """The code for a sentence an older release stored; other words are kept as they were."""
    if not text:
        return None
    if text in _EXACT:
        return ev.Reason(_EXACT[text])
    for prefix, (code, param) in _PREFIXED.items():
        if text.startswith(prefix):
            return ev.Reason(code, {param: text.removeprefix(prefix)})
    assert "legacy_text" in CATALOGUE
    return ev.Reason("legacy_text", {"text": text})


def _uid() -> uuid.UUID:
    return uuid.UUID(str(uuid6.uuid7()))


def _money(value: Any) -> Decimal:
    return Decimal(str(value)) if value is not None else Decimal("0")


def carry_over(conn: Connection, now: dt.datetime) -> None:
    """Append the carried-over events for every order, counter and invoice."""
    meta = MetaData()
    t = {
        name: Table(name, meta, autoload_with=conn)
        for name in (
            "orders",
            "order_lines",
            "parcels",
            "packed_units",
            "outbox",
            "shops",
            "benches",
            "box_types",
            "counters",
            "invoices",
            "events",
        )
    }
    shops = dict(conn.execute(select(t["shops"].c.id, t["shops"].c.name)).all())
    benches = dict(conn.execute(select(t["benches"].c.id, t["benches"].c.name)).all())
    boxes = dict(conn.execute(select(t["box_types"].c.id, t["box_types"].c.code)).all())
    rows: list[dict[str, Any]] = []
    orders = t["orders"]
    for order in list(conn.execute(select(orders).order_by(orders.c.id)).mappings()):
        event = _order_event(conn, t, order, shops, benches, boxes)
        rows.append(_row(event, now))
        conn.execute(
            orders.update()
            .where(orders.c.id == order["id"])
            .values(
                hold_code=event.hold.code if event.hold else "",
                hold_params=event.hold.params if event.hold else {},
                problem_code=event.problem.code if event.problem else "",
                problem_params=event.problem.params if event.problem else {},
            )
        )
    counters = dict(conn.execute(select(t["counters"].c.name, t["counters"].c.value)).all())
    if counters:
        rows.append(_row(ev.CountersCarriedOver(counters=counters), now))
    uids = dict(conn.execute(select(t["orders"].c.id, t["orders"].c.uid)).all())
    for inv in conn.execute(select(t["invoices"]).order_by(t["invoices"].c.id)).mappings():
        rows.append(
            _row(
                ev.InvoiceIssued(
                    order=_as_uuid(uids[inv["order_id"]]),
                    number=inv["number"],
                    series=inv["series"],
                    seq=inv["seq"],
                    issue_date=inv["issue_date"],
                ),
                now,
            )
        )
    if rows:
        conn.execute(_EVENTS.insert(), rows)


# Written through the newest types (UUIDs, aware times, JSON), whatever reflection finds.
_EVENTS = table_clause(
    "events",
    column("id", Uuid()),
    column("at", UTCDateTime()),
    column("type", String()),
    column("version", Integer()),
    column("bench", String()),
    column("operator", String()),
    column("order_uid", Uuid()),
    column("payload", JSON()),
)


def _aware(value: dt.datetime | None) -> dt.datetime | None:
    """Reflected SQLite times come back naive; they were stored as UTC."""
    if value is None:
        return None
    if isinstance(value, str):
        value = dt.datetime.fromisoformat(value)
    return value.replace(tzinfo=dt.UTC) if value.tzinfo is None else value.astimezone(dt.UTC)


def _when(value: Any) -> dt.datetime:
    found = _aware(value)
    assert found is not None
    return found


def _as_uuid(value: Any) -> uuid.UUID:
    return value if isinstance(value, uuid.UUID) else uuid.UUID(str(value))


def _row(event: ev.DomainEvent, now: dt.datetime) -> dict[str, Any]:
    return {
        "id": _uid(),
        "at": now,
        "type": event.TYPE,
        "version": event.VERSION,
        "bench": "",
        "operator": "",
        "order_uid": event.order,
        "payload": ev.encode(event),
    }


def _order_event(
    conn: Connection,
    t: Mapping[str, Table],
    order: Any,
    shops: dict[int, str],
    benches: dict[int, str],
    boxes: dict[int, str],
) -> ev.OrderCarriedOver:
    lines = list(
        conn.execute(
            select(t["order_lines"])
            .where(t["order_lines"].c.order_id == order["id"])
            .order_by(t["order_lines"].c.line_no)
        ).mappings()
    )
    line_uids = {line["id"]: _as_uuid(line["uid"]) for line in lines}
    order_uid = _as_uuid(order["uid"])
    imported = ev.OrderImported(
        order=order_uid,
        number=order["number"],
        shop=shops.get(order["shop_id"], ""),
        external_id=order["external_id"],
        created_at=_when(order["created_at"]),
        shop_updated_at=_aware(order["shop_updated_at"]),
        details=ev.OrderDetails(
            customer_name=order["customer_name"],
            customer_email=order["customer_email"],
            shipping_address=order["shipping_address"] or {},
            billing_address=order["billing_address"] or {},
            currency=order["currency"],
            total=_money(order["total"]),
            shipping_total=_money(order["shipping_total"]),
            payment_method=order["payment_method"],
            cod_amount=None if order["cod_amount"] is None else _money(order["cod_amount"]),
            customer_note=order["customer_note"],
        ),
        carrier=order["carrier"],
        service=order["service"],
        priority=order["priority"],
        cutoff_at=_aware(order["cutoff_at"]),
        lines=tuple(
            ev.ImportedLine(
                line=line_uids[line["id"]],
                line_no=line["line_no"],
                sku=line["sku"],
                name=line["name"],
                quantity=line["quantity"],
                unit_price=_money(line["unit_price"]),
                vat_rate=_money(line["vat_rate"]),
                external_id=line["external_id"],
            )
            for line in lines
        ),
    )
    return ev.OrderCarriedOver(
        order=order_uid,
        imported=imported,
        status=order["status"],
        hold=reason_from_text(order["hold_reason"]),
        problem=reason_from_text(order["problem"]),
        bench=benches.get(order["bench_id"]),
        claimed_at=_aware(order["claimed_at"]),
        shipped_at=_aware(order["shipped_at"]),
        lines=tuple(
            ev.CarriedLine(line_uids[line["id"]], line["verified_qty"], line["short_qty"])
            for line in lines
        ),
        parcels=_parcels(conn, t, order["id"], boxes),
        units=_units(conn, t, order["id"], line_uids),
        outbox=_outbox(conn, t, order["id"]),
    )


def _parcels(
    conn: Connection, t: Mapping[str, Table], order_id: int, boxes: dict[int, str]
) -> tuple[ev.CarriedParcel, ...]:
    parcels = t["parcels"]
    return tuple(
        ev.CarriedParcel(
            parcel=_as_uuid(p["uid"]),
            seq=p["seq"],
            box=boxes.get(p["box_type_id"]),
            expected_weight_g=p["expected_weight_g"],
            measured_weight_g=p["measured_weight_g"],
            weight_override_by=p["weight_override_by"],
            carrier=p["carrier"],
            service=p["service"],
            tracking_number=p["tracking_number"],
            label_path=p["label_path"],
        )
        for p in conn.execute(
            select(parcels).where(parcels.c.order_id == order_id).order_by(parcels.c.seq)
        ).mappings()
    )


def _units(
    conn: Connection, t: Mapping[str, Table], order_id: int, line_uids: dict[int, uuid.UUID]
) -> tuple[ev.CarriedUnit, ...]:
    units = t["packed_units"]
    return tuple(
        ev.CarriedUnit(
            event=_as_uuid(u["event_id"]),
            line=line_uids[u["line_id"]],
            parcel_seq=u["parcel_seq"],
            quantity=u["quantity"],
            code=u["code"],
            lot=u["lot"],
            expiry=u["expiry"],
            serial=u["serial"],
            sku=None,
            undone=bool(u["undone"]),
        )
        for u in conn.execute(
            select(units).where(units.c.order_id == order_id).order_by(units.c.id)
        ).mappings()
    )


def _outbox(
    conn: Connection, t: Mapping[str, Table], order_id: int
) -> tuple[ev.CarriedOutbox, ...]:
    outbox = t["outbox"]
    return tuple(
        ev.CarriedOutbox(
            key=e["key"],
            kind=e["kind"],
            payload=e["payload"] or {},
            status=e["status"],
            attempts=e["attempts"],
            next_attempt_at=_when(e["next_attempt_at"]),
            last_error=e["last_error"],
            created_at=_when(e["created_at"]),
            sent_at=_aware(e["sent_at"]),
        )
        for e in conn.execute(
            select(outbox).where(outbox.c.order_id == order_id).order_by(outbox.c.id)
        ).mappings()
    )
