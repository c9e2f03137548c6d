"""A bench's reports about itself: recorded on news or after a silence, never in between, and
shown on the lead's board (SQLite and PostgreSQL)."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import func, select

from station.context import AppContext
from station.db.models import Event
from station.domain import events as ev
from station.services.board import OFFLINE_AFTER, board
from station.services.heartbeat import HEARTBEAT_EVERY, Heartbeat, SelfReport
from station.services.verify import verify

FINE = SelfReport(scale="ok", printer="ok", scanner="ok", lag_s=2)


class Clock:
    def __init__(self) -> None:
        self.now = dt.datetime.now(dt.UTC)

    def __call__(self) -> dt.datetime:
        return self.now


def reports(ctx: AppContext) -> int:
    with ctx.db.read() as session:
        query = select(func.count()).where(Event.type == ev.BenchReported.TYPE)
        return int(session.scalar(query) or 0)


def test_a_report_is_recorded_on_news_and_after_a_silence_only(any_home: AppContext) -> None:
    clock = Clock()
    beat = Heartbeat(any_home.db, "bench-7", clock)
    # GIVEN a first report: it is news
    assert beat.beat(FINE)
    # WHEN the same is said a minute later, or with the lag moved within its band (under 10 s)
    clock.now += dt.timedelta(minutes=1)
    assert not beat.beat(FINE)
    assert not beat.beat(SelfReport("ok", "ok", "ok", lag_s=7))
    # THEN nothing more is recorded; a printer failing, or the lag growing past a band, is
    assert beat.beat(SelfReport("ok", "failed", "ok", lag_s=2))
    assert beat.beat(SelfReport("ok", "failed", "ok", lag_s=45))
    assert reports(any_home) == 3
    # AND after the heartbeat interval of silence the same report is recorded again
    clock.now += HEARTBEAT_EVERY + dt.timedelta(seconds=1)
    assert beat.beat(SelfReport("ok", "failed", "ok", lag_s=45))
    assert reports(any_home) == 4


def test_the_board_shows_what_each_bench_reported_and_who_went_quiet(
    any_home: AppContext,
) -> None:
    clock = Clock()
    start = clock.now
    # GIVEN bench-7 reporting a failed scale and 45 s of lag, and bench-8 on its own
    Heartbeat(any_home.db, "bench-7", clock).beat(SelfReport("failed", "ok", "ok", lag_s=45))
    eight = Heartbeat(any_home.db, "bench-8", clock)
    eight.beat(SelfReport("ok", "ok", "ok", lag_s=None))
    # WHEN the board is read while bench-8 keeps beating and bench-7 has gone silent
    while clock.now - start <= OFFLINE_AFTER:
        clock.now += HEARTBEAT_EVERY + dt.timedelta(seconds=1)
        eight.beat(SelfReport("ok", "ok", "ok", lag_s=None))
    with any_home.db.read() as session:
        rows = {r.bench: r for r in board(session, clock.now)}
    # THEN each shows its devices and its lag, and only the silent one is offline
    seven, eight_row = rows["bench-7"], rows["bench-8"]
    assert (seven.scale, seven.printer, seven.scanner, seven.lag_s) == ("failed", "ok", "ok", 45)
    assert seven.state == "offline"
    assert (eight_row.state, eight_row.lag_s, eight_row.reported_at) == ("idle", None, clock.now)
    # AND the log replays into the same tables
    assert verify(any_home.db) == []
