"""A bench's word about itself: device health and replication lag, as `BenchReported` events.

Events are the only write path, and the hub replicates events, so a board anywhere in the
warehouse sees what every bench reported. To keep the log from swelling, a report is recorded
only when
- what it says changed: a device's level (ok, warning, failed), or the lag's band (under 10 s,
  under a minute, under ten minutes, more, as `lag_band` says); the seconds alone moving within a
  band are not news;
- or the bench has been silent for `HEARTBEAT_EVERY`: any event it records (a scan, a label) is
  proof of life, so a packing bench adds no heartbeat at all and an idle one adds one every two
  minutes: 30 an hour, against hundreds of scans an hour at a bench at work.
The board calls a bench offline after two missed heartbeats (`station.services.board`).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass

from sqlalchemy import select

from station.db.engine import Database
from station.db.models import Event
from station.domain import events as ev
from station.services.events import record

HEARTBEAT_EVERY = dt.timedelta(minutes=2)
LAG_BANDS_S = (10, 60, 600)
Clock = Callable[[], dt.datetime]
LOOK_EVERY_S = 10.0  # how often a report is looked at; it is recorded far less often


def utc_now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


def lag_band(lag_s: int | None) -> int | None:
    if lag_s is None:
        return None
    return sum(lag_s >= edge for edge in LAG_BANDS_S)


@dataclass(frozen=True)
class SelfReport:
    scale: str = ""
    printer: str = ""
    scanner: str = ""
    lag_s: int | None = None

    def news_against(self, before: SelfReport | None) -> bool:
        if before is None:
            return True
        levels = (self.scale, self.printer, self.scanner)
        if levels != (before.scale, before.printer, before.scanner):
            return True
        return lag_band(self.lag_s) != lag_band(before.lag_s)

    def event(self) -> ev.BenchReported:
        return ev.BenchReported(
            scale=self.scale, printer=self.printer, scanner=self.scanner, lag_s=self.lag_s
        )


def level_of(device: object | None) -> Callable[[], str]:
    """How to ask a device its level, by its own `health()`: none configured is a warning (as
    the window shows it), one without `health` (the in-process simulation) cannot fail."""
    if device is None:
        return lambda: "warning"
    health = getattr(device, "health", None)
    if health is None:
        return lambda: "ok"
    return lambda: str(health().level.value)


class Heartbeat:
    """One bench's reports. `beat` is called often (every few seconds, off the GUI thread);
    it writes only when `SelfReport.news_against` the last one, or after a silence."""

    def __init__(self, db: Database, bench: str, clock: Clock = utc_now) -> None:
        self.db = db
        self.bench = bench
        self.clock = clock
        self.last: SelfReport | None = None

    def beat(self, report: SelfReport, operator: str = "") -> bool:
        """True when a report was recorded."""
        now = self.clock()
        if not report.news_against(self.last) and not self._silent_since(now - HEARTBEAT_EVERY):
            return False
        with self.db.write() as session:
            record(session, report.event(), at=now, bench=self.bench, operator=operator)
        self.last = report
        return True

    def _silent_since(self, since: dt.datetime) -> bool:
        with self.db.read() as session:
            last = session.scalar(
                select(Event.at).where(Event.bench == self.bench).order_by(Event.at.desc()).limit(1)
            )
        return last is None or last < since
