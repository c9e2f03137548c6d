"""A warehouse on one PostgreSQL hub: 20 bench processes claim 10,000 orders, and 10,000 events
go bench -> hub -> bench.

Claims: each process is a bench claiming on the hub one order at a time exactly as NEXT does
(`sync.hub.claims.claim_next_now`: one statement, SKIP LOCKED, a transaction of its own).
Figures: claims per second, claim latency p50/p99 (target: p99 under 20 ms on this machine), and
double claims (target: 0), counted from what every process was granted. Replication: a bench
records 10,000 imported orders, pushes them, a second bench pulls them through the projector.

Runs on STATION_BENCH_PG_URL (default: the machine's PostgreSQL, database `test`), in a schema
of its own, dropped afterwards.
"""

from __future__ import annotations

import datetime as dt
import multiprocessing
import os
import tempfile
import time
import uuid
from collections import Counter
from decimal import Decimal
from pathlib import Path

from sqlalchemy import create_engine, select, text

from station.db import migrate
from station.db.engine import Database, sqlite_url
from station.db.models import Order
from station.domain import events as ev
from station.services.events import new_uid, record, record_all, recorded
from sync.hub.claims import claim_next_now
from sync.hub.link import init_hub, join_hub, lock_log
from sync.hub.replicator import RoundReport, pull, push

PG_URL = os.environ.get("STATION_BENCH_PG_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/test")
BENCHES = 20
CLAIMS = 10_000
EVENTS = 10_000


def percentile(values: list[float], pct: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(pct / 100 * (len(ordered) - 1)))]


def imports(count: int, prefix: str) -> list[ev.Recorded]:
    now = dt.datetime.now(dt.UTC)
    return [
        recorded(
            ev.OrderImported(
                order=new_uid(),
                number=f"{prefix}{n}",
                shop="bench",
                external_id=f"{prefix}{n}",
                created_at=now - dt.timedelta(seconds=n),
                details=ev.OrderDetails(customer_name=f"Cliente {n}", total=Decimal("10")),
                carrier="BRT",
                service="standard",
                lines=(
                    ev.ImportedLine(
                        line=new_uid(),
                        line_no=1,
                        sku="SKU-1",
                        name="x",
                        quantity=1,
                        unit_price=Decimal("10"),
                    ),
                ),
            ),
            at=now,
        )
        for n in range(count)
    ]


def open_on_hub(hub: Database, bench: str, order: uuid.UUID) -> None:
    """What reaches the hub when the bench opens the order: its OrderClaimed, pushed."""
    with hub.write() as s:
        lock_log(s)
        number = s.scalar(select(Order.number).where(Order.uid == order))
        claimed = ev.OrderClaimed(order=order, number=str(number), bench=bench)
        record(s, claimed, at=dt.datetime.now(dt.UTC), bench=bench)


def claimer(
    url: str,
    bench: str,
    start: float,
    opening: bool,
    results: multiprocessing.Queue,  # type: ignore[type-arg]
) -> None:
    hub = Database(url, pre_ping=False)  # as a bench's NEXT claims (sync.hub.bench_claims)
    granted: list[uuid.UUID] = []
    latencies: list[float] = []
    while time.time() < start:
        time.sleep(0.001)
    while True:
        began = time.perf_counter()
        got = claim_next_now(hub, bench, 1, 600.0)
        latencies.append((time.perf_counter() - began) * 1000)
        if not got:
            break
        granted += got
        if opening:
            open_on_hub(hub, bench, got[0])
    hub.dispose()
    results.put((bench, granted, latencies[:-1]))


def bench_claims(url: str, opening: bool) -> None:
    hub = Database(url)
    with hub.write() as s:
        record_all(s, imports(CLAIMS, "C"))
    hub.dispose()
    context = multiprocessing.get_context("spawn")
    results: multiprocessing.Queue = context.Queue()  # type: ignore[type-arg]
    start = time.time() + 3.0  # every process connected before the first claim
    procs = [
        context.Process(target=claimer, args=(url, f"B{i + 1}", start, opening, results))
        for i in range(BENCHES)
    ]
    for p in procs:
        p.start()
    collected = [results.get(timeout=600) for _ in procs]
    elapsed = time.time() - start
    for p in procs:
        p.join()
    claims = Counter(uid for _, granted, _ in collected for uid in granted)
    latencies = [ms for _, _, lat in collected for ms in lat]
    doubles = sum(1 for n in claims.values() if n > 1)
    how = "each opened at once" if opening else "none opened: every lease outstanding"
    load = ", ".join(f"{x:.1f}" for x in os.getloadavg())
    print(f"   host load average at the end (1, 5, 15 min): {load}")
    print(f"   {BENCHES} bench processes, {sum(claims.values())} claims of {CLAIMS} orders, {how}")
    print(f"   double claims: {doubles}; orders never claimed: {CLAIMS - len(claims)}")
    print(f"   {sum(claims.values()) / elapsed:.0f} claims/s overall ({elapsed:.1f} s)")
    print(
        f"   claim latency p50 {percentile(latencies, 50):.1f} ms, "
        f"p99 {percentile(latencies, 99):.1f} ms, max {max(latencies):.1f} ms (target p99 < 20)"
    )


def bench_replication(url: str, folder: Path) -> None:
    a, b = Database(sqlite_url(folder / "a.db")), Database(sqlite_url(folder / "b.db"))
    hub = Database(url)
    for db in (a, b):
        migrate.upgrade(db)
    now = dt.datetime.now(dt.UTC)
    join_hub(folder / "a", url, "A", now)
    join_hub(folder / "b", url, "B", now)
    with a.write() as s:
        record_all(s, imports(EVENTS, "R"))
    recorded_at = time.perf_counter()
    clock = lambda: dt.datetime.now(dt.UTC)  # noqa: E731
    sent = RoundReport()
    push(a, hub, "A", sent, clock)
    pushed_at = time.perf_counter()
    got = RoundReport()
    pull(b, hub, "B", got, clock)
    pulled_at = time.perf_counter()
    print(f"   {sent.pushed} events bench A -> hub in {pushed_at - recorded_at:.1f} s")
    print(f"   {got.pulled} events hub -> bench B (projected) in {pulled_at - pushed_at:.1f} s")
    print(
        f"   bench -> hub -> bench: {pulled_at - recorded_at:.1f} s; lag of the oldest event "
        f"when bench B pulled it: {got.lag_s:.1f} s"
    )
    for db in (a, b, hub):
        db.dispose()


def main() -> None:
    schema = f"bench_{uuid.uuid4().hex[:10]}_"
    admin = create_engine(PG_URL)
    try:
        for run, step in enumerate(STEPS):
            url = f"{PG_URL}?options=-csearch_path%3D{schema}{run}"
            with admin.begin() as conn:
                conn.execute(text(f'CREATE SCHEMA "{schema}{run}"'))
            init_hub(url)
            step(url)
    finally:
        with admin.begin() as conn:
            for run in range(len(STEPS)):
                conn.execute(text(f'DROP SCHEMA IF EXISTS "{schema}{run}" CASCADE'))
        admin.dispose()


def _replication(url: str) -> None:
    with tempfile.TemporaryDirectory() as folder:
        bench_replication(url, Path(folder))


# Each on a hub of its own. Claims as benches make them (each leased order opened, so its
# OrderClaimed reaches the hub), then the worst case: 10,000 leases outstanding at once.
STEPS = [
    lambda url: bench_claims(url, opening=True),
    _replication,
    lambda url: bench_claims(url, opening=False),
]


if __name__ == "__main__":
    main()
