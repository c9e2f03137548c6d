"""Benches of one warehouse replicate through a hub on the machine's PostgreSQL: real `station`
processes, each bench with its own SQLite home."""

from __future__ import annotations

import time
from pathlib import Path

import pytest
from sqlalchemy import select

from station.app import open_home
from station.db.models import Event, Order, OutboxEntry
from station.domain import OrderStatus, OutboxStatus
from sync.secrets import save_hub_url
from tests.console_process import ConsoleProcess, run_station
from tests.hub.conftest import demo_bench, hub_orders, hub_status, join, pack, sync_once
from tests.hub.test_conflicts import plain_leased

pytestmark = pytest.mark.slow


def local_orders(home: Path) -> dict[str, tuple[str, str]]:
    with open_home(home) as ctx, ctx.db.read() as s:
        return {o.number: (o.status, str(o.uid)) for o in s.scalars(select(Order))}


def test_a_joined_bench_receives_the_warehouse_orders_and_the_hub_lists_it(
    hub_url: str, tmp_path: Path
) -> None:
    # GIVEN a bench with the demo shop's orders, joined to the hub as B1
    b1, b2 = tmp_path / "b1", tmp_path / "b2"
    demo_bench(b1, hub_url, "B1")
    # WHEN a second, empty bench joins as B2 and runs one sync round
    join(b2, hub_url, "B2")
    said = sync_once(b2)
    # THEN it holds the same 35 orders, with the same uids, and the catalogue to pack them
    assert "Hub: 3 events sent" in said  # its lease of the next 3 orders
    assert local_orders(b2) == local_orders(b1)
    assert len(local_orders(b2)) == 35
    assert set(hub_orders(hub_url)) == set(local_orders(b1))
    with open_home(b2) as ctx, ctx.db.read() as s:
        assert all(line.product_id for o in s.scalars(select(Order)) for line in o.lines)
    # AND the hub lists both benches online, caught up, with their version
    status = hub_status(b2)
    assert set(status) == {"B1", "B2"}
    assert all(row["online"] for row in status.values())
    assert status["B2"]["behind"] == 0
    assert status["B1"]["behind"] == 3  # B2's lease, recorded since B1's round
    assert [row["leased"] for row in status.values()] == [3, 3]
    assert status["B2"]["version"]
    # AND a round with nothing new sends and receives nothing (idempotent by event id)
    assert "0 events sent, 0 received" in sync_once(b2)
    assert "0 events sent, 3 received" in sync_once(b1)  # B2's lease
    assert "0 events sent, 0 received" in sync_once(b1)


def test_an_order_packed_on_one_bench_ships_on_every_bench_and_its_tracking_leaves_once(
    hub_url: str, tmp_path: Path
) -> None:
    # GIVEN B1 holding the demo shop and B2 joined and caught up
    b1, b2 = tmp_path / "b1", tmp_path / "b2"
    demo_bench(b1, hub_url, "B1")
    join(b2, hub_url, "B2")
    sync_once(b2)
    # WHEN an operator packs a leased order at B2's console bench
    number = plain_leased(b2, "B2")
    bench = ConsoleProcess(b2)
    bench.wait_for("PROMPT")
    bench.send(number, "OK order_opened")
    assert pack(bench, b2, number)
    # THEN the console's background replicator brings it to the hub while the bench runs
    deadline = time.monotonic() + 30
    while hub_orders(hub_url)[number][0] != OrderStatus.SHIPPED:
        assert time.monotonic() < deadline, "a leased order never reached the hub as shipped"
        time.sleep(0.5)
    assert bench.close() == 0
    # WHEN B1, which holds the shop, runs one sync round
    said = sync_once(b1)
    # THEN B1 has the order shipped with B2's tracking number, and told the shop once
    with open_home(b1) as ctx, ctx.db.read() as s:
        shipped = s.scalars(select(Order).where(Order.number == number)).one()
        assert shipped.status == OrderStatus.SHIPPED
        tracking = [p.tracking_number for p in shipped.parcels]
        outbox = list(s.scalars(select(OutboxEntry).where(OutboxEntry.order_id == shipped.id)))
        assert outbox
        assert {e.status for e in outbox} == {OutboxStatus.SENT}
    with open_home(b2) as ctx, ctx.db.read() as s:
        packed = s.scalars(select(Order).where(Order.number == number)).one()
        assert [p.tracking_number for p in packed.parcels] == tracking
        # B2 has the shop only as a copy from the hub: the updates are in its outbox (the
        # warehouse's), and it sends none of them
        waiting = list(s.scalars(select(OutboxEntry)))
        assert {e.status for e in waiting} == {OutboxStatus.PENDING}
        assert len(waiting) == len(outbox)
    assert "1 sent" in said or "2 sent" in said
    # AND the shop updates B1 sent reach B2 too, and a second round sends nothing again
    sync_once(b2)
    with open_home(b2) as ctx, ctx.db.read() as s:
        types = set(s.scalars(select(Event.type).where(Event.type == "shop_update_sent")))
        assert types == {"shop_update_sent"}
        assert {e.status for e in s.scalars(select(OutboxEntry))} == {OutboxStatus.SENT}
    assert "0 sent" in sync_once(b1)


def test_a_hub_out_of_reach_is_one_sentence_and_the_bench_keeps_its_work(
    hub_url: str, tmp_path: Path
) -> None:
    # GIVEN a bench joined to a hub that then moves away (the address now points nowhere)
    b1 = tmp_path / "b1"
    demo_bench(b1, hub_url, "B1")
    gone = "postgresql+psycopg://postgres:secret@127.0.0.1:9/warehouse"
    join_gone = run_station(b1, "bench", "join", "--hub", gone, "--name", "B1")
    # WHEN it joins or syncs
    # THEN it is told in one sentence, without the password or a traceback
    assert join_gone.returncode == 1
    assert "cannot be reached" in join_gone.stderr
    assert "secret" not in join_gone.stderr
    assert "Traceback" not in join_gone.stderr
    # WHEN its kept address points nowhere and a sync round runs
    save_hub_url(b1, gone)
    said = run_station(b1, "sync", "--once")
    # THEN no shop round runs (no bench can know it leads shop sync), each failure is one
    # line, and the orders are there
    assert said.returncode == 1
    assert "Shop sync waits for the hub" in said.stdout
    assert "Hub: The hub postgresql+psycopg://postgres:***@127.0.0.1:9/warehouse cannot be" in (
        said.stdout
    )
    assert "secret" not in said.stdout + said.stderr
    assert "Traceback" not in said.stderr
    assert len(local_orders(b1)) == 35


def test_hub_init_refuses_a_database_that_is_not_postgresql(tmp_path: Path) -> None:
    # GIVEN an SQLite address WHEN it is made a hub THEN the user is told a hub is PostgreSQL
    done = run_station(tmp_path, "hub", "init", "--db", f"sqlite:///{tmp_path}/x.db")
    assert done.returncode == 1
    assert "PostgreSQL" in done.stderr
    assert "Traceback" not in done.stderr
