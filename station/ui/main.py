"""`station` opens this window: run_window() is called by station.cli."""

from __future__ import annotations

import signal
import sys
from pathlib import Path

import platformdirs
from PySide6.QtCore import QSize, QTimer
from PySide6.QtWidgets import QApplication

from station.context import AppContext
from station.devices.scale import Scale
from station.ui.i18n import install_translators
from station.ui.settings_dialog import kiosk
from station.ui.window import BenchWindow


def cache_dir() -> Path:
    return Path(platformdirs.user_cache_dir("station", appauthor=False))


def create_window(ctx: AppContext, scale: Scale | None, cache: Path | None = None) -> BenchWindow:
    """The window, for run_window and for tests and screenshots that bring their own app."""
    app = QApplication.instance()
    assert app is not None, "create a QApplication first"
    cache = cache or cache_dir()
    # Installed before the widgets are built, so every self.tr() already sees them.
    translators = install_translators(app, ctx.settings.language, cache)
    window = BenchWindow(ctx, scale, cache)
    window.translators = translators
    return window


def close_on_signals(window: BenchWindow) -> QTimer:
    """SIGTERM (a shutdown) or Ctrl+C closes the window as the operator would, so the bench's
    threads finish their work. Python runs signal handlers only between bytecodes, so a timer
    hands it control now and then while Qt's event loop waits."""
    for sig in (signal.SIGTERM, signal.SIGINT):
        signal.signal(sig, lambda *_: window.close())
    timer = QTimer(window)
    timer.timeout.connect(lambda: None)
    timer.start(250)
    return timer


def run_window(ctx: AppContext, scale: Scale | None) -> int:
    app = QApplication.instance() or QApplication(sys.argv[:1])
    app.setApplicationName("Station")
    window = create_window(ctx, scale)
    close_on_signals(window)
    if kiosk(ctx.settings):
        # The screen's geometry as well: without a window manager (a bare X session on a
        # bench PC) the full-screen state alone is not honoured.
        window.setGeometry(window.screen().geometry())
        window.showFullScreen()
    else:
        # Never larger than the screen: at 1366×768 a 1280×800 window hid its status bar.
        window.resize(window.screen().availableGeometry().size().boundedTo(QSize(1280, 800)))
        window.show()
    status = app.exec()
    del window
    return int(status)
