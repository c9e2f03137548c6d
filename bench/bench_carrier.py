"""How long the operator waits at the bench from WEIGH to the parcel's label, with the carrier
(the fake BRT, the fake Poste, then the fake UPS through karrio, on 127.0.0.1) answering in
300 ms and in 5 s. Poste's figure holds a session token, the waybill and the label's download in
the same deadline.

WEIGH -> label: from the weight handed to the bench until its label is archived and handed to
the printer (the bench's next scan is taken from then on). With a carrier slower than the
bench's deadline the label is the internal one (label pending), and "carrier label" is when
the retry round, every 0.5 s here, had the carrier's label for the printer. UPS takes no
cash-on-delivery order through karrio, so the UPS rounds leave the demo's COD orders out.
"""

from __future__ import annotations

import statistics
import tempfile
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from sqlalchemy import select

from station.app import open_home
from station.carriers.transport import DEFAULT_DEADLINE_S
from station.context import AppContext
from station.db.models import Order, Parcel
from station.printing.archive import DocumentArchive
from station.services.amounts import cod_to_collect
from station.services.bench import BenchService, utc_now
from station.services.pending_labels import retry_pending
from station.workflow.io import Command, CommandName, ReadScale, Scan, Weight
from sync.secrets import save_secrets
from tests.carriers import brt_setup, karrio_setup, poste_setup
from tests.console_process import ean_of
from tests.fakes.shops.base import FakeServer, Fault

ORDERS = 8
RETRY_S = 0.5


def _open_order(bench: BenchService, ctx: AppContext, number: str, cod: bool) -> int | None:
    """Scan the order and its units; the expected weight, or None when it cannot be packed
    (or is cash on delivery and `cod` is False)."""
    with ctx.db.read() as session:
        order = session.scalars(select(Order).where(Order.number == number)).one()
        units = [ean_of(line.sku) for line in order.lines for _ in range(line.quantity)]
        if not cod and cod_to_collect(order) is not None:
            return None
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


CODES = ("BRT", "GLS", "SDA", "POSTE")  # every demo order goes to the one fake carrier


# carrier -> its fake, its account there, the secret, the call that numbers the parcels
CARRIERS: dict[str, tuple[Callable[[], Any], Callable[[Any], dict[str, Any]], str, str]] = {
    "BRT": (brt_setup.fake_brt, brt_setup.account, brt_setup.PASSWORD, "/shipments/shipment"),
    "Poste": (poste_setup.fake_poste, poste_setup.account, poste_setup.SECRET, "parcel/waybill"),
}


def _run(carrier: str, delay_s: float) -> None:
    make_fake, account, secret, numbering_call = CARRIERS[carrier]
    with tempfile.TemporaryDirectory() as tmp, make_fake() as fake:
        home = Path(tmp) / "home"
        with open_home(home, demo_mode=True) as ctx:
            ctx.settings.extra["carrier_accounts"] = {code: account(fake) for code in CODES}
            for code in CODES:
                save_secrets(home, f"carrier:{code}", {"password": secret})
            fake.inject(Fault("slow", path=numbering_call, delay_s=delay_s, times=10_000))
            _measure(ctx, delay_s, carrier)


def _run_ups(delay_s: float) -> None:
    """The same through karrio to the fake UPS, which serves every demo customer's town."""
    with tempfile.TemporaryDirectory() as tmp, karrio_setup.fake_ups() as ups:
        home = Path(tmp) / "home"
        with open_home(home, demo_mode=True) as ctx:
            ups.served = _towns(ctx)
            _karrio_accounts(ctx, ups)
            _warm_up(ctx)
            ups.inject(Fault("slow", path="/v2409/ship", delay_s=delay_s, times=10_000))
            _measure(ctx, delay_s, "UPS", cod=False)


def _karrio_accounts(ctx: AppContext, fake: FakeServer) -> None:
    ctx.settings.extra["carrier_accounts"] = {
        code: karrio_setup.account("UPS", fake) for code in CODES
    }
    for code in CODES:
        save_secrets(ctx.home, f"carrier:{code}", {"password": karrio_setup.UPS_SECRET})


def _warm_up(ctx: AppContext) -> None:
    """karrio's one-time load (about a second) and UPS's OAuth token, before the clock runs:
    a bench pays them once a day, not per parcel."""
    from station.carriers import carrier_for
    from station.carriers.karrio_carriers import KarrioCarrier
    from station.services.shipping import sender_address

    carrier = carrier_for("BRT", ctx.settings)
    assert isinstance(carrier, KarrioCarrier)
    carrier.check(sender_address(ctx.settings))


def _towns(ctx: AppContext) -> dict[str, str]:
    """Postcode area -> town of every demo order's address."""
    with ctx.db.read() as session:
        addresses = [o.shipping_address for o in session.scalars(select(Order))]
    return {str(a["postcode"])[:2]: str(a["city"]).upper() for a in addresses}


def _measure(ctx: AppContext, delay_s: float, carrier: str, cod: bool = True) -> None:
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
        expected = _open_order(bench, ctx, str(n), cod)
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
    _report(carrier, delay_s, waits, weighed, carrier_labels)


def _report(
    carrier: str, delay_s: float, waits: list[float], weighed: list[float], labels: list[float]
) -> None:
    waits.sort()
    print(
        f"   {carrier} answers in {delay_s * 1000:5.0f} ms (deadline {DEFAULT_DEADLINE_S} s): "
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
    for carrier in CARRIERS:
        for delay_s in (0.3, 5.0):
            _run(carrier, delay_s)
    for delay_s in (0.3, 5.0):
        _run_ups(delay_s)


if __name__ == "__main__":
    main()
