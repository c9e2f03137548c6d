"""Appending to the event log. Every change of state goes through here, in the caller's
transaction, so that the log and the projections can never disagree."""

from __future__ import annotations

import datetime as dt
import uuid
from typing import Any

import uuid6
from sqlalchemy.orm import Session

from station.db.models import Event
from station.domain import EventType


def new_event_id() -> uuid.UUID:
    """Time-ordered UUID (v7): sorts by creation, unique across benches."""
    return uuid.UUID(str(uuid6.uuid7()))


def append_event(
    session: Session,
    type_: EventType,
    *,
    at: dt.datetime,
    order_id: int | None = None,
    bench: str = "",
    operator: str = "",
    payload: dict[str, Any] | None = None,
    event_id: uuid.UUID | None = None,
) -> Event:
    event = Event(
        id=event_id or new_event_id(),
        at=at,
        type=type_.value,
        bench=bench,
        operator=operator,
        order_id=order_id,
        payload=payload or {},
    )
    session.add(event)
    return event
