"""The lead console of a warehouse: two console benches (subprocesses, each on its own SQLite
home) and the lead on a third home, all joined to one PostgreSQL hub. The console on a joined
home reads and commands the hub (`warehouse_database`); the benches replicate through it."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from station.app import open_home
from station.db.engine import Database
from station.db.models import Order
from station.domain import OrderStatus
from station.services.lead import LeadService
from station.ui.lead_window import LeadConsole
from station.ui.lead_worker import LeadCommand, warehouse_database
from station.ui.main import create_window
from tests.console_process import ConsoleProcess, ean_of
from tests.hub.conftest import hub_orders, warehouse
from tests.ui.conftest import type_scan

pytestmark = [pytest.mark.postgres, pytest.mark.slow]


@dataclass
class Floor:
    homes: dict[str, Path]
    benches: dict[str, ConsoleProcess]
    console: LeadConsole
    hub: str


@pytest.fixture
def floor(qtbot: QtBot, hub_url: str, tmp_path: Path) -> Iterator[Floor]:
    # B1 holds the demo shop; B2 and the lead's home L join empty
    homes = warehouse(hub_url, tmp_path, "B2", "L")
    benches = {name: ConsoleProcess(homes[name]) for name in ("B1", "B2")}
    try:
        for bench in benches.values():
            bench.wait_for("PROMPT")
        with open_home(homes["L"]) as ctx:
            ctx.settings.language = "en"
            hub = warehouse_database(ctx)
            assert hub is not None, "a joined home's console reads the hub"
            console = LeadConsole(ctx, "giulia", hub=hub)
            qtbot.addWidget(console)
            console.show()
            yield Floor(homes, benches, console, hub_url)
            console.close()
    finally:
        for bench in benches.values():
            bench.kill()


def plain_unit(home: Path, number: str) -> str | None:
    """The EAN of a unit of `number` a plain scan counts (no lot or serial asked), if any."""
    with open_home(home) as ctx, ctx.db.read() as s:
        order = s.scalars(select(Order).where(Order.number == number)).one()
        for line in order.lines:
            product = line.product
            if product and not (product.requires_lot or product.requires_serial):
                return ean_of(product.sku)
    return None


def open_and_scan_one(bench: ConsoleProcess, home: Path) -> str:
    """NEXT until an order with a plain unit opens; that unit is scanned. Its number."""
    for _ in range(10):
        number = bench.send("NEXT", "OK order_opened").split()[3]
        unit = plain_unit(home, number)
        if unit is not None:
            bench.send(unit, "OK")
            return number
        bench.send("ABORT", "OK aborted")
    raise AssertionError("no order with a plain unit")


def eventually(check: Callable[[], bool], timeout_s: float = 10.0) -> None:
    deadline = time.monotonic() + timeout_s
    while not check():
        assert time.monotonic() < deadline, "not within the time"
        time.sleep(0.2)


def local_order(home: Path, number: str) -> tuple[str, int]:
    with open_home(home) as ctx, ctx.db.read() as s:
        order = s.scalars(select(Order).where(Order.number == number)).one()
        return order.status, order.priority


def board(floor: Floor) -> dict[str, object]:
    return {row.bench: row for row in floor.console.board_model.rows}


def test_benches_of_the_warehouse_show_on_the_lead_board_within_two_seconds(
    qtbot: QtBot, floor: Floor
) -> None:
    # WHEN each bench opens an order and scans a unit of it
    opened = {name: open_and_scan_one(b, floor.homes[name]) for name, b in floor.benches.items()}
    started = time.monotonic()
    # THEN within two seconds the lead's board on the third home shows both packing them
    qtbot.waitUntil(
        lambda: all(
            getattr(board(floor).get(name), "order", "") == number
            and getattr(board(floor).get(name), "units_done", 0) >= 1
            for name, number in opened.items()
        ),
        timeout=2000,
    )
    assert time.monotonic() - started < 2.0
    # AND each bench's own report arrived through the hub: devices, and a lag measured
    qtbot.waitUntil(
        lambda: all(getattr(board(floor).get(n), "reported_at", None) for n in opened),
        timeout=15_000,
    )
    for name in opened:
        row = board(floor)[name]
        assert (row.scale, row.printer, row.scanner) == ("ok", "ok", "ok")  # type: ignore[attr-defined]
        assert row.lag_s is not None  # type: ignore[attr-defined]
        assert floor.console.board_model.cell(row, 7).endswith("behind")


def test_a_reassignment_moves_the_order_and_the_bench_that_had_it_says_so(
    qtbot: QtBot, floor: Floor
) -> None:
    # GIVEN B1 packing an order, seen on the board
    number = open_and_scan_one(floor.benches["B1"], floor.homes["B1"])
    qtbot.waitUntil(lambda: getattr(board(floor).get("B1"), "order", "") == number, timeout=10_000)
    qtbot.waitUntil(lambda: "B2" in board(floor), timeout=15_000)
    # WHEN the lead drops it on B2 of the board
    target = next(i for i, r in enumerate(floor.console.board_model.rows) if r.bench == "B2")
    with qtbot.waitSignal(floor.console.said, timeout=10_000) as said:
        floor.console.board_view.drop_order(number, target)
    # THEN the warehouse has it queued for B2
    assert said.args == [True, f"order {number} assigned to bench B2"]
    assert hub_orders(floor.hub)[number] == (OrderStatus.QUEUED, "B2")
    # AND B1 prints that a lead took it, untouched (it pulls the lead's command from the hub)
    told = floor.benches["B1"].wait_for("ERROR", timeout_s=10)
    assert told.startswith(f"ERROR order_taken A lead took order {number} from this bench")
    assert "(now: B2)" in told
    # AND the board no longer shows B1 packing it
    qtbot.waitUntil(lambda: getattr(board(floor).get("B1"), "order", "") == "", timeout=5000)


def test_hold_release_and_priority_round_trip_through_the_hub(qtbot: QtBot, floor: Floor) -> None:
    console = floor.console
    console.tabs.setCurrentIndex(1)
    qtbot.waitUntil(lambda: len(console.clock_model.rows) > 3, timeout=10_000)
    number = next(
        r.number for r in reversed(console.clock_model.rows) if r.status == OrderStatus.QUEUED
    )
    # WHEN the lead holds it
    with qtbot.waitSignal(console.said, timeout=10_000) as said:
        console.hold(number, "damaged box")
    # THEN the hub and, after a round, both benches have it held
    assert said.args == [True, f"order {number} held: damaged box"]
    assert hub_orders(floor.hub)[number][0] == OrderStatus.HELD
    for name in ("B1", "B2"):
        eventually(lambda n=name: local_order(floor.homes[n], number)[0] == OrderStatus.HELD)
    qtbot.waitUntil(
        lambda: any(r.number == number for r in console.held_model.rows), timeout=10_000
    )
    # WHEN it is released, and given priority 7
    for command in (LeadCommand("release", number), LeadCommand("priority", number, priority=7)):
        with qtbot.waitSignal(console.said, timeout=10_000) as said:
            console.send.emit(command)
        assert said.args[0] is True, said.args
    # THEN every bench has it queued again, at priority 7
    for name in ("B1", "B2"):
        home = floor.homes[name]
        eventually(lambda h=home: local_order(h, number) == (OrderStatus.QUEUED, 7))


def test_a_bench_window_of_the_warehouse_is_told_when_a_lead_elsewhere_takes_its_order(
    qtbot: QtBot, hub_url: str, tmp_path: Path
) -> None:
    # GIVEN a bench window on home W, joined to the hub, packing an order it claimed there
    homes = warehouse(hub_url, tmp_path, "W")
    with open_home(homes["W"]) as ctx:
        ctx.settings.language = "en"
        window = create_window(ctx, None, tmp_path / "cache")
        qtbot.addWidget(window)
        window.show()
        try:
            type_scan(qtbot, window.signin.pin, "OPANNA")
            qtbot.waitUntil(lambda: window.operator == "anna", timeout=5000)
            type_scan(qtbot, window.bench.lines, "NEXT")
            qtbot.waitUntil(lambda: window.view.order is not None, timeout=15_000)
            assert window.view.order is not None
            number = window.view.order.number
            # WHEN a lead, on the hub, takes it back to the queue
            hub = Database(hub_url)
            try:
                LeadService(hub, "giulia", bench="L").reassign(number, take=True)
            finally:
                hub.dispose()
            # THEN the window, untouched, says so once its replicator has pulled the command
            qtbot.waitUntil(
                lambda: f"A lead took order {number}" in window.bench.banner.text(),
                timeout=8000,
            )
            assert window.view.order is None
        finally:
            window.close()
