"""SHORT and RELEASE at the bench: nothing ships short or is held in one key press, the missing
units stay owed as a backorder, a lead releases a held order, and only a packed order is the
last packed one."""

from __future__ import annotations

import pytest

from station.domain import OrderStatus
from station.domain import events as ev
from station.workflow.io import (
    Accepted,
    Command,
    CommandName,
    Done,
    Outcome,
    Print,
    Prompt,
    Rejected,
    ReleaseOrder,
    Scan,
    Weight,
)
from station.workflow.state import WorkflowSettings
from tests.workflow.memory import MUG, SHIRT, Bench, MemoryCatalog, make_order

MUG_CODE = "4006381333931"
SHIRT_CODE = "5901234123457"
SHORT = Command(CommandName.SHORT)


def codes(outcome: Outcome) -> list[str]:
    return [e.code for e in outcome.effects if isinstance(e, Accepted | Rejected)]


def prompt(outcome: Outcome) -> str:
    return [e.code for e in outcome.effects if isinstance(e, Prompt)][-1]


def events(outcome: Outcome, kind: type[ev.DomainEvent]) -> list[ev.DomainEvent]:
    return [f.event for f in outcome.facts if isinstance(f.event, kind)]


@pytest.fixture
def catalog() -> MemoryCatalog:
    cat = MemoryCatalog()
    cat.add(make_order(1, [(MUG, 2), (SHIRT, 1)]))
    cat.add(make_order(2, [(MUG, 1)]))
    return cat


def opened(catalog: MemoryCatalog, *scans: str, **settings: object) -> Bench:
    bench = Bench(catalog, WorkflowSettings(**settings))  # type: ignore[arg-type]
    bench.feed(Scan("1001"))
    for code in scans:
        bench.feed(Scan(code))
    return bench


def test_short_asks_why_and_for_a_confirmation_before_anything_is_marked(
    catalog: MemoryCatalog,
) -> None:
    # GIVEN order 1001 with one of its two mugs packed
    bench = opened(catalog, MUG_CODE)
    # WHEN the operator presses SHORT once
    asked = bench.feed(SHORT)
    # THEN nothing is marked missing yet: the bench says what would be and asks why
    assert codes(asked) == ["short_asked"]
    assert "mug ×1, shirt ×1" in asked.effects[0].message  # type: ignore[union-attr]
    assert not events(asked, ev.UnitsShorted)
    assert prompt(asked) == "short_reason_prompt"
    # WHEN the reason is scanned
    reason = bench.feed(Scan("OUT"))
    # THEN it is taken, and SHORT again is asked for
    assert codes(reason) == ["short_reason_taken"]
    assert prompt(reason) == "short_confirm_prompt"
    # WHEN SHORT is scanned again
    done = bench.feed(SHORT)
    # THEN the units are marked missing with their reason, and the packed mug is to be weighed
    assert codes(done) == ["shorted"]
    [shorted] = events(done, ev.UnitsShorted)
    assert isinstance(shorted, ev.UnitsShorted)
    assert shorted.reason == ev.Reason("short_out_of_stock")
    assert {line.sku: line.quantity for line in shorted.lines} == {"mug": 1, "shirt": 1}
    assert prompt(done) == "weigh_parcel"


def test_an_order_shipped_short_keeps_its_missing_units_as_a_backorder(
    catalog: MemoryCatalog,
) -> None:
    # GIVEN order 1001 with one mug packed and the rest confirmed short in one scan
    bench = opened(catalog, MUG_CODE)
    bench.feed(Command(CommandName.SHORT, "DAMAGED"))
    bench.feed(SHORT)
    # WHEN the parcel is weighed
    outcome = bench.feed(Weight(470))
    # THEN the order is packed, and what it owes is a backorder recorded before it ships
    kinds = [type(f.event) for f in outcome.facts]
    assert kinds.index(ev.BackorderOpened) < kinds.index(ev.OrderPacked)
    [owed] = events(outcome, ev.BackorderOpened)
    assert isinstance(owed, ev.BackorderOpened)
    assert {line.sku: line.quantity for line in owed.lines} == {"mug": 1, "shirt": 1}
    assert any(isinstance(e, Done) for e in outcome.effects)


def test_a_scan_after_short_drops_the_question_and_counts_the_item(catalog: MemoryCatalog) -> None:
    # GIVEN SHORT asked on order 1001
    bench = opened(catalog, MUG_CODE)
    bench.feed(SHORT)
    # WHEN the operator finds the mug after all and scans it
    outcome = bench.feed(Scan(MUG_CODE))
    # THEN the short is dropped and the mug counts; nothing was marked missing
    assert codes(outcome) == ["short_dropped", "unit_ok"]
    assert not events(outcome, ev.UnitsShorted)
    assert bench.engine.state.pending_short is None


def test_short_again_without_a_reason_is_refused_with_the_reasons(catalog: MemoryCatalog) -> None:
    bench = opened(catalog, MUG_CODE)
    bench.feed(SHORT)
    outcome = bench.feed(SHORT)
    assert codes(outcome) == ["short_reason_missing"]
    assert "OUT" in outcome.effects[0].message  # type: ignore[union-attr]
    assert not events(outcome, ev.UnitsShorted)


