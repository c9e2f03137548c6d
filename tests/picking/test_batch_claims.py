"""Batch state as events: a batch is a claim no second picker shares, it survives a restart of
the picker, and the overflow bins are offered before a short is recorded. Pack-out may trust the
pick (setting `trust_pick`), and a tote is freed by a hold, an abort or a cancellation too.

In process, on the real SQLite file of a demo home; pickers are services on that file, each on
its own thread. The claim is also run on PostgreSQL, where it rests on FOR UPDATE SKIP LOCKED
(without it, that run fails).
"""

from __future__ import annotations

import datetime as dt
import io
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import select

from station.app import bench_service, open_home
from station.context import AppContext
from station.db.models import Event, Order
from station.domain import events as ev
from station.domain.locations import BinRole, parse_location
from station.pick_console import run_pick
from station.services.bench import BenchService
from station.services.events import record_all, recorded
from station.services.locations import BinRow, apply_locations
from station.services.picking import PickService
from station.services.verify import verify
from station.workflow.batch_pick import BatchPick
from station.workflow.io import Accepted, Rejected, Scan, parse_line
from tests.picking.test_batch_pick import ORDERS, TOTES, _imported

NOW = dt.datetime(2026, 12, 6, 9, 0, tzinfo=dt.UTC)


def _with_the_batch_orders(ctx: AppContext) -> AppContext:
    ctx.settings.language = "en"
    with ctx.db.write() as session:
        record_all(
            session, [recorded(_imported(n, lines, NOW), at=NOW) for n, lines in ORDERS.items()]
        )
    return ctx


@pytest.fixture
def home(tmp_path: Path) -> Iterator[AppContext]:
    """The demo bench with the six urgent orders over 20 bins of the batch acceptance test."""
    with open_home(tmp_path / "home", demo_mode=True) as ctx:
        yield _with_the_batch_orders(ctx)


