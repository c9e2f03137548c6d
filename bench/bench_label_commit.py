"""What a carrier's slow answer costs everyone else: while the bench waits for its carrier (the
fake BRT on 127.0.0.1 answering in 1 s, within a 3 s deadline), a shift lead changes priorities
every 20 ms; how long each of the lead's commands takes to commit.

The bench stores its parcels closed, commits, and only then asks the carrier: no write
transaction is open while it waits, so the lead's commands are not held up by it.
"""

from __future__ import annotations

import statistics
import tempfile
import threading
import time
from pathlib import Path

from sqlalchemy import select

from station.app import open_home
from station.context import AppContext
from station.db.models import Order
from station.printing.archive import DocumentArchive
from station.services.bench import BenchService
from station.services.lead import LeadService
from station.workflow.io import Command, CommandName, ReadScale, Scan, Weight
from sync.secrets import save_secrets
from tests.carriers.brt_setup import PASSWORD, account, fake_brt
from tests.console_process import ean_of
from tests.fakes.shops.base import Fault

PARCELS = 4
CARRIER_S = 1.0
EVERY_S = 0.02
LEAD_ORDER = "1035"


def _weighed(bench: BenchService, ctx: AppContext, number: str) -> int | None:
    """Scan the order and its units and ask to weigh; the expected weight, or None."""
    with ctx.db.read() as session:
        order = session.scalars(select(Order).where(Order.number == number)).one()
        units = [ean_of(line.sku) for line in order.lines for _ in range(line.quantity)]
    if not bench.handle(Scan(number)).effects or bench.engine.state.order is None:
        return None
    for code in units:
        bench.handle(Scan(code))
    for effect in bench.handle(Command(CommandName.WEIGH)).effects:
        if isinstance(effect, ReadScale):
            return effect.expected_g
    return None


def _lead_commits(ctx: AppContext, stop: threading.Event, took_ms: list[float]) -> None:
    lead = LeadService(ctx.db, "giulia", bench="lead")
    n = 0
    while not stop.wait(EVERY_S):
        n += 1
        started = time.perf_counter()
        lead.set_priority(LEAD_ORDER, n % 10)
        took_ms.append((time.perf_counter() - started) * 1000)


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp, fake_brt() as brt:
        home = Path(tmp) / "home"
        with open_home(home, demo_mode=True) as ctx:
            codes = ("BRT", "GLS", "SDA", "POSTE")  # every demo order goes to the fake BRT
            ctx.settings.extra["carrier_accounts"] = {
                code: account(brt, deadline_s=3.0) for code in codes
            }
            for code in codes:
                save_secrets(home, f"carrier:{code}", {"password": PASSWORD})
            brt.inject(Fault("slow", path="/shipments/shipment", delay_s=CARRIER_S, times=10_000))
            bench = BenchService(ctx.db, ctx.settings, DocumentArchive(home), operator="bench")
            stop, took_ms, waits_ms = threading.Event(), list[float](), list[float]()
            lead = threading.Thread(target=_lead_commits, args=(ctx, stop, took_ms))
            for n in range(1001, 1035):
                expected = _weighed(bench, ctx, str(n))
                if expected is None or len(waits_ms) == PARCELS:
                    continue
                if not lead.is_alive():
                    lead.start()
                started = time.perf_counter()
                bench.handle(Weight(expected))
                waits_ms.append((time.perf_counter() - started) * 1000)
            stop.set()
            lead.join()
    took_ms.sort()
    print(
        f"   carrier answers in {CARRIER_S * 1000:.0f} ms: the bench waited p50 "
        f"{statistics.median(waits_ms):.0f} ms per parcel ({len(waits_ms)} parcels); meanwhile "
        f"{len(took_ms)} lead commands committed in p50 {statistics.median(took_ms):.1f} ms, "
        f"p99 {took_ms[int(len(took_ms) * 0.99)]:.1f} ms, max {took_ms[-1]:.1f} ms"
    )


if __name__ == "__main__":
    main()
