"""The `station` command as a user types it."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest

from station import demo
from station.demo_sheet import gs1_codes
from station.domain.barcodes import normalize_code
from station.labels.pdfdraw import FNC1
from tests.conftest import require_tool
from tests.console_process import env, run_console, run_station, station_cmd

pytestmark = pytest.mark.slow

station = run_station


def test_orders_list_and_show_as_json_after_packing(tmp_path: Path) -> None:
    home = tmp_path / "bench"
    run_console(home, ["1001", "8099999001152", "WEIGH"])
    listed = json.loads(station(home, "orders", "list", "--json").stdout)
    assert len(listed) == 35
    assert {row["number"]: row["status"] for row in listed}["1001"] == "shipped"
    held = json.loads(station(home, "orders", "list", "--status", "held", "--json").stdout)
    assert [row["number"] for row in held] == ["1007"]

    shown = json.loads(station(home, "orders", "show", "1001", "--json").stdout)
    assert shown["number"] == "1001"
    assert shown["status"] == "shipped"
    line = shown["lines"][0]
    assert (line["sku"], line["quantity"], line["verified"]) == ("TSH-01", 1, 1)
    assert {"code": normalize_code("8099999001152"), "units": 1} in line["barcodes"]
    parcel = shown["parcels"][0]
    assert parcel["weight_g"] > 0
    assert parcel["tracking_number"]
    assert parcel["carrier"] == "GLS"

    detail = json.loads(station(home, "orders", "show", "1003", "--json").stdout)
    assert len(detail["lines"]) == 7
    assert detail["parcels"] == []


def test_demo_seeds_a_home_once(tmp_path: Path) -> None:
    home = tmp_path / "bench"
    run_console(home, ["1001", "8099999001152", "WEIGH"])
    run_console(home, [])  # a second --demo run must not reseed or reset
    listed = json.loads(station(home, "orders", "list", "--json").stdout)
    assert len(listed) == 35
    assert {row["number"]: row["status"] for row in listed}["1001"] == "shipped"


def test_errors_are_one_line_and_exit_codes_follow_the_contract(tmp_path: Path) -> None:
    home = tmp_path / "bench"
    station(home, "db", "upgrade")
    missing = station(home, "orders", "show", "4242")
    assert missing.returncode == 1
    assert missing.stderr.strip().count("\n") == 0
    assert "4242" in missing.stderr
    assert station(home, "orders", "frobnicate").returncode == 2
    bad_scale = station(home, "bench", "--console", "--scale", "nonsense")
    assert bad_scale.returncode == 1
    assert "unknown scale" in bad_scale.stderr
    system_printer = station(home, "bench", "--console", "--printer", "qt:Office")
    assert system_printer.returncode == 1
    assert "print from the window only" in system_printer.stderr


def test_an_italian_home_gets_its_errors_in_italian(tmp_path: Path) -> None:
    # GIVEN a bench whose language is Italian
    home = tmp_path / "bench"
    italian = {**env(), "STATION_LANG": "it"}
    run = subprocess.run(
        station_cmd(home, "orders", "show", "4242"),
        capture_output=True,
        text=True,
        env=italian,
        timeout=120,
    )
    # THEN the error keeps its stable prefix and says what to do in Italian
    assert run.returncode == 1
    assert run.stderr.strip() == (
        "station: nessun ordine 4242: controlla il numero con 'station orders list'"
    )


def test_db_upgrade_on_postgresql(tmp_path: Path, pg_schema_url: str) -> None:
    done = station(tmp_path, "--db", pg_schema_url, "db", "upgrade")
    assert done.returncode == 0, done.stderr
    assert "database ready" in done.stdout


def test_the_demo_sheet_scans_back(tmp_path: Path) -> None:
    pdftoppm, zbarimg = require_tool("pdftoppm"), require_tool("zbarimg")
    sheet = tmp_path / "sheet.pdf"
    assert station(tmp_path, "demo-sheet", "-o", str(sheet)).returncode == 0
    subprocess.run([pdftoppm, "-r", "200", "-png", str(sheet), str(tmp_path / "page")], check=True)
    decoded: set[str] = set()
    for page in sorted(tmp_path.glob("page*.png")):
        found = subprocess.run([zbarimg, "-q", "--raw", str(page)], capture_output=True, text=True)
        decoded |= set(found.stdout.split())
    assert {
        "NEXT",
        "UNDO",
        "NEWBOX",
        "SHORT",
        "HOLD",
        "WEIGH",
        "PRINT",
        "REPRINT",
        "ABORT",
        "OUT",
        "DAMAGED",
        "NOTFOUND",
    } <= decoded
    assert {"BENCH", "QUEUE", "SETTINGS", "SCANTEST", "PRINTERS", "LEAD", "LOCK", "QUIT"} <= decoded
    assert "ORD1003" in decoded
    assert "ST-12/3.4+5" in decoded  # the scanner layout test code
    # the GS1-128 codes of the lot and serial products, as zbarimg reads their data
    assert {code.code.removeprefix(FNC1) for code in gs1_codes()} <= decoded
    eans = {demo.product_ean(i) for i in range(len(demo.demo_products()))}
    assert eans <= decoded


def test_a_home_is_the_demo_until_it_holds_settings_or_orders(tmp_path: Path) -> None:
    from station.app import is_configured

    home = tmp_path / "bench"
    assert not is_configured(home, None)
    station(home, "db", "upgrade")  # an empty database is not a configured bench
    assert not is_configured(home, None)
    run_console(home, [])  # --demo with a home seeds it: from now on it is a bench
    assert is_configured(home, None)
