"""The window renders offscreen in each main state at each bench screen size, and what matters
is really on the picture: the banner's words (a render without them differs), the status bar
inside the screen, the prompt not cut."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtGui import QImage
from PySide6.QtWidgets import QLabel
from pytestqt.qtbot import QtBot

from station.context import AppContext
from station.ui.main import create_window
from station.ui.screenshots import SIZES, SlowScale, scan, settle, take_all
from station.ui.window import BenchWindow


def differing_pixels(first: QImage, second: QImage) -> int:
    a = first.convertToFormat(QImage.Format.Format_RGB32)
    b = second.convertToFormat(QImage.Format.Format_RGB32)
    assert a.size() == b.size()
    pixels_a = memoryview(bytes(a.constBits())).cast("I")
    pixels_b = memoryview(bytes(b.constBits())).cast("I")
    return sum(1 for x, y in zip(pixels_a, pixels_b, strict=True) if x != y)


def text_is_drawn(label: QLabel) -> int:
    """How many pixels of `label` its text paints: a render with the text, against one
    without it."""
    with_text = label.grab().toImage()
    words = label.text()
    label.setText("")
    without = label.grab().toImage()
    label.setText(words)
    return differing_pixels(with_text, without)


def fits(label: QLabel) -> bool:
    """A word-wrapped label shows all its lines in the height it was given."""
    return label.heightForWidth(label.width()) <= label.height()


def check_fit(window: BenchWindow, size: tuple[int, int]) -> None:
    width, height = size
    bar = window.statusBar()
    assert bar.isVisible()
    assert bar.geometry().bottom() < height  # the status bar is on the screen
    assert window.health.isVisible()
    for label in (window.bench.prompt, window.bench.banner):
        assert label.isVisible()
        assert fits(label), (size, label.objectName(), label.text())
        assert label.geometry().right() < width


CASES = [(size, "en") for size in SIZES] + [(SIZES[0], "it")]  # Italian is the longer


@pytest.mark.parametrize(("size", "language"), CASES, ids=lambda c: str(c))
def test_each_state_renders_at_each_size_with_its_words_drawn(
    qtbot: QtBot, ctx: AppContext, tmp_path: Path, size: tuple[int, int], language: str
) -> None:
    # GIVEN the window filling a screen of this size, in this language
    ctx.settings.language = language
    window = create_window(ctx, SlowScale(noise_pct=0.0), tmp_path / "cache")
    qtbot.addWidget(window)
    window.setFixedSize(*size)
    window.show()
    qtbot.waitUntil(lambda: bool(window.bench.prompt.text()))
    # WHEN every state is rendered
    shots = take_all(window, tmp_path)
    # THEN each state is a picture of the screen's size (dialogs at their own size)
    names = [p.stem for p in shots]
    assert names[1:6] == ["1-idle", "2-order-open", "3-wrong-item", "4-weighing", "5-done"]
    for path in shots[:7]:
        image = QImage(str(path))
        assert (image.width(), image.height()) == size
    # AND on the bench, the banner's words are drawn (not a blank coloured box), the prompt
    # and banner fit, and the status bar is on the screen
    window.show_bench()
    qtbot.wait(50)
    assert window.bench.banner.text()
    assert text_is_drawn(window.bench.banner) > 500
    check_fit(window, size)
    # AND the longest answer of all, the unknown code's, fits too
    scan(window, "1001")
    scan(window, "4006381333931")
    settle(window)
    assert window.bench.banner.kind == "unknown_code"
    check_fit(window, size)
    window.close()
