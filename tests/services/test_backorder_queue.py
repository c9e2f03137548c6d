"""A backorder stays visible in the queue: the queue service the queue screen reads lists the
orders that still owe units, with how many, on SQLite and PostgreSQL."""

from __future__ import annotations

from station.app import bench_service
from station.context import AppContext
from station.services.orders import list_orders
from station.services.queue import BACKORDER, QueueFilter, queue_count, queue_page
from station.workflow.io import Command, CommandName, ReadScale, Scan, Weight
from tests.console_process import ean_of
from tests.services.conftest import pack


def pack_short(ctx: AppContext, number: str, *skus: str) -> None:
    """Pack the given units, declare the rest short (out of stock), confirm, weigh."""
    bench = bench_service(ctx, "anna")
    for code in (number, *(ean_of(sku) for sku in skus)):
        bench.handle(Scan(code))
    bench.handle(Command(CommandName.SHORT, "OUT"))
    bench.handle(Command(CommandName.SHORT))
    weigh = bench.handle(Command(CommandName.WEIGH)).effects
    bench.handle(Weight(next(e.expected_g for e in weigh if isinstance(e, ReadScale))))


def test_the_queue_lists_orders_that_still_owe_units(any_home: AppContext) -> None:
    # GIVEN order 1002 (2 mugs, 1 cable) shipped with one mug, and order 1001 shipped whole
    pack_short(any_home, "1002", "MUG-01")
    pack(any_home, "1001", "TSH-01")
    # WHEN the queue is read with the backorder filter, and the orders listed
    with any_home.db.read() as session:
        rows = queue_page(session, QueueFilter(status=BACKORDER))
        count = queue_count(session, QueueFilter(status=BACKORDER))
        every = {row.number: row.backorder for row in queue_page(session, QueueFilter())}
        listed = {o["number"]: o["backorder"] for o in list_orders(session, BACKORDER)}
    # THEN only 1002 is there, owing its mug and its cable
    assert [(row.number, row.status, row.backorder) for row in rows] == [("1002", "shipped", 2)]
    assert count == 1
    assert every["1002"] == 2
    assert every["1001"] == 0
    assert listed == {"1002": 2}
