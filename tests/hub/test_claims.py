"""Claims on the hub between real console benches, each with its own SQLite home: leases of
the next orders, a scan of an order another bench holds, and leases that run out."""

from __future__ import annotations

import time
from pathlib import Path

import pytest
from sqlalchemy import select

from station.app import open_home
from station.db.engine import Database
from station.db.models import Bench, Order
from station.domain import OrderStatus
from sync.hub.schema import hub_leases
from tests.console_process import ConsoleProcess
from tests.hub.conftest import (
    hub_orders,
    hub_status,
    pack_next,
    set_settings,
    sync_once,
    warehouse,
)

pytestmark = pytest.mark.slow


def leases(hub: str) -> dict[str, set[str]]:
    """Order numbers each bench holds a lease of on the hub, expired or not."""
    db = Database(hub)
    try:
        with db.read() as s:
            rows = s.execute(
                select(hub_leases.c.bench, Order.number).join(
                    Order, Order.uid == hub_leases.c.order_uid
                )
            )
            held: dict[str, set[str]] = {}
            for bench, number in rows:
                held.setdefault(bench, set()).add(number)
            return held
    finally:
        db.dispose()


def leased_here(home: Path, bench: str) -> set[str]:
    with open_home(home) as ctx, ctx.db.read() as s:
        return set(
            s.scalars(
                select(Order.number)
                .join(Bench, Bench.id == Order.bench_id)
                .where(Bench.name == bench, Order.status == OrderStatus.QUEUED)
            )
        )


def test_each_bench_leases_its_own_next_orders_and_a_scan_of_anothers_is_refused(
    hub_url: str, tmp_path: Path
) -> None:
    # GIVEN three benches of one hub, each after one sync round
    homes = warehouse(hub_url, tmp_path, "B2", "B3")
    # THEN each holds a lease of 3 orders (the default), no order is leased twice, and each
    # bench's own projection says which orders are its own
    held = leases(hub_url)
    assert {bench: len(numbers) for bench, numbers in held.items()} == {"B1": 3, "B2": 3, "B3": 3}
    assert len(held["B1"] | held["B2"] | held["B3"]) == 9
    for name in ("B2", "B3"):
        sync_once(homes[name])
    assert leased_here(homes["B2"], "B2") == held["B2"]
    assert leased_here(homes["B3"], "B3") == held["B3"]
    assert {row["leased"] for row in hub_status(homes["B2"]).values()} == {3}
    # WHEN B3's operator scans an order leased to B2
    theirs = sorted(held["B2"])[0]
    bench = ConsoleProcess(homes["B3"])
    bench.wait_for("PROMPT")
    refused = bench.send(theirs, "ERROR")
    # THEN it is refused, naming B2, before anything is opened
    assert refused.startswith(f"ERROR order_claimed Order {theirs} is being packed at B2")
    # WHEN it scans NEXT
    opened = bench.send("NEXT", "OK order_opened")
    # THEN one of its own leased orders opens
    assert opened.split()[3] in held["B3"]
    assert bench.close() == 0


def test_leases_of_a_bench_that_vanished_return_to_the_queue_for_another(
    hub_url: str, tmp_path: Path
) -> None:
    # GIVEN B2 holding a lease of 3 orders that runs out after 2 s without it
    homes = warehouse(hub_url, tmp_path, "B2", "B3")
    set_settings(homes["B2"], hub_lease_s=2)
    sync_once(homes["B2"])
    lost = leases(hub_url)["B2"]
    # WHEN B2 is heard of no more, and B3 has packed the orders it held
    time.sleep(3)
    bench = ConsoleProcess(homes["B3"])
    bench.wait_for("PROMPT")
    done = [pack_next(bench, homes["B3"]) for _ in range(6)]
    opened = {number for number, _ in done}
    packed = [number for number, shipped in done if shipped]
    assert bench.close() == 0
    # THEN the orders B2 held came back to the queue and B3 packed them
    assert lost <= opened
    assert lost & set(packed)
    sync_once(homes["B3"])
    on_hub = hub_orders(hub_url)
    assert all(on_hub[n] == (OrderStatus.SHIPPED, None) for n in packed)
