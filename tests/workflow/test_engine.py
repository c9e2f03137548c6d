"""The bench engine, driven input by input, as an operator would."""

from __future__ import annotations

import datetime as dt

import pytest

from station.domain import OrderStatus
from station.domain import events as ev
from station.domain.events import Reason
from station.workflow.io import (
    Accepted,
    Command,
    CommandName,
    Done,
    Outcome,
    Print,
    ReadScale,
    Rejected,
    Scan,
    Sound,
    SoundKind,
    Weight,
    parse_line,
)
from station.workflow.state import WorkflowSettings
from tests.workflow.memory import (
    COFFEE,
    MUG,
    PAN,
    PHONE,
    SHIRT,
    Bench,
    MemoryCatalog,
    make_order,
)

GS = "\x1d"


def codes(outcome: Outcome) -> list[str]:
    return [e.code for e in outcome.effects if isinstance(e, Accepted | Rejected)]


def rejected(outcome: Outcome) -> str:
    found = [e for e in outcome.effects if isinstance(e, Rejected)]
    assert len(found) == 1, outcome.effects
    return found[0].code


@pytest.fixture
def catalog() -> MemoryCatalog:
    cat = MemoryCatalog()
    cat.add(make_order(1, [(MUG, 2), (SHIRT, 1)]))
    cat.add(make_order(2, [(COFFEE, 1)]))
    cat.add(make_order(3, [(PHONE, 2)]))
    cat.add(make_order(4, [(PAN, 8)]))
    cat.add(make_order(5, [(MUG, 6)]))
    return cat


def test_an_order_opens_by_number_or_slip_and_items_are_verified(catalog: MemoryCatalog) -> None:
    bench = Bench(catalog)
    # WHEN the slip barcode is scanned
    opened = bench.feed(Scan("ORD1001"))
    # THEN the order is claimed and a fact records it
    assert codes(opened) == ["order_opened"]
    assert [type(f.event) for f in opened.facts] == [ev.OrderClaimed]
    # WHEN its items are scanned (EAN-13, UPC-A) THEN each is accepted with a sound
    first = bench.feed(Scan("4006381333931"))
    assert codes(first) == ["unit_ok"]
    assert Sound(SoundKind.OK) in first.effects
    assert codes(bench.feed(Scan("4006381333931"))) == ["unit_ok"]
    assert codes(bench.feed(Scan("036000291452"))) == ["unit_ok"]
    order = bench.engine.state.order
    assert order is not None
    assert order.units_left == 0
    assert [line.verified for line in order.lines] == [2, 1]


def test_each_wrong_scan_has_its_own_rejection(catalog: MemoryCatalog) -> None:
    bench = Bench(catalog)
    bench.feed(Scan("1001"))
    assert rejected(bench.feed(Scan("5901234123457"))) == "not_in_order"
    assert rejected(bench.feed(Scan("0000000000000"))) == "unknown_code"
    bench.feed(Scan("036000291452"))
    assert rejected(bench.feed(Scan("036000291452"))) == "line_complete"
    assert rejected(bench.feed(Scan("14006381333938"))) == "too_many"  # a pack of 6 for 2
    assert rejected(bench.feed(Scan("ORD1002"))) == "other_order"
    assert rejected(bench.feed(Command(CommandName.NEXT))) == "order_open"


def test_every_rejection_is_recorded_and_sounds_an_error(catalog: MemoryCatalog) -> None:
    bench = Bench(catalog)
    outcome = bench.feed(Scan("nonsense"))
    assert rejected(outcome) == "unknown_order"
    assert Sound(SoundKind.ERROR) in outcome.effects
    assert [type(f.event) for f in outcome.facts] == [ev.ScanRejected]
    assert outcome.facts[0].event.input == "nonsense"


def test_a_packaging_code_counts_its_units(catalog: MemoryCatalog) -> None:
    bench = Bench(catalog)
    bench.feed(Scan("1005"))
    outcome = bench.feed(Scan("14006381333938"))
    assert codes(outcome) == ["units_ok"]
    assert outcome.facts[0].event.quantity == 6


