"""Closing the bench ends the process cleanly: status 0, no Qt warnings about threads."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

pytestmark = pytest.mark.slow


def test_sigterm_closes_the_window_and_exits_zero(tmp_path: Path) -> None:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "STATION_LANG": "en"}
    proc = subprocess.Popen(
        [sys.executable, "-m", "station", "--home", str(tmp_path / "home"), "--demo"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
    )
    # GIVEN the window up with its threads running (the demo is seeded before the window opens)
    deadline = time.monotonic() + 60
    while not (tmp_path / "home" / "demo-shop").exists() and time.monotonic() < deadline:
        time.sleep(0.1)
    time.sleep(2.0)
    assert proc.poll() is None
    # WHEN the system asks it to stop
    proc.send_signal(signal.SIGTERM)
    _out, err = proc.communicate(timeout=30)
    # THEN it closes like a person closing the window
    assert proc.returncode == 0, err
    for warning in ("QThread: Destroyed", "QObject::", "Timers cannot", "QBasicTimer"):
        assert warning not in err
