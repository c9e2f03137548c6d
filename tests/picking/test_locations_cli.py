"""`station locations import|learn|list|labels` as a warehouse sets its bins up; labels are read
back with pdftoppm + zbarimg as a handheld scanner would read them."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from station.app import open_home
from tests.console_process import run_station
from tests.labels.readback import needs_raster, pdf_barcodes

pytestmark = pytest.mark.slow


@pytest.fixture
def home(tmp_path: Path) -> Path:
    with open_home(tmp_path / "bench", demo_mode=True):
        return tmp_path / "bench"


def listed(home: Path) -> list[dict[str, object]]:
    run = run_station(home, "locations", "list", "--json")
    assert run.returncode == 0, run.stderr
    return json.loads(run.stdout)  # type: ignore[no-any-return]


def test_bins_are_learnt_from_the_demo_products_bin_field(home: Path) -> None:
    # GIVEN the demo catalogue, whose products carry bins like A-02-06
    # WHEN the bins are learnt from it
    run = run_station(home, "locations", "learn")
    # THEN every product's bin exists, is its pick face, and is listed in walking order
    assert run.returncode == 0, run.stderr
    bins = listed(home)
    codes = [b["code"] for b in bins]
    assert "A-01-01" in codes
    assert "A-02-01" in codes
    assert (
        run.stdout.strip() == f"{len(bins)} bins created, 0 moved, {len(bins)} product places set"
    )
    # up aisle 1, back down aisle 2: the last bay of aisle 1 comes before the last bay of aisle 2
    aisle_two = [c for c in codes if str(c).startswith("A-02-")]
    assert aisle_two == sorted(aisle_two, reverse=True)
    # AND learning again changes nothing
    again = run_station(home, "locations", "learn")
    assert again.stdout.strip() == "0 bins created, 0 moved, 0 product places set"
    # AND the log still replays to the same state (bins are reference data, copied as they are)
    assert run_station(home, "db", "verify").returncode == 0


def test_a_csv_sets_bins_faces_and_overflow_and_names_a_bad_row(home: Path, tmp_path: Path) -> None:
    # GIVEN a file with a bin by code, one by columns, and a product's face and overflow
    good = tmp_path / "bins.csv"
    good.write_text(
        "code,zone,aisle,bay,level,sku,role\n"
        "b-01-03-2,,,,,TSH-01,face\n"
        "MEZZ-7,M,1,7,0,TSH-01,overflow\n"
        "B-01-04,,,,,NOPE-99,\n",
        encoding="utf-8",
    )
    # WHEN it is imported
    run = run_station(home, "locations", "import", str(good))
    # THEN the bins exist, the unknown SKU is named, and the product has its places
    assert run.returncode == 0, run.stderr
    assert "no product NOPE-99" in run.stdout
    assert run.stdout.splitlines()[-1] == "3 bins created, 0 moved, 2 product places set"
    by_code = {b["code"]: b for b in listed(home)}
    assert by_code["B-01-03-2"] == {
        "code": "B-01-03-2",
        "zone": "B",
        "aisle": 1,
        "bay": 3,
        "level": 2,
    }
    assert by_code["MEZZ-7"]["zone"] == "M"

    # GIVEN a file with a code that is not a bin, WHEN imported (in Italian)
    bad = tmp_path / "bad.csv"
    bad.write_text("code\nA-01-01\nshelf by the door\n", encoding="utf-8")
    failed = run_station(home, "locations", "import", str(bad), lang="it")
    # THEN one sentence names the row and says how to write it; nothing is imported
    assert failed.returncode == 1
    assert failed.stderr.strip() == (
        f"station: {bad}, riga 3: 'SHELF BY THE DOOR' non è un codice ubicazione: scrivilo come"
        " ZONA-CORSIA-CAMPATA o ZONA-CORSIA-CAMPATA-LIVELLO (A-02-06), oppure compila zone,"
        " aisle e bay"
    )
    assert "A-01-01" not in {b["code"] for b in listed(home)}


@needs_raster
def test_bin_labels_decode_to_their_codes(home: Path, tmp_path: Path) -> None:
    # GIVEN bins learnt from the demo catalogue
    assert run_station(home, "locations", "learn").returncode == 0
    codes = {b["code"] for b in listed(home)}
    # WHEN their labels are printed to a PDF
    out = tmp_path / "bins.pdf"
    run = run_station(home, "locations", "labels", "-o", str(out))
    assert run.returncode == 0, run.stderr
    # THEN every bin's label is a Code 128 that a scanner reads as the bin's code
    decoded = pdf_barcodes(out.read_bytes())
    assert {d.data for d in decoded if d.symbology == "CODE-128"} == codes


def test_labels_without_bins_say_what_to_do(home: Path, tmp_path: Path) -> None:
    run = run_station(home, "locations", "labels", "-o", str(tmp_path / "x.pdf"))
    assert run.returncode == 1
    assert "station locations learn" in run.stderr
    assert not (tmp_path / "x.pdf").exists()


@needs_raster
def test_the_demo_sheet_has_totes_and_short_counts_for_pickers(tmp_path: Path) -> None:
    # GIVEN the demo sheet printed
    out = tmp_path / "sheet.pdf"
    assert run_station(tmp_path / "home", "demo-sheet", "-o", str(out)).returncode == 0
    # WHEN it is scanned, THEN a picker finds six totes and SHORT 0..2, read whole
    decoded = {d.data for d in pdf_barcodes(out.read_bytes())}
    assert {f"TOTE{n:02d}" for n in range(1, 7)} <= decoded
    assert {"SHORT 0", "SHORT 1", "SHORT 2"} <= decoded