def test_lot_and_serial_come_from_gs1_codes(catalog: MemoryCatalog) -> None:
    bench = Bench(catalog)
    bench.feed(Scan("1002"))
    # a plain EAN-8 has no lot
    assert rejected(bench.feed(Scan("12345670"))) == "needs_lot"
    # GS1-128 with AIM prefix, GTIN, lot and expiry
    outcome = bench.feed(Scan("]C10100000012345670" + f"10LOT42{GS}17271231"))
    assert codes(outcome) == ["unit_ok"]
    verified = next(f.event for f in outcome.facts if isinstance(f.event, ev.UnitsVerified))
    assert (verified.lot, verified.expiry) == ("LOT42", dt.date(2027, 12, 31))


def test_a_serial_cannot_be_packed_twice(catalog: MemoryCatalog) -> None:
    catalog.packed_serials.add((PHONE[0].id, "OLD1"))
    bench = Bench(catalog)
    bench.feed(Scan("1003"))
    assert rejected(bench.feed(Scan("09501101530003"))) == "needs_serial"
    assert rejected(bench.feed(Scan("]d2010950110153000321OLD1"))) == "serial_shipped"
    assert codes(bench.feed(Scan("]d2010950110153000321NEW1"))) == ["unit_ok"]
    assert rejected(bench.feed(Scan("]d2010950110153000321NEW1"))) == "serial_shipped"


def test_held_cancelled_and_claimed_orders_are_refused_with_why(catalog: MemoryCatalog) -> None:
    catalog.orders["1001"].status = OrderStatus.HELD
    catalog.orders["1001"].hold = Reason("hold_note", {"note": "address check"})
    catalog.orders["1002"].status = OrderStatus.CANCELLED
    catalog.orders["1003"].claimed_by = "bench-7"
    bench = Bench(catalog)
    held = bench.feed(Scan("1001"))
    assert rejected(held) == "order_held"
    assert "address check" in held.effects[0].message
    assert rejected(bench.feed(Scan("1002"))) == "order_cancelled"
    claimed = bench.feed(Scan("1003"))
    assert rejected(claimed) == "order_claimed"
    assert "bench-7" in claimed.effects[0].message


def test_an_order_cancelled_while_open_stops_the_bench(catalog: MemoryCatalog) -> None:
    bench = Bench(catalog)
    bench.feed(Scan("1001"))
    catalog.orders["1001"].status = OrderStatus.CANCELLED  # the shop cancelled it meanwhile
    assert rejected(bench.feed(Scan("4006381333931"))) == "order_cancelled"
    assert codes(bench.feed(Command(CommandName.ABORT))) == ["aborted"]
    assert bench.engine.state.order is None


def test_an_order_shipped_elsewhere_while_open_cannot_be_weighed_or_shipped_again(
    catalog: MemoryCatalog,
) -> None:
    # GIVEN order 1001 open and verified here, and shipped meanwhile from another process
    bench = Bench(catalog)
    pack_1001(bench)
    catalog.orders["1001"].status = OrderStatus.SHIPPED
    # WHEN the operator weighs it
    outcome = bench.feed(Command(CommandName.WEIGH))
    # THEN it is refused, only the refusal is recorded and the bench is free for the next order
    assert rejected(outcome) == "order_shipped"
    assert not any(isinstance(e, ReadScale) for e in outcome.effects)
    assert [type(f.event) for f in outcome.facts] == [ev.ScanRejected]
    assert bench.engine.state.order is None
    assert rejected(bench.feed(Weight(1000))) == "nothing_to_weigh"


def test_next_claims_the_most_urgent_order(catalog: MemoryCatalog) -> None:
    catalog.priority["1004"] = 5
    bench = Bench(catalog)
    outcome = bench.feed(Command(CommandName.NEXT))
    assert codes(outcome) == ["order_opened"]
    assert bench.engine.state.order is not None
    assert bench.engine.state.order.number == "1004"


def test_undo_takes_back_the_last_scan(catalog: MemoryCatalog) -> None:
    bench = Bench(catalog)
    bench.feed(Scan("1001"))
    bench.feed(Scan("4006381333931"))
    outcome = bench.feed(Command(CommandName.UNDO))
    assert codes(outcome) == ["undone"]
    assert isinstance(outcome.facts[0].event, ev.ScanUndone)
    assert bench.engine.state.order is not None
    assert bench.engine.state.order.lines[0].verified == 0
    assert rejected(bench.feed(Command(CommandName.UNDO))) == "nothing_to_undo"


