"""Picking shorts in the lead console: a picker working a batch finds fewer units than wanted
at a bin (through the picking service, on a real database); the lead reads where, what, how
many, who and when, in English and in Italian."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from station.context import AppContext
from station.services.picking import PickService
from station.ui.i18n import install_translators
from station.ui.lead_window import LeadConsole
from station.workflow.io import parse_line


def short_at_the_first_bin(ctx: AppContext) -> tuple[str, str]:
    """Marco takes a one-order batch into TOTE11 and finds none at its first bin. The bin and
    the SKU he was after."""
    picker = PickService(ctx.db, size=1, bench="pick-1", operator="marco", language="en")
    now = dt.datetime.now(dt.UTC)
    picker.handle(parse_line("TOTE11"), now)
    stop = picker.pick.stops[0]
    picker.handle(parse_line(stop.bin.code), now)
    out = picker.handle(parse_line("SHORT 0"), now)
    assert out.effects[0].code == "pick_shorted"
    return stop.bin.code, stop.picks[0].sku


def open_shorts(qtbot: QtBot, ctx: AppContext) -> LeadConsole:
    lead = LeadConsole(ctx, "giulia")
    qtbot.addWidget(lead)
    lead.show()
    lead.tabs.setCurrentWidget(lead.shorts_view)
    qtbot.waitUntil(lambda: bool(lead.shorts_model.rows), timeout=5000)
    return lead


def test_the_lead_sees_what_a_picker_found_missing_at_a_bin(qtbot: QtBot, ctx: AppContext) -> None:
    # GIVEN a short recorded at a bin by batch picking
    bin_code, sku = short_at_the_first_bin(ctx)
    # WHEN the lead opens the picking shorts tab
    lead = open_shorts(qtbot, ctx)
    # THEN it lists the bin, the product, found of wanted, the order, the picker and the time
    model = lead.shorts_model
    headers = [model.headerData(c, Qt.Orientation.Horizontal, 0) for c in range(7)]
    assert headers == ["When", "Bin", "Product", "Found", "Order", "Picker", "Tote"]
    row = [model.data(model.index(0, c)) for c in range(7)]
    assert row[1] == bin_code
    assert row[2].startswith(f"{sku} · ")
    assert row[3] == "0 of 1"
    assert row[5:] == ["marco", "TOTE11"]
    assert row[0] == model.rows[0].at.astimezone().strftime("%d/%m %H:%M")
    lead.close()


def test_the_italian_lead_reads_them_in_italian(
    qtbot: QtBot, ctx: AppContext, tmp_path: Path
) -> None:
    app = QApplication.instance()
    translators = install_translators(app, "it", tmp_path / "cache")
    ctx.settings.language = "it"
    try:
        short_at_the_first_bin(ctx)
        lead = open_shorts(qtbot, ctx)
        model = lead.shorts_model
        assert lead.tabs.tabText(lead.tabs.currentIndex()) == "Mancanti al prelievo"
        assert model.headerData(1, Qt.Orientation.Horizontal, 0) == "Ubicazione"
        assert model.data(model.index(0, 3)) == "0 di 1"
        lead.close()
    finally:
        for translator in translators:
            app.removeTranslator(translator)
