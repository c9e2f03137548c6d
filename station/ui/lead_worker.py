"""The lead console's reads and commands, on a thread of their own.

The board, the queue against the clock and the figures are read here and handed to the GUI
thread as plain rows; the lead's commands go through `LeadService` here too, so neither a slow
query nor a write lock held by a bench ever freezes the console.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QObject, Signal, Slot

from station.config import Settings
from station.context import AppContext
from station.db.engine import Database
from station.domain.messages import text
from station.domain.reasons import reason_text
from station.domain.shifts import Window
from station.services.board import BenchRow, QueueClock, active_operators, board, queue_clock
from station.services.errors import CommandError
from station.services.failures import failure_of
from station.services.lead import LeadService, OrderChange
from station.services.pending_labels import pending_shelf
from station.services.pick_shorts import pick_shorts
from station.services.report import Report, shift_report


def warehouse_database(ctx: AppContext) -> Database | None:
    """On a bench joined to a hub the lead watches and commands the whole warehouse: the hub's
    database, where every bench's events are projected as they arrive (and where a lead's
    command is at once for every bench to pull). None on a bench on its own, or when the hub's
    address kept is not usable: then the bench's own database."""
    from station.app import joined_a_hub

    if not joined_a_hub(ctx):
        return None
    from sync.hub.link import HubError, joined_hub, open_hub

    try:
        return open_hub(joined_hub(ctx.home, ctx.settings))
    except HubError:
        return None


def utc_now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


@dataclass(frozen=True)
class LeadCommand:
    """One lead action: `kind` is hold, release, move, unassign, priority, bump or void."""

    kind: str
    number: str
    bench: str | None = None
    operator: str | None = None
    reason: str = ""
    priority: int = 0
    take: bool = False  # take the order from the bench packing it


@dataclass(frozen=True)
class BoardSnapshot:
    at: dt.datetime
    rows: list[BenchRow]
    operators: tuple[str, ...] = ()  # the active staff, whom an order can be assigned to


class LeadWorker(QObject):
    board_ready = Signal(object)  # BoardSnapshot
    clock_ready = Signal(object)  # QueueClock
    figures_ready = Signal(object)  # Report
    shorts_ready = Signal(object, object)  # list[PickShortRow], read at
    labels_ready = Signal(object, object)  # list[PendingParcel], read at
    command_done = Signal(bool, str, object)  # carried out, the sentence, the LeadCommand
    read_failed = Signal(str, str)  # which read (board, clock, figures), the sentence

    def __init__(
        self,
        db: Database,
        lead: str,
        bench: str,
        language: str,
        clock: Any = utc_now,
        settings: Settings | None = None,
    ) -> None:
        """`settings`: the carrier accounts a void asks (none: a void is refused)."""
        super().__init__()
        self._db = db
        self._settings = settings
        self._language = language
        self._clock = clock
        self._service = LeadService(db, lead, bench=bench, clock=clock)

    @Slot()
    def refresh_board(self) -> None:
        now = self._clock()
        try:
            with self._db.read() as session:
                rows = board(session, now)
                staff = tuple(active_operators(session))
        except Exception as exc:
            self.read_failed.emit("board", self._sentence(exc))
            return
        self.board_ready.emit(BoardSnapshot(now, rows, staff))

    @Slot()
    def refresh_clock(self) -> None:
        try:
            with self._db.read() as session:
                found: QueueClock = queue_clock(session, self._clock())
        except Exception as exc:
            self.read_failed.emit("clock", self._sentence(exc))
            return
        self.clock_ready.emit(found)

    @Slot()
    def refresh_shorts(self) -> None:
        try:
            with self._db.read() as session:
                rows = pick_shorts(session)
        except Exception as exc:
            self.read_failed.emit("shorts", self._sentence(exc))
            return
        self.shorts_ready.emit(rows, self._clock())

    @Slot()
    def refresh_labels(self) -> None:
        """The pending shelf: parcels shipped with an internal label, waiting for their
        carrier's (`station carrier pending`)."""
        try:
            with self._db.read() as session:
                rows = pending_shelf(session)
        except Exception as exc:
            self.read_failed.emit("labels", self._sentence(exc))
            return
        self.labels_ready.emit(rows, self._clock())

    @Slot(object)
    def refresh_figures(self, window: Window) -> None:
        try:
            with self._db.read() as session:
                report: Report = shift_report(session, window)
        except Exception as exc:
            self.read_failed.emit("figures", self._sentence(exc))
            return
        self.figures_ready.emit(report)

    def _sentence(self, exc: Exception) -> str:
        """A database the lead can do something about (locked, gone) is one sentence; anything
        else is a bug and is raised."""
        found = failure_of(exc)
        if found is None:
            raise exc
        return found[1].text(self._language)

    @Slot(object)
    def run(self, command: LeadCommand) -> None:
        try:
            said = self._carry_out(command)
        except CommandError as exc:
            self.command_done.emit(False, exc.message(self._language), command)
            return
        except Exception as exc:
            self.command_done.emit(False, self._sentence(exc), command)
            return
        self.command_done.emit(True, said, command)
        self.refresh_board()
        self.refresh_clock()

    def _carry_out(self, command: LeadCommand) -> str:
        lead, number, language = self._service, command.number, self._language
        if command.kind == "hold":
            change = lead.hold(number, command.reason)
            reason = reason_text(change.hold, language)
            return text("lead_held", language, number=change.number, reason=reason)
        if command.kind == "release":
            return text("lead_released", language, number=lead.release(number).number)
        if command.kind in ("move", "unassign"):
            change = lead.reassign(
                number, bench=command.bench, operator=command.operator, take=command.take
            )
            return _assigned(change, language)
        if command.kind == "void":
            return self._void(number)
        if command.kind == "bump":
            change = lead.bump(number)
        else:
            change = lead.set_priority(number, command.priority)
        return text("lead_priority", language, number=change.number, priority=change.priority)

    def _void(self, number: str) -> str:
        """Cancelled at the carrier (a network call: this worker's thread, never the GUI's)."""
        from station.services.voiding import void_shipment

        assert self._settings is not None
        lead, language = self._service, self._language
        voided = void_shipment(
            self._db, self._settings, number, lead=lead.lead, bench=lead.bench, clock=self._clock
        )
        said = []
        for shipment in voided.shipments:
            params = {"number": voided.number, "carrier": shipment.carrier}
            if voided.relabel:
                said.append(text("lead_voided_relabel", language, **params))
            else:
                said.append(text("lead_voided_cancelled", language, **params))
        return " ".join(said)


def _assigned(change: OrderChange, language: str) -> str:
    whom = [text("lead_bench", language, bench=change.bench)] if change.bench else []
    whom += [change.operator] if change.operator else []
    if not whom:
        return text("lead_queued", language, number=change.number)
    return text("lead_assigned", language, number=change.number, whom=", ".join(whom))
