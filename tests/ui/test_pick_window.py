"""The picker window (`station pick batch --window`), driven only by a wedge scanner.

Acceptance (issue 20): a batch of 6 orders over 20 bins into 6 totes with one short, in the
window; then each tote packed out at the bench; the event log replays to the same state.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from station.app import bench_service
from station.context import AppContext
from station.db.models import Event, Order
from station.services.events import record_all, recorded
from station.services.verify import verify
from station.ui.pick_window import CURRENT, PICKER_SIZE, PickWindow, create_pick_window
from station.ui.pick_worker import PickOutcome
from station.ui.window import BenchWindow
from station.workflow.io import Command, CommandName, ReadScale, Scan, Weight
from tests.console_process import ean_of
from tests.picking.test_batch_claims import NOW
from tests.picking.test_batch_pick import ORDERS, TOTES, _imported
from tests.ui.conftest import type_scan


@pytest.fixture
def picker(qtbot: QtBot, ctx: AppContext, tmp_path: Path) -> Iterator[PickWindow]:
    """The six urgent orders of the batch acceptance test, and the picker window at its size."""
    with ctx.db.write() as session:
        record_all(
            session, [recorded(_imported(n, lines, NOW), at=NOW) for n, lines in ORDERS.items()]
        )
    window = create_pick_window(ctx, cache=tmp_path / "cache")
    qtbot.addWidget(window)
    window.setFixedSize(*PICKER_SIZE)
    window.show()
    qtbot.waitUntil(lambda: bool(window.prompt.text()))
    yield window
    window.close()


def scan(qtbot: QtBot, window: PickWindow, code: str) -> PickOutcome:
    with qtbot.waitSignal(window.outcome_shown, timeout=5000) as shown:
        type_scan(qtbot, window, code)
    outcome = shown.args[0]
    assert isinstance(outcome, PickOutcome)
    return outcome


def pack_out(ctx: AppContext, tote: str, number: str) -> list[str]:
    """At the bench: the tote, each unit in it, SHORT for the one the picker did not find,
    then the scale. Returns the codes the bench answered."""
    bench = bench_service(ctx, "anna")
    inputs: list[Scan | Command] = [Scan(tote)]
    for sku, qty in ORDERS[number]:
        inputs += [Scan(ean_of(sku))] * (1 if number == "3002" and qty == 2 else qty)
    if number == "3002":
        inputs += [Command(CommandName.SHORT), Command(CommandName.SHORT, "OUT")]
        inputs.append(Command(CommandName.SHORT))
    codes = [getattr(e, "code", type(e).__name__) for i in inputs for e in bench.handle(i).effects]
    weigh = bench.handle(Command(CommandName.WEIGH)).effects
    expected = next(e.expected_g for e in weigh if isinstance(e, ReadScale))
    codes += [getattr(e, "code", type(e).__name__) for e in bench.handle(Weight(expected)).effects]
    return codes


def test_a_batch_of_six_orders_over_twenty_bins_picked_in_the_window_then_packed_out(
    qtbot: QtBot, picker: PickWindow, ctx: AppContext
) -> None:
    # GIVEN the picker window with a batch of six orders taken
    assert "Scan an empty tote for order 3001 (1 of 6)" in picker.prompt.text()
    assert picker.bin.text() == "TOTES"
    assert picker.what.text() == "Order 3001"
    # WHEN a bin is scanned instead of a tote, then the six totes
    assert scan(qtbot, picker, "A-01-01").banner.kind == "error"  # type: ignore[union-attr]
    for tote in TOTES:
        said = scan(qtbot, picker, tote)
    # THEN the route is a list of the 20 lines, the first highlighted, its bin shown big
    assert picker.route.count() == 20
    assert picker.route.item(0).background().color() == CURRENT
    view = said.view
    assert picker.bin.text() == view.bin == view.route[0].bin
    assert picker.step.text() == f"Stop 1 of {view.stops} · order {view.number}"
    # WHEN the picker walks the route: each bin's label, then the tote for each line; the
    # first line of two units is short by one, and one wrong tote is tried on the way
    shorted = wrong_tote_tried = False
    while not view.finished:
        if not view.at_bin:
            assert picker.bin.text() == view.bin
            said = scan(qtbot, picker, view.bin)
            assert said.banner is not None
            assert said.banner.code == "batch_at_bin"
            view = said.view
        row = view.route[view.current]
        assert picker.route.item(view.current).background().color() == CURRENT
        assert picker.what.text().startswith(f"{row.units} × ")
        assert picker.tote.text().startswith(f"→ {row.tote}")
        if not wrong_tote_tried:
            wrong_tote_tried = True
            other = next(t for t in TOTES if t != row.tote)
            assert scan(qtbot, picker, other).banner.code == "wrong_tote"  # type: ignore[union-attr]
        if row.units == 2 and not shorted:
            shorted = True
            said = scan(qtbot, picker, "SHORT 1")
            assert said.banner is not None
            assert said.banner.kind == "exception"
            assert f"Short at bin {row.bin}: 1 of 2 found" in picker.banner.text()
        else:
            said = scan(qtbot, picker, row.tote)
            assert said.banner is not None
            assert said.banner.code == "put_ok"
        view = said.view
    # THEN the batch is done, with the 20 bins each visited once
    assert shorted
    assert picker.step.text() == "Batch done"
    assert len({row.bin for row in view.route}) == 20
    with ctx.db.read() as session:
        in_totes = {r.number: r.tote for r in session.execute(select(Order.number, Order.tote))}
    assert [in_totes[n] for n in ORDERS] == TOTES

    # WHEN a packer packs out each tote at the bench
    for number, tote in zip(ORDERS, TOTES, strict=True):
        codes = pack_out(ctx, tote, number)
        # THEN each tote opens its order, and the order ships
        assert "tote_opened" in codes
        assert "Done" in codes, codes
    with ctx.db.read() as session:
        rows = session.execute(
            select(Order.status, Order.tote).where(Order.number.in_(list(ORDERS)))
        ).all()
    assert {(status, tote) for status, tote in rows} == {("shipped", "")}
    # AND the event log replays to the same state
    assert verify(ctx.db) == []


def test_the_picker_window_speaks_italian_and_keeps_its_words_on_screen(
    qtbot: QtBot, ctx: AppContext, tmp_path: Path
) -> None:
    # GIVEN an Italian picker whose batch is taken
    ctx.settings.language = "it"
    with ctx.db.write() as session:
        record_all(
            session, [recorded(_imported(n, lines, NOW), at=NOW) for n, lines in ORDERS.items()]
        )
    window = create_pick_window(ctx, cache=tmp_path / "cache")
    qtbot.addWidget(window)
    window.setFixedSize(*PICKER_SIZE)
    window.show()
    qtbot.waitUntil(lambda: bool(window.prompt.text()))
    # WHEN the six totes are scanned
    for tote in TOTES:
        scan(qtbot, window, tote)
    # THEN the chrome and the answers are Italian
    assert window.step.text().startswith("Tappa 1 di ")
    assert "scansiona la sua etichetta" in window.prompt.text()
    # AND the big bin code fits the window's width, unclipped
    metrics = window.bin.fontMetrics()
    assert metrics.horizontalAdvance(window.bin.text()) <= window.bin.contentsRect().width()
    window.close()


def test_the_bench_window_opens_the_picker_and_hands_it_the_scans(
    qtbot: QtBot, window: BenchWindow
) -> None:
    # GIVEN Anna signed in at the bench window
    type_scan(qtbot, window.signin.pin, "OPANNA")
    qtbot.waitUntil(lambda: window.operator == "anna")
    # WHEN she opens the picker from the keyboard
    qtbot.keyClick(
        window,
        Qt.Key.Key_P,
        Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier,
    )
    qtbot.waitUntil(lambda: window.findChild(PickWindow) is not None)
    picker = window.findChild(PickWindow)
    assert isinstance(picker, PickWindow)
    qtbot.waitUntil(lambda: picker.last is not None)
    # THEN a scan at the bench goes to the picker, whose batch is Anna's
    with qtbot.waitSignal(picker.outcome_shown, timeout=5000) as shown:
        type_scan(qtbot, window, "TOTE41")
    assert shown.args[0].banner.code == "tote_taken"
    with window.ctx.db.read() as session:
        pickers = set(session.scalars(select(Event.operator).where(Event.type == "batch_taken")))
    assert pickers == {"anna"}
    # AND Escape closes it; the bench has its scans back
    qtbot.keyClick(picker, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: window.findChild(PickWindow) is None)


def test_the_picker_window_carries_its_batch_on_after_a_restart(
    qtbot: QtBot, picker: PickWindow, ctx: AppContext, tmp_path: Path
) -> None:
    # GIVEN two totes scanned in the picker window
    for tote in TOTES[:2]:
        scan(qtbot, picker, tote)
    # WHEN the window is closed and opened again
    picker.close()
    again = create_pick_window(ctx, cache=tmp_path / "cache")
    qtbot.addWidget(again)
    again.show()
    qtbot.waitUntil(lambda: again.last is not None)
    # THEN it says the batch is carried on, and asks for the third tote
    assert again.banner.text() == "Batch carried on where it was: 6 orders."
    assert again.step.text() == "Tote 3 of 6"
    assert [again.route.item(i).text().split()[0] for i in range(2)] == ["3001", "3002"]
    again.close()
