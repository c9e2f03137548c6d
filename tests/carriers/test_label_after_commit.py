"""The bench stores the parcel closed before it asks the carrier, and records the carrier's
answer in a second transaction: no write transaction waits on the network, and a bench killed
between the two loses and doubles nothing. Against the fake BRT (tests/fakes/carriers/brt.py,
built from BRT's REST documentation)."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import select

from station.app import open_home
from station.carriers import ShippingError
from station.context import AppContext
from station.db.models import Event, Order
from station.domain import events as ev
from station.printing.archive import DocumentArchive
from station.services.bench import BenchService
from station.services.lead import LeadService
from station.services.pending_labels import pending_shelf
from station.workflow.io import Command, CommandName, ReadScale, Scan, Weight
from tests.carriers.brt_setup import configure, fake_brt
from tests.console_process import ConsoleProcess, ean_of, run_console, run_station
from tests.fakes.carriers.brt import FakeBrt
from tests.fakes.shops.base import Fault


@pytest.fixture
def brt() -> Iterator[FakeBrt]:
    with fake_brt() as fake:
        yield fake


def _units(ctx: AppContext, number: str) -> list[str]:
    with ctx.db.read() as session:
        order = session.scalars(select(Order).where(Order.number == number)).one()
        return [ean_of(line.sku) for line in order.lines for _ in range(line.quantity)]


def _label_events(ctx: AppContext, number: str) -> list[str]:
    with ctx.db.read() as session:
        order = session.scalars(select(Order).where(Order.number == number)).one()
        kinds = (ev.LabelRequested.TYPE, ev.LabelCreated.TYPE, ev.LabelPending.TYPE)
        found = select(Event.type).where(Event.order_uid == order.uid, Event.type.in_(kinds))
        return list(session.scalars(found.order_by(Event.seq)))


def _wait_for(condition: object, timeout_s: float = 15.0) -> None:
    deadline = time.monotonic() + timeout_s
    while not condition():  # type: ignore[operator]
        assert time.monotonic() < deadline, "timed out"
        time.sleep(0.05)


def test_the_database_takes_other_writes_while_the_bench_waits_for_its_carrier(
    demo_home: AppContext, brt: FakeBrt
) -> None:
    # GIVEN order 1004 going by BRT, BRT answering after 3 s (within a 5 s deadline)
    configure(demo_home, brt, deadline_s=5.0)
    bench = BenchService(demo_home.db, demo_home.settings, DocumentArchive(demo_home.home))
    for code in ["1004", *_units(demo_home, "1004")]:
        bench.handle(Scan(code))
    [read] = [
        e for e in bench.handle(Command(CommandName.WEIGH)).effects if isinstance(e, ReadScale)
    ]
    slow = Fault("slow", path="/shipments/shipment", method="POST", delay_s=3.0, times=1)
    brt.inject(slow)
    # WHEN the parcel is weighed, and while BRT thinks a lead changes another order
    weighed = threading.Thread(target=lambda: bench.handle(Weight(read.expected_g)))
    weighed.start()
    _wait_for(lambda: slow.times == 0)  # BRT has the request: the bench waits for it
    assert _label_events(demo_home, "1004") == [ev.LabelRequested.TYPE]
    LeadService(demo_home.db, "giulia").set_priority("1005", 9)
    # THEN the lead's command was stored while the bench still waited for BRT (the parcel was
    # stored closed before the call), and the label came in its own transaction after it
    assert weighed.is_alive()
    assert brt.live() == []
    weighed.join(timeout=10)
    assert _label_events(demo_home, "1004") == [ev.LabelRequested.TYPE, ev.LabelCreated.TYPE]
    [live] = brt.live()
    with demo_home.db.read() as session:
        order = session.scalars(select(Order).where(Order.number == "1004")).one()
        assert [p.tracking_number for p in order.parcels] == [live.parcel_ids[0]]


@pytest.mark.slow
def test_a_bench_killed_while_its_carrier_answers_loses_and_doubles_nothing(
    tmp_path: Path, brt: FakeBrt
) -> None:
    # GIVEN a demo home whose BRT account waits 5 s, retried every 0.5 s, BRT taking 3 s
    home = tmp_path / "bench"
    run_console(home, [])
    with open_home(home) as ctx:
        configure(ctx, brt, deadline_s=5.0)
        ctx.settings.label_retry_s = 0.5
        ctx.settings.save(home)
        units = _units(ctx, "1004")
    slow = Fault("slow", path="/shipments/shipment", method="POST", delay_s=3.0, times=1)
    brt.inject(slow)
    bench = ConsoleProcess(home)
    bench.wait_for("PROMPT scan_order")
    for code in ["1004", *units]:
        bench.send(code, "OK")
    # WHEN the parcel is weighed, and the bench is killed once the parcel is stored closed,
    # while BRT is still making the shipment
    bench.proc.stdin.write("WEIGH\n")  # type: ignore[union-attr]
    bench.proc.stdin.flush()  # type: ignore[union-attr]
    with open_home(home) as ctx:
        _wait_for(lambda: _label_events(ctx, "1004") == [ev.LabelRequested.TYPE])
    _wait_for(lambda: slow.times == 0)  # BRT has the request
    bench.kill()
    _wait_for(lambda: len(brt.live()) == 1)  # BRT made the shipment nobody heard of
    with open_home(home) as ctx, ctx.db.read() as session:
        [shelf] = pending_shelf(session)  # the lead sees the parcel waiting meanwhile
    assert (shelf.order_number, shelf.reason.code) == ("1004", "label_asked")
    brt.faults.clear()
    # WHEN the bench starts again
    again = ConsoleProcess(home)
    try:
        printed = again.wait_for("PRINT label 1004 parcel 1")
        time.sleep(1.5)  # three more rounds
    finally:
        assert again.close() == 0
    # THEN BRT holds one shipment, the lost one deleted, and its label printed once
    [live] = brt.live()
    assert printed.split()[5] == live.parcel_ids[0]
    assert [line for line in again.seen if line.startswith("PRINT label 1004")] == [printed]
    with open_home(home) as ctx:
        kinds = _label_events(ctx, "1004")
    assert kinds == [ev.LabelRequested.TYPE, ev.LabelCreated.TYPE]
    verified = run_station(home, "db", "verify")
    assert verified.returncode == 0, verified.stdout + verified.stderr


def test_an_order_its_carrier_refused_is_back_at_the_bench_and_ships_once_corrected(
    demo_home: AppContext, brt: FakeBrt
) -> None:
    # GIVEN order 1004 going by BRT to an area BRT does not route
    configure(demo_home, brt)
    with demo_home.db.read() as session:
        order = session.scalars(select(Order).where(Order.number == "1004")).one()
        area = str(order.shipping_address["postcode"])[:2]
    routed = brt.routing.pop(area)
    bench = BenchService(demo_home.db, demo_home.settings, DocumentArchive(demo_home.home))
    for code in ["1004", *_units(demo_home, "1004")]:
        bench.handle(Scan(code))
    [read] = [
        e for e in bench.handle(Command(CommandName.WEIGH)).effects if isinstance(e, ReadScale)
    ]
    # WHEN it is weighed, THEN BRT's refusal is raised for the operator to read
    with pytest.raises(ShippingError):
        bench.handle(Weight(read.expected_g))
    # AND the order is open at the bench again, every unit still in it, nothing labelled
    state = bench.engine.state
    assert state.order is not None
    assert (state.order.number, state.order.units_left) == ("1004", 0)
    assert _label_events(demo_home, "1004") == [ev.LabelRequested.TYPE]
    # WHEN BRT routes the area again and the parcel is weighed again
    brt.routing[area] = routed
    [read] = [
        e for e in bench.handle(Command(CommandName.WEIGH)).effects if isinstance(e, ReadScale)
    ]
    bench.handle(Weight(read.expected_g))
    # THEN it ships with BRT's number, and the log replays to the same tables
    [live] = brt.live()
    with demo_home.db.read() as session:
        order = session.scalars(select(Order).where(Order.number == "1004")).one()
        assert [p.tracking_number for p in order.parcels] == [live.parcel_ids[0]]
        assert order.status == "shipped"
    verified = run_station(demo_home.home, "db", "verify")
    assert verified.returncode == 0, verified.stdout + verified.stderr
