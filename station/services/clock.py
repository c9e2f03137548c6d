"""The bench's clock, and how far to trust it.

Everything the bench records is stamped by the computer's wall clock, which a person, NTP
stepping after a long offline spell, a flat CMOS battery or a time-zone setting can move at any
moment. `ClockWatch` notices two things:

- a jump: across the process's life the wall clock must advance as a monotonic clock does (one no
  setting can move); a difference beyond `JUMP_TOLERANCE` between two readings is a jump;
- a wrong clock: a shop's HTTP `Date` header is a second opinion, which also catches a clock that
  was already wrong when the bench started (no jump to see).

Each finding is told to the operator once, in one sentence (`notices`), and each jump is handed
to the parts that keep due times (`jumps_for`), so what waits keeps waiting as long as it was
meant to. Tests drive it with a fake `TimeSource`; nothing here sleeps.
"""

from __future__ import annotations

import datetime as dt
import threading
import time
from dataclasses import dataclass
from typing import Protocol

from station.domain.messages import Phrase

JUMP_TOLERANCE = dt.timedelta(seconds=90)  # NTP slews far slower; a person's change is larger
SHOP_TOLERANCE = dt.timedelta(minutes=5)  # a Date header is whole seconds, a round takes a few


class TimeSource(Protocol):
    def wall(self) -> dt.datetime:
        """The wall clock, aware UTC."""
        ...

    def monotonic(self) -> float:
        """Seconds on a clock no setting moves; only differences mean anything."""
        ...


def _boot_seconds() -> float:
    # CLOCK_BOOTTIME (Linux) keeps counting while the computer sleeps; time.monotonic does not
    # there, so a laptop shut overnight would look like a clock that jumped ahead.
    return time.clock_gettime(time.CLOCK_BOOTTIME)


class SystemTime:
    """The computer's own clocks."""

    def wall(self) -> dt.datetime:
        return dt.datetime.now(dt.UTC)

    def monotonic(self) -> float:
        return _boot_seconds() if hasattr(time, "CLOCK_BOOTTIME") else time.monotonic()


@dataclass(frozen=True)
class ClockJump:
    """The wall clock moved by `delta` (negative: back) more than time passed; `at` is the wall
    time just after."""

    delta: dt.timedelta
    at: dt.datetime


def amount(delta: dt.timedelta) -> str:
    """A jump's size for a sentence: `26 h 05 min`, `12 min`, `45 s`."""
    seconds = int(abs(delta).total_seconds())
    hours, rest = divmod(seconds, 3600)
    if hours:
        return f"{hours} h {rest // 60:02d} min"
    return f"{rest // 60} min" if rest >= 60 else f"{rest} s"


class ClockWatch:
    """The one wall clock of a process, checked at every reading. Thread-safe: the bench, the
    print queue and shop sync read it from their own threads."""

    def __init__(
        self, source: TimeSource | None = None, *, tolerance: dt.timedelta = JUMP_TOLERANCE
    ) -> None:
        self.source = source or SystemTime()
        self.tolerance = tolerance
        self._lock = threading.Lock()
        self._anchor = (self.source.wall(), self.source.monotonic())
        self._jumps: list[ClockJump] = []
        self._taken: dict[str, int] = {}
        self._notices: list[Phrase] = []
        self._told = 0
        self._shop_told = False

    def now(self) -> dt.datetime:
        """The wall clock (aware UTC), after comparing how far it moved with the monotonic
        clock since the last reading."""
        with self._lock:
            wall, mono = self.source.wall(), self.source.monotonic()
            then_wall, then_mono = self._anchor
            delta = (wall - then_wall) - dt.timedelta(seconds=mono - then_mono)
            self._anchor = (wall, mono)
            if abs(delta) > self.tolerance:
                self._jumps.append(ClockJump(delta, wall))
                back = delta < dt.timedelta()
                self._notices.append(
                    Phrase(
                        "clock_jumped_back" if back else "clock_jumped_ahead",
                        {"amount": amount(delta)},
                    )
                )
            return wall

    def shop_date(self, shop: str, header: str | None) -> None:
        """A shop's answer carried `Date: header`: a bench clock far from it is told, once."""
        if not header:
            return
        import email.utils  # only once a shop answered: the command line starts without it

        try:
            theirs = email.utils.parsedate_to_datetime(header)
        except (TypeError, ValueError):
            return  # a shop's malformed header is no evidence either way
        if theirs.tzinfo is None:
            return
        off = self.now() - theirs
        with self._lock:
            if abs(off) <= SHOP_TOLERANCE or self._shop_told:
                return
            self._shop_told = True
            behind = off < dt.timedelta()
            self._notices.append(
                Phrase(
                    "clock_behind_shop" if behind else "clock_ahead_of_shop",
                    {"amount": amount(off), "shop": shop},
                )
            )

    def jumps_for(self, reader: str) -> list[ClockJump]:
        """The jumps `reader` has not been given yet (each reader gets each jump once)."""
        with self._lock:
            start = self._taken.get(reader, 0)
            self._taken[reader] = len(self._jumps)
            return self._jumps[start:]

    def notices(self, language: str) -> list[str]:
        """What the operator has not been told yet, one sentence each, in `language`."""
        with self._lock:
            fresh = self._notices[self._told :]
            self._told = len(self._notices)
        return [notice.text(language) for notice in fresh]
