"""One shop-sync leader per warehouse: console benches, each with its own SQLite home and the
same WooCommerce shop (the fake in tests/fakes/shops/woocommerce.py, after the WooCommerce REST
API v3 and Shipment Tracking), on one hub. The leader is killed with SIGKILL."""

from __future__ import annotations

import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import select

from station.db.engine import Database
from station.db.models import Event
from station.domain import events as ev
from sync.hub.leader import ShopSyncLeader
from tests.console_process import ConsoleProcess, run_station
from tests.fakes.shops.base import Fault
from tests.fakes.shops.woocommerce import FakeWooCommerce
from tests.hub.conftest import demo_bench, hub_orders, join, pack, set_settings, sync_once

pytestmark = pytest.mark.slow


@pytest.fixture
def woo() -> Iterator[FakeWooCommerce]:
    fake = FakeWooCommerce()
    fake._next_id = 5000  # the shop's numbers start after the demo's 1001-1035
    with fake:
        yield fake


def add_woo(home: Path, url: str) -> None:
    done = run_station(
        home, "shop", "add", "woocommerce", "woo", "--url", url, stdin="ck_test\ncs_test\n"
    )
    assert done.returncode == 0, done.stderr


def wait_until(check, timeout_s: float = 60) -> float:  # type: ignore[no-untyped-def]
    started = time.monotonic()
    while not check():
        assert time.monotonic() - started < timeout_s, "never happened"
        time.sleep(0.5)
    return time.monotonic() - started


def test_one_leader_at_a_time_and_another_takes_the_lock_when_it_goes(hub_url: str) -> None:
    # GIVEN two benches asking the hub to lead shop sync
    first, second = ShopSyncLeader(hub_url), ShopSyncLeader(hub_url)
    # THEN one leads and the other waits, asking again as often as it likes
    assert first.lead()
    assert not second.lead()
    assert first.lead()
    # WHEN the leader goes away
    first.release()
    # THEN the other leads at its next question
    assert second.lead()
    second.release()


def test_a_killed_leader_is_replaced_within_30_s_and_the_shop_hears_everything_once(
    hub_url: str, tmp_path: Path, woo: FakeWooCommerce
) -> None:
    # GIVEN two benches of one hub that both have the shop, B1 leading shop sync
    b1, b2 = tmp_path / "B1", tmp_path / "B2"
    demo_bench(b1, hub_url, "B1")
    join(b2, hub_url, "B2")
    sync_once(b2)
    for home in (b1, b2):
        add_woo(home, woo.url)
    woo_lines = [("TSH-01", 1, "10.00")]
    for _ in range(3):
        woo.add_order(lines=woo_lines)
    leader = ConsoleProcess(b1)
    leader.wait_for("PROMPT")
    wait_until(lambda: {"5001", "5002", "5003"} <= set(hub_orders(hub_url)))
    other = ConsoleProcess(b2)
    other.wait_for("PROMPT")
    time.sleep(6)  # B2 has asked and been told B1 leads
    # WHEN the leader is killed without warning, and the shop gets two more orders
    leader.kill()
    killed = len(woo.log)
    woo.add_order(lines=woo_lines)
    woo.add_order(lines=woo_lines)
    # THEN B2 takes over within 30 s: it reads the shop and imports the new orders
    took = wait_until(lambda: any(m == "GET" for m, _, _ in woo.log[killed:]), timeout_s=30)
    assert took < 30
    wait_until(lambda: {"5004", "5005"} <= set(hub_orders(hub_url)))
    # AND B2 packs a shop order, and the shop hears its tracking number once
    other.send("5001", "OK order_opened")
    assert pack(other, b2, "5001")
    wait_until(lambda: len(woo.trackings.get(5001, [])) >= 1, timeout_s=60)
    time.sleep(5)  # another round or two: nothing is sent again
    assert other.close() == 0
    assert [t["tracking_number"] for t in woo.trackings[5001]].count(
        woo.trackings[5001][0]["tracking_number"]
    ) == 1
    assert len(woo.trackings[5001]) == 1
    # AND every shop order is in the warehouse once
    numbers = [n for n in hub_orders(hub_url) if n.startswith("50")]
    assert sorted(numbers) == ["5001", "5002", "5003", "5004", "5005"]
    hub = Database(hub_url)
    try:
        with hub.read() as s:
            imported = list(
                s.scalars(
                    select(Event.payload["number"].as_string()).where(
                        Event.type == ev.OrderImported.TYPE
                    )
                )
            )
    finally:
        hub.dispose()
    assert sorted(n for n in imported if n.startswith("50")) == sorted(numbers)


def test_a_leader_killed_mid_push_leaves_the_next_one_nothing_to_send_twice(
    hub_url: str, tmp_path: Path, woo: FakeWooCommerce
) -> None:
    # GIVEN two benches of one hub that both have the shop, B1 leading shop sync; each waits
    # 20 s for a request another bench may still have on its way
    b1, b2 = tmp_path / "B1", tmp_path / "B2"
    demo_bench(b1, hub_url, "B1")
    join(b2, hub_url, "B2")
    sync_once(b2)
    for home in (b1, b2):
        add_woo(home, woo.url)
        set_settings(home, hub_send_in_flight_s=20)
    woo.add_order(lines=[("TSH-01", 1, "10.00")])
    leader = ConsoleProcess(b1)
    leader.wait_for("PROMPT")
    wait_until(lambda: "5001" in hub_orders(hub_url))
    other = ConsoleProcess(b2)
    other.wait_for("PROMPT")
    time.sleep(6)  # B2 has asked and been told B1 leads
    # AND the shop takes 12 s to answer the first tracking number it is sent
    slow = Fault("slow", path="shipment-trackings", method="POST", delay_s=12)
    woo.inject(slow)
    # WHEN B1 packs the order and is killed while its tracking number is on its way
    leader.send("5001", "OK order_opened")
    assert pack(leader, b1, "5001")
    wait_until(lambda: slow.times == 0)
    arrived = time.monotonic()
    wait_until(lambda: hub_orders(hub_url)["5001"][0] == "shipped")
    leader.kill()
    # THEN B2 takes over and completes the order in the shop, and once B1's request has been
    # served the shop has the tracking number once (B2 read the shop before sending it again)
    wait_until(lambda: woo.orders[5001]["status"] == "completed", timeout_s=90)
    time.sleep(max(0.0, arrived + slow.delay_s + 1 - time.monotonic()))
    assert [t["tracking_number"] for t in woo.trackings[5001]] == [
        woo.trackings[5001][0]["tracking_number"]
    ]
    assert woo.count("POST", "shipment-trackings") == 1
    assert other.close() == 0
