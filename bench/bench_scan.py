"""Time from a scan line to its committed effect, with 100,000 orders in the database.

Target (issue: foundation): p99 under 10 ms on this machine.
"""

from __future__ import annotations

import datetime as dt
import statistics
import tempfile
import time
from decimal import Decimal
from pathlib import Path

from sqlalchemy import select

from station import demo
from station.app import open_home
from station.db.models import Order, Product
from station.domain import events as ev
from station.printing.archive import DocumentArchive
from station.services.bench import BenchService
from station.services.events import new_uid, record_all, recorded
from station.workflow.io import parse_line

ORDERS = 100_000
SAMPLE_ORDERS = 150


def fill(ctx_db, shop_name: str, products: list[Product]) -> None:  # type: ignore[no-untyped-def]
    """100,000 orders imported as a shop's would be: OrderImported events, projected in bulk."""
    now = dt.datetime.now(dt.UTC)
    for start in range(0, ORDERS, 10_000):
        events = []
        for n in range(start, start + 10_000):
            number = str(200000 + n)
            lines = tuple(
                ev.ImportedLine(
                    line=new_uid(),
                    line_no=line_no,
                    sku=product.sku,
                    name=product.name,
                    quantity=2,
                    unit_price=Decimal("5"),
                )
                for line_no in range(1, 3)
                for product in [products[(int(number) + line_no) % len(products)]]
            )
            details = ev.OrderDetails(
                customer_name=f"Cliente {n}",
                shipping_address={"name": f"Cliente {n}", "city": "Milano", "country": "IT"},
                total=Decimal("10"),
                payment_method="carta",
            )
            events.append(
                recorded(
                    ev.OrderImported(
                        order=new_uid(),
                        number=number,
                        shop=shop_name,
                        external_id=f"bulk-{n}",
                        created_at=now - dt.timedelta(seconds=n),
                        details=details,
                        carrier="BRT",
                        service="standard",
                        lines=lines,
                    ),
                    at=now,
                )
            )
        with ctx_db.write() as session:
            record_all(session, events)


def percentile(values: list[float], pct: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(pct / 100 * (len(ordered) - 1)))]


def report(name: str, samples: list[float]) -> None:
    ms = [s * 1000 for s in samples]
    print(
        f"   {name:<28} n={len(ms):5d}  p50={statistics.median(ms):6.2f} ms  "
        f"p95={percentile(ms, 95):6.2f} ms  p99={percentile(ms, 99):6.2f} ms  max={max(ms):6.2f} ms"
    )


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp, open_home(Path(tmp), demo_mode=True) as ctx:
        with ctx.db.read() as session:
            products = [
                p
                for p in session.scalars(select(Product))
                if not (p.requires_lot or p.requires_serial)
            ]
            shop_name = demo.DEMO_SHOP
            eans = {}
            for index, item in enumerate(demo.demo_products()):
                eans[item.sku] = demo.product_ean(index)
        started = time.perf_counter()
        fill(ctx.db, shop_name, products)
        print(f"   filled {ORDERS} orders in {time.perf_counter() - started:.1f} s")
        service = BenchService(ctx.db, ctx.settings, DocumentArchive(ctx.home), operator="bench")
        scans: list[float] = []
        opens: list[float] = []
        weighs: list[float] = []
        numbers = [str(200000 + n) for n in range(0, ORDERS, ORDERS // SAMPLE_ORDERS)][
            :SAMPLE_ORDERS
        ]
        with ctx.db.read() as session:
            skus = {
                number: [(line.sku, line.quantity) for line in order.lines]
                for number in numbers
                for order in session.scalars(select(Order).where(Order.number == number))
            }
        for number in numbers:
            opens.append(timed(service, number))
            for sku, quantity in skus[number]:
                for _ in range(quantity):
                    scans.append(timed(service, eans[sku]))
            order = service.engine.state.order
            assert order is not None
            assert order.units_left == 0
            weighs.append(timed(service, "WEIGH"))  # ReadScale only: the reading follows
            weighs.append(timed(service, "WEIGHT 999999", typed=True))  # a rejection, recorded
            timed(service, "ABORT")
        nexts = []
        for _ in range(50):
            nexts.append(timed(service, "NEXT"))
            timed(service, "ABORT")
        report("scan -> committed (unit)", scans)
        report("open order by number", opens)
        report("NEXT (claim most urgent)", nexts)
        report("weigh / rejected weight", weighs)


def timed(service: BenchService, line: str, typed: bool = False) -> float:
    started = time.perf_counter()
    inp = parse_line(line, typed_weights=typed)
    assert inp is not None
    service.handle(inp)
    return time.perf_counter() - started


if __name__ == "__main__":
    main()
