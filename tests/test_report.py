"""`station report`: a scripted shift at two console benches (subprocesses writing one database
through `--db`, SQLite or PostgreSQL), and the figures equal what the test counts from its own
script.

The counts below are read off the scripted inputs, not from the code under test; the two
figures that depend on the clock (minutes per order, packer-hours) are worked out here from the
raw rows of the events table.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import subprocess
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text

from station.domain.shifts import ShiftError, current_shift, parse_shift, shift_starts
from tests.console_process import ean_of, env, run_station, station_cmd

UNKNOWN_EAN = "4006381333931"  # a valid EAN-13 no demo product has
BENCH_WORK = (  # what an operator does at a bench, as the test counts packer time
    "order_claimed",
    "units_verified",
    "scan_undone",
    "scan_rejected",
    "parcel_opened",
    "box_chosen",
    "units_shorted",
    "parcel_weighed",
    "weight_rejected",
    "weight_overridden",
    "order_packed",
    "packing_aborted",
    "labels_reprinted",
)

ANNA = [  # bench-a, the simulated scale: every weight is right
    "1001",
    ean_of("TSH-01"),
    "WEIGH",  # packed: 1 unit
    "REPRINT",  # reprint 1
    "1005",
    ean_of("TSH-04"),
    "ABORT",  # not packed: its unit went back
    "1013",
    ean_of("MUG-05"),
    "WEIGH",  # packed: 1 unit
]
MARCO = [  # bench-b, no scale: typed weights, all wrong, each accepted by the lead
    "1002",
    ean_of("MUG-01"),
    ean_of("MUG-01"),
    ean_of("MUG-01"),  # too many
    UNKNOWN_EAN,  # unknown code
    ean_of("TSH-01"),  # wrong item
    "UNDO",  # takes back a mug
    ean_of("MUG-01"),
    ean_of("CAV-01"),
    "WEIGHT 100",  # weight mismatch 1
    "OVERRIDE 9999",  # override 1: packed, 3 units
    "1012",
    ean_of("TSH-05"),
    "SHORT OUT",  # 1 unit short, out of stock ...
    "SHORT",  # ... confirmed
    "WEIGHT 100",  # weight mismatch 2
    "OVERRIDE 9999",  # override 2: packed, 1 unit
    "REPRINT",  # reprint 2
]


def bench_home(root: Path, bench: str, operator: str) -> Path:
    home = root / bench
    home.mkdir(parents=True)
    (home / "station.toml").write_text(f'bench_name = "{bench}"\noperator = "{operator}"\n')
    return home


def console(home: Path, db_url: str, lines: list[str], *extra: str) -> list[str]:
    cmd = station_cmd(home, "--db", db_url, "bench", "--console", "--demo", *extra)
    done = subprocess.run(
        cmd, input="\n".join(lines) + "\n", capture_output=True, text=True, env=env(), check=True
    )
    return done.stdout.splitlines()


def rows(db_url: str, sql: str) -> list[tuple[object, ...]]:
    engine = create_engine(db_url)
    try:
        with engine.connect() as conn:
            return [tuple(r) for r in conn.execute(text(sql))]
    finally:
        engine.dispose()


def at(value: object) -> dt.datetime:
    stamp = value if isinstance(value, dt.datetime) else dt.datetime.fromisoformat(str(value))
    return stamp if stamp.tzinfo else stamp.replace(tzinfo=dt.UTC)


def minutes_per_order(db_url: str) -> dict[str, float]:
    """From the raw log: each packed order's time since its last claim, averaged per packer."""
    log = rows(db_url, "SELECT type, operator, order_uid, at FROM events ORDER BY seq")
    claimed: dict[object, dt.datetime] = {}
    spans: dict[str, list[float]] = {}
    for kind, operator, order, stamp in log:
        if kind == "order_claimed":
            claimed[order] = at(stamp)
        if kind == "order_packed":
            minutes = (at(stamp) - claimed[order]).total_seconds() / 60
            spans.setdefault(str(operator), []).append(minutes)
    every = [m for ms in spans.values() for m in ms]
    return {"": sum(every) / len(every)} | {op: sum(m) / len(m) for op, m in spans.items()}


def packer_hours(db_url: str, operator: str) -> float:
    names = ", ".join(f"'{t}'" for t in BENCH_WORK)
    stamps = [
        at(r[0])
        for r in rows(
            db_url, f"SELECT at FROM events WHERE operator = '{operator}' AND type IN ({names})"
        )
    ]
    return (max(stamps) - min(stamps)).total_seconds() / 3600  # seconds apart: no break


