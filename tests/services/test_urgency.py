"""One "most urgent order": the queue screen's first queued row is the order NEXT claims."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import select

from station.app import bench_service
from station.context import AppContext
from station.db.models import Order
from station.domain import OrderStatus
from station.domain import events as ev
from station.services.bench import BenchService
from station.services.events import new_uid, record
from station.services.queue import QueueFilter, queue_page
from station.workflow.io import Command, CommandName

NOW = dt.datetime(2026, 3, 2, 9, 0, tzinfo=dt.UTC)
CUTOFF = dt.datetime(2026, 3, 2, 16, 0, tzinfo=dt.UTC)
QUEUED = QueueFilter(status=OrderStatus.QUEUED)


def import_order(ctx: AppContext, number: str, created_at: dt.datetime, priority: int) -> None:
    line = ev.ImportedLine(line=new_uid(), line_no=1, sku="TSH-01", name="T-shirt", quantity=1)
    imported = ev.OrderImported(
        order=new_uid(),
        number=number,
        created_at=created_at,
        carrier="GLS",
        priority=priority,
        cutoff_at=CUTOFF,
        lines=(line,),
    )
    with ctx.db.write() as session:
        record(session, imported, at=NOW)


def claim_next(bench: BenchService) -> str:
    bench.handle(Command(CommandName.NEXT))
    order = bench.engine.state.order
    assert order is not None
    return order.number


def packing_at(ctx: AppContext) -> list[str]:
    with ctx.db.read() as session:
        query = select(Order.number).where(Order.status == OrderStatus.PACKING)
        return list(session.scalars(query))


def test_next_claims_the_first_queued_row_the_queue_lists_when_cutoffs_and_priorities_tie(
    any_home: AppContext,
) -> None:
    # GIVEN three orders above every demo order, with one priority and one cut-off; the first
    # imported is the youngest, the other two were placed at the same moment
    import_order(any_home, "9001", NOW - dt.timedelta(hours=1), priority=7)
    import_order(any_home, "9002", NOW - dt.timedelta(hours=3), priority=7)
    import_order(any_home, "9003", NOW - dt.timedelta(hours=3), priority=7)
    with any_home.db.read() as session:
        listed = [row.number for row in queue_page(session, QUEUED)]
    # THEN the queue lists the oldest first and breaks the tie by arrival
    assert listed[:3] == ["9002", "9003", "9001"]

    # WHEN a bench scans NEXT
    claimed = claim_next(bench_service(any_home, "anna"))

    # THEN it claims exactly the queue's first row, and the queue moves on by one
    assert claimed == listed[0]
    assert packing_at(any_home) == ["9002"]
    with any_home.db.read() as session:
        assert [row.number for row in queue_page(session, QUEUED)][:2] == ["9003", "9001"]


def test_keyset_pages_walk_the_same_order_as_one_page(any_home: AppContext) -> None:
    # GIVEN ties on priority, cut-off and age
    for number in ("9001", "9002", "9003"):
        import_order(any_home, number, NOW - dt.timedelta(hours=3), priority=7)
    with any_home.db.read() as session:
        whole = [row.number for row in queue_page(session, QueueFilter())]
        # WHEN the queue is read one row at a time
        walked, page = [], queue_page(session, QueueFilter(), limit=1)
        while page:
            walked.append(page[0].number)
            page = queue_page(session, QueueFilter(), after=page[0], limit=1)
    # THEN every order comes exactly once, in the same order
    assert walked == whole
    assert whole[:3] == ["9001", "9002", "9003"]
