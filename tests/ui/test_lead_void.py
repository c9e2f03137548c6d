"""A lead voids an order's shipment from the lead console: the carrier is asked on the
console's worker thread and the outcome is said in the status line. Against the fake BRT
(tests/fakes/carriers/brt.py, built from BRT's REST documentation)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from pytestqt.qtbot import QtBot

from station.context import AppContext
from station.printing.archive import DocumentArchive
from station.services.bench import BenchService
from station.ui.lead_window import LeadConsole
from tests.carriers.brt_setup import configure, fake_brt
from tests.carriers.test_label_pending import _pack
from tests.fakes.carriers.brt import FakeBrt


@pytest.fixture
def brt() -> Iterator[FakeBrt]:
    with fake_brt() as fake:
        yield fake


def test_a_lead_voids_a_brt_shipment_from_the_console(
    qtbot: QtBot, ctx: AppContext, brt: FakeBrt
) -> None:
    # GIVEN order 1004 shipped by BRT, and the lead console open
    configure(ctx, brt)
    bench = BenchService(ctx.db, ctx.settings, DocumentArchive(ctx.home), operator="anna")
    _pack(bench, ctx, "1004")
    assert len(brt.live()) == 1
    console = LeadConsole(ctx, "giulia")
    qtbot.addWidget(console)
    console.show()
    try:
        # WHEN the lead voids it
        with qtbot.waitSignal(console.said, timeout=10_000) as said:
            console.void("1004")
        # THEN BRT holds nothing, and the console says what happens next
        assert said.args == [
            True,
            "Order 1004: the BRT shipment is cancelled; its parcels get new labels at the "
            "bench that packed them.",
        ]
        assert brt.live() == []
        # WHEN the lead voids an order that was never labelled, THEN it is refused, in red
        with qtbot.waitSignal(console.said, timeout=10_000) as refused:
            console.void("1005")
        assert refused.args == [False, "Order 1005 has no carrier label to cancel."]
        assert "b71c1c" in console.message.styleSheet()
    finally:
        console.close()
