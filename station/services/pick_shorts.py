"""What pickers found missing at the bins (`PickShorted`), for the lead: newest first, with the
product each short line was for. The same facts `station pick shorts` prints."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from station.db.models import Event, Order, OrderLine
from station.domain import events as ev

SHOWN = 500  # the newest; a lead looks at today's, not the year's


@dataclass(frozen=True)
class PickShortRow:
    at: dt.datetime
    order: str
    bin: str
    sku: str
    product: str
    wanted: int
    found: int
    picker: str
    tote: str


def pick_shorts(session: Session, limit: int | None = SHOWN) -> list[PickShortRow]:
    """Newest first; `limit` None for every short ever recorded."""
    rows = session.execute(
        select(Event.at, Event.operator, Event.version, Event.payload, Order.number)
        .join(Order, Order.uid == Event.order_uid)
        .where(Event.type == ev.PickShorted.TYPE)
        .order_by(Event.seq.desc())
        .limit(limit)
    ).all()
    shorts = [(at, who, ev.decode(ev.PickShorted.TYPE, v, p), n) for at, who, v, p, n in rows]
    uids = {e.line for _, _, e, _ in shorts if isinstance(e, ev.PickShorted)}
    lines = {
        uid: (sku, name)
        for uid, sku, name in session.execute(
            select(OrderLine.uid, OrderLine.sku, OrderLine.name).where(OrderLine.uid.in_(uids))
        )
    }
    found = []
    for at, picker, e, number in shorts:
        assert isinstance(e, ev.PickShorted)
        sku, name = lines.get(e.line, ("", ""))
        found.append(PickShortRow(at, number, e.bin, sku, name, e.wanted, e.found, picker, e.tote))
    return found
