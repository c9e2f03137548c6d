"""The window asks the carrier again for the labels its parcels wait for, on its own thread,
prints each at this bench once the carrier answers, and shows how many still wait. Against the
fake BRT (tests/fakes/carriers/brt.py, built from BRT's REST documentation)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from station import demo
from station.context import AppContext
from sync.secrets import save_secrets
from tests.carriers.brt_setup import PASSWORD, account, fake_brt
from tests.fakes.carriers.brt import FakeBrt
from tests.fakes.shops.base import Fault
from tests.ui.conftest import open_window, type_scan

TSHIRT = demo.product_ean(15)  # TSH-01, the only line of order 1001


@pytest.fixture
def brt() -> Iterator[FakeBrt]:
    with fake_brt() as fake:
        yield fake


def _files(folder: Path) -> list[Path]:
    return (
        sorted(p for p in folder.iterdir() if not p.name.startswith(".")) if folder.is_dir() else []
    )


def test_the_window_prints_the_carriers_label_by_itself_once_the_carrier_is_back(
    qtbot: QtBot, ctx: AppContext, tmp_path: Path, brt: FakeBrt
) -> None:
    # GIVEN order 1001's carrier served by the fake BRT, which is down, asked every 0.3 s,
    # and a bench printing into a tray folder
    ctx.settings.extra["carrier_accounts"] = {"GLS": account(brt, deadline_s=0.3)}
    save_secrets(ctx.home, "carrier:GLS", {"password": PASSWORD})
    ctx.settings.label_retry_s = 0.3
    tray = tmp_path / "tray"
    ctx.settings.printer = f"folder:{tray}"
    brt.inject(Fault("status", path="/shipments/", status=503, times=10_000))
    window = open_window(qtbot, ctx, tmp_path)
    try:
        type_scan(qtbot, window.signin.pin, "OPANNA")
        qtbot.waitUntil(lambda: window.operator == "anna")
        # WHEN the order is packed
        for code in ("1001", TSHIRT, "WEIGH"):
            type_scan(qtbot, window.bench.lines, code)
        # THEN its internal label prints, and the status bar says a parcel waits
        qtbot.waitUntil(lambda: len(_files(tray)) == 1, timeout=10_000)
        qtbot.waitUntil(lambda: window.pending_label.isVisible(), timeout=5_000)
        assert window.pending_label.text() == "1 parcel waits for its carrier's label"
        # WHEN BRT is back
        brt.faults.clear()
        # THEN BRT's own label prints here by itself, once, and nothing waits any more
        qtbot.waitUntil(lambda: len(brt.live()) == 1, timeout=10_000)
        qtbot.waitUntil(lambda: len(_files(tray)) == 2, timeout=10_000)
        qtbot.waitUntil(lambda: not window.pending_label.isVisible(), timeout=5_000)
        [live] = brt.live()
        assert live.labels[0] in [f.read_bytes() for f in _files(tray)]
        qtbot.wait(1_000)  # three more rounds
        assert len(_files(tray)) == 2
        assert len(brt.live()) == 1
    finally:
        window.close()