@pytest.fixture(params=["sqlite", "postgresql"])
def any_home(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[AppContext]:
    """The same on SQLite, then on PostgreSQL (skipped when no server answers)."""
    url = request.getfixturevalue("pg_schema_url") if request.param == "postgresql" else None
    with open_home(tmp_path / "home", url, demo_mode=True) as ctx:
        yield _with_the_batch_orders(ctx)


def picker(ctx: AppContext, name: str, size: int = 6) -> PickService:
    return PickService(ctx.db, size=size, bench=name, operator=name, language="en", now=NOW)


def say(service: PickService, *lines: str) -> list[str]:
    """Each line as scanned; the codes of the answers (not the prompts)."""
    codes = []
    for line in lines:
        inp = parse_line(line)
        assert inp is not None
        out = service.handle(inp, NOW)
        codes += [e.code for e in out.effects[:-1]]
    return codes


def at_bench(bench: BenchService, line: str) -> dict[str, dict[str, object]]:
    """The bench's answers to one scanned line, by message code."""
    inp = parse_line(line)
    assert inp is not None
    effects = bench.handle(inp).effects
    return {e.code: e.params for e in effects if isinstance(e, Accepted | Rejected)}


def numbers(service: PickService) -> list[str]:
    return [o.number for o in service.pick.orders]


def walk(service: PickService, stops: int | None = None) -> None:
    """Scan each bin's label and each line's tote, for `stops` stops (all when None)."""
    pick = service.pick
    while pick.current is not None and (stops is None or pick.stop_i < stops):
        stop, line = pick.current
        if not pick.at_bin:
            assert stop.bin is not None
            assert say(service, stop.bin.code) == ["batch_at_bin"]
        assert say(service, pick.tote_of(line)) == ["put_ok"]


def test_pickers_taking_batches_at_once_never_take_the_same_order(any_home: AppContext) -> None:
    home = any_home
    # GIVEN the six urgent orders and the demo's queued ones
    # WHEN four pickers take a batch of four at the same moment, each its own service
    names = [f"pda-{n}" for n in range(1, 5)]
    taken: dict[str, list[str]] = {}
    start = threading.Barrier(len(names))

    def take(name: str) -> None:
        start.wait()
        taken[name] = numbers(picker(home, name, size=4))

    threads = [threading.Thread(target=take, args=(n,)) for n in names]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    # THEN each has four orders and no order is in two batches
    every = [number for name in names for number in taken[name]]
    assert {len(taken[name]) for name in names} == {4}
    assert len(set(every)) == len(every)
    # AND a bench's NEXT opens none of them either
    bench = bench_service(home, "anna")
    opened = at_bench(bench, "NEXT")["order_opened"]
    assert opened["number"] not in every


def test_a_batch_survives_a_restart_of_the_picker(home: AppContext) -> None:
    # GIVEN a picker who took the batch, scanned the six totes and walked three stops
    first = picker(home, "pda-1")
    assert say(first, *TOTES) == ["tote_taken"] * 6
    walk(first, stops=3)
    done_before = {s.bin.code for s in first.pick.stops[:3] if s.bin}
    # WHEN the picker's program starts again
    again = picker(home, "pda-1")
    # THEN it carries on the same batch, same totes, without the stops already walked
    assert again.resumed
    assert again.batch == first.batch
    assert numbers(again) == list(ORDERS)
    assert sorted(again.pick.totes.values()) == TOTES
    assert not done_before & {s.bin.code for s in again.pick.stops if s.bin}
    # AND another picker cannot take those orders meanwhile
    assert not set(numbers(picker(home, "pda-2"))) & set(ORDERS)
    # WHEN it walks the rest
    walk(again)
    # THEN the batch is finished: the orders wait in their totes, in no batch
    assert again.pick.finished
    with home.db.read() as session:
        rows = session.execute(
            select(Order.tote, Order.pick_batch).where(Order.number.in_(list(ORDERS)))
        ).all()
    assert sorted(t for t, _ in rows) == TOTES
    assert {b for _, b in rows} == {None}
    # AND NEXT takes the next batch, none of the finished one's orders
    assert say(again, "NEXT") == ["batch_taken"]
    assert len(numbers(again)) == 6
    assert not set(numbers(again)) & set(ORDERS)
    assert not again.pick.finished
    assert verify(home.db) == []


def _overflow(ctx: AppContext, sku: str, *codes: str) -> None:
    with ctx.db.write() as session:
        apply_locations(session, [BinRow(parse_location(c), sku, BinRole.OVERFLOW) for c in codes])


def _to_line(service: PickService, sku: str) -> None:
    """Walk the route up to the line of `sku`, at its bin."""
    pick = service.pick
    while True:
        current = pick.current
        assert current is not None
        stop, line = current
        if not pick.at_bin:
            assert stop.bin is not None
            say(service, stop.bin.code)
        if line.sku == sku:
            return
        say(service, pick.tote_of(line))


def test_a_short_pick_face_sends_the_picker_to_an_overflow_bin_first(home: AppContext) -> None:
    # GIVEN TSH-01 (two units for order 3002) also lies in overflow bin C-09-01
    _overflow(home, "TSH-01", "C-09-01")
    service = picker(home, "pda-1")
    say(service, *TOTES)
    _to_line(service, "TSH-01")
    tote = service.pick.tote_of(service.pick.current[1])  # type: ignore[index]
    # WHEN the face has none of it
    assert say(service, "SHORT 0") == ["pick_overflow_offer"]
    # THEN the picker is sent to the overflow bin, and nothing is recorded yet
    assert "Go to overflow bin C-09-01" in service.pick.prompt().message
    # WHEN another bin is scanned, then the overflow bin and the tote
    assert say(service, "A-09-09") == ["wrong_bin"]
    assert say(service, "C-09-01", tote) == ["batch_at_overflow", "put_ok"]
    # THEN the units are recorded as picked from the overflow bin, and no short
    with home.db.read() as session:
        kinds = session.execute(select(Event.type, Event.payload).order_by(Event.seq)).all()
    picked = [p for t, p in kinds if t == ev.UnitsPicked.TYPE and p["bin"] == "C-09-01"]
    assert len(picked) == 1
    assert picked[0]["quantity"] == 2
    assert ev.PickShorted.TYPE not in {t for t, _ in kinds}


def test_short_again_at_the_offer_records_the_short_at_the_pick_face(home: AppContext) -> None:
    # GIVEN TSH-01 (two units for order 3002) with an overflow bin, and one unit at the face
    _overflow(home, "TSH-01", "C-09-02")
    service = picker(home, "pda-1")
    say(service, *TOTES)
    _to_line(service, "TSH-01")
    assert say(service, "SHORT 1") == ["pick_overflow_offer"]
    # WHEN the picker says SHORT again instead of walking to the overflow bin
    assert say(service, "SHORT") == ["pick_shorted"]
    # THEN the short is recorded at the face with the one unit found
    with home.db.read() as session:
        shorts = [
            p
            for t, p in session.execute(select(Event.type, Event.payload))
            if t == ev.PickShorted.TYPE
        ]
    assert [(s["bin"], s["wanted"], s["found"]) for s in shorts] == [("A-02-06", 2, 1)]


def test_a_short_at_the_overflow_bin_too_records_both_bins(home: AppContext) -> None:
    # GIVEN TSH-01 (two units for order 3002) with an overflow bin; the face has one
    _overflow(home, "TSH-01", "C-09-03")
    service = picker(home, "pda-1")
    say(service, *TOTES)
    _to_line(service, "TSH-01")
    assert say(service, "SHORT 1", "C-09-03") == ["pick_overflow_offer", "batch_at_overflow"]
    # WHEN the overflow bin is empty too
    assert say(service, "SHORT 1") == ["pick_short_how_many"]  # only one was left to find
    assert say(service, "SHORT 0") == ["pick_shorted"]
    # THEN the face's unit is picked, and the short is the overflow bin's
    with home.db.read() as session:
        rows = session.execute(
            select(Event.type, Event.payload)
            .where(Event.type.in_([ev.UnitsPicked.TYPE, ev.PickShorted.TYPE]))
            .order_by(Event.seq)
        ).all()
    about = [(t, p["bin"]) for t, p in rows if p["bin"] in ("A-02-06", "C-09-03")]
    assert about == [(ev.UnitsPicked.TYPE, "A-02-06"), (ev.PickShorted.TYPE, "C-09-03")]
    order = _order(home, "3002")
    line = next(ln for ln in order.lines if ln.sku == "TSH-01")
    assert (line.picked_qty, line.pick_short_qty) == (1, 1)


def _picked_into_totes(ctx: AppContext) -> None:
    service = picker(ctx, "pda-1")
    say(service, *TOTES)
    walk(service)


def _order(ctx: AppContext, number: str) -> Order:
    with ctx.db.read() as session:
        order = session.scalar(select(Order).where(Order.number == number))
        assert order is not None
        _ = [ln.picked_qty for ln in order.lines]
        return order


@pytest.mark.parametrize("how", ["hold", "abort", "cancel"])
def test_a_tote_is_freed_on_hold_abort_and_cancellation(home: AppContext, how: str) -> None:
    # GIVEN the batch picked into its totes, and order 3003 in TOTE13
    _picked_into_totes(home)
    bench = bench_service(home, "anna")
    # WHEN the packer scans TOTE13 and holds or aborts it, or the shop cancels it
    assert "tote_opened" in at_bench(bench, "TOTE13")
    if how == "hold":
        assert "held" in at_bench(bench, "HOLD")
    elif how == "abort":
        assert "aborted" in at_bench(bench, "ABORT")
    else:
        uid = _order(home, "3003").uid
        with home.db.write() as session:
            record_all(session, [recorded(ev.OrderCancelledByShop(order=uid, shop="demo"), at=NOW)])
    # THEN the tote is free again and nothing counts as picked
    order = _order(home, "3003")
    assert order.tote == ""
    assert order.pick_batch is None
    assert {ln.picked_qty for ln in order.lines} == {0}
    # AND the tote can be scanned for a new order
    service = picker(home, "pda-2", size=1)
    assert say(service, "TOTE13") == ["tote_taken"]
    assert verify(home.db) == []


@pytest.mark.parametrize("trust", [False, True])
def test_pack_out_may_trust_the_pick(home: AppContext, trust: bool) -> None:
    # GIVEN the batch picked, and the setting `trust_pick`
    _picked_into_totes(home)
    home.settings.trust_pick = trust
    bench = bench_service(home, "anna")
    # WHEN the packer scans order 3001's tote (four units picked)
    codes = at_bench(bench, "TOTE11")
    # THEN with the setting on, the picked units count as packed and the order is ready to weigh
    with home.db.read() as session:
        order = session.scalar(select(Order).where(Order.number == "3001"))
        assert order is not None
        verified = sum(ln.verified_qty for ln in order.lines)
    if trust:
        assert "tote_trusted" in codes
        assert verified == 4
        assert bench.engine.state.order is not None
        assert bench.engine.state.order.units_left == 0
    else:  # AND with it off (the default), the packer still scans each unit
        assert "tote_trusted" not in codes
        assert verified == 0
    assert verify(home.db) == []


def test_the_terminal_picker_prints_the_route_then_takes_the_next_batch(home: AppContext) -> None:
    # GIVEN a picker at a terminal (`station pick batch`), its batch taken; the route it will
    # walk, planned by the pure machine on the side
    service = picker(home, "pda-1")
    plan = BatchPick(service.batch, service.pick.orders, set(), "en")
    for tote in TOTES:
        plan.handle(Scan(tote))
    lines = [*TOTES]
    for stop in plan.stops:
        lines += [stop.bin.code] if stop.bin else []
        lines += [plan.tote_of(line) for line in stop.picks]
    # WHEN the picker scans the totes, walks the route and scans NEXT
    out = io.StringIO()
    run_pick(service, io.StringIO("\n".join([*lines, "NEXT"]) + "\n"), out)
    said = out.getvalue().splitlines()
    # THEN the route is printed once, the batch finishes, and NEXT takes the next one
    assert sum(1 for line in said if line.startswith("ROUTE")) == 20
    assert any(line.startswith("PROMPT batch_finished Batch done: 6 totes") for line in said)
    assert said[-2] == "OK batch_taken New batch: 6 orders."
    assert said[-1].startswith("PROMPT batch_scan_tote Scan an empty tote for order 1006 (1 of 6)")


def test_an_order_held_during_the_batch_leaves_it_and_the_picker_is_told(
    home: AppContext,
) -> None:
    # GIVEN a picker three stops into the batch
    service = picker(home, "pda-1")
    say(service, *TOTES)
    walk(service, stops=3)
    # WHEN a lead holds order 3003 meanwhile
    uid = _order(home, "3003").uid
    held = ev.OrderHeld(order=uid, reason=ev.Reason("hold_note", {"note": "address"}), by="lead")
    with home.db.write() as session:
        record_all(session, [recorded(held, at=NOW)])
    # THEN the picker's next scan is answered with it, not taken
    out = service.handle(Scan("A-09-09"), NOW)
    assert isinstance(out.effects[0], Rejected)
    assert out.effects[0].message.startswith("Order 3003 left the batch (held or cancelled)")
    # AND the batch carries on without it, to the end, and the log replays to the same state
    assert "3003" not in numbers(service)
    walk(service)
    assert service.pick.finished
    assert _order(home, "3003").tote == ""
    assert verify(home.db) == []
