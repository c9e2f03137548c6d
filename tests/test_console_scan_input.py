"""Whatever bytes a scanner sends, the console bench answers with an ERROR line and goes on;
it never echoes control characters raw and never stores a giant line."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest
from sqlalchemy import func, select

from station.app import open_home
from station.db.models import Event, Order
from station.domain import OrderStatus
from tests.console_process import ean_of, env, station_cmd

pytestmark = pytest.mark.slow


def test_any_bytes_get_an_error_line_and_the_bench_goes_on(tmp_path: Path) -> None:
    home = tmp_path / "bench"
    lines = [
        b"1001",
        b"\xff\xfe8099",  # not UTF-8
        b"\x1b]0;owned\x07\x1b[2J",  # a terminal title and a screen wipe
        b"8" * (5 * 1024 * 1024),  # a 5 MB line
        b"NEXT\x00",
        ean_of("TSH-01").encode(),
        b"WEIGH",
    ]
    # WHEN the console bench reads them
    result = subprocess.run(
        station_cmd(home, "bench", "--console", "--demo"),
        input=b"\n".join(lines) + b"\n",
        capture_output=True,
        env=env(),
        timeout=120,
        check=False,
    )
    # THEN each bad line is one ERROR line, nothing raw reaches the terminal, and order 1001
    # is packed by the scans that follow
    assert result.returncode == 0, result.stderr.decode(errors="replace")[-2000:]
    assert b"\x1b" not in result.stdout
    assert b"\x07" not in result.stdout
    out = result.stdout.decode().splitlines()
    errors = [line for line in out if line.startswith("ERROR")]
    assert errors == [
        "ERROR scan_unreadable The scan has characters that are not text: check the scanner's "
        "keyboard layout and scan again.",
        "ERROR scan_control The scan has control characters, so it was ignored: scan again.",
        "ERROR scan_too_long The scan is too long (5242880 characters, at most 2400): "
        "it was ignored.",
        "ERROR scan_control The scan has control characters, so it was ignored: scan again.",
    ]
    assert any(line.startswith("DONE 1001") for line in out), out
    with open_home(home) as ctx, ctx.db.read() as session:
        packed = session.scalars(select(Order).where(Order.number == "1001")).one()
        assert packed.status == OrderStatus.SHIPPED
        stored = session.scalar(select(func.max(func.length(Event.payload))))
        assert stored is not None
        assert stored < 10_000