def pack_1001(bench: Bench) -> None:
    for code in ("1001", "4006381333931", "4006381333931", "036000291452"):
        bench.feed(Scan(code))


def test_weighing_within_tolerance_finishes_with_a_label(catalog: MemoryCatalog) -> None:
    bench = Bench(catalog)
    pack_1001(bench)
    weigh = bench.feed(Command(CommandName.WEIGH))
    request = next(e for e in weigh.effects if isinstance(e, ReadScale))
    # expected = 2 × 350 + 180 + small box tare 120
    assert request.expected_g == 1000
    done = bench.feed(Weight(1030))
    assert codes(done) == ["weight_ok"]
    assert Print("label", 1, 1) in done.effects
    assert any(isinstance(e, Done) for e in done.effects)
    assert Sound(SoundKind.DONE) in done.effects
    assert [type(f.event) for f in done.facts] == [ev.ParcelWeighed, ev.OrderPacked]
    assert bench.engine.state.order is None


def test_a_weight_out_of_tolerance_needs_a_lead(catalog: MemoryCatalog) -> None:
    bench = Bench(catalog, WorkflowSettings(tolerance_g=50, tolerance_pct=2))
    pack_1001(bench)
    bad = bench.feed(Weight(1400))
    assert rejected(bad) == "weight_out_of_tolerance"
    assert "1400" in bad.effects[0].message
    assert "1000" in bad.effects[0].message
    assert rejected(bench.feed(Weight(900, stable=False))) == "weight_unstable"
    assert rejected(bench.feed(Command(CommandName.OVERRIDE, "1234"))) == "bad_pin"
    done = bench.feed(Command(CommandName.OVERRIDE, "9999"))
    assert codes(done) == ["weight_overridden"]
    weighed = next(f.event for f in done.facts if isinstance(f.event, ev.ParcelWeighed))
    assert weighed.override_by == "giulia"
    assert any(isinstance(f.event, ev.OrderPacked) for f in done.facts)


def test_a_heavy_order_goes_in_several_parcels(catalog: MemoryCatalog) -> None:
    bench = Bench(catalog)
    bench.feed(Scan("1004"))
    for _ in range(4):
        bench.feed(Scan("5901234123457"))
    # weighing a box while items remain closes it and opens the next one
    first = bench.feed(Weight(4 * 2900 + 450))
    assert codes(first) == ["weight_ok", "parcel_opened"]
    for _ in range(4):
        bench.feed(Scan("5901234123457"))
    done = bench.feed(Weight(4 * 2900 + 450))
    assert [e for e in done.effects if isinstance(e, Print)] == [
        Print("label", 4, 1),
        Print("label", 4, 2),
    ]


def test_newbox_needs_something_in_the_current_box(catalog: MemoryCatalog) -> None:
    bench = Bench(catalog)
    bench.feed(Scan("1001"))
    assert rejected(bench.feed(Command(CommandName.NEWBOX))) == "box_empty"
    bench.feed(Scan("4006381333931"))
    assert codes(bench.feed(Command(CommandName.NEWBOX))) == ["parcel_opened"]


@pytest.mark.parametrize(("policy", "status"), [("ship", None), ("hold", OrderStatus.HELD)])
def test_short_ships_what_is_there_or_holds(
    catalog: MemoryCatalog, policy: str, status: OrderStatus | None
) -> None:
    bench = Bench(catalog, WorkflowSettings(short_policy=policy))
    bench.feed(Scan("1001"))
    bench.feed(Scan("4006381333931"))
    bench.feed(Command(CommandName.SHORT, "OUT"))
    outcome = bench.feed(Command(CommandName.SHORT))
    assert codes(outcome)[0] == ("shorted" if status is None else "shorted_held")
    shorted = next(f.event for f in outcome.facts if isinstance(f.event, ev.UnitsShorted))
    assert {line.sku: line.quantity for line in shorted.lines} == {
        "mug": 1,
        "shirt": 1,
    }
    if status is None:
        assert bench.engine.state.order is not None  # next: weigh the one mug
        assert codes(bench.feed(Weight(470))) == ["weight_ok"]
        assert catalog.orders["1001"].status is OrderStatus.SHIPPED
    else:
        assert bench.engine.state.order is None
        assert catalog.orders["1001"].status is status


