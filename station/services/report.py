"""The shift's figures, counted from the event log: what was packed, how fast, what went wrong.

`figures(history, window)` is pure: it walks events in log order and counts those inside the
window. Earlier events of the orders packed in the window come with them (`load_history`), so
an order claimed before the shift started and packed in it counts whole, with its real time.

What each figure counts:
- `orders_packed`: `order_packed` events; `units_packed`: the units those orders held when packed
  (verified, less UNDOs, from their last claim: an ABORT puts the units back on the shelf).
- `minutes_per_order`: the mean time from an order's last claim to its packing.
- `scan_errors`: rejected item scans by kind (`SCAN_ERROR_KINDS`); `scan_error_rate` is their
  share of all item scans (accepted and rejected).
- `short_units`: units declared short; `weight_mismatches`: weighings outside the tolerance;
  `overrides`: a lead's PIN over a refusal at the bench, of every kind (`OVERRIDE_KINDS`: a
  weight accepted anyway, a short approved, an unknown code learnt), with `overrides_by_kind`;
  `reprints`: REPRINTs of an order's labels.
- `packer_hours`: each operator's time at work, from their first bench event to their last,
  leaving out any gap over `IDLE_GAP` (a break); orders and units per packer-hour divide by it.
Each figure is also kept per operator: the one signed in at the bench when the event happened.
"""

from __future__ import annotations

import datetime as dt
import itertools
import uuid
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from station.db.models import Event
from station.domain import events as ev
from station.domain.shifts import Window

IDLE_GAP = dt.timedelta(minutes=15)
# The rejected item scans a lead wants to see, by the workflow's reason code.
SCAN_ERROR_KINDS = {
    "not_in_order": "wrong_item",
    "unknown_code": "unknown_code",
    "too_many": "too_many",
    "line_complete": "too_many",
    "other_order": "other_order",
    "needs_lot": "missing_lot_expiry_serial",
    "needs_expiry": "missing_lot_expiry_serial",
    "needs_serial": "missing_lot_expiry_serial",
    "serial_shipped": "serial_repeated",
}
KINDS = tuple(dict.fromkeys(SCAN_ERROR_KINDS.values()))
# Each figure and kind of scan error, in the order a person reads them, with its name's code.
FIGURE_NAMES = {
    "orders_packed": "figure_orders_packed",
    "units_packed": "figure_units_packed",
    "minutes_per_order": "figure_minutes_per_order",
    "packer_hours": "figure_packer_hours",
    "orders_per_packer_hour": "figure_orders_per_packer_hour",
    "units_per_packer_hour": "figure_units_per_packer_hour",
    "item_scans": "figure_item_scans",
    "scan_error_rate": "figure_scan_error_rate",
    "short_units": "figure_short_units",
    "weight_mismatches": "figure_weight_mismatches",
    "overrides": "figure_overrides",
    "reprints": "figure_reprints",
}
KIND_NAMES = {
    "wrong_item": "scan_error_wrong_item",
    "unknown_code": "scan_error_unknown_code",
    "too_many": "scan_error_too_many",
    "other_order": "scan_error_other_order",
    "missing_lot_expiry_serial": "scan_error_missing_lot_expiry_serial",
    "serial_repeated": "scan_error_serial_repeated",
}
# Work at a bench (not a lead's command, not a print coming back): what packer-hours are made of.
BENCH_WORK = (
    ev.OperatorSignedIn,
    ev.OrderClaimed,
    ev.UnitsVerified,
    ev.ScanUndone,
    ev.ScanRejected,
    ev.ParcelOpened,
    ev.BoxChosen,
    ev.UnitsShorted,
    ev.ParcelWeighed,
    ev.WeightRejected,
    ev.WeightOverridden,
    ev.CodeLearnt,
    ev.OrderPacked,
    ev.PackingAborted,
    ev.LabelsReprinted,
)
_HISTORY = (ev.OrderClaimed, ev.UnitsVerified, ev.ScanUndone, ev.PackingAborted)


OVERRIDE_KINDS = ("weight", "short", "learnt_code")


def _override_kind(event: ev.DomainEvent) -> str | None:
    if isinstance(event, ev.WeightOverridden):
        return "weight"
    if isinstance(event, ev.UnitsShorted) and event.lead:
        return "short"
    if isinstance(event, ev.CodeLearnt):
        return "learnt_code"
    return None


@dataclass
class Figures:
    orders_packed: int = 0
    units_packed: int = 0
    scan_errors: dict[str, int] = field(default_factory=lambda: dict.fromkeys(KINDS, 0))
    item_scans: int = 0
    short_units: int = 0
    weight_mismatches: int = 0
    overrides: int = 0
    overrides_by_kind: dict[str, int] = field(
        default_factory=lambda: dict.fromkeys(OVERRIDE_KINDS, 0)
    )
    reprints: int = 0
    packing_minutes: float = 0.0  # summed over the packed orders
    packer_hours: float = 0.0

    @property
    def minutes_per_order(self) -> float | None:
        return self.packing_minutes / self.orders_packed if self.orders_packed else None

    def per_packer_hour(self, count: int) -> float | None:
        return count / self.packer_hours if self.packer_hours > 0 else None

    @property
    def scan_error_rate(self) -> float | None:
        errors = sum(self.scan_errors.values())
        return errors / self.item_scans if self.item_scans else None

    def as_dict(self) -> dict[str, Any]:
        return {
            "orders_packed": self.orders_packed,
            "units_packed": self.units_packed,
            "scan_errors": dict(self.scan_errors),
            "scan_error_rate": _round(self.scan_error_rate, 4),
            "item_scans": self.item_scans,
            "short_units": self.short_units,
            "weight_mismatches": self.weight_mismatches,
            "overrides": self.overrides,
            "overrides_by_kind": dict(self.overrides_by_kind),
            "reprints": self.reprints,
            "minutes_per_order": _round(self.minutes_per_order, 2),
            "packer_hours": round(self.packer_hours, 3),
            "orders_per_packer_hour": _round(self.per_packer_hour(self.orders_packed), 2),
            "units_per_packer_hour": _round(self.per_packer_hour(self.units_packed), 2),
        }


