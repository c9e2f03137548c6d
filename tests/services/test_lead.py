"""A shift lead's commands, called as a front end calls them, on a real database."""

from __future__ import annotations

import dataclasses
import datetime as dt

import pytest
from sqlalchemy import func, select

from station.app import bench_service
from station.context import AppContext
from station.db.models import Bench, Event, Operator, Order
from station.domain import OrderStatus
from station.domain import events as ev
from station.printing.archive import DocumentArchive
from station.services.bench import BenchService
from station.services.errors import CommandError
from station.services.events import new_uid, record
from station.services.lead import LeadService, check_lead_pin
from station.workflow.io import Command, CommandName, Rejected, Scan, Tick
from tests.console_process import ean_of
from tests.services.conftest import pack

NOW = dt.datetime(2026, 3, 2, 9, 0, tzinfo=dt.UTC)


@pytest.fixture
def lead(any_home: AppContext) -> LeadService:
    return LeadService(any_home.db, "giulia", bench="console", clock=lambda: NOW)


def order(ctx: AppContext, number: str) -> Order:
    with ctx.db.read() as session:
        found = session.scalars(select(Order).where(Order.number == number)).one()
        session.expunge(found)
        return found


def events_of(ctx: AppContext, number: str) -> list[Event]:
    with ctx.db.read() as session:
        uid = session.scalars(select(Order.uid).where(Order.number == number)).one()
        query = select(Event).where(Event.order_uid == uid).order_by(Event.seq)
        return list(session.scalars(query))


def event_count(ctx: AppContext) -> int:
    with ctx.db.read() as session:
        return int(session.scalar(select(func.count(Event.seq))) or 0)


def test_hold_then_release_round_trip(any_home: AppContext, lead: LeadService) -> None:
    # WHEN the lead holds a queued order with a typed note
    held = lead.hold("#1003", "box damaged, call the customer")
    # THEN it is out of the queue with the note as its reason, logged as the lead's
    assert held.status is OrderStatus.HELD
    assert held.hold == ev.Reason("hold_note", {"note": "box damaged, call the customer"})
    assert order(any_home, "1003").status == OrderStatus.HELD
    logged = events_of(any_home, "1003")[-1]
    assert (logged.type, logged.operator, logged.bench) == ("order_held", "giulia", "console")
    assert logged.payload["by"] == "lead"

    # WHEN the lead releases it
    released = lead.release("1003")
    # THEN it is queued again, without a hold, and the release says who
    assert released.status is OrderStatus.QUEUED
    assert released.hold is None
    logged = events_of(any_home, "1003")[-1]
    assert logged.type == "order_released"
    assert logged.payload["reason"] == {"code": "released_by_lead", "params": {"lead": "giulia"}}


def test_an_order_without_lines_cannot_be_released(any_home: AppContext, lead: LeadService) -> None:
    # GIVEN an order the shop sent with no lines, held for it at import
    imported = ev.OrderImported(
        order=new_uid(), number="9100", created_at=NOW, hold=ev.Reason("hold_no_lines")
    )
    with any_home.db.write() as session:
        record(session, imported, at=NOW)
    before = event_count(any_home)
    # WHEN a lead releases it
    with pytest.raises(CommandError) as refused:
        lead.release("9100")
    # THEN it stays held for the same reason, nothing is logged, and the lead is told why
    held = order(any_home, "9100")
    assert (held.status, held.hold_code) == (OrderStatus.HELD, "hold_no_lines")
    assert event_count(any_home) == before
    assert refused.value.message("en") == (
        "order 9100 has no lines, so it cannot be packed: fix the order in the shop, then "
        "release it once its lines have arrived"
    )


