"""Sync failures go to the home's log file and to the shop's status; a drop folder that is
gone is that shop's error, never a traceback on the operator's terminal."""

from __future__ import annotations

import shutil
import signal
import subprocess
import time
from pathlib import Path

import pytest

from station.app import open_home
from sync.shops.config import add_shop
from tests.console_process import env, run_station, station_cmd

pytestmark = pytest.mark.slow

run = run_station


def wait_for_text(path: Path, text: str, deadline_s: float = 60.0, after: int = 0) -> str:
    """Polls the log until `text` is in it past the first `after` characters (a guard against
    hanging, not a timed check)."""
    end = time.monotonic() + deadline_s
    while time.monotonic() < end:
        content = path.read_text(encoding="utf-8") if path.exists() else ""
        if text in content[after:]:
            return content
        time.sleep(0.1)
    raise AssertionError(f"{text!r} never reached {path}")


def test_a_vanished_drop_folder_is_that_shops_error_in_the_log_and_the_status(
    tmp_path: Path,
) -> None:
    # GIVEN a home with a drop-folder shop whose folder has been removed
    home, drop = tmp_path / "bench", tmp_path / "drop"
    drop.mkdir()
    with open_home(home) as ctx:
        add_shop(ctx, "folder", "files", path=str(drop))
    assert run(home, "sync", "--once").returncode == 0
    shutil.rmtree(drop)
    error = (
        f"files: the drop folder {drop} cannot be read (No such file or directory); check "
        "that it exists and is mounted"
    )
    # WHEN one round runs
    once = run(home, "sync", "--once")
    # THEN the shop's line says it, without a traceback
    assert once.returncode == 1
    assert "Traceback" not in once.stderr
    assert once.stdout.splitlines()[0].endswith(f"; {error}")
    # AND the background sync logs it to the home's log file, not to the terminal (the round
    # above logged it too: only what the background sync writes counts)
    logged_before = len((home / "logs" / "station.log").read_text(encoding="utf-8"))
    worker = subprocess.Popen(
        station_cmd(home, "sync", "--interval", "3600"),
        stdin=subprocess.DEVNULL,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=env(),
    )
    try:
        log = wait_for_text(home / "logs" / "station.log", error, after=logged_before)
        # AND `shop list`, run beside it, shows the shop offline
        listed = run(home, "shop", "list")
    finally:
        worker.send_signal(signal.SIGINT)
        _, stderr = worker.communicate(timeout=60)
    assert "WARNING station.sync: " + error in log
    assert stderr == ""
    assert listed.returncode == 0, listed.stderr
    assert listed.stdout.split("\t")[:4] == ["files", "folder", str(drop), "offline"]
