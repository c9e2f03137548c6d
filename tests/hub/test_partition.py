"""The LAN cut between a console bench and its hub, mid-order, then restored: a TCP proxy in
between (tests/tcp_proxy.py) closes every connection and refuses new ones while cut."""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from sqlalchemy import select

from station.app import open_home
from station.db.engine import Database
from station.db.models import Event, Order
from station.domain import OrderStatus
from station.domain import events as ev
from tests.console_process import ConsoleProcess, ean_of, run_station
from tests.hub.conftest import demo_bench, join, pack, sync_once
from tests.hub.test_conflicts import plain_leased
from tests.tcp_proxy import TcpProxy

pytestmark = pytest.mark.slow


@pytest.fixture
def proxy() -> Iterator[TcpProxy]:
    link = TcpProxy("127.0.0.1", 5432)
    yield link
    link.close()


def orders_of(db_url: str) -> dict[str, tuple[str, list[str], str]]:
    """Each order: status, tracking numbers, problem code."""
    db = Database(db_url)
    try:
        with db.read() as s:
            return {
                o.number: (
                    o.status,
                    sorted(p.tracking_number or "" for p in o.parcels),
                    o.problem_code,
                )
                for o in s.scalars(select(Order))
            }
    finally:
        db.dispose()


def eventually(check: Callable[[], bool], timeout_s: float = 60) -> None:
    deadline = time.monotonic() + timeout_s
    while not check():
        assert time.monotonic() < deadline, "the hub never caught up"
        time.sleep(1)


def test_a_bench_cut_from_the_hub_mid_order_keeps_packing_and_merges_when_the_link_returns(
    hub_url: str, tmp_path: Path, proxy: TcpProxy
) -> None:
    # GIVEN B1 holding the shop, and B2 reaching the hub through a proxy, with 3 leased orders
    b1, b2 = tmp_path / "b1", tmp_path / "b2"
    demo_bench(b1, hub_url, "B1")
    join(b2, hub_url.replace(":5432/", f":{proxy.port}/"), "B2")
    sync_once(b2)
    first = plain_leased(b2, "B2")
    bench = ConsoleProcess(b2)
    bench.wait_for("PROMPT")
    bench.send(first, "OK order_opened")
    with open_home(b2) as ctx, ctx.db.read() as s:
        order = s.scalars(select(Order).where(Order.number == first)).one()
        skus = [line.product.sku for line in order.lines for _ in range(line.quantity)]
    bench.send(ean_of(skus[0]), "OK")
    # WHEN the link is cut mid-order
    proxy.cut()
    # THEN the bench finishes it and its label prints
    for sku in skus[1:]:
        bench.send(ean_of(sku), "OK")
    bench.send("WEIGH", f"DONE {first}")
    # WHEN, meanwhile, a lead on the hub gives another of B2's leased orders to B1
    second = plain_leased(b2, "B2")
    lead = run_station(
        tmp_path / "lead",
        "--db",
        hub_url,
        "orders",
        "assign",
        second,
        "--bench",
        "B1",
        "--lead",
        "giulia",
        stdin="9999\n",
    )
    assert lead.returncode == 0, lead.stderr
    # AND B2, still cut off, packs that one too from its lease
    bench.send(second, "OK order_opened")
    assert pack(bench, b2, second)
    # WHEN the link comes back
    proxy.restore()
    # THEN the console's replicator merges what B2 did: the hub holds both orders shipped with
    # the tracking numbers B2 printed, and the reassignment is flagged, not applied
    eventually(lambda: orders_of(hub_url)[second][2] == "hub_reassigned_after_packing")
    assert bench.close() == 0
    mine, hub = orders_of(f"sqlite:///{b2}/station.db"), orders_of(hub_url)
    for number in (first, second):
        assert hub[number] == mine[number]
        assert hub[number][0] == OrderStatus.SHIPPED
    assert mine[second][2] == "hub_reassigned_after_packing"
    with open_home(b2) as ctx, ctx.db.read() as s:
        printed = set(s.scalars(select(Event.order_uid).where(Event.type == ev.LabelPrinted.TYPE)))
        uids = set(s.scalars(select(Order.uid).where(Order.number.in_([first, second]))))
    assert uids <= printed
