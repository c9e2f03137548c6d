"""Closing the day's manifest compares the parcels Station shipped with the carrier's records
where the carrier lists them, and warns of every difference. Against the fake GLS Italy
(tests/fakes/carriers/gls.py, from the public SDK markosirec/gls-italy-sdk and the service's
WSDL: ListSped, CloseWorkDay)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from station.cli import main
from station.context import AppContext
from station.printing.archive import DocumentArchive
from station.services.bench import BenchService
from sync.secrets import save_secrets
from tests.carriers.helpers import parcels
from tests.carriers.test_gls import BRANCH, CLIENT, CONTRACT, PASSWORD, _adapter, _memory, _request
from tests.carriers.test_label_pending import _pack
from tests.fakes.carriers.gls import FakeGlsItaly


@pytest.fixture
def gls() -> Iterator[FakeGlsItaly]:
    with FakeGlsItaly(BRANCH, CLIENT, PASSWORD) as fake:
        yield fake


def _ship_by_gls(ctx: AppContext, gls: FakeGlsItaly, *numbers: str) -> list[str]:
    """The orders packed and labelled by GLS; their tracking numbers."""
    ctx.settings.extra["carrier_accounts"] = {
        "GLS": {"kind": "gls-it", "url": f"{gls.url}/ilswebservice.asmx", "branch": BRANCH,
                "client": CLIENT, "contract": CONTRACT},
    }  # fmt: skip
    ctx.settings.save(ctx.home)
    save_secrets(ctx.home, "carrier:GLS", {"password": PASSWORD})
    bench = BenchService(ctx.db, ctx.settings, DocumentArchive(ctx.home), operator="anna")
    for number in numbers:
        _pack(bench, ctx, number)
    return [str(parcels(ctx, n)[0][0]) for n in numbers]


def test_a_day_that_agrees_with_gls_says_so(
    demo_home: AppContext, gls: FakeGlsItaly, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    # GIVEN orders 1001 and 1005 shipped by GLS
    _ship_by_gls(demo_home, gls, "1001", "1005")
    # WHEN the day's GLS manifest is closed
    out = tmp_path / "gls.csv"
    assert (
        main(["--home", str(demo_home.home), "manifest", "--carrier", "GLS", "-o", str(out)]) == 0
    )
    # THEN GLS closed both, and the manifest agrees with GLS's records
    assert [p.closed for p in gls.live()] == [True, True]
    said = capsys.readouterr().out.splitlines()
    assert said == [f"wrote {out}", "note: The GLS manifest agrees with GLS's records: 2 parcels."]


def test_parcels_gls_does_not_hold_and_shipments_station_did_not_make_are_listed(
    demo_home: AppContext, gls: FakeGlsItaly, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    # GIVEN orders 1001 and 1005 shipped by GLS; then 1005's parcel deleted at GLS, and a
    # shipment Station never made registered there by other software
    first, second = _ship_by_gls(demo_home, gls, "1001", "1005")
    next(p for p in gls.live() if p.number == second).deleted = True
    [stranger] = _adapter(gls).create_labels(_request(), _memory()).parcels
    # WHEN the day's GLS manifest is closed
    out = tmp_path / "gls.csv"
    assert (
        main(["--home", str(demo_home.home), "manifest", "--carrier", "GLS", "-o", str(out)]) == 0
    )
    # THEN the manifest is written as Station shipped it, with a warning per difference
    assert second in out.read_text()
    assert capsys.readouterr().out.splitlines() == [
        f"wrote {out}",
        f"warning: 1 parcel on the GLS manifest is not in GLS's records: {second} (1005); keep "
        "it back and label it again.",
        f"warning: GLS holds 1 shipment Station did not ship: {stranger.tracking_number}; delete "
        "it at GLS or find its parcel.",
    ]
    assert first != stranger.tracking_number
