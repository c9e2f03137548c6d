"""Batch (wave) picking as a pure state machine: a tote scanned for each order of the batch,
then one route over all their lines; at each bin the bin's label, then for each line the tote
it goes into (put-to-tote: the tote's scan confirms the units). `SHORT N` at a line says that
only N were at the bin: when the product has overflow bins the picker is sent there for the
rest first, and `SHORT` again records the short at the pick face.

Inputs are the bench's (`Scan`, `Command`); out come effects to show and events to record.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from typing import Any

from station.domain import events as ev
from station.domain.locations import Location, normalise_code
from station.domain.messages import text
from station.workflow.io import Accepted, Command, CommandName, Input, Prompt, Rejected, Scan
from station.workflow.route import PickLine, Stop, plan_route

TOTE_PREFIX = "TOTE"


@dataclass(frozen=True)
class BatchLine:
    uid: uuid.UUID
    sku: str
    name: str
    quantity: int
    bin: Location | None
    overflow: tuple[Location, ...] = ()  # where the rest lies when the pick face is short


@dataclass(frozen=True)
class BatchOrder:
    uid: uuid.UUID
    number: str
    lines: tuple[BatchLine, ...]


@dataclass
class PickOutcome:
    effects: list[Accepted | Rejected | Prompt] = field(default_factory=list)
    events: list[ev.DomainEvent] = field(default_factory=list)


@dataclass
class Overflow:
    """The pick face had `found` of a line's units: the rest may be in one of `bins`."""

    found: int
    bins: tuple[Location, ...]
    at: Location | None = None  # the overflow bin the picker scanned


def is_tote(code: str) -> bool:
    return normalise_code(code).startswith(TOTE_PREFIX)


def _count_below(arg: str, limit: int) -> int | None:
    """`SHORT N`'s N when it is a whole number below `limit`."""
    return int(arg) if arg.isdigit() and int(arg) < limit else None


