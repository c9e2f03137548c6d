"""Service tests run on a demo home: SQLite always, PostgreSQL too where it matters."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from station.app import open_home
from station.context import AppContext
from station.workflow.io import Command, CommandName, ReadScale, Scan, Weight
from tests.console_process import ean_of


@pytest.fixture(params=["sqlite", "postgresql"])
def any_home(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[AppContext]:
    """A demo home on SQLite, then on PostgreSQL (skipped when no server answers)."""
    url = request.getfixturevalue("pg_schema_url") if request.param == "postgresql" else None
    with open_home(tmp_path / "home", url, demo_mode=True) as ctx:
        yield ctx


def pack(ctx: AppContext, number: str, *skus: str, operator: str = "anna") -> None:
    """Pack and ship an order at the home's bench: the order, its units, the scale."""
    from station.app import bench_service

    bench = bench_service(ctx, operator)
    for code in (number, *(ean_of(sku) for sku in skus)):
        bench.handle(Scan(code))
    weigh = bench.handle(Command(CommandName.WEIGH)).effects
    expected = next(e.expected_g for e in weigh if isinstance(e, ReadScale))
    bench.handle(Weight(expected))
