"""Bench window fixtures: an offscreen Qt, a seeded demo database in tmp_path, a signed-in bench."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot

from station.app import open_home
from station.context import AppContext
from station.devices.scale import Scale
from station.devices.scale_spec import DEMO_SCALE, open_scale
from station.ui.main import create_window
from station.ui.window import BenchWindow


@pytest.fixture
def ctx(tmp_path: Path) -> Iterator[AppContext]:
    with open_home(tmp_path / "home", demo_mode=True) as context:
        context.settings.language = "en"
        yield context


def type_scan(qtbot: QtBot, target: QWidget, code: str, delay_ms: int = 0) -> None:
    """What a keyboard-wedge scanner does: one key event per character, then Enter."""
    for char in code:
        qtbot.keyClick(target, char)
        if delay_ms:
            qtbot.wait(delay_ms)
    qtbot.keyClick(target, Qt.Key.Key_Return)


def open_window(
    qtbot: QtBot, ctx: AppContext, tmp_path: Path, scale: Scale | None = None
) -> BenchWindow:
    """The demo window, weighing through the real serial driver on a pty scale simulator
    (closed with the window)."""
    scale = scale or open_scale(DEMO_SCALE)
    window = create_window(ctx, scale, tmp_path / "cache")
    qtbot.addWidget(window)
    window.resize(1280, 800)
    window.show()
    qtbot.waitUntil(lambda: bool(window.bench.prompt.text()))
    return window


@pytest.fixture
def window(qtbot: QtBot, ctx: AppContext, tmp_path: Path) -> Iterator[BenchWindow]:
    win = open_window(qtbot, ctx, tmp_path)
    yield win
    win.close()


@pytest.fixture
def bench(qtbot: QtBot, window: BenchWindow) -> BenchWindow:
    """The window with anna signed in by scanning her badge."""
    type_scan(qtbot, window.signin.pin, "OPANNA")
    qtbot.waitUntil(lambda: window.operator == "anna")
    return window
