"""Two processes on one home would be one bench twice: the second is refused, naming the first."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import func, select

from station.app import open_home
from station.config import Settings
from station.db.models import Event, Order
from station.domain import OrderStatus
from station.domain import events as ev
from tests.console_process import ConsoleProcess, ean_of, run_station

pytestmark = pytest.mark.slow

run = run_station


def test_a_second_bench_or_sync_on_a_home_in_use_is_refused(tmp_path: Path) -> None:
    home = tmp_path / "bench"
    # GIVEN a console bench that opened order 1006 and verified its one unit
    first = ConsoleProcess(home)
    first.wait_for("PROMPT scan_order")
    first.send("1006", "OK order_opened")
    first.send(ean_of("CAV-04"), "OK unit_ok")
    try:
        # WHEN a second bench and a sync start on the same home
        second = run(home, "bench", "--console", "--demo", stdin=f"1006\n{ean_of('CAV-04')}\n")
        sync = run(home, "sync", "--once")
        # THEN both stop at once with one line naming the process that holds the home
        for refused in (second, sync):
            assert refused.returncode == 1
            assert refused.stdout == ""
            lines = refused.stderr.splitlines()
            assert len(lines) == 1, refused.stderr
            assert lines[0].startswith(f"station: {home} is already in use by pid {first.proc.pid}")
            assert "bench --console --demo, since " in lines[0]
        # AND reading the queue still works beside the bench
        shown = run(home, "orders", "show", "1006")
        assert shown.returncode == 0, shown.stderr
        assert shown.stdout.startswith("Order 1006 (packing)")
        first.send("WEIGH", "DONE 1006")
    finally:
        assert first.close() == 0

    with open_home(home) as ctx, ctx.db.read() as session:
        placed = session.scalars(select(Order).where(Order.number == "1006")).one()
        assert placed.status == OrderStatus.SHIPPED
        shipped = session.scalar(
            select(func.count())
            .select_from(Event)
            .where(Event.order_uid == placed.uid, Event.type == ev.OrderShipped.TYPE)
        )
        assert shipped == 1
        assert [p.seq for p in placed.parcels] == [1]


def test_each_installation_gets_its_own_bench_name_once(tmp_path: Path) -> None:
    # GIVEN two new homes with settings that do not name the bench
    names = []
    for home in (tmp_path / "a", tmp_path / "b"):
        home.mkdir()
        (home / "station.toml").write_text('language = "en"\n', encoding="utf-8")
        # WHEN a command that writes opens each, twice
        assert run(home, "db", "upgrade").returncode == 0
        assert run(home, "db", "upgrade").returncode == 0
        # THEN each has a name of its own, stored in its settings
        names.append(Settings.load(home).bench_name)
    assert names[0] != names[1]
    assert all(name.startswith("bench-") and name != "bench-1" for name in names)