def _round(value: float | None, digits: int) -> float | None:
    return None if value is None else round(value, digits)


@dataclass
class Report:
    window: Window
    total: Figures
    per_operator: dict[str, Figures]

    def as_dict(self) -> dict[str, Any]:
        return {
            "window": self.window.name,
            "from": self.window.start.isoformat(),
            "to": self.window.end.isoformat(),
            **self.total.as_dict(),
            "per_operator": {name: f.as_dict() for name, f in sorted(self.per_operator.items())},
        }


@dataclass
class _Order:
    claimed_at: dt.datetime | None = None
    units: int = 0


class _Counter:
    """One pass over the log: order state from every event, counts from those in the window."""

    def __init__(self, window: Window) -> None:
        self.window = window
        self.total = Figures()
        self.people: dict[str, Figures] = {}
        self.orders: dict[uuid.UUID, _Order] = {}
        self.seen: dict[str, list[dt.datetime]] = {}

    def both(self, operator: str) -> Iterator[Figures]:
        yield self.total
        if operator:
            yield self.people.setdefault(operator, Figures())

    def add(self, rec: ev.Recorded) -> None:
        event, inside = rec.event, self.window.start <= rec.at < self.window.end
        order = self.orders.setdefault(event.order, _Order()) if event.order else _Order()
        if isinstance(event, ev.OrderClaimed):
            order.claimed_at, order.units = rec.at, 0
        elif isinstance(event, ev.UnitsVerified):
            order.units += event.quantity
        elif isinstance(event, ev.ScanUndone):
            order.units -= event.quantity
        elif isinstance(event, ev.PackingAborted):
            order.claimed_at, order.units = None, 0
        if inside:
            self.count(rec, order)

    def count(self, rec: ev.Recorded, order: _Order) -> None:
        event = rec.event
        if isinstance(event, BENCH_WORK) and rec.operator:
            self.seen.setdefault(rec.operator, []).append(rec.at)
        for figures in self.both(rec.operator):
            _count_one(figures, rec, order)

    def report(self) -> Report:
        for name, times in self.seen.items():
            hours = _hours_at_work(sorted(times))
            self.people.setdefault(name, Figures()).packer_hours = hours
            self.total.packer_hours += hours
        return Report(self.window, self.total, self.people)


def _count_one(figures: Figures, rec: ev.Recorded, order: _Order) -> None:
    event = rec.event
    overridden = _override_kind(event)
    if overridden is not None:
        figures.overrides += 1
        figures.overrides_by_kind[overridden] += 1
    if isinstance(event, ev.OrderPacked):
        figures.orders_packed += 1
        figures.units_packed += order.units
        if order.claimed_at is not None:
            figures.packing_minutes += (rec.at - order.claimed_at).total_seconds() / 60
    elif isinstance(event, ev.UnitsVerified):
        figures.item_scans += 1
    elif isinstance(event, ev.ScanRejected):
        kind = SCAN_ERROR_KINDS.get(event.reason.code)
        if kind is not None:
            figures.scan_errors[kind] += 1
            figures.item_scans += 1
    elif isinstance(event, ev.UnitsShorted):
        figures.short_units += sum(line.quantity for line in event.lines)
    elif isinstance(event, ev.WeightRejected):
        figures.weight_mismatches += 1
    elif isinstance(event, ev.LabelsReprinted):
        figures.reprints += 1


def _hours_at_work(times: list[dt.datetime]) -> float:
    worked = sum(
        ((b - a) for a, b in itertools.pairwise(times) if b - a <= IDLE_GAP),
        dt.timedelta(),
    )
    return worked.total_seconds() / 3600


def figures(history: Iterable[ev.Recorded], window: Window) -> Report:
    """The window's figures from events in log order (earlier ones only give order state)."""
    counter = _Counter(window)
    for rec in history:
        counter.add(rec)
    return counter.report()


# --- reading the log -----------------------------------------------------------------------------


def load_history(session: Session, window: Window) -> list[ev.Recorded]:
    """The window's events, after the earlier events of the orders packed in it, in log order."""
    rows = list(
        session.scalars(
            select(Event)
            .where(Event.at >= window.start, Event.at < window.end, Event.version > 0)
            .order_by(Event.seq)
        )
    )
    packed = {r.order_uid for r in rows if r.type == ev.OrderPacked.TYPE and r.order_uid}
    earlier: list[Event] = []
    for chunk in _chunks(sorted(packed), 500):
        earlier += session.scalars(
            select(Event).where(
                Event.order_uid.in_(chunk),
                Event.at < window.start,
                Event.type.in_([kind.TYPE for kind in _HISTORY]),
            )
        )
    earlier.sort(key=lambda r: r.seq)
    return [_recorded(row) for row in [*earlier, *rows]]


def _chunks(items: list[uuid.UUID], size: int) -> Iterator[list[uuid.UUID]]:
    for i in range(0, len(items), size):
        yield items[i : i + size]


def _recorded(row: Event) -> ev.Recorded:
    try:
        event = ev.decode(row.type, row.version, row.payload)
    except ev.UnknownEventError:
        event = ev.DomainEvent(order=row.order_uid)  # a kind this release does not count
    return ev.Recorded(row.id, row.at, row.bench, row.operator, event)


def shift_report(session: Session, window: Window) -> Report:
    return figures(load_history(session, window), window)
