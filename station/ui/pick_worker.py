"""The picker window's worker thread: owns the PickService, runs one scan at a time, in order.

Taking the batch and every scan are database writes, so they never run on the GUI thread
(the bench's `station.ui.worker` does the same). Each answer goes back as a frozen
`PickOutcome` view: what the window paints, and nothing it would have to look up.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal, Slot

from station.context import AppContext
from station.domain import messages
from station.ui.viewdata import Banner, banner_for, prompt_for
from station.workflow.io import parse_line

if TYPE_CHECKING:
    from station.services.picking import PickService
    from station.workflow.batch_pick import BatchPick


@dataclass(frozen=True)
class RouteRow:
    step: int  # the stop's number on the route
    bin: str
    units: int
    sku: str
    name: str
    tote: str


@dataclass(frozen=True)
class PickView:
    """The picker's screen: where to go, what to take, which tote it goes into."""

    bin: str = ""  # the bin to walk to or stand at ("" while totes are scanned)
    units: int = 0
    name: str = ""
    tote: str = ""
    number: str = ""  # the order the units are for (or the next tote is for)
    step: int = 0
    stops: int = 0
    at_bin: bool = False
    totes_taken: int = 0
    orders: int = 0
    finished: bool = False
    route: tuple[RouteRow, ...] = ()
    current: int = -1  # the index in `route` of the line to put next
    totes: tuple[tuple[str, str], ...] = ()  # (order number, tote) as scanned


@dataclass(frozen=True)
class PickOutcome:
    view: PickView
    prompt: str
    banner: Banner | None = None
    text: str = ""  # the scanned line
    sounds: tuple[str, ...] = field(default_factory=tuple)
    seq: int = 0


def pick_view(pick: BatchPick) -> PickView:
    """The machine's state as the window shows it (read on the worker thread)."""
    numbers = {o.uid: o.number for o in pick.orders}
    route: list[RouteRow] = []
    current = -1
    for i, stop in enumerate(pick.stops):
        for j, line in enumerate(stop.picks):
            if (i, j) == (pick.stop_i, pick.pick_i):
                current = len(route)
            where = stop.bin.code if stop.bin else "-"
            row = RouteRow(i + 1, where, line.quantity, line.sku, line.name, pick.tote_of(line))
            route.append(row)
    totes = tuple((numbers[uid], tote) for uid, tote in pick.totes.items())
    waiting = pick.orders[len(pick.totes)].number if len(pick.totes) < len(pick.orders) else ""
    base = PickView(
        number=waiting,
        totes_taken=len(pick.totes),
        orders=len(pick.orders),
        finished=bool(pick.orders) and pick.finished,
        route=tuple(route),
        current=current,
        totes=totes,
        stops=len(pick.stops),
    )
    here = pick.current
    if here is None:
        return base
    stop, line = here
    order_uid = next(uid for uid, n in numbers.items() if n == line.order)
    where = stop.bin.code if stop.bin else "-"
    if pick.overflow is not None:  # sent to an overflow bin, or standing at it
        where = (pick.overflow.at or pick.overflow.bins[0]).code
    return PickView(
        **{
            **base.__dict__,
            "bin": where,
            "units": line.quantity,
            "name": line.name,
            "tote": pick.totes[order_uid],
            "number": line.order,
            "step": pick.stop_i + 1,
            "at_bin": pick.at_bin,
        }
    )


def _sounds(banner: Banner | None) -> tuple[str, ...]:
    if banner is None:
        return ()
    return ("ok",) if banner.kind == "ok" else ("error",)


class PickWorker(QObject):
    ready = Signal(object)  # PickOutcome: the batch taken (or carried on)
    outcome = Signal(object)  # PickOutcome, one per scan

    def __init__(self, ctx: AppContext, make_service: Callable[[AppContext], PickService]) -> None:
        super().__init__()
        self._ctx = ctx
        self._make_service = make_service
        self._service: PickService | None = None
        self._seq = 0

    @Slot()
    def start(self) -> None:
        self._service = self._make_service(self._ctx)
        pick = self._service.pick
        banner = None
        if self._service.resumed:
            language = self._ctx.settings.language
            said = messages.text("batch_resumed", language, count=len(pick.orders))
            banner = Banner("info", said, "batch_resumed")
        self.ready.emit(PickOutcome(pick_view(pick), pick.prompt().message, banner))

    @Slot(str, float)
    def submit(self, text: str, started_at: float) -> None:
        inp = parse_line(text)
        if inp is None or self._service is None:
            return
        try:
            out = self._service.handle(inp, dt.datetime.now(dt.UTC))
        except Exception as exc:  # the one translation of failures: station.services.failures
            from station.services.failures import failure_of

            found = failure_of(exc)
            if found is None:
                raise
            said = found[1].text(self._ctx.settings.language)
            view = pick_view(self._service.pick)
            self.outcome.emit(PickOutcome(view, "", Banner("error", said), text))
            return
        banner = banner_for(list(out.effects))
        self._seq += 1
        self.outcome.emit(
            PickOutcome(
                view=pick_view(self._service.pick),
                prompt=prompt_for(list(out.effects)) or "",
                banner=banner,
                text=text,
                sounds=_sounds(banner),
                seq=self._seq,
            )
        )
