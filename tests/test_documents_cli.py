"""Documents from the product: tracking ranges at the bench, labels, invoices and manifests from
the `station` command, read back as a user's tools would."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest
import tomli_w
from sqlalchemy import select

from station.app import open_home
from station.db.models import Counter, Order
from station.domain import OrderStatus
from station.labels.tracking import NumberRange, format_number
from tests.conftest import require_tool
from tests.console_process import ean_of, env, run_console, station_cmd

pytestmark = pytest.mark.slow


def station(home: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        station_cmd(home, *args), capture_output=True, text=True, env=env(), timeout=120
    )


def order_json(home: Path, number: str) -> dict:  # type: ignore[type-arg]
    run = station(home, "orders", "show", number, "--json")
    assert run.returncode == 0, run.stderr
    data: dict = json.loads(run.stdout)  # type: ignore[type-arg]
    return data


def test_a_range_running_low_warns_and_an_exhausted_range_stops_the_order(tmp_path: Path) -> None:
    # GIVEN a bench whose GLS range has a single number left
    home = tmp_path / "bench"
    home.mkdir()
    ranges = {"GLS": {"first": 7, "last": 7, "prefix": "M1", "width": 9, "check": "luhn"}}
    (home / "station.toml").write_text(tomli_w.dumps({"tracking_ranges": ranges}))
    # WHEN two GLS orders are packed
    out = run_console(
        home,
        ["1001", ean_of("TSH-01"), "WEIGH", "1005", ean_of("TSH-04"), ean_of("MUG-03"), "WEIGH"],
    )
    # THEN the first ships with the last number and a warning, the second fails in one sentence
    assert any(line.startswith("DONE 1001") for line in out)
    warns = [line for line in out if line.startswith("WARN")]
    assert len(warns) == 1
    assert "Only 0 GLS numbers are left" in warns[0]
    errors = [line for line in out if line.startswith("ERROR shipping")]
    assert len(errors) == 1
    assert "GLS number range (7-7) is used up" in errors[0]
    assert not any(line.startswith("DONE 1005") for line in out)
    expected = format_number(NumberRange("GLS", 7, 7, "M1", width=9, check="luhn"), 7)
    assert order_json(home, "1001")["parcels"][0]["tracking_number"] == expected
    # AND nothing of the failed order was numbered or labelled
    with open_home(home) as ctx, ctx.db.read() as session:
        cod = session.scalars(select(Order).where(Order.number == "1005")).one()
        assert cod.status == OrderStatus.PACKING
        assert all(p.tracking_number is None and not p.label_path for p in cod.parcels)
        counters = {c.name: c.value for c in session.scalars(select(Counter))}
        assert counters == {"tracking:GLS:M1:7-7": 7}


def test_print_at_the_bench_writes_the_packing_slip_with_packed_and_short_units(
    tmp_path: Path,
) -> None:
    require_tool("pdftotext")
    # GIVEN order 1002 open at the bench with one of its two mugs scanned
    home = tmp_path / "bench"
    # WHEN the operator scans PRINT
    out = run_console(home, ["1002", ean_of("MUG-01"), "PRINT"])
    # THEN the slip is written to the documents folder and says what is packed so far
    printed = [line for line in out if line.startswith("PRINT slip 1002")]
    assert len(printed) == 1
    path = Path(printed[0].split()[-1])
    assert path == home / "documents" / "slip-1002.pdf"
    text = subprocess.run(
        ["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, check=True
    ).stdout
    assert "Distinta di imballo" in text
    assert "ORD1002" in text
    mug = next(line for line in text.splitlines() if "MUG-01" in line)
    assert mug.split()[-3:] == ["2", "1", "1"]  # ordered, packed, short
