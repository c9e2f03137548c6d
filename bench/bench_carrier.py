"""How long the operator waits at the bench from WEIGH to the parcel's label, with the carrier
(the fake BRT on 127.0.0.1) answering in 300 ms and in 5 s.

WEIGH -> label: from the weight handed to the bench until its label is archived and handed to
the printer (the bench's next scan is taken from then on). With a carrier slower than the
bench's deadline the label is the internal one (label pending), and "carrier label" is when
the retry round, every 0.5 s here, had the carrier's label for the printer.
"""

from __future__ import annotations

import statistics
import tempfile
import threading
import time
from pathlib import Path

from sqlalchemy import select

from station.app import open_home
from station.carriers.transport import DEFAULT_DEADLINE_S
from station.context import AppContext
from station.db.models import Order, Parcel
from station.printing.archive import DocumentArchive
from station.services.bench import BenchService, utc_now
from station.services.pending_labels import retry_pending
from station.workflow.io import Command, CommandName, ReadScale, Scan, Weight
from sync.secrets import save_secrets
from tests.carriers.brt_setup import account, fake_brt
from tests.console_process import ean_of
from tests.fakes.shops.base import Fault

ORDERS = 8
RETRY_S = 0.5


def _open_order(bench: BenchService, ctx: AppContext, number: str) -> int | None:
    """Scan the order and its units; the expected weight, or None when it cannot be packed."""
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


def _labelled(ctx: AppContext) -> int:
    with ctx.db.read() as session:
        found = session.scalars(select(Parcel).where(Parcel.tracking_number.is_not(None)))
        return len(found.all())


def _run(delay_s: float) -> None:
    with tempfile.TemporaryDirectory() as tmp, fake_brt() as brt:
        home = Path(tmp) / "home"
        with open_home(home, demo_mode=True) as ctx:
            codes = ("BRT", "GLS", "SDA", "POSTE")  # every demo order goes to the fake BRT
            ctx.settings.extra["carrier_accounts"] = {code: account(brt) for code in codes}
            for code in codes:
                save_secrets(home, f"carrier:{code}", {"password": "pw-not-real"})
            brt.inject(Fault("slow", path="/shipments/shipment", delay_s=delay_s, times=10_000))
            _measure(ctx, delay_s)


def _measure(ctx: AppContext, delay_s: float) -> None:
    archive = DocumentArchive(ctx.home)
    bench = BenchService(ctx.db, ctx.settings, archive, operator="bench")
    stop = threading.Event()
    carrier_labels: list[float] = []

    def retry() -> None:
        while not stop.wait(RETRY_S):
            done = retry_pending(
                ctx.db,
                ctx.settings,
                archive,
                bench=bench.bench_name,
                operator="b",
                clock=utc_now,
                asking=bench.asking,
            )
            carrier_labels.extend(time.perf_counter() for _ in done.printed)

    worker = threading.Thread(target=retry, daemon=True)
    worker.start()
    waits, weighed = [], []
    for n in range(1001, 1036):
        expected = _open_order(bench, ctx, str(n))
        if expected is None or len(waits) == ORDERS:
            continue
        weighed.append(time.perf_counter())
        bench.handle(Weight(expected))
        waits.append((time.perf_counter() - weighed[-1]) * 1000)
    deadline = time.perf_counter() + 30
    while _labelled(ctx) < len(waits) and time.perf_counter() < deadline:
        time.sleep(0.1)
    stop.set()
    worker.join(timeout=30)
    _report(delay_s, waits, weighed, carrier_labels)


def _report(delay_s: float, waits: list[float], weighed: list[float], labels: list[float]) -> None:
    waits.sort()
    print(
        f"   carrier answers in {delay_s * 1000:5.0f} ms (deadline {DEFAULT_DEADLINE_S} s): "
        f"WEIGH -> label p50 {statistics.median(waits):7.1f} ms, max {waits[-1]:7.1f} ms "
        f"over {len(waits)} parcels"
    )
    if labels:
        after = [(label - weighed[0]) for label in labels[:1]]
        print(
            f"   {len(labels)} carrier label(s) came later by the retry round; the first "
            f"{after[0]:.1f} s after the first WEIGH"
        )


def main() -> None:
    for delay_s in (0.3, 5.0):
        _run(delay_s)


if __name__ == "__main__":
    main()
