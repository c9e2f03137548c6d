"""Shop updates when the bench's clock is wrong or jumps: the shop is still told promptly after a
clock a day ahead is put right, and a jump ahead does not fire every waiting update at once.

The shop is the fake WooCommerce (REST v3 + Shipment Tracking, see
tests/fakes/shops/woocommerce.py); its HTTP server stamps each answer with the real `Date`. The
bench reads a fake time source (tests/fakes/clock.py); nothing sleeps."""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from sqlalchemy import select

from station.app import bench_service, open_home
from station.cli import main
from station.context import AppContext
from station.db.models import Order, OutboxEntry
from station.domain import OutboxStatus
from station.services.bench import BenchService
from station.services.clock import ClockWatch
from station.workflow.io import Scan, parse_line
from sync.runner import run_once
from sync.shops.config import add_shop
from tests.console_process import ean_of
from tests.fakes.clock import FakeTime
from tests.fakes.shops.base import Fault
from tests.fakes.shops.woocommerce import FakeWooCommerce

DAY = dt.timedelta(days=1)
JUMPED_BACK = (
    "The computer's clock jumped 24 h 00 min back: check its date, time and time zone; "
    "packing goes on, and manifests and shop updates stay in order."
)


@dataclasses.dataclass
class ShopBench:
    ctx: AppContext
    woo: FakeWooCommerce
    clock: FakeTime
    bench: BenchService


@pytest.fixture
def started(tmp_path: Path) -> Iterator[Callable[[dt.timedelta], ShopBench]]:
    """A demo bench with a WooCommerce shop, started with its clock `off` from the real one."""
    with open_home(tmp_path / "home", demo_mode=True) as home, FakeWooCommerce() as woo:
        add_shop(
            home, "woocommerce", "woo", url=woo.url, secrets={"key": "ck_test", "secret": "cs_test"}
        )

        def start(off: dt.timedelta) -> ShopBench:
            clock = FakeTime(dt.datetime.now(dt.UTC) + off)
            ctx = dataclasses.replace(home, clock=ClockWatch(clock))
            return ShopBench(ctx, woo, clock, bench_service(ctx, "anna"))

        yield start


def number_of(ctx: AppContext, shop_order: dict) -> str:  # type: ignore[type-arg]
    with ctx.db.read() as s:
        query = select(Order.number).where(Order.external_id == str(shop_order["id"]))
        return str(s.scalars(query).one())


def pack(shop: ShopBench, number: str, sku: str) -> list[str]:
    """Scan the order, its one unit, weigh it: the warnings the bench showed on the way."""
    told: list[str] = []
    for line in (number, ean_of(sku), "WEIGHT 220"):
        inp = parse_line(line, typed_weights=True)
        assert inp is not None
        told += shop.bench.handle(inp).warnings
    return told


def tracking_rows(woo: FakeWooCommerce, shop_order: dict) -> list[str]:  # type: ignore[type-arg]
    return [t["tracking_number"] for t in woo.trackings.get(shop_order["id"], [])]


def outbox(ctx: AppContext) -> list[OutboxEntry]:
    with ctx.db.read() as s:
        return list(s.scalars(select(OutboxEntry).order_by(OutboxEntry.id)))


def test_a_clock_a_day_ahead_put_right_still_tells_the_shop_at_once(
    started: Callable[[dt.timedelta], ShopBench],
) -> None:
    # GIVEN a bench whose clock has been a day ahead since it started, and a shop order
    shop = started(DAY + dt.timedelta(seconds=30))
    order = shop.woo.add_order(lines=[("TSH-01", 1, "10.00")])
    run_once(shop.ctx)
    # AND the order packed on that clock
    told = pack(shop, number_of(shop.ctx, order), "TSH-01")
    # WHEN the clock is put right (NTP), and the next sync round runs a minute later
    shop.clock.move_wall(-DAY - dt.timedelta(seconds=30))
    shop.clock.advance(60)
    run_once(shop.ctx)

    # THEN the shop holds the parcel's tracking number now, not a day later
    assert tracking_rows(shop.woo, order) == [tracking_of(shop.ctx, order)]
    assert {e.status for e in outbox(shop.ctx)} == {OutboxStatus.SENT}
    # AND the operator was told, once each: the clock against the shop's, then the jump
    assert told == [
        "The computer's clock is 24 h 00 min ahead of the shop woo's: set its date and time "
        "right (or turn on automatic time)."
    ]
    assert shop.bench.handle(Scan("1002")).warnings == [JUMPED_BACK]


