"""The demo explains itself: the sign-in shows who can sign in, the demo sheet carries every
window command and the GS1 codes the lot and serial products need, and they scan at the bench."""

from __future__ import annotations

from pytestqt.qtbot import QtBot

from station.demo_sheet import WINDOW_COMMANDS, gs1_codes
from station.labels.pdfdraw import FNC1
from station.ui.commands import COMMANDS
from station.ui.window import BenchWindow
from tests.ui.conftest import type_scan


def test_the_demo_sign_in_shows_the_badges_and_pins(window: BenchWindow) -> None:
    # GIVEN the demo window at its sign-in
    shown = window.signin.demo_people.text()
    # THEN every demo person's badge and PIN is on it, and who is the lead
    assert window.signin.demo_people.isVisible()
    assert "anna (operator): badge OPANNA, PIN 1111" in shown
    assert "giulia (lead): badge OPGIULIA, PIN 9999" in shown


def test_the_demo_sheet_has_every_window_command() -> None:
    window_words = {c.word for c in COMMANDS if not c.workflow}
    assert set(WINDOW_COMMANDS) == window_words


def test_a_gs1_lot_code_from_the_demo_sheet_packs_a_lot_product(
    qtbot: QtBot, bench: BenchWindow
) -> None:
    # GIVEN order 1008 (coffee CAF-01 ×2 and oil OLI-01 ×1, both with lot and expiry) is open
    with qtbot.waitSignal(bench.outcome_shown):
        type_scan(qtbot, bench.bench.lines, "1008")
    caf = next(code for code in gs1_codes() if code.caption.startswith("CAF-01 "))
    # WHEN its GS1-128 code is scanned as a wedge scanner types it (no FNC1 character)
    with qtbot.waitSignal(bench.outcome_shown, timeout=5000):
        type_scan(qtbot, bench.bench.lines, caf.code.removeprefix(FNC1))
    # THEN the coffee counts, green: one of two
    assert bench.bench.banner.kind == "ok", bench.bench.banner.text()
    model = bench.bench.lines.lines_model
    row = next(r for r in range(model.rowCount()) if model.line(r).sku == "CAF-01")
    assert model.data(model.index(row, model.PROGRESS)) == "1 / 2"


def test_the_italian_sheet_speaks_italian() -> None:
    codes = gs1_codes("it")
    assert any("lotto" in code.caption and "scadenza" in code.caption for code in codes)
    assert any("seriale" in code.caption for code in codes)
