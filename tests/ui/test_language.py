"""The window speaks the bench's language: Italian from the committed .ts, compiled at start."""

from __future__ import annotations

from pathlib import Path

from pytestqt.qtbot import QtBot

from station.context import AppContext
from station.ui.window import BenchWindow
from tests.ui.conftest import open_window, type_scan


def test_an_italian_bench_shows_italian(qtbot: QtBot, ctx: AppContext, tmp_path: Path) -> None:
    # GIVEN a bench whose language is Italian
    ctx.settings.language = "it"
    window = open_window(qtbot, ctx, tmp_path)
    # THEN the sign-in screen and the core's prompt are in Italian
    assert window.signin.title.text() == "Accesso"
    type_scan(qtbot, window.signin.pin, "OPANNA")
    qtbot.waitUntil(lambda: window.operator == "anna", timeout=5000)
    assert "Scansiona un ordine" in window.bench.prompt.text()
    assert window.operator_label.text() == "Operatore: anna"
    window.close()
    # AND the compiled catalogue went to the cache, not next to the sources
    assert (tmp_path / "cache" / "station_it.qm").exists()


def test_an_english_bench_shows_english_after_an_italian_one(
    qtbot: QtBot, bench: BenchWindow
) -> None:
    assert bench.operator_label.text() == "Operator: anna"
