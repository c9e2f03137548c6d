"""The unit of work's write path: append typed events to the log and project them.

Every change of state goes through `record` (or `record_all` for a batch), in the caller's
transaction, so that the log and the projections can never disagree. Nothing else writes
order state; `station db verify` replays the log to prove it.
"""

from __future__ import annotations

import datetime as dt
import secrets
import threading
import time
import uuid
from collections.abc import Sequence
from typing import Any

from sqlalchemy import Table
from sqlalchemy.orm import Session

from station.db.bulk import insert_rows
from station.db.models import Event
from station.domain.events import DomainEvent, Recorded, encode

_VERSION_7 = 0x7 << 76
_VARIANT = 0b10 << 62
_clock = threading.Lock()
_last = [0, 0]  # the last id's millisecond and its counter within it


def new_event_id() -> uuid.UUID:
    """Time-ordered UUID (RFC 9562 version 7): the Unix millisecond, then a counter within the
    millisecond (so ids of one process sort by creation), then 62 random bits (unique across
    benches). Built from one integer: a first import makes tens of thousands of them."""
    now_ms = time.time_ns() // 1_000_000
    with _clock:
        if now_ms > _last[0]:
            _last[0], _last[1] = now_ms, secrets.randbits(10)  # leave room to count up
        else:
            _last[1] += 1
            if _last[1] > 0xFFF:  # 4,096 ids in one millisecond: borrow the next one
                _last[0], _last[1] = _last[0] + 1, 0
        ms, counter = _last
    value = ms << 80 | _VERSION_7 | counter << 64 | _VARIANT | secrets.randbits(62)
    return uuid.UUID(int=value)


new_uid = new_event_id  # orders, lines and parcels get the same kind of global id


def recorded(
    event: DomainEvent,
    *,
    at: dt.datetime,
    bench: str = "",
    operator: str = "",
    event_id: uuid.UUID | None = None,
) -> Recorded:
    return Recorded(event_id or new_event_id(), at, bench, operator, event)


def record(
    session: Session,
    event: DomainEvent,
    *,
    at: dt.datetime,
    bench: str = "",
    operator: str = "",
    event_id: uuid.UUID | None = None,
) -> Recorded:
    """Append one event and apply it to the tables, in the caller's transaction."""
    rec = recorded(event, at=at, bench=bench, operator=operator, event_id=event_id)
    record_all(session, [rec])
    return rec


def record_all(session: Session, recs: Sequence[Recorded]) -> None:
    """Append a batch (one executemany) and project it in order."""
    from station.services.projection import project_all  # the projector records nothing back

    insert_rows(session, _events_table(), [event_row(rec) for rec in recs])
    project_all(session, recs)


def event_row(rec: Recorded) -> dict[str, Any]:
    event = rec.event
    return {
        "id": rec.id,
        "at": rec.at,
        "type": event.TYPE,
        "version": event.VERSION,
        "bench": rec.bench,
        "operator": rec.operator,
        "order_uid": event.order,
        "payload": encode(event),
    }


def _events_table() -> Table:
    table = Event.__table__
    assert isinstance(table, Table)
    return table
