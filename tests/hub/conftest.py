"""A hub on the machine's PostgreSQL (a fresh schema per test) and bench homes around it."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from sqlalchemy import select

from station.db.engine import Database
from station.db.models import Order
from tests.console_process import run_station


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
