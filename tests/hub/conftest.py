"""A hub on the machine's PostgreSQL (a fresh schema per test) and bench homes around it."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from sqlalchemy import select

from station.app import open_home
from station.config import Settings
from station.db.engine import Database
from station.db.models import Order
from tests.console_process import ConsoleProcess, ean_of, run_station


@pytest.fixture
def hub_url(pg_schema_url: str, tmp_path: Path) -> str:
    done = run_station(tmp_path, "hub", "init", "--db", pg_schema_url)
    assert done.returncode == 0, done.stderr
    return pg_schema_url


def join(home: Path, hub: str, name: str) -> None:
    done = run_station(home, "bench", "join", "--hub", hub, "--name", name)
    assert done.returncode == 0, done.stderr


def sync_once(home: Path) -> str:
    done = run_station(home, "sync", "--once")
    assert done.returncode == 0, done.stdout + done.stderr
    return done.stdout


def demo_bench(home: Path, hub: str, name: str) -> None:
    """A bench holding the demo shop, its catalogue and its 35 orders, joined and replicated."""
    assert run_station(home, "--demo", "orders", "list").returncode == 0
    join(home, hub, name)
    sync_once(home)


def hub_status(home: Path) -> dict[str, dict[str, object]]:
    done = run_station(home, "hub", "status", "--json")
    assert done.returncode == 0, done.stderr
    return {row["name"]: row for row in json.loads(done.stdout)}


def hub_orders(hub: str) -> dict[str, tuple[str, str | None]]:
    """Each order on the hub: its status and the bench holding it."""
    db = Database(hub)
    try:
        with db.read() as s:
            return {
                o.number: (o.status, o.bench.name if o.bench else None)
                for o in s.scalars(select(Order))
            }
    finally:
        db.dispose()


def set_settings(home: Path, **values: object) -> None:
    settings = Settings.load(home)
    settings.extra.update(values)
    settings.save(home)


def warehouse(hub: str, root: Path, *names: str, **settings: object) -> dict[str, Path]:
    """B1 holds the demo shop; the others join empty, with `settings`; each has had a round."""
    homes = {name: root / name for name in ("B1", *names)}
    demo_bench(homes["B1"], hub, "B1")
    for name in names:
        join(homes[name], hub, name)
        if settings:
            set_settings(homes[name], **settings)
        sync_once(homes[name])
    return homes


def pack(bench: ConsoleProcess, home: Path, number: str) -> bool:
    """Open `number` (already opened by NEXT when `number` is ''), scan every unit a plain scan
    can give (lots and serials are shorted) and weigh; an order with no such unit is aborted."""
    with open_home(home) as ctx, ctx.db.read() as s:
        order = s.scalars(select(Order).where(Order.number == number)).one()
        plain = [
            (line.product.sku, line.quantity)
            for line in order.lines
            if line.product and not (line.product.requires_lot or line.product.requires_serial)
        ]
        short = sum(line.quantity for line in order.lines) > sum(q for _, q in plain)
    if not plain:
        bench.send("ABORT", "OK aborted")
        return False
    for sku, quantity in plain:
        for _ in range(quantity):
            bench.send(ean_of(sku), "OK")
    if short:
        bench.send("SHORT", "OK")
    bench.send("WEIGH", f"DONE {number}")
    return True


def pack_next(bench: ConsoleProcess, home: Path) -> tuple[str, bool]:
    number = bench.send("NEXT", "OK order_opened").split()[3]
    return number, pack(bench, home, number)