def test_hold_takes_a_reason_and_frees_the_bench(catalog: MemoryCatalog) -> None:
    bench = Bench(catalog)
    bench.feed(Scan("1001"))
    outcome = bench.feed(parse_line("hold box damaged"))  # type: ignore[arg-type]
    assert codes(outcome) == ["held"]
    assert catalog.orders["1001"].hold == Reason("hold_note", {"note": "box damaged"})
    assert bench.engine.state.order is None


def test_a_box_barcode_chooses_the_box_and_its_tare(catalog: MemoryCatalog) -> None:
    bench = Bench(catalog)
    bench.feed(Scan("1001"))
    assert codes(bench.feed(Scan("BOXL"))) == ["box_chosen"]
    bench.feed(Scan("4006381333931"))
    request = next(
        e for e in bench.feed(Command(CommandName.WEIGH)).effects if isinstance(e, ReadScale)
    )
    assert request.expected_g == 350 + 450


def test_italian_messages(catalog: MemoryCatalog) -> None:
    bench = Bench(catalog, WorkflowSettings(language="it"))
    outcome = bench.feed(Scan("nonsense"))
    assert "Nessun ordine" in outcome.effects[0].message  # type: ignore[union-attr]


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("next", Command(CommandName.NEXT)),
        ("HOLD wrong address", Command(CommandName.HOLD, "wrong address")),
        ("8001234567895\r\n", Scan("8001234567895")),
        ("   ", None),
    ],
)
def test_lines_become_inputs(line: str, expected: object) -> None:
    assert parse_line(line) == expected


def test_typed_weights_only_when_asked() -> None:
    assert parse_line("WEIGHT 1250", typed_weights=True) == Weight(1250)
    assert parse_line("WEIGHT 1250") == Scan("WEIGHT 1250")


def test_an_unknown_code_is_learnt_for_a_line_when_a_lead_confirms(catalog: MemoryCatalog) -> None:
    bench = Bench(catalog)
    bench.feed(Scan("1001"))
    # GIVEN a shirt whose label carries a code the catalogue does not know
    assert rejected(bench.feed(Scan("2000000000008"))) == "unknown_code"
    # WHEN the operator says it is the shirt, and a lead confirms
    asked = bench.feed(Command(CommandName.LEARN, "shirt"))
    assert [e.code for e in asked.effects if hasattr(e, "code")][-1] == "learn_confirm"
    assert rejected(bench.feed(Command(CommandName.OVERRIDE, "1111"))) == "bad_pin"
    done = bench.feed(Command(CommandName.OVERRIDE, "9999"))
    # THEN the code is the shirt's, recorded with the lead, and the unit in hand counts
    assert codes(done) == ["code_learnt", "unit_ok"]
    learnt = next(f.event for f in done.facts if isinstance(f.event, ev.CodeLearnt))
    assert (learnt.code, learnt.sku, learnt.lead) == (
        "02000000000008",
        "shirt",
        "giulia",
    )
    order = bench.engine.state.order
    assert order is not None
    assert order.lines[1].verified == 1


def test_learning_needs_an_unknown_code_and_a_line_of_the_order(catalog: MemoryCatalog) -> None:
    bench = Bench(catalog)
    bench.feed(Scan("1001"))
    assert rejected(bench.feed(Command(CommandName.LEARN, "shirt"))) == "nothing_to_learn"
    bench.feed(Scan("2000000000008"))
    assert rejected(bench.feed(Command(CommandName.LEARN, "pan"))) == "learn_no_line"
    assert rejected(bench.feed(Command(CommandName.LEARN))) == "learn_pick_line"
    # another scan in between drops the pending confirmation: OVERRIDE is a weight's again
    bench.feed(Command(CommandName.LEARN, "mug"))
    bench.feed(Scan("4006381333931"))
    assert rejected(bench.feed(Command(CommandName.OVERRIDE, "9999"))) == "no_override_pending"


def test_every_command_word_has_its_step() -> None:
    from station.workflow.engine import _COMMANDS
    from station.workflow.io import CommandName

    assert set(_COMMANDS) == set(CommandName)
