"""What a bench watches for between scans: a lead's command about the order it has open, or an
order a lead gave it.

The bench's worker asks every second, off the GUI thread. The question is cheap on purpose: the
events recorded since the last answer (`seq` above a cursor, a range of the log's key), and of
those only the lead's kinds. Events pulled from a hub are appended locally with new `seq`s, so
the same cursor sees a lead's command made at another bench of the warehouse.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from dataclasses import dataclass, field

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from station.db.engine import Database
from station.db.models import Event, Order
from station.domain import events as ev

LEAD_KINDS = (ev.OrderHeld, ev.OrderReleased, ev.OrderReassigned, ev.PackingAborted)
_LEAD_TYPES = [kind.TYPE for kind in LEAD_KINDS]
LOOK_AT = 200  # reassignments read per look for an idle bench: a lead's burst, not the day


@dataclass
class LeadNews:
    cursor: int  # the newest event seen; the next question starts after it
    about_order: bool = False  # a lead's command touched the open order
    given: list[str] = field(default_factory=list)  # numbers of orders a lead gave this bench


def newest_seq(session: Session) -> int:
    return int(session.scalar(select(func.max(Event.seq))) or 0)


def lead_news(session: Session, cursor: int, bench: str, order: uuid.UUID | None) -> LeadNews:
    """The lead's commands recorded after `cursor` about `order` (the bench's open order), or,
    with none open, the orders given to `bench` by name."""
    newest = newest_seq(session)
    news = LeadNews(cursor=max(cursor, newest))
    if newest <= cursor:
        return news
    since = (Event.seq > cursor, Event.seq <= newest)
    if order is not None:
        touched = select(Event.seq).where(
            *since, Event.order_uid == order, Event.type.in_(_LEAD_TYPES)
        )
        news.about_order = session.scalar(touched.limit(1)) is not None
        return news
    moved = session.execute(
        select(Event.order_uid, Event.payload)
        .where(*since, Event.type == ev.OrderReassigned.TYPE)
        .order_by(Event.seq)
        .limit(LOOK_AT)
    )
    given = [uid for uid, payload in moved if uid and payload.get("bench") == bench]
    if given:
        numbers = session.execute(select(Order.uid, Order.number).where(Order.uid.in_(given)))
        by_uid = {uid: number for uid, number in numbers}
        news.given = [by_uid[uid] for uid in given if uid in by_uid]
    return news


class LeadWatch:
    """One look for a bench (call it every second, off any GUI thread): `on_order` when a lead's
    command touched the bench's open order, whose uid `open_order` gives (run a tick through the
    bench: the engine tells the operator and forgets the order); `on_given` with the orders
    given to the bench while it has none open."""

    def __init__(
        self,
        db: Database,
        bench: str,
        open_order: Callable[[], uuid.UUID | None],
        on_order: Callable[[], None],
        on_given: Callable[[list[str]], None],
    ) -> None:
        self.db, self.bench, self.open_order = db, bench, open_order
        self.on_order, self.on_given = on_order, on_given
        self.cursor: int | None = None  # the newest event looked at; None before the first look

    def __call__(self) -> None:
        order = self.open_order()
        with self.db.read() as session:
            if self.cursor is None:  # what was before the bench started is not news
                self.cursor = newest_seq(session)
                return
            news = lead_news(session, self.cursor, self.bench, order)
        self.cursor = news.cursor
        if news.about_order:
            self.on_order()
        elif order is None and news.given:
            self.on_given(news.given)