@pytest.fixture(params=["sqlite", "postgresql"])
def worked_shift(request: pytest.FixtureRequest, tmp_path: Path) -> tuple[Path, str]:
    """Two benches, each its own home, writing one database (a file, or a PostgreSQL schema)."""
    if request.param == "postgresql":
        db_url: str = request.getfixturevalue("pg_schema_url")
    else:
        db_url = f"sqlite:///{tmp_path / 'warehouse.db'}"
    anna = console(bench_home(tmp_path, "bench-a", "anna"), db_url, ANNA)
    marco = console(bench_home(tmp_path, "bench-b", "marco"), db_url, MARCO, "--scale", "none")
    assert sum(line.startswith("DONE") for line in anna) == 2, anna
    assert sum(line.startswith("DONE") for line in marco) == 2, marco
    return tmp_path / "bench-a", db_url


def report(home: Path, db_url: str, *args: str) -> subprocess.CompletedProcess[str]:
    return run_station(home, "--db", db_url, "report", *args)


def test_the_shift_figures_equal_the_hand_count(worked_shift: tuple[Path, str]) -> None:
    home, db_url = worked_shift
    first = at(rows(db_url, "SELECT min(at) FROM events WHERE operator = 'anna'")[0][0])
    day = first.astimezone().date().isoformat()
    # WHEN the lead asks for the day's figures as JSON
    done = report(home, db_url, "--day", day, "--json")
    assert done.returncode == 0, done.stderr
    figures = json.loads(done.stdout)
    # THEN the totals are the script's
    assert figures["orders_packed"] == 4
    assert figures["units_packed"] == 1 + 1 + 3 + 1
    assert figures["scan_errors"]["wrong_item"] == 1
    assert figures["scan_errors"]["unknown_code"] == 1
    assert figures["scan_errors"]["too_many"] == 1
    assert figures["item_scans"] == 3 + 8  # anna 3 accepted; marco 5 accepted, 3 refused
    assert figures["short_units"] == 1
    assert figures["weight_mismatches"] == 2
    assert figures["overrides"] == 2
    assert figures["reprints"] == 2
    # AND per operator
    anna, marco = figures["per_operator"]["anna"], figures["per_operator"]["marco"]
    assert (anna["orders_packed"], anna["units_packed"], anna["reprints"]) == (2, 2, 1)
    assert sum(anna["scan_errors"].values()) == 0
    assert (marco["orders_packed"], marco["units_packed"], marco["short_units"]) == (2, 4, 1)
    assert (marco["weight_mismatches"], marco["overrides"], marco["reprints"]) == (2, 2, 1)
    assert sum(marco["scan_errors"].values()) == 3
    # AND the times are the log's own
    expected = minutes_per_order(db_url)
    assert figures["minutes_per_order"] == pytest.approx(expected[""], abs=0.01)
    assert anna["minutes_per_order"] == pytest.approx(expected["anna"], abs=0.01)
    hours = packer_hours(db_url, "marco")
    assert marco["packer_hours"] == pytest.approx(hours, abs=0.001)
    assert marco["orders_per_packer_hour"] == pytest.approx(2 / hours, rel=0.05)

    # WHEN the same day is asked as CSV
    table = list(csv.DictReader(io.StringIO(report(home, db_url, "--day", day, "--csv").stdout)))
    # THEN one row for all and one per operator, with the same figures
    assert [r["operator"] for r in table] == ["", "anna", "marco"]
    assert table[0]["orders_packed"] == "4"
    assert table[2]["scan_errors_wrong_item"] == "1"

    # WHEN a day without work is asked, in words
    quiet = report(home, db_url, "--day", "2020-01-01")
    # THEN it says so with zeros, not an error
    assert quiet.returncode == 0
    assert "orders packed: 0" in quiet.stdout


def test_a_shift_that_does_not_exist_is_one_sentence(worked_shift: tuple[Path, str]) -> None:
    home, db_url = worked_shift
    done = report(home, db_url, "--shift", "7")
    assert done.returncode == 1
    assert "there is no shift" in done.stderr
    assert "with N from 1 to 3" in done.stderr
    assert "Traceback" not in done.stderr


def test_shifts_are_windows_of_local_time() -> None:
    starts = shift_starts(["06:00", "14:00", "22:00"])
    # the night shift of a day runs into the next morning and belongs to the day it starts on
    night = parse_shift("2026-12-06:3", dt.date(2026, 1, 1), starts)
    assert night.start == dt.datetime(2026, 12, 6, 22, 0).astimezone()
    assert night.end == dt.datetime(2026, 12, 7, 6, 0).astimezone()
    # an hour after midnight is still that night shift
    at_one = dt.datetime(2026, 12, 7, 1, 0).astimezone()
    assert current_shift(at_one, starts).name == "2026-12-06:3"
    assert parse_shift("2", dt.date(2026, 12, 6), starts).start.hour == 6 + 8
    with pytest.raises(ShiftError):
        shift_starts(["14:00", "06:00"])
