"""Route planning as a pure function: each bin once, every line once, never a longer walk than
the bins in sorted walking order (property test), the homeless lines last."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from station.domain.locations import Location, parse_location
from station.workflow.route import PickLine, plan_route, walk_length_dm

bins = st.builds(
    Location,
    code=st.just(""),
    zone=st.sampled_from(["A", "B", "C"]),
    aisle=st.integers(1, 12),
    bay=st.integers(1, 30),
    level=st.integers(0, 4),
).map(lambda b: Location(f"{b.zone}-{b.aisle:02d}-{b.bay:02d}-{b.level}", *_parts(b)))


def _parts(b: Location) -> tuple[str, int, int, int]:
    return (b.zone, b.aisle, b.bay, b.level)


lines = st.lists(
    st.builds(
        PickLine,
        order=st.sampled_from([str(n) for n in range(1001, 1011)]),
        sku=st.text("ABC123", min_size=1, max_size=4),
        name=st.just("item"),
        quantity=st.integers(1, 5),
        bin=st.one_of(st.none(), bins, bins, bins),
    ),
    max_size=60,
)


@settings(max_examples=300, deadline=None)
@given(lines)
def test_the_route_is_never_longer_than_the_walking_order(batch: list[PickLine]) -> None:
    # GIVEN the lines of a batch, WHEN its route is planned
    stops = plan_route(batch)
    # THEN every line is picked exactly once, at its own bin
    picked = [p for stop in stops for p in stop.picks]
    assert sorted(picked, key=repr) == sorted(batch, key=repr)
    assert all(p.bin == stop.bin for stop in stops for p in stop.picks)
    # AND each bin is one stop, the lines without a bin come last
    codes = [s.bin.code for s in stops if s.bin is not None]
    assert len(codes) == len(set(codes))
    assert all(s.bin is not None for s in stops[:-1])
    # AND the walk is no longer than the lines' bins in sorted walking order
    route = [s.bin for s in stops if s.bin is not None]
    walking = sorted((p.bin for p in batch if p.bin is not None), key=lambda b: b.walk_key)
    assert walk_length_dm(route) <= walk_length_dm(walking)
    # AND it starts where the walking order starts
    if walking:
        assert route[0].walk_key == walking[0].walk_key


def test_one_order_is_listed_up_one_aisle_and_down_the_next() -> None:
    # GIVEN an order whose items lie in aisle 1 and aisle 2
    def line(sku: str, code: str) -> PickLine:
        return PickLine("1003", sku, sku, 1, parse_location(code))

    order = [
        line("MUG-02", "A-02-09"),
        line("TSH-02", "A-01-03"),
        line("CAV-02", "A-02-02"),
        line("LIB-01", "A-01-08"),
        PickLine("1003", "GIFT", "gift wrap", 1, None),
    ]
    # WHEN its route is planned
    stops = plan_route(order)
    # THEN it goes up aisle 1, then down aisle 2 from its far end, and the binless line is last
    assert [s.bin.code if s.bin else None for s in stops] == [
        "A-01-03",
        "A-01-08",
        "A-02-09",
        "A-02-02",
        None,
    ]


def test_lines_of_many_orders_at_one_bin_are_one_stop() -> None:
    shared = parse_location("B-03-04")
    batch = [PickLine(n, "MUG-01", "Mug", q, shared) for n, q in (("1002", 2), ("1001", 1))]
    stops = plan_route(batch)
    assert len(stops) == 1
    assert [p.order for p in stops[0].picks] == ["1001", "1002"]
    assert stops[0].units == 3
