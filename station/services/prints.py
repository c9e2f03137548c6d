"""What became of a print, in the log: the print queue's outcomes as events.

The queue runs on its own thread and knows no database; the front end hands it
`print_recorder(...)`, which records each outcome in a write transaction of its own.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from sqlalchemy import select

from station.db.engine import Database
from station.db.models import Order
from station.domain import events as ev
from station.printing.queue import PrintOutcome
from station.services.events import record

Clock = Callable[[], dt.datetime]


def _utc_now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


def outcome_event(outcome: PrintOutcome, order: Order | None) -> ev.DomainEvent:
    uid = order.uid if order is not None else None
    if outcome.printed:
        return ev.LabelPrinted(
            order=uid, document=outcome.document, printer=outcome.printer, format=outcome.format
        )
    reason = outcome.reason or ev.Reason("print_failed")
    return ev.PrintFailed(
        order=uid, document=outcome.document, printer=outcome.printer, reason=reason
    )


def print_recorder(
    db: Database, bench: str, operator: Callable[[], str], clock: Clock = _utc_now
) -> Callable[[PrintOutcome], None]:
    """The queue's `on_outcome`: `LabelPrinted` once a printer took a document, `PrintFailed`
    (with the printer's reason code) once its retries are spent. `operator` tells who is
    signed in when the outcome comes."""

    def record_outcome(outcome: PrintOutcome) -> None:
        with db.write() as session:
            number = outcome.document.order_number
            order = session.scalar(select(Order).where(Order.number == number))
            event = outcome_event(outcome, order)
            record(session, event, at=clock(), bench=bench, operator=operator())

    return record_outcome
