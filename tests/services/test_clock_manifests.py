"""Manifests when the bench's clock is wrong: a parcel belongs to the manifest whose closing
recorded it, so a clock a day behind does not leave today's parcel off today's manifest, and a
time-zone change cannot put one parcel on two closed manifests.

The bench packs through its service, reading a fake time source; the manifest is made by the
`station manifest` command's own function on the same context. Nothing sleeps."""

from __future__ import annotations

import argparse
import dataclasses
import datetime as dt
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy import select

from station.app import bench_service
from station.context import AppContext
from station.db.models import Event, Order
from station.documents_cli import cmd_manifest
from station.services.clock import ClockWatch
from station.workflow.io import Scan
from tests.console_process import ean_of
from tests.fakes.clock import FakeTime
from tests.services.conftest import pack

MONDAY, TUESDAY = dt.date(2026, 3, 2), dt.date(2026, 3, 3)


@pytest.fixture
def zone(monkeypatch: pytest.MonkeyPatch) -> Iterator[Callable[[str], None]]:
    """Set the computer's time zone, as the operating system's setting does."""

    def set_zone(name: str) -> None:
        monkeypatch.setenv("TZ", name)
        time.tzset()

    yield set_zone
    monkeypatch.undo()
    time.tzset()


def at(day: dt.date, hour: int, minute: int = 0, zone: str = "Europe/Rome") -> dt.datetime:
    return dt.datetime.combine(day, dt.time(hour, minute), ZoneInfo(zone)).astimezone(dt.UTC)


def bench_at(home: AppContext, clock: FakeTime) -> AppContext:
    """The home as a bench process started with this clock sees it."""
    return dataclasses.replace(home, clock=ClockWatch(clock))


def print_manifest(
    ctx: AppContext, out: Path, capsys: pytest.CaptureFixture[str], day: dt.date | None = None
) -> tuple[list[str], str]:
    """`station manifest --carrier GLS [--date DAY] -o OUT.csv`: the orders on it, the output."""
    args = argparse.Namespace(carrier="GLS", date=day, output=out)
    assert cmd_manifest(args, ctx) == 0
    rows = out.read_text(encoding="utf-8-sig").splitlines()[1:]
    return [row.split(";")[2] for row in rows], capsys.readouterr().out.strip()


def tracking(ctx: AppContext, number: str) -> str:
    with ctx.db.read() as session:
        order = session.scalars(select(Order).where(Order.number == number)).one()
        return str(order.parcels[0].tracking_number)


def closings(ctx: AppContext) -> dict[str, list[str]]:
    """Each closed manifest's day, with the tracking numbers it recorded."""
    with ctx.db.read() as session:
        rows = session.scalars(select(Event).where(Event.type == "manifest_closed"))
        return {r.payload["day"]: list(r.payload["tracking_numbers"]) for r in rows}


def test_a_parcel_packed_with_the_clock_a_day_behind_is_on_todays_manifest(
    any_home: AppContext,
    zone: Callable[[str], None],
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    zone("Europe/Rome")
    # GIVEN Monday's GLS manifest, closed at 18:00 with order 1001 on it
    monday = FakeTime(at(MONDAY, 17))
    pack(bench_at(any_home, monday), "1001", "TSH-01")
    monday.advance(3600)
    assert print_manifest(bench_at(any_home, monday), tmp_path / "mon.csv", capsys)[0] == ["1001"]
    # AND on Tuesday the bench starts with its clock a day behind and packs 1013 at "Monday 10:00"
    clock = FakeTime(at(MONDAY, 10))
    bench = bench_at(any_home, clock)
    pack(bench, "1013", "MUG-05")
    # WHEN the clock is put right at 10:30, and the bench packs 1017 after it
    clock.advance(1800)
    clock.set_wall(at(TUESDAY, 10, 30))
    anna = bench_service(bench, "anna")
    told = anna.handle(Scan("1017")).warnings + anna.handle(Scan(ean_of("LIB-05"))).warnings
    pack(bench, "1017")
    # AND the GLS manifest is printed at 18:00
    clock.advance(7.5 * 3600)
    orders, said = print_manifest(bench, tmp_path / "tue.csv", capsys)

    # THEN Tuesday's manifest holds both of Tuesday's parcels, the one stamped Monday too
    assert orders == ["1013", "1017"]
    assert said == f"wrote {tmp_path / 'tue.csv'}"
    # AND the database records each parcel on exactly one closed manifest
    assert closings(any_home) == {
        "2026-03-02": [tracking(any_home, "1001")],
        "2026-03-03": [tracking(any_home, "1013"), tracking(any_home, "1017")],
    }
    # AND the operator was told of the jump once, on the answer to the next scan
    assert told == [
        "The computer's clock jumped 24 h 00 min ahead: check its date, time and time zone; "
        "packing goes on, and manifests and shop updates stay in order."
    ]


def test_a_time_zone_change_cannot_put_a_parcel_on_two_manifests(
    any_home: AppContext,
    zone: Callable[[str], None],
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    # GIVEN a bench set to UTC, which packs 1001 at 23:30 on Monday (00:30 Tuesday in Rome)
    zone("UTC")
    clock = FakeTime(at(MONDAY, 23, 30, zone="UTC"))
    bench = bench_at(any_home, clock)
    pack(bench, "1001", "TSH-01")
    # AND closes Monday's GLS manifest at 23:45, with 1001 on it
    clock.advance(900)
    assert print_manifest(bench, tmp_path / "mon.csv", capsys)[0] == ["1001"]
    # WHEN the time zone is set to Rome, and on Tuesday 1013 is packed and the manifest printed
    zone("Europe/Rome")
    clock.set_wall(at(TUESDAY, 10))
    clock.advance(0)
    pack(bench, "1013", "MUG-05")
    clock.advance(8 * 3600)
    orders, said = print_manifest(bench, tmp_path / "tue.csv", capsys)

    # THEN Tuesday's manifest holds Tuesday's parcel only: 1001 went with Monday's driver
    assert orders == ["1013"]
    assert said == f"wrote {tmp_path / 'tue.csv'}"
    # AND in the database each parcel is on exactly one closed manifest
    assert closings(any_home) == {
        "2026-03-02": [tracking(any_home, "1001")],
        "2026-03-03": [tracking(any_home, "1013")],
    }


def test_a_parcel_shipped_after_the_closing_goes_on_the_next_manifest(
    any_home: AppContext,
    zone: Callable[[str], None],
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    zone("Europe/Rome")
    # GIVEN Monday's manifest closed at 17:00 with 1001, and 1013 packed at 17:30
    clock = FakeTime(at(MONDAY, 16))
    bench = bench_at(any_home, clock)
    pack(bench, "1001", "TSH-01")
    clock.advance(3600)
    print_manifest(bench, tmp_path / "mon.csv", capsys)
    clock.advance(1800)
    pack(bench, "1013", "MUG-05")
    # WHEN Monday's manifest is printed again, then Tuesday's
    again, note = print_manifest(bench, tmp_path / "mon-again.csv", capsys)
    clock.advance(24 * 3600)
    tuesday, _ = print_manifest(bench, tmp_path / "tue.csv", capsys)
    # THEN the reprint is what was closed and says where the late parcel goes; Tuesday's has it
    assert again == ["1001"]
    assert note.splitlines()[0] == (
        "note: 1 parcel shipped after this manifest was closed: it goes on the next one"
    )
    assert tuesday == ["1013"]
    assert sorted(closings(any_home)) == ["2026-03-02", "2026-03-03"]
