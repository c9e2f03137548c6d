"""Numbers that never collide offline: tracking-number blocks handed to benches ahead of need,
and one invoice series per bench. Real console benches, each with its own SQLite home, on a hub
on the machine's PostgreSQL; "offline" is a hub address that points nowhere."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from sqlalchemy import select

from station.app import open_home
from station.db.engine import Database
from station.db.invoices import Invoice
from station.db.models import Bench, Order, Parcel
from station.domain import OrderStatus
from sync.hub.blocks import load_blocks
from sync.secrets import load_hub_url, save_hub_url
from tests.console_process import ConsoleProcess, run_station
from tests.hub.conftest import pack, sync_once, warehouse

pytestmark = pytest.mark.slow
NOWHERE = "postgresql+psycopg://postgres@127.0.0.1:9/warehouse"


def leased(home: Path, bench: str) -> list[tuple[str, str, int]]:
    """(number, carrier, units) of the orders leased to `bench`, most urgent first."""
    with open_home(home) as ctx, ctx.db.read() as s:
        rows = s.scalars(
            select(Order)
            .join(Bench, Bench.id == Order.bench_id)
            .where(Bench.name == bench, Order.status == OrderStatus.QUEUED)
            .order_by(Order.number)
        )
        return [(o.number, o.carrier, sum(line.quantity for line in o.lines)) for o in rows]


def tracking_numbers(db_url_or_home: str | Path) -> list[str]:
    if isinstance(db_url_or_home, Path):
        with open_home(db_url_or_home) as ctx, ctx.db.read() as s:
            return [t for t in s.scalars(select(Parcel.tracking_number)) if t]
    db = Database(db_url_or_home)
    try:
        with db.read() as s:
            return [t for t in s.scalars(select(Parcel.tracking_number)) if t]
    finally:
        db.dispose()


def test_benches_label_offline_from_their_own_blocks_and_invoice_in_their_own_series(
    hub_url: str, tmp_path: Path
) -> None:
    # GIVEN two benches holding 6 leased orders each and blocks of 3 numbers per range
    homes = warehouse(hub_url, tmp_path, "B2", "B3", hub_lease_orders=6, hub_block_size=3)
    for name in ("B2", "B3"):
        sync_once(homes[name])
        assert load_blocks(homes[name])  # handed out ahead of need, kept in the home
    # WHEN the LAN goes: both hub addresses point nowhere, and each bench packs its orders
    for name in ("B2", "B3"):
        save_hub_url(homes[name], NOWHERE)
    refused: dict[str, list[str]] = {}
    packed: dict[str, list[str]] = {}
    for name in ("B2", "B3"):
        bench = ConsoleProcess(homes[name])
        bench.wait_for("PROMPT")
        for number, _carrier, _units in leased(homes[name], name):
            said = bench.send(number, "")
            while not said.startswith(("OK order_opened", "ERROR")):
                said = bench.wait_for("")
            if said.startswith("ERROR"):
                refused.setdefault(name, []).append(said)
                continue
            if pack(bench, homes[name], number):
                packed.setdefault(name, []).append(number)
        assert bench.close() == 0
    # THEN each bench labelled offline, and no tracking number was printed twice
    offline = {name: tracking_numbers(homes[name]) for name in ("B2", "B3")}
    assert offline["B2"]
    assert offline["B3"]
    assert not set(offline["B2"]) & set(offline["B3"])
    # AND once a carrier's block held fewer numbers than an order may need (a parcel per
    # unit), that order was refused before it was opened, saying why
    assert any("hub_no_numbers" in line for lines in refused.values() for line in lines)
    for lines in refused.values():
        assert all(line.startswith("ERROR hub_no_numbers") for line in lines)
    # WHEN each bench invoices one of its orders while still offline
    year = dt.datetime.now().year
    for name in ("B2", "B3"):
        done = run_station(homes[name], "invoice", packed[name][0], "-o", str(tmp_path / "i.pdf"))
        assert done.returncode == 0, done.stderr
    # THEN each number is in the bench's own series
    with open_home(homes["B2"]) as ctx, ctx.db.read() as s:
        assert [i.number for i in s.scalars(select(Invoice))] == [f"{year}/B2/000001"]
    # WHEN the LAN is back and everyone replicates
    for name in ("B2", "B3"):
        save_hub_url(homes[name], hub_url)
        sync_once(homes[name])
    sync_once(homes["B2"])
    # THEN the hub holds every tracking number once, and both series side by side
    on_hub = tracking_numbers(hub_url)
    assert sorted(on_hub) == sorted(set(on_hub))
    assert set(offline["B2"]) | set(offline["B3"]) <= set(on_hub)
    with open_home(homes["B2"]) as ctx, ctx.db.read() as s:
        numbers = sorted(i.number for i in s.scalars(select(Invoice)))
    assert numbers == [f"{year}/B2/000001", f"{year}/B3/000001"]
    assert load_hub_url(homes["B2"]) == hub_url
