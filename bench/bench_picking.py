"""Route planning for a batch of 50 orders over a warehouse of 2,000 bins.

Target (issue 20): under 50 ms for the whole batch's route on this machine.
"""

from __future__ import annotations

import random
import statistics
import time

from station.domain.locations import Location
from station.workflow.route import PickLine, plan_route, walk_length_dm

ORDERS = 50
RUNS = 30


def warehouse() -> list[Location]:
    """2,000 bins: two zones of 20 aisles, 25 bays, 2 levels."""
    return [
        Location(f"{zone}-{aisle:02d}-{bay:02d}-{level}", zone, aisle, bay, level)
        for zone in ("A", "B")
        for aisle in range(1, 21)
        for bay in range(1, 26)
        for level in (1, 2)
    ]


def batch(bins: list[Location], rng: random.Random) -> list[PickLine]:
    """50 orders of 1 to 6 lines each, every line at a bin drawn from the whole warehouse."""
    return [
        PickLine(str(1000 + n), f"SKU-{k}", "item", rng.randint(1, 3), bins[k])
        for n in range(ORDERS)
        for k in rng.sample(range(len(bins)), rng.randint(1, 6))
    ]


def main() -> None:
    rng = random.Random(20)
    bins = warehouse()
    timings: list[float] = []
    saved: list[float] = []
    for _ in range(RUNS):
        lines = batch(bins, rng)
        started = time.perf_counter()
        stops = plan_route(lines)
        timings.append((time.perf_counter() - started) * 1000)
        walking = sorted((line.bin for line in lines if line.bin), key=lambda b: b.walk_key)
        route = [s.bin for s in stops if s.bin]
        saved.append(1 - walk_length_dm(route) / walk_length_dm(walking))
    print(
        f"   bins {len(bins)}, orders {ORDERS}, lines per batch ~{len(lines)}, stops ~{len(stops)}"
    )
    print(
        f"   route for a batch: median {statistics.median(timings):.1f} ms,"
        f" max {max(timings):.1f} ms (target < 50 ms)"
    )
    print(
        f"   walk saved against the plain walking order: median {statistics.median(saved):.1%}, best {max(saved):.1%}"
    )


if __name__ == "__main__":
    main()