def tracking_of(ctx: AppContext, shop_order: dict) -> str:  # type: ignore[type-arg]
    with ctx.db.read() as s:
        query = select(Order).where(Order.external_id == str(shop_order["id"]))
        return str(s.scalars(query).one().parcels[0].tracking_number)


def test_a_clock_put_right_while_station_was_closed_still_tells_the_shop(
    started: Callable[[dt.timedelta], ShopBench], capsys: pytest.CaptureFixture[str]
) -> None:
    # GIVEN an order packed on a clock a day ahead, whose update has not left
    shop = started(DAY)
    order = shop.woo.add_order(lines=[("TSH-01", 1, "10.00")])
    run_once(shop.ctx)
    pack(shop, number_of(shop.ctx, order), "TSH-01")
    # WHEN the clock is put right while Station is closed, and `station sync --once` runs
    status = main(["--home", str(shop.ctx.home), "sync", "--once"])

    # THEN the shop is told at once: its update was due no later than the longest wait
    assert status == 0
    assert tracking_rows(shop.woo, order) == [tracking_of(shop.ctx, order)]
    assert {e.status for e in outbox(shop.ctx)} == {OutboxStatus.SENT}
    out = capsys.readouterr().out.splitlines()
    assert out[-2:] == [
        "woo: 0 imported, 0 updated, 0 flagged; 2 sent, 0 to retry, 0 parked",
        "outbox: 0 pending, 0 parked",
    ]


def test_a_jump_ahead_does_not_fire_every_waiting_update_at_once(
    started: Callable[[dt.timedelta], ShopBench],
) -> None:
    # GIVEN two packed orders whose tracking the shop refused for now ("retry in 30 minutes")
    shop = started(dt.timedelta())
    orders = [shop.woo.add_order(lines=[("TSH-01", 1, "10.00")]) for _ in range(2)]
    run_once(shop.ctx)
    for order in orders:
        pack(shop, number_of(shop.ctx, order), "TSH-01")
    busy = Fault("status", "shipment-trackings", "POST", times=2, headers={"Retry-After": "1800"})
    shop.woo.inject(busy)
    run_once(shop.ctx)
    asked = shop.woo.count("POST", "shipment-trackings")
    assert asked == 2
    # WHEN someone sets the clock a day ahead, and sync rounds run as usual
    shop.clock.move_wall(DAY)
    for _ in range(3):
        shop.clock.advance(60)
        run_once(shop.ctx)

    # THEN the shop is not asked again before its half hour is over
    assert shop.woo.count("POST", "shipment-trackings") == asked
    waits = [e.next_attempt_at - shop.ctx.clock.now() for e in outbox(shop.ctx)[::2]]
    assert all(dt.timedelta(minutes=20) < w <= dt.timedelta(minutes=30) for w in waits), waits
    # AND once it is, both are told, once each
    shop.clock.advance(1800)
    run_once(shop.ctx)
    assert [tracking_rows(shop.woo, o) for o in orders] == [
        [tracking_of(shop.ctx, o)] for o in orders
    ]
    assert {e.status for e in outbox(shop.ctx)} == {OutboxStatus.SENT}
    # AND the bench's next answer tells the operator of the jump, and that the shop's clock
    # says this one is now wrong, once each
    jump, shop_says = shop.bench.handle(Scan("1002")).warnings
    assert jump == (
        "The computer's clock jumped 24 h 00 min ahead: check its date, time and time zone; "
        "packing goes on, and manifests and shop updates stay in order."
    )
    # (the shop's Date header runs on the real clock, the bench on the fake one moved a minute
    # past the jump before the round that read it: the gap is a day and at most that minute)
    assert re.fullmatch(
        r"The computer's clock is 24 h 0[01] min ahead of the shop woo's: set its date and time "
        r"right \(or turn on automatic time\)\.",
        shop_says,
    ), shop_says
    assert shop.bench.handle(Scan("1003")).warnings == []
