"""The pending shelf in the lead console: a parcel that left with an internal label because
its carrier did not answer in time is listed with its order, parcel, carrier, the bench that
packed it and why, in English and in Italian, until the carrier's label comes. Against the fake
BRT (tests/fakes/carriers/brt.py, built from BRT's REST documentation)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from station.context import AppContext
from station.db.models import Order
from station.printing.archive import DocumentArchive
from station.services.bench import BenchService, utc_now
from station.services.pending_labels import retry_pending
from station.ui.i18n import install_translators
from station.ui.lead_window import LeadConsole
from station.workflow.io import Command, CommandName, ReadScale, Scan, Weight
from tests.carriers.brt_setup import configure, fake_brt
from tests.console_process import ean_of
from tests.fakes.carriers.brt import FakeBrt
from tests.fakes.shops.base import Fault


@pytest.fixture
def brt() -> Iterator[FakeBrt]:
    with fake_brt() as fake:
        yield fake


def pack_while_brt_is_down(ctx: AppContext, brt: FakeBrt) -> DocumentArchive:
    """Order 1004 (by BRT) packed whole into one parcel and weighed while BRT answers 503."""
    configure(ctx, brt, deadline_s=0.3)
    brt.inject(Fault("status", path="/shipments/", status=503, times=10_000))
    archive = DocumentArchive(ctx.home)
    bench = BenchService(ctx.db, ctx.settings, archive, operator="anna")
    with ctx.db.read() as session:
        order = session.scalars(select(Order).where(Order.number == "1004")).one()
        units = [ean_of(line.sku) for line in order.lines for _ in range(line.quantity)]
    for inp in (Scan("1004"), *map(Scan, units), Command(CommandName.WEIGH)):
        for effect in bench.handle(inp).effects:
            if isinstance(effect, ReadScale):
                bench.handle(Weight(effect.expected_g))
    return archive


def open_shelf(qtbot: QtBot, ctx: AppContext) -> LeadConsole:
    lead = LeadConsole(ctx, "giulia")
    qtbot.addWidget(lead)
    lead.show()
    lead.tabs.setCurrentWidget(lead.labels_view)
    qtbot.waitUntil(lambda: bool(lead.labels_model.rows), timeout=5000)
    return lead


def test_the_lead_sees_a_parcel_waiting_for_its_label_until_the_carrier_answers(
    qtbot: QtBot, ctx: AppContext, brt: FakeBrt
) -> None:
    # GIVEN a parcel shipped with an internal label, BRT being down
    archive = pack_while_brt_is_down(ctx, brt)
    # WHEN the lead opens the labels tab
    lead = open_shelf(qtbot, ctx)
    # THEN it lists the order, the parcel, the carrier, the bench that packed it, and why
    model = lead.labels_model
    headers = [model.headerData(c, Qt.Orientation.Horizontal, 0) for c in range(6)]
    assert headers == ["Since", "Order", "Parcel", "Carrier", "Packed at", "Why"]
    row = [model.data(model.index(0, c)) for c in range(6)]
    assert row[1:5] == ["1004", "1", "BRT", ctx.settings.bench_name]
    assert row[5].startswith("BRT")
    assert row[0] == model.rows[0].since.astimezone().strftime("%d/%m %H:%M")
    # WHEN BRT answers again and the bench's round prints its label
    brt.faults.clear()
    done = retry_pending(
        ctx.db, ctx.settings, archive, bench=ctx.settings.bench_name, operator="anna", clock=utc_now
    )
    assert [d.document for d in done.printed] == ["label"]
    # THEN the shelf empties by itself
    qtbot.waitUntil(lambda: not lead.labels_model.rows, timeout=8000)
    lead.close()


def test_the_italian_lead_reads_the_shelf_in_italian(
    qtbot: QtBot, ctx: AppContext, brt: FakeBrt, tmp_path: Path
) -> None:
    app = QApplication.instance()
    translators = install_translators(app, "it", tmp_path / "cache")
    ctx.settings.language = "it"
    try:
        pack_while_brt_is_down(ctx, brt)
        lead = open_shelf(qtbot, ctx)
        model = lead.labels_model
        assert lead.tabs.tabText(lead.tabs.currentIndex()) == "Etichette in attesa"
        assert model.headerData(4, Qt.Orientation.Horizontal, 0) == "Imballato a"
        assert model.data(model.index(0, 5)).startswith("BRT")
        assert model.data(model.index(0, 5)) != model.rows[0].reason.code
        lead.close()
    finally:
        for translator in translators:
            app.removeTranslator(translator)
