"""Conflicts resolve by physical fact, between real console benches on one hub: a bench cut
off from the hub packs an order from its lease while the warehouse gives it to someone else."""

from __future__ import annotations

import time
from pathlib import Path

import pytest
from sqlalchemy import select

from station.app import open_home
from station.db.models import Bench, Order, OutboxEntry
from station.domain import OrderStatus, OutboxKind
from station.domain.reasons import reason_text
from sync.secrets import save_hub_url
from tests.console_process import ConsoleProcess, run_station
from tests.hub.conftest import hub_orders, pack, set_settings, sync_once, warehouse

pytestmark = pytest.mark.slow
NOWHERE = "postgresql+psycopg://postgres@127.0.0.1:9/warehouse"


def plain_leased(home: Path, bench: str) -> str:
    """A queued order leased to `bench` that plain scans can pack whole."""
    with open_home(home) as ctx, ctx.db.read() as s:
        for order in s.scalars(
            select(Order)
            .join(Bench, Bench.id == Order.bench_id)
            .where(Bench.name == bench, Order.status == OrderStatus.QUEUED)
            .order_by(Order.number)
        ):
            if all(
                line.product and not (line.product.requires_lot or line.product.requires_serial)
                for line in order.lines
            ):
                return order.number
    raise AssertionError(f"{bench} holds no plain order")


def problem(home: Path, number: str) -> tuple[str, str, str]:
    with open_home(home) as ctx, ctx.db.read() as s:
        order = s.scalars(select(Order).where(Order.number == number)).one()
        return order.status, order.problem_code, reason_text(order.problem, "en")


def parcels_of(home: Path, number: str) -> set[tuple[str, str | None]]:
    with open_home(home) as ctx, ctx.db.read() as s:
        order = s.scalars(select(Order).where(Order.number == number)).one()
        return {(p.bench, p.tracking_number) for p in order.parcels}


def pack_offline(home: Path, number: str) -> None:
    bench = ConsoleProcess(home)
    bench.wait_for("PROMPT")
    bench.send(number, "OK order_opened")
    assert pack(bench, home, number)
    assert bench.close() == 0


def test_a_bench_back_from_a_cut_that_packed_a_lease_run_out_is_flagged_not_lost(
    hub_url: str, tmp_path: Path
) -> None:
    # GIVEN B2 holding leases that run out 2 s without it, and B3
    homes = warehouse(hub_url, tmp_path, "B2", "B3")
    set_settings(homes["B2"], hub_lease_s=2)
    sync_once(homes["B2"])
    number = plain_leased(homes["B2"], "B2")
    # WHEN B2 is cut off from the hub, and packs that order from its lease
    save_hub_url(homes["B2"], NOWHERE)
    pack_offline(homes["B2"], number)
    # AND meanwhile its lease runs out and B3 packs the same order
    time.sleep(3)
    pack_offline(homes["B3"], number)
    sync_once(homes["B3"])
    # WHEN B2 is back and replicates
    save_hub_url(homes["B2"], hub_url)
    sync_once(homes["B2"])
    sync_once(homes["B3"])
    # THEN the order is shipped everywhere and flagged for a lead, naming both benches and
    # both parcels' tracking numbers: nothing a bench did is dropped
    for home in (homes["B2"], homes["B3"]):
        status, code, said = problem(home, number)
        assert status == OrderStatus.SHIPPED
        assert code == "hub_packed_twice"
        assert "B2" in said
        assert "B3" in said
    assert hub_orders(hub_url)[number][0] == OrderStatus.SHIPPED
    with open_home(homes["B3"]) as ctx, ctx.db.read() as s:
        order = s.scalars(select(Order).where(Order.number == number)).one()
        first, second = (
            order.problem_params["first_tracking"],
            order.problem_params["second_tracking"],
        )
    assert first != second
    assert "-" not in (first, second)
    # AND every side keeps both benches' parcels, each with its own number, and the bench
    # that has the shop tells it both numbers: two parcels are on their way to the customer
    sync_once(homes["B1"])
    for home in homes.values():
        assert parcels_of(home, number) == {("B2", first), ("B3", second)} or parcels_of(
            home, number
        ) == {("B2", second), ("B3", first)}
    with open_home(homes["B1"]) as ctx, ctx.db.read() as s:
        told = s.scalars(
            select(OutboxEntry.payload["tracking_number"].as_string())
            .join(Order, Order.id == OutboxEntry.order_id)
            .where(Order.number == number, OutboxEntry.kind == OutboxKind.PARCEL_SHIPPED)
        ).all()
    assert sorted(told) == sorted([first, second])


def test_a_lead_reassignment_of_an_order_packed_offline_is_flagged_and_the_parcel_stands(
    hub_url: str, tmp_path: Path
) -> None:
    # GIVEN B2 cut off from the hub, packing an order of its lease
    homes = warehouse(hub_url, tmp_path, "B2", "B3")
    number = plain_leased(homes["B2"], "B2")
    save_hub_url(homes["B2"], NOWHERE)
    pack_offline(homes["B2"], number)
    # WHEN a lead, on the hub, gives that order to B3 meanwhile
    lead = run_station(
        tmp_path / "lead",
        "--db",
        hub_url,
        "orders",
        "assign",
        number,
        "--bench",
        "B3",
        "--lead",
        "giulia",
        stdin="9999\n",
    )
    assert lead.returncode == 0, lead.stderr
    # AND B2's link comes back
    save_hub_url(homes["B2"], hub_url)
    sync_once(homes["B2"])
    # THEN the order stays packed at B2, and a lead sees both sides on it
    status, code, said = problem(homes["B2"], number)
    assert status == OrderStatus.SHIPPED
    assert code == "hub_reassigned_after_packing"
    assert "B2" in said
    assert "B3" in said
    assert hub_orders(hub_url)[number][0] == OrderStatus.SHIPPED