class BatchPick:
    def __init__(
        self, batch: uuid.UUID, orders: list[BatchOrder], busy_totes: set[str], language: str
    ) -> None:
        self.batch = batch
        self.orders = orders
        self.busy = busy_totes
        self.language = language
        self.totes: dict[uuid.UUID, str] = {}
        self.stops: list[Stop] = []
        self.stop_i = 0
        self.pick_i = 0
        self.at_bin = False
        self.overflow: Overflow | None = None
        self._lines = {(o.uid, ln.uid): (o, ln) for o in orders for ln in o.lines}
        self.out = PickOutcome()

    @property
    def finished(self) -> bool:
        return len(self.totes) == len(self.orders) and self.stop_i >= len(self.stops)

    def handle(self, inp: Input) -> PickOutcome:
        self.out = PickOutcome()
        if self.finished:
            self.reject("batch_finished", count=len(self.orders))
        elif isinstance(inp, Command) and inp.name is CommandName.SHORT and self.at_bin:
            self._short(inp.arg.strip())
        elif not isinstance(inp, Scan):
            self.reject("batch_scan_only")
        elif len(self.totes) < len(self.orders):
            self._take_tote(normalise_code(inp.code))
        elif not self.at_bin:
            self._arrive(normalise_code(inp.code))
        elif self.overflow is not None and self.overflow.at is None:
            self._to_overflow(normalise_code(inp.code))
        else:
            self._put(normalise_code(inp.code))
        self.out.effects.append(self.prompt())
        return self.out

    def resume(self, totes: dict[uuid.UUID, str], done: set[uuid.UUID]) -> None:
        """Carry on a batch taken before a restart: the totes scanned, and the lines already put
        into them (or shorted) left out of the route."""
        self.totes = {o.uid: totes[o.uid] for o in self.orders if o.uid in totes}
        if len(self.totes) == len(self.orders):
            self._plan(done)

    @property
    def current(self) -> tuple[Stop, PickLine] | None:
        """The stop the picker is at or walking to, and the line to put next."""
        if len(self.totes) < len(self.orders) or self.stop_i >= len(self.stops):
            return None
        stop = self.stops[self.stop_i]
        return stop, stop.picks[self.pick_i]

    def tote_of(self, pick: PickLine) -> str:
        return self.totes[self._line(pick)[0].uid]

    def _say(self, code: str, /, **params: Any) -> str:
        return text(code, self.language, **params)

    def accept(self, code: str, /, **params: Any) -> None:
        self.out.effects.append(Accepted(code, self._say(code, **params), params))

    def reject(self, code: str, /, **params: Any) -> None:
        self.out.effects.append(Rejected(code, self._say(code, **params), params))

    def prompt(self) -> Prompt:
        code, params = self._next()
        return Prompt(code, self._say(code, **params))

    def _next(self) -> tuple[str, dict[str, Any]]:
        if not self.orders:
            return "batch_none", {}
        if len(self.totes) < len(self.orders):
            order = self.orders[len(self.totes)]
            return "batch_scan_tote", {
                "number": order.number,
                "n": len(self.totes) + 1,
                "of": len(self.orders),
            }
        if self.finished:
            return "batch_finished", {"count": len(self.orders)}
        stop = self.stops[self.stop_i]
        if not self.at_bin:
            where = stop.bin.code if stop.bin else "-"
            return "batch_go_to_bin", {"step": self.stop_i + 1, "of": len(self.stops), "bin": where}
        pick = stop.picks[self.pick_i]
        order, _ = self._line(pick)
        if self.overflow is not None and self.overflow.at is None:
            return "batch_overflow_go", {
                "units": pick.quantity - self.overflow.found,
                "name": pick.name,
                "bins": ", ".join(b.code for b in self.overflow.bins),
            }
        return "batch_put", {
            "units": pick.quantity,
            "name": pick.name,
            "tote": self.totes[order.uid],
            "number": order.number,
        }

    def _take_tote(self, code: str) -> None:
        order = self.orders[len(self.totes)]
        if not is_tote(code):
            self.reject("tote_expected", scanned=code, number=order.number)
            return
        if code in self.busy or code in self.totes.values():
            self.reject("tote_busy", tote=code)
            return
        self.totes[order.uid] = code
        self.out.events.append(ev.ToteAssigned(order=order.uid, tote=code, batch=self.batch))
        self.accept("tote_taken", tote=code, number=order.number)
        if len(self.totes) == len(self.orders):
            self._plan(set())

    def _plan(self, done: set[uuid.UUID]) -> None:
        self.stops = plan_route(
            [
                PickLine(o.number, ln.sku, ln.name, ln.quantity, ln.bin, f"{o.uid}/{ln.uid}")
                for o in self.orders
                for ln in o.lines
                if ln.uid not in done
            ]
        )
        self.at_bin = bool(self.stops) and self.stops[0].bin is None
        self._finish_if_done()

    def _line(self, pick: PickLine) -> tuple[BatchOrder, BatchLine]:
        order_uid, line_uid = pick.ref.split("/")
        return self._lines[(uuid.UUID(order_uid), uuid.UUID(line_uid))]

    def _arrive(self, code: str) -> None:
        stop = self.stops[self.stop_i]
        assert stop.bin is not None  # a stop without a bin needs no label (see _advance)
        if code != stop.bin.code:
            self.reject("wrong_bin", scanned=code, bin=stop.bin.code)
            return
        self.at_bin = True
        self.accept("batch_at_bin", bin=code, units=stop.units)

    def _to_overflow(self, code: str) -> None:
        assert self.overflow is not None
        pick = self.stops[self.stop_i].picks[self.pick_i]
        found = next((b for b in self.overflow.bins if b.code == code), None)
        if found is None:
            self.reject("wrong_bin", scanned=code, bin=self.overflow.bins[0].code)
            return
        self.overflow.at = found
        rest = pick.quantity - self.overflow.found
        self.accept("batch_at_overflow", bin=code, units=rest, name=pick.name)

    def _put(self, code: str) -> None:
        pick = self.stops[self.stop_i].picks[self.pick_i]
        order = self._line(pick)[0]
        tote = self.totes[order.uid]
        if code != tote:
            self.reject("wrong_tote", scanned=code, tote=tote, number=order.number)
            return
        offer = self.overflow
        from_face = offer.found if offer is not None and offer.at is not None else pick.quantity
        self._picked(pick, self._face(), from_face)
        if offer is not None and offer.at is not None:
            self._picked(pick, offer.at.code, pick.quantity - from_face)
        self.accept("put_ok", units=pick.quantity, name=pick.name, tote=tote)
        self._advance()

    def _face(self) -> str:
        where = self.stops[self.stop_i].bin
        return where.code if where else ""

    def _picked(self, pick: PickLine, bin_code: str, units: int) -> None:
        if units <= 0:
            return
        order, line = self._line(pick)
        self.out.events.append(
            ev.UnitsPicked(
                order=order.uid,
                line=line.uid,
                bin=bin_code,
                tote=self.totes[order.uid],
                quantity=units,
            )
        )

    def _short(self, arg: str) -> None:
        pick = self.stops[self.stop_i].picks[self.pick_i]
        _, line = self._line(pick)
        offer = self.overflow
        if offer is None:
            found = _count_below(arg, pick.quantity)
            if found is None:
                self.reject("pick_short_how_many", units=pick.quantity, name=pick.name)
            elif line.overflow:
                self.overflow = Overflow(found, line.overflow)
                self.accept(
                    "pick_overflow_offer",
                    bin=self._face() or "-",
                    found=found,
                    wanted=pick.quantity,
                )
            else:
                self._record_short(pick, self._face(), pick.quantity, found)
        elif offer.at is None:  # SHORT again: the picker will not try the overflow bins
            self._record_short(pick, self._face(), pick.quantity, offer.found)
        else:
            rest = pick.quantity - offer.found
            found = _count_below(arg, rest)
            if found is None:
                self.reject("pick_short_how_many", units=rest, name=pick.name)
                return
            self._picked(pick, self._face(), offer.found)
            self._record_short(pick, offer.at.code, rest, found)

    def _record_short(self, pick: PickLine, where: str, wanted: int, found: int) -> None:
        order, line = self._line(pick)
        tote = self.totes[order.uid]
        self.out.events.append(
            ev.PickShorted(
                order=order.uid, line=line.uid, bin=where, tote=tote, wanted=wanted, found=found
            )
        )
        self.accept("pick_shorted", bin=where or "-", found=found, wanted=wanted, tote=tote)
        self._advance()

    def _advance(self) -> None:
        self.overflow = None
        self.pick_i += 1
        if self.pick_i < len(self.stops[self.stop_i].picks):
            return
        self.stop_i, self.pick_i, self.at_bin = self.stop_i + 1, 0, False
        if self.stop_i < len(self.stops) and self.stops[self.stop_i].bin is None:
            self.at_bin = True  # lines with no bin: nothing to scan, the picker looks for them
        self._finish_if_done()

    def _finish_if_done(self) -> None:
        """The last line put (or shorted): the orders leave the batch, each in its tote."""
        if self.finished:
            self.out.events += [
                ev.BatchFinished(order=o.uid, batch=self.batch) for o in self.orders
            ]
