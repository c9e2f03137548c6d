"""A picker's route: the lines of one order or of a batch, as stops at bins in walking order.

The route starts from the warehouse's walking order (zone, aisle, serpentine bay, level; see
`station.domain.locations`), visits each bin once with every line it serves, then shortens the
walk where swapping a stretch round saves distance (2-opt, only ever accepted when strictly
shorter). It is therefore never longer than visiting the bins in sorted walking order.

Distances are a floor plan's: aisles side by side, bays along them, a cross-aisle at the front
(before bay 1) and one at the back (after the last bay on the route), zones far apart. Within an
aisle the walk is along it; to another aisle it leaves by the nearer end of the two, since racks
cannot be walked through. Levels cost nothing to walk (the picker reaches up, not over).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from itertools import pairwise

from station.domain.locations import Location

AISLE_PITCH_DM = 30  # from one aisle's centre to the next, decimetres
BAY_PITCH_DM = 12  # one bay along an aisle
ZONE_GAP_DM = 100_000  # zones are other rooms or floors: further than any aisle (< 1000 of them)
MAX_PASSES = 2  # a pass tries every stretch up to WINDOW stops long: O(stops x WINDOW)
WINDOW = 16  # the walking order is already good: gains are local, longer stretches rarely pay


@dataclass(frozen=True)
class PickLine:
    """One order line to pick: `bin` is its product's pick face, None when it has none."""

    order: str
    sku: str
    name: str
    quantity: int
    bin: Location | None
    ref: str = ""  # the caller's own key for the line


@dataclass(frozen=True)
class Stop:
    """One bin on the route and the lines picked there (by order, then SKU); `bin` None is the
    last stop: lines whose product has no bin, for the picker to ask about."""

    bin: Location | None
    picks: tuple[PickLine, ...]

    @property
    def units(self) -> int:
        return sum(p.quantity for p in self.picks)


Point = tuple[int, int]  # across (which aisle), along (how far down it)


class FloorPlan:
    """Where the bins of one route lie, and the walk between two of them."""

    def __init__(self, bins: Sequence[Location]) -> None:
        zones = {zone: rank for rank, zone in enumerate(sorted({b.zone for b in bins}))}
        self.points: list[Point] = [
            (zones[b.zone] * ZONE_GAP_DM + b.aisle * AISLE_PITCH_DM, b.bay * BAY_PITCH_DM)
            for b in bins
        ]
        self.back = max((y for _, y in self.points), default=0) + BAY_PITCH_DM

    def step(self, a: Point, b: Point) -> int:
        if a[0] == b[0]:
            return abs(a[1] - b[1])
        ends = min(a[1] + b[1], 2 * self.back - a[1] - b[1])
        return abs(a[0] - b[0]) + ends


def walk_length_dm(bins: Sequence[Location]) -> int:
    """The distance walked visiting `bins` in this order, from the first; a bin visited twice
    in a row costs nothing the second time."""
    plan = FloorPlan(bins)
    pts = plan.points
    return sum(plan.step(a, b) for a, b in pairwise(pts))


def plan_route(lines: Sequence[PickLine]) -> list[Stop]:
    """The stops for `lines`: each bin once, in the shortest order found from the walking order."""
    by_bin: dict[str, list[PickLine]] = {}
    bins: dict[str, Location] = {}
    homeless: list[PickLine] = []
    for line in lines:
        if line.bin is None:
            homeless.append(line)
            continue
        by_bin.setdefault(line.bin.code, []).append(line)
        bins.setdefault(line.bin.code, line.bin)
    walk = sorted(bins.values(), key=lambda b: (b.walk_key, b.code))
    stops = [Stop(b, _sorted_picks(by_bin[b.code])) for b in _shortened(walk)]
    if homeless:
        stops.append(Stop(None, _sorted_picks(homeless)))
    return stops


def _sorted_picks(picks: list[PickLine]) -> tuple[PickLine, ...]:
    return tuple(sorted(picks, key=lambda p: (p.order, p.sku)))


def _shortened(walk: list[Location]) -> list[Location]:
    """2-opt over an open path whose first bin stays first (the picker starts where the walking
    order starts): reverse walk[i..j] when that makes the path strictly shorter."""
    plan = FloorPlan(walk)
    points, step = plan.points, plan.step
    order = list(range(len(walk)))
    n = len(order)
    for _ in range(MAX_PASSES):
        improved = False
        for i in range(1, n - 1):
            before = points[order[i - 1]]
            first = points[order[i]]
            for j in range(i + 1, min(i + WINDOW, n)):
                last = points[order[j]]
                gain = step(before, first) - step(before, last)
                if j + 1 < n:
                    after = points[order[j + 1]]
                    gain += step(last, after) - step(first, after)
                if gain > 0:
                    order[i : j + 1] = reversed(order[i : j + 1])
                    first = points[order[i]]
                    improved = True
        if not improved:
            break
    return [walk[k] for k in order]
