"""Batch picking into totes and pack-out, end to end through real processes: `station pick
batch` for the picker, `station bench --console` for the packer, on the demo database.

A batch of 6 orders over 20 bins goes into 6 totes with one short; each tote is then packed
out at the bench and the tote freed when its order ships; the log replays to the same state.
"""

from __future__ import annotations

import datetime as dt
import json
from decimal import Decimal
from pathlib import Path

import pytest
from sqlalchemy import select

from station.app import open_home
from station.db.models import Order
from station.domain import events as ev
from station.domain.locations import parse_location
from station.services.events import new_uid, record_all, recorded
from station.workflow.route import walk_length_dm
from tests.console_process import ConsoleProcess, ean_of, run_console, run_station

pytestmark = pytest.mark.slow

# 20 products in 20 different bins (A-01-01 ... A-05-09), none needing a lot or serial.
SKUS = [f"{family}-{n:02d}" for family in ("MUG", "TSH", "CAN", "LIB", "CAV") for n in (1, 2, 3, 4)]
ORDERS = {  # order number -> (sku, quantity)
    "3001": [(sku, 1) for sku in SKUS[0:4]],
    "3002": [(SKUS[4], 2), *[(sku, 1) for sku in SKUS[5:8]]],
    "3003": [(sku, 1) for sku in SKUS[8:11]],
    "3004": [(sku, 1) for sku in SKUS[11:14]],
    "3005": [(sku, 1) for sku in SKUS[14:17]],
    "3006": [(sku, 1) for sku in SKUS[17:20]],
}
TOTES = [f"TOTE{n}" for n in range(11, 17)]


@pytest.fixture
def home(tmp_path: Path) -> Path:
    """The demo bench, and six urgent orders from the shop over the 20 products."""
    now = dt.datetime.now(dt.UTC)
    with open_home(tmp_path / "bench", demo_mode=True) as ctx, ctx.db.write() as session:
        record_all(
            session,
            [recorded(_imported(number, lines, now), at=now) for number, lines in ORDERS.items()],
        )
    return tmp_path / "bench"


def _imported(number: str, lines: list[tuple[str, int]], now: dt.datetime) -> ev.OrderImported:
    return ev.OrderImported(
        order=new_uid(),
        number=number,
        created_at=now,
        priority=9,
        carrier="BRT",
        service="standard",
        details=ev.OrderDetails(customer_name=f"Cliente {number}", total=Decimal("10")),
        lines=tuple(
            ev.ImportedLine(new_uid(), i, sku, sku, qty, Decimal("5"))
            for i, (sku, qty) in enumerate(lines, start=1)
        ),
    )


def pick_the_batch(home: Path) -> list[tuple[str, int, str, str]]:
    """Walk the printed route: each bin's label, then the tote for each line; the first line of
    two units is short by one. Returns the route rows (bin, units, sku, tote)."""
    picker = ConsoleProcess(home, command=("pick", "batch"))
    try:
        picker.wait_for("OK batch_resumed Batch carried on where it was: 6 orders.")
        picker.wait_for("PROMPT batch_scan_tote")
        for tote in TOTES:
            picker.send(tote, "PROMPT")
        route = [row.split() for row in picker.seen if row.startswith("ROUTE")]
        rows = [(r[2], int(r[3]), r[5], r[7]) for r in route]
        shorted = False
        last_bin = ""
        for bin_code, units, _sku, tote in rows:
            if bin_code != last_bin:
                assert picker.send(bin_code, "OK").startswith(f"OK batch_at_bin Bin {bin_code}")
                last_bin = bin_code
            if units == 2 and not shorted:
                shorted = True
                said = picker.send("SHORT 1", "OK")
                assert said == (
                    f"OK pick_shorted Short at bin {bin_code}: 1 of 2 found, put into tote"
                    f" {tote}; the lead is told."
                )
            else:
                assert picker.send(tote, "OK").startswith(f"OK put_ok {units} x")
        picker.wait_for("PROMPT batch_finished")
    finally:
        assert picker.close() == 0
    return rows


def test_a_batch_of_six_orders_over_twenty_bins_into_six_totes_then_packed_out(
    home: Path,
) -> None:
    # GIVEN six urgent orders over 20 bins, and a wrong bin and a wrong tote tried first
    picker = ConsoleProcess(home, command=("pick", "batch"))
    picker.wait_for("PROMPT batch_scan_tote Scan an empty tote for order 3001 (1 of 6)")
    assert picker.send("A-01-01", "ERROR").startswith("ERROR tote_expected A-01-01 is not a tote")
    picker.kill()  # the batch is taken (claimed) already: the restarted picker carries it on

    # WHEN a picker takes the batch, walks its route and puts each line into its tote
    rows = pick_the_batch(home)

    # THEN the route visits the 20 bins once each, no longer than the sorted walking order
    bins = [parse_location(b) for b, *_ in rows]
    assert len({b.code for b in bins}) == 20
    walking = sorted(bins, key=lambda b: b.walk_key)
    assert walk_length_dm(list(dict.fromkeys(bins))) <= walk_length_dm(walking)
    # AND the lead sees the short, with its bin and the quantity found
    shorts = json.loads(run_station(home, "pick", "shorts", "--json").stdout)
    assert [(s["order"], s["bin"], s["wanted"], s["found"]) for s in shorts] == [
        ("3002", "A-02-06", 2, 1)
    ]

    # AND NEXT at a bench does not pick an order that is already in a tote
    assert run_console(home, ["NEXT"])[1].startswith("OK order_opened Order 1006")

    # WHEN a packer scans each tote and verifies each unit (SHORT for the unit not found)
    lines: list[str] = []
    for number, tote in zip(ORDERS, TOTES, strict=True):
        lines.append(tote)
        for sku, qty in ORDERS[number]:
            lines += [ean_of(sku)] * (1 if number == "3002" and qty == 2 else qty)
        if number == "3002":
            lines += ["SHORT", "OUT", "SHORT"]
        lines.append("WEIGH")
    out = run_console(home, ["ABORT", *lines])

    # THEN each tote opens its order with the picked units counted, and every order ships
    assert "OK tote_opened Tote TOTE12: 4 of 5 units picked; scan each one to pack it." in out
    assert "OK tote_opened Tote TOTE11: 4 of 4 units picked; scan each one to pack it." in out
    assert [ln.split()[1] for ln in out if ln.startswith("DONE")] == list(ORDERS), out[-40:]
    # AND the totes are free again, and the log replays to the same state
    with open_home(home) as ctx, ctx.db.read() as session:
        shipped = session.execute(
            select(Order.status, Order.tote).where(Order.number.in_(list(ORDERS)))
        ).all()
    assert {(status, tote) for status, tote in shipped} == {("shipped", "")}
    verify = run_station(home, "db", "verify")
    assert verify.returncode == 0, verify.stdout
