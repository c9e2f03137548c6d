"""The bench's worker thread: owns the BenchService, runs one input at a time, in order.

Every input is a database write transaction (a few ms, but a slow disk or a busy writer can
stretch it), so it never runs on the GUI thread. Inputs arrive by queued signals, which keeps
them in the order they were scanned; each outcome goes back as a frozen `ScanOutcome`.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QTimer, Signal, Slot

from station.config import Settings
from station.context import AppContext
from station.domain import messages
from station.ui.viewdata import (
    Banner,
    BenchView,
    ScanOutcome,
    banner_for,
    bench_view,
    changed_skus,
    packed_order,
    prompt_for,
    sounds_for,
    weigh_request,
)
from station.workflow.io import Input, Tick, Weight, parse_line
from station.workflow.state import BoxInfo

if TYPE_CHECKING:
    # The bench service (documents, carriers, the scan grammar) is imported when the worker
    # opens it on its own thread, so the window paints before it has loaded.
    from station.services.bench import BenchService, HandledInput
    from station.services.packed import PackedParcel

log = logging.getLogger(__name__)
TICK_MS = 30_000


class BenchWorker(QObject):
    ready = Signal(object)  # ScanOutcome: the state the bench starts in
    outcome = Signal(object)  # ScanOutcome, one per input
    weigh_requested = Signal(int, int, float)  # parcel seq, expected g, started_at

    def __init__(
        self,
        ctx: AppContext,
        *,
        typed_weights: bool,
        make_service: Callable[[AppContext, str], BenchService] | None = None,
    ) -> None:
        super().__init__()
        self._ctx = ctx
        self._typed_weights = typed_weights
        self._make_service = make_service or _default_service
        self._service: BenchService | None = None
        self._boxes: list[BoxInfo] = []
        self._view = BenchView()
        self._seq = 0
        self._operator = ""
        self._timer: QTimer | None = None
        self._packed: tuple[PackedParcel, ...] = ()  # the last packed order's, for its screen

    # -- life cycle (runs in the worker thread) -------------------------------------------------

    @Slot()
    def start(self) -> None:
        self._open_service()
        self._timer = QTimer(self)
        self._timer.timeout.connect(self._tick)
        self._timer.start(TICK_MS)

    def _open_service(self) -> None:
        from station.services.catalog import DbCatalog

        self._service = self._make_service(self._ctx, self._operator)
        with self._ctx.db.read() as session:
            self._boxes = DbCatalog(session, self._service.bench_id).boxes()
        state = self._service.engine.state
        self._read_packed(state.last_order_number)
        self._view = bench_view(state, self._boxes, packed=self._packed)
        self.ready.emit(ScanOutcome(text="", view=self._view, prompt=self._resume_prompt()))

    def _resume_prompt(self) -> str:
        settings = self._ctx.settings
        order = self._view.order
        if order is None:
            return messages.text("scan_order", settings.language)
        return messages.text(
            "resumed", settings.language, number=order.number, left=order.units_left
        )

    @Slot()
    def stop(self) -> None:
        if self._timer is not None:
            self._timer.stop()

    @Slot(str)
    def set_operator(self, name: str) -> None:
        self._operator = name
        if self._service is not None:
            self._service.operator = name

    @Slot(object)
    def apply_settings(self, settings: Settings) -> None:
        """New settings take effect on the next input; a new bench name needs a new service."""
        # compared with the service's: the window has set the shared context's already
        now = self._service.settings if self._service is not None else self._ctx.settings
        renamed = settings.bench_name != now.bench_name
        joined = settings.extra.get("hub_joined") != now.extra.get("hub_joined")
        self._ctx.settings = settings
        if self._service is not None:
            self._service.settings = settings
        if renamed or joined:  # a bench that joined a hub claims on it (station.app.hub_claims)
            self._open_service()

    # -- inputs ------------------------------------------------------------------------------------

    @Slot(str, float)
    def submit(self, text: str, started_at: float) -> None:
        inp = parse_line(text, typed_weights=self._typed_weights)
        if inp is not None:
            self._run(inp, text, started_at)

    @Slot(int, int, str, float)
    def on_reading(self, seq: int, grams: int, problem: str, started_at: float) -> None:
        """A reading from the scale thread; `problem` is empty when the weight is stable."""
        if problem:
            self._emit_error(f"{grams} g", problem, started_at)
            return
        self._run(Weight(grams), f"{grams} g", started_at)

    @Slot()
    def _tick(self) -> None:
        if self._service is not None and self._service.engine.state.order is not None:
            self._run(Tick(), "", time.perf_counter(), quiet=True)

    def _run(self, inp: Input, text: str, started_at: float, quiet: bool = False) -> None:
        assert self._service is not None
        try:
            handled = self._service.handle(inp)
        except Exception as exc:  # the one translation of failures: station.services.failures
            from station.services.failures import failure_of

            found = failure_of(exc)
            if found is None:
                raise
            self._emit_error(text, found[1].text(self._ctx.settings.language), started_at)
            return
        if quiet and not handled.effects:
            return
        self._emit(handled, text, started_at)

    def _emit(self, handled: HandledInput, text: str, started_at: float) -> None:
        assert self._service is not None
        weigh = weigh_request(handled.effects)
        before = self._view
        self._read_packed(packed_order(handled.effects))
        self._view = bench_view(
            self._service.engine.state, self._boxes, weigh[0] if weigh else None, self._packed
        )
        self._seq += 1
        self.outcome.emit(
            ScanOutcome(
                text=text,
                view=self._view,
                banner=banner_for(handled.effects),
                prompt=prompt_for(handled.effects),
                sounds=sounds_for(handled.effects),
                printed=tuple(doc.ref.name for doc in handled.printed),
                documents=tuple(handled.printed),
                weigh=weigh,
                started_at=started_at,
                seq=self._seq,
                changed_skus=changed_skus(before, self._view),
                warnings=tuple(handled.warnings),
            )
        )
        if weigh is not None:
            if self._typed_weights:
                self._emit_info(messages.text("no_scale", self._ctx.settings.language), started_at)
            else:
                self.weigh_requested.emit(weigh[0], weigh[1], started_at)

    def _read_packed(self, number: str | None) -> None:
        """The parcels and tracking numbers of an order just packed (committed by now)."""
        if number:
            with self._ctx.db.read() as session:
                from station.services.packed import packed_parcels

                self._packed = packed_parcels(session, number)

    def _emit_error(self, text: str, msg: str, started_at: float) -> None:
        self._seq += 1
        self.outcome.emit(
            ScanOutcome(
                text=text,
                view=self._view,
                banner=Banner("error", msg),
                sounds=("error",),
                started_at=started_at,
                seq=self._seq,
            )
        )

    def _emit_info(self, msg: str, started_at: float) -> None:
        self._seq += 1
        self.outcome.emit(
            ScanOutcome(text="", view=self._view, prompt=msg, started_at=started_at, seq=self._seq)
        )


def _default_service(ctx: AppContext, operator: str) -> BenchService:
    from station.app import bench_service

    return bench_service(ctx, operator)
