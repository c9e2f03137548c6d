"""Random scan and command sequences: the engine never crashes, never over-verifies, and
every rejection says what happened."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from station.workflow.io import Command, CommandName, Input, Rejected, Scan, Tick, Weight
from station.workflow.state import WorkflowSettings
from tests.workflow.memory import COFFEE, MUG, PAN, PHONE, SHIRT, Bench, MemoryCatalog, make_order

CODES = [
    "1001",
    "ORD1002",
    "1003",
    "1004",
    "9999",
    "4006381333931",
    "14006381333938",
    "036000291452",
    "12345670",
    "5901234123457",
    "9780201379624",
    "]C101000000123456701012A\x1d17270101",
    "]d2010950110153000321S1",
    "]d2010950110153000321S2",
    "09501101530003",
    "BOXS",
    "BOXL",
    "",
    "\x1d",
    "]E0",
    "ORD",
]

inputs = st.one_of(
    st.sampled_from(CODES).map(Scan),
    st.text(max_size=30).map(Scan),
    st.builds(Weight, st.integers(min_value=-100, max_value=40000), st.booleans()),
    st.builds(
        Command,
        st.sampled_from(list(CommandName)),
        st.sampled_from(["", "9999", "1234", "mug", "box damaged"]),
    ),
    st.just(Tick()),
)


def fresh_catalog() -> MemoryCatalog:
    catalog = MemoryCatalog()
    catalog.add(make_order(1, [(MUG, 2), (SHIRT, 1)]))
    catalog.add(make_order(2, [(COFFEE, 1), (MUG, 7)]))
    catalog.add(make_order(3, [(PHONE, 2)]))
    catalog.add(make_order(4, [(PAN, 3)]))
    return catalog


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    sequence=st.lists(inputs, max_size=40),
    policy=st.sampled_from(["ship", "hold"]),
)
def test_random_sequences_keep_the_invariants(sequence: list[Input], policy: str) -> None:
    bench = Bench(fresh_catalog(), WorkflowSettings(short_policy=policy, language="it"))
    for inp in sequence:
        outcome = bench.feed(inp)
        for effect in outcome.effects:
            if isinstance(effect, Rejected):
                assert effect.code
                assert effect.message
        order = bench.engine.state.order
        if order is None:
            continue
        for line in order.lines:
            assert 0 <= line.verified <= line.quantity
            assert line.verified + line.short <= line.quantity
        assert sum(u.quantity for u in order.units) == sum(line.verified for line in order.lines)
        assert [p.seq for p in order.parcels] == list(range(1, len(order.parcels) + 1))
