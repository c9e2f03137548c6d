"""Shop sync figures: a first import of 10,000 orders from the fake WooCommerce and the fake
Shopify (standard limits: 2000 points, 100/s), each fake in its own process so only our own
CPU time and memory are measured. Shopify's bucket runs on the fake's clock, which our waits
advance, so the run reports the time a real shop would take without waiting for it."""

from __future__ import annotations

import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import httpx

from station.config import Settings
from station.context import AppContext
from station.db.engine import Database, sqlite_url
from station.db.migrate import upgrade
from station.db.models import Product
from station.db.types import utcnow
from sync.runner import pull_orders
from sync.shops import add_shop, find_shop, make_connector

ORDERS = 10_000


def _cpu_s() -> float:
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def _peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _run(kind: str) -> None:
    root = Path(__file__).resolve().parent.parent
    proc = subprocess.Popen([sys.executable, "-m", "tests.fakes.shops.serve", kind, str(ORDERS)],
                            cwd=root, stdout=subprocess.PIPE, text=True)
    try:
        assert proc.stdout is not None
        url = proc.stdout.readline().strip()
        with tempfile.TemporaryDirectory() as tmp:
            _import(kind, url, Path(tmp))
    finally:
        proc.terminate()
        proc.wait()


def _import(kind: str, url: str, home: Path) -> None:
    db = Database(sqlite_url(home / "station.db"))
    upgrade(db)
    ctx = AppContext(home=home, settings=Settings(), db=db)
    with db.write() as s:
        s.add_all([Product(sku="SKU-1", name="one"), Product(sku="SKU-2", name="two")])
    secrets = {"key": "ck_test", "secret": "cs_test"} if kind == "woocommerce" else \
        {"token": "shpat_test"}
    add_shop(ctx, kind, kind, url=url, secrets=secrets)
    control = httpx.Client(base_url=url)
    virtual = [0.0]

    def advance(seconds: float) -> None:  # the shop's clock moves; we do not wait
        virtual[0] += seconds
        control.post("/_fake/advance", params={"s": f"{seconds:.3f}"})

    shop = find_shop(ctx, kind)
    connector = make_connector(ctx, shop, sleep=advance)
    cpu, wall = _cpu_s(), time.perf_counter()
    result = pull_orders(ctx, shop, connector, clock=utcnow)
    cpu, wall = _cpu_s() - cpu, time.perf_counter() - wall
    http = connector.http  # type: ignore[attr-defined]
    throttled = getattr(connector, "throttled", http.rate_limited)
    print(f"   {kind}: {result.imported} orders imported, our CPU {cpu:.2f} s, wall {wall:.1f} s, "
          f"peak RSS {_peak_mb():.0f} MB, {http.requests_sent} requests, "
          f"{throttled} throttled/429" + (f", shop-side time {virtual[0]:.0f} s at the standard "
                                          "rate" if kind == "shopify" else ""))
    connector.close()
    control.close()
    db.dispose()


def main() -> None:
    for kind in ("woocommerce", "shopify"):
        _run(kind)
