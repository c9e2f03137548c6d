"""The window renders offscreen in each main state (idle, order open, wrong item, weighing, done)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtGui import QImage
from pytestqt.qtbot import QtBot

from station.context import AppContext
from station.ui.main import create_window
from station.ui.screenshots import SlowScale, take_all


def test_each_state_renders_to_png(qtbot: QtBot, ctx: AppContext, tmp_path: Path) -> None:
    window = create_window(ctx, SlowScale(noise_pct=0.0), tmp_path / "cache")
    qtbot.addWidget(window)
    window.resize(1280, 800)
    window.show()
    qtbot.waitUntil(lambda: bool(window.bench.prompt.text()))
    shots = take_all(window, tmp_path)
    names = [p.stem for p in shots]
    assert names[1:6] == ["1-idle", "2-order-open", "3-wrong-item", "4-weighing", "5-done"]
    for path in shots:
        image = QImage(str(path))
        assert (image.width(), image.height()) == (1280, 800)
    window.close()