def test_hold_by_code_stops_the_bench_packing_it(any_home: AppContext, lead: LeadService) -> None:
    # GIVEN a bench packing order 1002
    bench = bench_service(any_home, "anna")
    bench.handle(Scan("1002"))
    # WHEN the lead holds it with a reason code
    assert lead.hold("1002", ev.Reason("held_at_bench")).status is OrderStatus.HELD
    # THEN the bench refuses its next scan, and the order is nobody's
    effects = bench.handle(Scan("8099999001152")).effects
    assert [e.code for e in effects if isinstance(e, Rejected)] == ["order_held"]
    assert order(any_home, "1002").bench_id is None


def test_reassign_to_a_bench_an_operator_and_back_to_the_queue(
    any_home: AppContext, lead: LeadService
) -> None:
    bench_service(any_home, "anna")  # bench-1 is known once it has been opened
    assigned = lead.reassign("1010", bench="bench-1", operator="marco")
    assert (assigned.bench, assigned.operator) == ("bench-1", "marco")
    assert lead.reassign("1010", operator="anna").bench == ""
    back = lead.reassign("1010")
    assert (back.bench, back.operator, back.status) == ("", "", OrderStatus.QUEUED)
    assert [e.type for e in events_of(any_home, "1010")][-3:] == ["order_reassigned"] * 3


def test_a_benchs_next_takes_its_assigned_orders_first_and_never_another_benchs(
    any_home: AppContext, lead: LeadService
) -> None:
    # GIVEN two benches, and a lead who gives bench-2 the least and the most urgent orders
    for number, priority in (("9001", 9), ("9002", -5)):
        line = ev.ImportedLine(line=new_uid(), line_no=1, sku="TSH-01", name="T", quantity=1)
        imported = ev.OrderImported(
            order=new_uid(), number=number, created_at=NOW, priority=priority, lines=(line,)
        )
        with any_home.db.write() as session:
            record(session, imported, at=NOW)
    bench_1 = bench_service(any_home, "anna")
    settings_2 = dataclasses.replace(any_home.settings, bench_name="bench-2")
    bench_2 = BenchService(
        any_home.db, settings_2, DocumentArchive(any_home.home), operator="marco"
    )
    lead.reassign("9001", bench="bench-2")
    lead.reassign("9002", bench="bench-2")

    # WHEN bench-1 scans NEXT, then bench-2
    first = claim_next(bench_1)
    second = claim_next(bench_2)

    # THEN bench-1 gets an unassigned order and bench-2 the most urgent of its own
    assert first not in ("9001", "9002")
    assert second == "9001"
    # WHEN bench-2 aborts it (an aborted order goes back to the queue of every bench)
    bench_2.handle(Command(CommandName.ABORT))
    # THEN its NEXT still takes its own assigned order before the open queue's most urgent
    assert claim_next(bench_2) == "9002"


def claim_next(bench: BenchService) -> str:
    bench.handle(Command(CommandName.NEXT))
    assert bench.engine.state.order is not None
    return bench.engine.state.order.number


def test_priority_change_puts_the_order_first(any_home: AppContext, lead: LeadService) -> None:
    assert lead.set_priority("1020", 50).priority == 50
    assert claim_next(bench_service(any_home, "anna")) == "1020"


def refusal(call: object) -> CommandError:
    assert callable(call)
    with pytest.raises(CommandError) as caught:
        call()
    return caught.value