def test_short_with_nothing_verified_asks_before_holding_the_whole_order(
    catalog: MemoryCatalog,
) -> None:
    # GIVEN order 1001 opened, nothing scanned
    bench = opened(catalog)
    # WHEN SHORT is pressed
    asked = bench.feed(SHORT)
    # THEN the bench says the whole order would go on hold, and holds nothing yet
    assert codes(asked) == ["short_asked_hold"]
    assert not events(asked, ev.OrderHeld)
    assert bench.engine.state.order is not None
    assert prompt(bench.feed(Scan("NOTFOUND"))) == "short_confirm_hold_prompt"
    # WHEN it is confirmed
    held = bench.feed(SHORT)
    # THEN the order is held for that reason, and no backorder is opened
    assert codes(held) == ["shorted_held", "held"]
    assert catalog.orders["1001"].status is OrderStatus.HELD
    assert catalog.orders["1001"].hold == ev.Reason(
        "hold_nothing_packed", {"summary": "mug ×2, shirt ×1", "number": "1001"}
    )
    assert not events(held, ev.BackorderOpened)


def test_a_lead_approves_a_short_when_the_setting_asks(catalog: MemoryCatalog) -> None:
    # GIVEN a bench where shorts need a lead, SHORT OUT given and confirmed
    bench = opened(catalog, MUG_CODE, short_needs_lead=True)
    bench.feed(Command(CommandName.SHORT, "OUT"))
    confirmed = bench.feed(SHORT)
    assert codes(confirmed) == ["short_needs_lead"]
    assert prompt(confirmed) == "short_lead_prompt"
    # WHEN a wrong PIN, then the lead's, is given
    assert codes(bench.feed(Command(CommandName.OVERRIDE, "0000"))) == ["bad_pin"]
    approved = bench.feed(Command(CommandName.OVERRIDE, "9999"))
    # THEN the short is recorded with the lead's name
    [shorted] = events(approved, ev.UnitsShorted)
    assert isinstance(shorted, ev.UnitsShorted)
    assert shorted.lead == "giulia"
    assert codes(approved) == ["shorted"]


@pytest.mark.parametrize(
    ("command", "code"),
    [
        (Command(CommandName.HOLD), "held"),
        (Command(CommandName.ABORT), "aborted"),
    ],
)
def test_held_or_aborted_orders_are_not_the_last_packed_and_reprint_says_so(
    catalog: MemoryCatalog, command: Command, code: str
) -> None:
    # GIVEN a bench that packed nothing yet; order 1001 opened and then held or aborted
    bench = opened(catalog, MUG_CODE)
    assert codes(bench.feed(command)) == [code]
    # THEN the bench has no last packed order, and REPRINT says there is nothing to reprint
    assert bench.engine.state.last_order_number == ""
    reprint = bench.feed(Command(CommandName.REPRINT))
    assert codes(reprint) == ["nothing_to_reprint"]
    assert not [e for e in reprint.effects if isinstance(e, Print)]


def test_reprint_after_a_hold_reprints_the_order_packed_before(catalog: MemoryCatalog) -> None:
    # GIVEN order 1002 packed, then order 1001 opened and held
    bench = Bench(catalog)
    bench.feed(Scan("1002"))
    bench.feed(Scan(MUG_CODE))
    bench.feed(Weight(470))
    bench.feed(Scan("1001"))
    bench.feed(Command(CommandName.HOLD))
    # WHEN REPRINT is scanned
    outcome = bench.feed(Command(CommandName.REPRINT))
    # THEN the labels of 1002, the last packed order, are reprinted
    assert bench.engine.state.last_order_number == "1002"
    assert codes(outcome) == ["reprinting"]
    assert next(e for e in outcome.effects if isinstance(e, Print)).document == "labels"


def test_a_lead_releases_a_held_order_at_the_bench_with_a_pin(catalog: MemoryCatalog) -> None:
    # GIVEN order 1001 held at this bench
    bench = opened(catalog)
    bench.feed(Command(CommandName.HOLD, "box damaged"))
    # WHEN RELEASE is scanned without a number, for an order not held, then for 1001
    assert codes(bench.feed(Command(CommandName.RELEASE))) == ["release_which"]
    assert codes(bench.feed(Command(CommandName.RELEASE, "1002"))) == ["release_not_held"]
    asked = bench.feed(Command(CommandName.RELEASE, "1001"))
    # THEN the bench asks for a lead's PIN; a wrong one is refused
    assert codes(asked) == ["release_asked"]
    assert prompt(asked) == "release_pin"
    assert codes(bench.feed(Command(CommandName.OVERRIDE, "1234"))) == ["bad_pin"]
    # WHEN the lead's PIN is given
    released = bench.feed(Command(CommandName.OVERRIDE, "9999"))
    # THEN the release goes to the lead's command, signed by the lead
    assert ReleaseOrder("1001", "giulia") in released.effects
    assert codes(released) == ["released_at_bench"]


def test_release_is_dropped_by_any_other_input(catalog: MemoryCatalog) -> None:
    bench = opened(catalog)
    bench.feed(Command(CommandName.HOLD))
    bench.feed(Command(CommandName.RELEASE, "1001"))
    bench.feed(Scan("1002"))
    assert bench.engine.state.pending_release is None
    outcome = bench.feed(Command(CommandName.OVERRIDE, "9999"))
    assert not [e for e in outcome.effects if isinstance(e, ReleaseOrder)]


def test_each_exception_has_its_own_message_code(catalog: MemoryCatalog) -> None:
    """The window colours by code: hold, short, undo, abort and reprint must not share the
    code of a good scan."""
    bench = opened(catalog, MUG_CODE)
    seen = {
        "undo": codes(bench.feed(Command(CommandName.UNDO))),
        "short": codes(bench.feed(SHORT)),
        "dropped": codes(bench.feed(Command(CommandName.UNDO))),
        "abort": codes(bench.feed(Command(CommandName.ABORT))),
        "reprint": codes(bench.feed(Command(CommandName.REPRINT))),
    }
    assert seen == {
        "undo": ["undone"],
        "short": ["short_asked_hold"],
        "dropped": ["short_dropped", "nothing_to_undo"],
        "abort": ["aborted"],
        "reprint": ["nothing_to_reprint"],
    }
