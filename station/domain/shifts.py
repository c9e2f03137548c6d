"""What a shift and a day are, for the figures: windows of local time.

A warehouse names the local times its shifts start (setting `shift_starts`, by default 06:00,
14:00 and 22:00). A shift runs from its start to the next one's; the last runs to the first
one's start on the next day, and belongs to the day it starts on (the night shift of 6 December
is 22:00 on the 6th to 06:00 on the 7th). A day is local midnight to midnight.
"""

from __future__ import annotations

import datetime as dt
import itertools
from dataclasses import dataclass

from station.domain.messages import MessageError


class ShiftError(MessageError):
    """A shift or day the user named that does not exist, or shift starts that cannot be read."""


@dataclass(frozen=True)
class Window:
    """A span of time the figures are counted in: [start, end), aware times."""

    start: dt.datetime
    end: dt.datetime
    day: dt.date
    shift: int | None = None  # 1-based, None for a whole day

    @property
    def name(self) -> str:
        """`2026-12-06` or `2026-12-06:2`, as `--day` / `--shift` take it."""
        return self.day.isoformat() + (f":{self.shift}" if self.shift else "")


def _local(day: dt.date, at: dt.time) -> dt.datetime:
    return dt.datetime.combine(day, at).astimezone()  # the machine's own time zone


def shift_starts(texts: list[str]) -> list[dt.time]:
    """The settings' start times, checked: `HH:MM`, at least one, strictly ascending."""
    try:
        starts = [dt.time.fromisoformat(t) for t in texts]
    except (TypeError, ValueError):
        raise ShiftError("shift_starts_invalid", starts=", ".join(map(str, texts))) from None
    if not starts or any(a >= b for a, b in itertools.pairwise(starts)):
        raise ShiftError("shift_starts_invalid", starts=", ".join(map(str, texts)))
    return starts


def day_window(day: dt.date) -> Window:
    return Window(_local(day, dt.time()), _local(day + dt.timedelta(days=1), dt.time()), day)


def shift_window(day: dt.date, number: int, starts: list[dt.time]) -> Window:
    if not 1 <= number <= len(starts):
        raise ShiftError("shift_unknown", shift=f"{day}:{number}", count=len(starts))
    start = _local(day, starts[number - 1])
    if number < len(starts):
        end = _local(day, starts[number])
    else:
        end = _local(day + dt.timedelta(days=1), starts[0])
    return Window(start, end, day, number)


def current_shift(now: dt.datetime, starts: list[dt.time]) -> Window:
    """The shift `now` falls in (before the first start: the previous day's last shift)."""
    local = now.astimezone()
    for day in (local.date(), local.date() - dt.timedelta(days=1)):
        for number in range(len(starts), 0, -1):
            window = shift_window(day, number, starts)
            if window.start <= local < window.end:
                return window
    return shift_window(local.date(), 1, starts)  # unreachable with ascending starts


def parse_day(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise ShiftError("day_invalid", day=text) from None


def parse_shift(text: str, today: dt.date, starts: list[dt.time]) -> Window:
    """`N` (today's Nth shift) or `YYYY-MM-DD:N`."""
    day_text, _, number_text = text.rpartition(":")
    day = parse_day(day_text) if day_text else today
    try:
        number = int(number_text)
    except ValueError:
        raise ShiftError("shift_unknown", shift=text, count=len(starts)) from None
    return shift_window(day, number, starts)