def test_refusals_carry_their_code_and_write_nothing(
    any_home: AppContext, lead: LeadService
) -> None:
    # GIVEN an order being packed, a shipped one and one cancelled in the shop
    pack(any_home, "1001", "TSH-01")
    bench_service(any_home, "anna").handle(Scan("1002"))
    with any_home.db.write() as session:
        cancelled = ev.OrderCancelledByShop(order=order(any_home, "1004").uid, shop="demo")
        record(session, cancelled, at=NOW)
    before = event_count(any_home)

    cases = {
        "order_not_found": lambda: lead.hold("4242", "why"),
        "order_not_held": lambda: lead.release("1003"),
        "order_already_held": lambda: lead.hold("1007", "again"),
        "lead_order_shipped": lambda: lead.set_priority("1001", 3),
        "lead_order_cancelled": lambda: lead.hold("1004", "why"),
        "order_being_packed": lambda: lead.reassign("1002", bench="bench-1"),
        "bench_unknown": lambda: lead.reassign("1003", bench="bench-9"),
        "operator_unknown": lambda: lead.reassign("1003", operator="nobody"),
        "hold_reason_missing": lambda: lead.hold("1003", "  "),
        "priority_out_of_range": lambda: lead.set_priority("1003", 10**12),
        "hold_reason_unknown": lambda: lead.hold("1003", ev.Reason("made_up")),
        "not_an_active_lead": lambda: LeadService(any_home.db, "anna").release("1007"),
    }
    for code, call in cases.items():
        assert refusal(call).code == code, code
    assert event_count(any_home) == before

    packing = refusal(cases["order_being_packed"])
    assert packing.params == {"number": "1002", "bench": "bench-1"}
    assert "bench-1" in packing.message("en")
    assert "bench-1" in packing.message("it")


def test_a_lead_signs_in_by_name_and_pin_and_a_retired_lead_cannot(any_home: AppContext) -> None:
    assert check_lead_pin(any_home.db, "giulia", "9999\n") == "giulia"
    assert refusal(lambda: check_lead_pin(any_home.db, "giulia", "1111")).code == "lead_pin_wrong"
    assert refusal(lambda: check_lead_pin(any_home.db, "nobody", "9999")).code == "lead_pin_wrong"
    assert refusal(lambda: check_lead_pin(any_home.db, "anna", "1111")).code == "not_an_active_lead"
    with any_home.db.write() as session:
        session.scalars(select(Operator).where(Operator.name == "giulia")).one().active = False
    assert (
        refusal(lambda: LeadService(any_home.db, "giulia").release("1007")).code
        == "not_an_active_lead"
    )


def test_a_lead_takes_an_order_a_bench_is_packing_and_the_bench_is_told(
    any_home: AppContext, lead: LeadService
) -> None:
    # GIVEN anna's bench packing order 1002, one mug scanned
    bench = bench_service(any_home, "anna")
    bench.handle(Scan("1002"))
    bench.handle(Scan(ean_of("MUG-01")))
    with any_home.db.write() as session:
        session.add(Bench(name="bench-2"))
    # WHEN the lead moves it to bench-2, taking it from the bench
    moved = lead.reassign("1002", bench="bench-2", take=True)
    # THEN the order waits at bench-2 from nothing, and the log says the lead aborted and moved it
    assert (moved.status, moved.bench) == (OrderStatus.QUEUED, "bench-2")
    assert [e.type for e in events_of(any_home, "1002")][-2:] == [
        "packing_aborted",
        "order_reassigned",
    ]
    assert all(e.operator == "giulia" for e in events_of(any_home, "1002")[-2:])
    # AND at its next tick the bench that had it says so and forgets it
    effects = bench.handle(Tick()).effects
    refused = [e for e in effects if isinstance(e, Rejected)]
    assert [e.code for e in refused] == ["order_taken"]
    assert "bench-2" in refused[0].message
    assert bench.engine.state.order is None
    # AND the next scan of a mug there is not counted into order 1002
    assert [e.code for e in bench.handle(Scan(ean_of("MUG-01"))).effects if isinstance(e, Rejected)]
    with any_home.db.read() as session:
        lines = session.scalars(select(Order).where(Order.number == "1002")).one().lines
        assert [line.verified_qty for line in lines] == [0, 0]


def test_bump_puts_an_order_above_every_open_one(any_home: AppContext, lead: LeadService) -> None:
    # GIVEN 1006 at priority 5, the demo's most urgent
    # WHEN the lead bumps 1030
    bumped = lead.bump("1030")
    # THEN it is above every open order, so NEXT takes it first
    assert bumped.priority == 6
    bench = bench_service(any_home, "anna")
    opened = bench.handle(Command(CommandName.NEXT)).effects
    assert any("1030" in getattr(e, "message", "") for e in opened)
