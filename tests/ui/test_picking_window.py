"""Picking one order in the bench window with a wedge scanner (setting `pick_bin_scan`): the
prompt sends the picker to each bin in walking order; a wrong bin is red with its own reason."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from station import demo
from station.context import AppContext
from station.services.orders import show_order
from station.ui.window import BenchWindow
from tests.ui.conftest import open_window, type_scan

MUG_03 = demo.product_ean(2)  # bin A-01-03, second line of order 1005
TSH_04 = demo.product_ean(18)  # bin A-02-09, first line of order 1005


@pytest.fixture
def picking(qtbot: QtBot, ctx: AppContext, tmp_path: Path) -> Iterator[BenchWindow]:
    ctx.settings.pick_bin_scan = True
    win = open_window(qtbot, ctx, tmp_path)
    type_scan(qtbot, win.signin.pin, "OPANNA")
    qtbot.waitUntil(lambda: win.operator == "anna")
    yield win
    win.close()


def scan(qtbot: QtBot, window: BenchWindow, code: str) -> None:
    with qtbot.waitSignal(window.outcome_shown, timeout=5000):
        type_scan(qtbot, window.bench.lines, code)


def test_the_window_guides_the_picker_bin_by_bin(
    qtbot: QtBot, picking: BenchWindow, ctx: AppContext
) -> None:
    # GIVEN order 1005 opened at a bench that picks as it packs
    scan(qtbot, picking, "1005")
    # THEN the prompt sends the picker to the mug's bin first, though the mug is the second line
    assert "Go to bin A-01-03" in picking.bench.prompt.text()
    # WHEN the picker scans a bin with nothing of this order
    scan(qtbot, picking, "A-04-01")
    # THEN the banner is red and names the bin to go to
    assert picking.bench.banner.kind == "error"
    assert "Wrong bin A-04-01" in picking.bench.banner.text()
    assert "Go to A-01-03" in picking.bench.banner.text()
    # WHEN the right bin, then the mug
    scan(qtbot, picking, "A-01-03")
    assert picking.bench.banner.kind == "ok"
    scan(qtbot, picking, MUG_03)
    # THEN the mug is picked, and the prompt moves on to the t-shirt's bin
    assert "Go to bin A-02-09" in picking.bench.prompt.text()
    with ctx.db.read() as session:
        order = show_order(session, "1005")
    assert order is not None
    assert [line["verified"] for line in order["lines"]] == [0, 1]
