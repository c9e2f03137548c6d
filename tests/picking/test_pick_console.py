"""Picking one order at the bench with the scanner (setting `pick_bin_scan`), through
`station bench --console` as a real process: lines in walking order, the bin's label then the
item, a wrong bin and an item before its bin each refused in their own words."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import tomli_w

from tests.console_process import ean_of, run_station
from tests.console_process import run_console as console

pytestmark = pytest.mark.slow


def said(out: list[str]) -> list[str]:
    """Every line's word and code (PROMPT, OK, ERROR, DONE), in order."""
    return [" ".join(line.split()[:2]) for line in out if line.split()[0] != "SYNC"]


@pytest.fixture
def home(tmp_path: Path) -> Path:
    home = tmp_path / "bench"
    home.mkdir()
    (home / "station.toml").write_text(tomli_w.dumps({"pick_bin_scan": True}))
    return home


def test_one_order_is_picked_in_walking_order_with_bin_scans(home: Path) -> None:
    # GIVEN order 1005: a red t-shirt (bin A-02-09) on its first line, a green mug (A-01-03)
    # on its second; the mug's bin comes first on the walk
    # WHEN the picker scans each bin's label, then its item, and weighs
    out = console(
        home,
        ["1005", "A-01-03", ean_of("MUG-03"), "a-02-09", ean_of("TSH-04"), "WEIGH"],
    )
    # THEN the bench sends them to the mug's bin first, then the t-shirt's, and the order ships
    assert said(out)[1:11] == [
        "OK order_opened",
        "PROMPT pick_go_to_bin",
        "OK bin_ok",
        "PROMPT scan_items",
        "OK unit_ok",
        "PROMPT pick_go_to_bin",
        "OK bin_ok",
        "PROMPT scan_items",
        "OK unit_ok",
        "PROMPT weigh_parcel",
    ]
    assert out[2] == (
        "PROMPT pick_go_to_bin Go to bin A-01-03 and scan its label: 1 x Tazza in ceramica"
        " Verde (2 left on the order)."
    )
    assert "DONE 1005 Order 1005 packed: 1 parcel." in out
    # AND every bin scan is on the log, which replays to the same state
    assert run_station(home, "db", "verify").returncode == 0


@pytest.mark.parametrize(
    ("lang", "wrong", "first"),
    [
        (
            "en",
            "ERROR wrong_bin Wrong bin A-04-01: nothing of this order is there. Go to A-01-03"
            " and scan its label.",
            "ERROR scan_bin_first Scan the label of bin A-02-09 first, then T-shirt cotone rossa.",
        ),
        (
            "it",
            "ERROR wrong_bin Ubicazione sbagliata A-04-01: lì non c'è niente di questo ordine."
            " Vai a A-01-03 e scansiona la sua etichetta.",
            "ERROR scan_bin_first Scansiona prima l'etichetta dell'ubicazione A-02-09, poi"
            " T-shirt cotone rossa.",
        ),
    ],
)
def test_a_wrong_bin_and_an_item_before_its_bin_are_refused(
    home: Path, lang: str, wrong: str, first: str
) -> None:
    # GIVEN order 1005 open for picking
    # WHEN the picker scans a bin with nothing of the order, then an item without its bin
    out = console(home, ["1005", "A-04-01", ean_of("TSH-04")], lang=lang)
    # THEN each is refused in its own sentence, and nothing is picked
    assert out[3] == wrong
    assert out[5] == first
    shown = json.loads(run_station(home, "orders", "show", "1005", "--json").stdout)
    assert [line["verified"] for line in shown["lines"]] == [0, 0]


def test_the_route_follows_the_pick_face_set_by_the_warehouse(home: Path, tmp_path: Path) -> None:
    # GIVEN the demo bins learnt, then the t-shirt's pick face moved to aisle 1, before the mug
    # (the database is the demo's, created by a first console run)
    console(home, [])
    assert run_station(home, "locations", "learn").returncode == 0
    moved = tmp_path / "move.csv"
    moved.write_text("code,sku,role\nA-01-01-1,TSH-04,face\n", encoding="utf-8")
    assert run_station(home, "locations", "import", str(moved)).returncode == 0
    # WHEN order 1005 is opened
    out = console(home, ["1005", "A-02-09", "A-01-01-1"])
    # THEN the walk starts at the t-shirt's new face, and its old bin is now a wrong bin
    assert out[2].startswith("PROMPT pick_go_to_bin Go to bin A-01-01-1 and scan its label")
    assert out[3].startswith("ERROR wrong_bin Wrong bin A-02-09")
    assert out[5] == "OK bin_ok Bin A-01-01-1: now scan T-shirt cotone rossa, 1 to take."
