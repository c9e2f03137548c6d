"""The clock warning as the operator meets it: one `WARN` line in the console, once, on the
answer to the first scan after the jump; the window shows the same sentence in its status bar
(tests/ui/test_clock_warning.py). A fake time source moves the clock between scans."""

from __future__ import annotations

import dataclasses
import datetime as dt
import io
from collections.abc import Iterator
from pathlib import Path

from sqlalchemy import select

from station.app import open_home
from station.console import run_console
from station.db.models import Event, Order
from station.services.clock import ClockWatch
from tests.console_process import ean_of
from tests.fakes.clock import FakeTime

START = dt.datetime(2026, 3, 3, 9, 0, tzinfo=dt.UTC)


def test_a_clock_set_back_is_one_warn_line_and_packing_goes_on(tmp_path: Path) -> None:
    # GIVEN a console bench on a demo home, its clock read by a fake time source
    clock = FakeTime(START)
    out = io.StringIO()
    with open_home(tmp_path / "home", demo_mode=True) as home:
        home.settings.language = "en"
        ctx = dataclasses.replace(home, clock=ClockWatch(clock))

        def scans() -> Iterator[str]:
            yield "1001"
            clock.advance(20)
            # WHEN someone sets the computer's clock a day back between two scans
            clock.move_wall(-dt.timedelta(days=1))
            yield ean_of("TSH-01")
            clock.advance(20)
            yield "WEIGHT 220"

        assert run_console(ctx, None, scans(), out, printer="folder") == 0
        with ctx.db.read() as s:
            order = s.scalars(select(Order).where(Order.number == "1001")).one()
            shipped = s.scalars(
                select(Event.at).where(Event.type == "order_shipped", Event.order_uid == order.uid)
            ).one()
            status = order.status

    # THEN the operator reads one WARN line, right after the answer to the scan that saw it
    lines = out.getvalue().splitlines()
    warned = [n for n, line in enumerate(lines) if line.startswith("WARN ")]
    assert [lines[n] for n in warned] == [
        "WARN The computer's clock jumped 24 h 00 min back: check its date, time and time zone; "
        "packing goes on, and manifests and shop updates stay in order."
    ]
    assert lines[warned[0] - 2].startswith("OK ")  # the scan's answer, then its prompt
    assert lines[warned[0] - 1].startswith("PROMPT weigh_parcel")
    # AND packing went on: the order shipped, stamped by the clock as it then was
    assert status == "shipped"
    assert shipped == START + dt.timedelta(seconds=40) - dt.timedelta(days=1)
