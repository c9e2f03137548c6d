"""The bench's worker thread: owns the BenchService, runs one input at a time, in order.

Every input is a database write transaction (a few ms, but a slow disk or a busy writer can
stretch it), so it never runs on the GUI thread. Inputs arrive by queued signals, which keeps
them in the order they were scanned; each outcome goes back as a frozen `ScanOutcome`.
"""

from __future__ import annotations

import logging
import time
import uuid
from collections.abc import Callable, Container
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
    from station.devices.health import DeviceHealth

    # The bench service (documents, carriers, the scan grammar) is imported when the worker
    # opens it on its own thread, so the window paints before it has loaded.
    from station.services.bench import BenchService, HandledInput
    from station.services.bench_watch import LeadWatch
    from station.services.heartbeat import Heartbeat
    from station.services.packed import PackedParcel

log = logging.getLogger(__name__)
TICK_MS = 30_000
# A lead's command about this bench shows within two seconds: a read of the events since the
# last look, every second, here on the bench's thread (the GUI thread never waits on it).
WATCH_MS = 1000
BEAT_MS = 10_000  # how often the bench's report is looked at; it is recorded far less often
FIRST_BEAT_MS = 1000


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
        lag: Callable[[], int | None] | None = None,
        wake_hub: Callable[[], None] | None = None,
    ) -> None:
        """`lag` tells how far behind its hub the bench is (None: not joined to one);
        `wake_hub` sends what an input recorded to the hub now, not at the next round."""
        super().__init__()
        self._lag = lag or (lambda: None)
        self._wake_hub = wake_hub or (lambda: None)
        self._health: dict[str, str] = {}  # device kind -> its last level
        self._heartbeat: Heartbeat | None = None
        self._beat_timer: QTimer | None = None
        self._ctx = ctx
        self._typed_weights = typed_weights
        self._make_service = make_service or _default_service
        self._service: BenchService | None = None
        self._boxes: list[BoxInfo] = []
        self._view = BenchView()
        self._seq = 0
        self._operator = ""
        self._timer: QTimer | None = None
        self._watch_timer: QTimer | None = None
        self._lead_watch: LeadWatch | None = None
        self._packed: tuple[PackedParcel, ...] = ()  # the last packed order's, for its screen

    # -- life cycle (runs in the worker thread) -------------------------------------------------

    @Slot()
    def start(self) -> None:
        self._open_service()
        self._timer = QTimer(self)
        self._timer.timeout.connect(self._tick)
        self._timer.start(TICK_MS)
        self._watch_timer = QTimer(self)
        self._watch_timer.timeout.connect(self._watch)
        self._watch_timer.start(WATCH_MS)
        self._beat_timer = QTimer(self)
        self._beat_timer.timeout.connect(self._beat)
        self._beat_timer.start(BEAT_MS)
        # The first report once the devices have said how they are: one event, not one each.
        QTimer.singleShot(FIRST_BEAT_MS, self._beat)

    def _open_service(self) -> None:
        from station.services.bench_watch import LeadWatch
        from station.services.catalog import DbCatalog
        from station.services.heartbeat import Heartbeat

        self._service = self._make_service(self._ctx, self._operator)
        name = self._service.bench_name
        self._heartbeat = Heartbeat(self._ctx.db, name)
        self._lead_watch = LeadWatch(
            self._ctx.db, name, self._open_order, self._lead_took_it, self._given
        )
        self._lead_watch()  # the log as it stands is no news
        with self._ctx.db.read() as session:
            self._boxes = DbCatalog(session, self._service.bench_id).boxes()
        state = self._service.engine.state
        self._read_packed(state.last_order_number)
        self._view = bench_view(state, self._boxes, packed=self._packed)
        self.ready.emit(ScanOutcome(text="", view=self._view, prompt=self._resume_prompt()))

    def _resume_prompt(self) -> str:
        settings = self._ctx.settings
        asked = self._service.question_prompt()
        if asked is not None:  # asked before a restart and not answered yet: ask it again
            return asked.message
        order = self._view.order
        if order is None:
            return messages.text("scan_order", settings.language)
        return messages.text(
            "resumed", settings.language, number=order.number, left=order.units_left
        )

    @Slot()
    def stop(self) -> None:
        for timer in (self._timer, self._watch_timer, self._beat_timer):
            if timer is not None:
                timer.stop()

    def asking(self) -> Container[uuid.UUID]:
        """The orders the bench is asking its carrier for now (read from another thread)."""
        return self._service.asking if self._service is not None else frozenset()

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

    @Slot(object)
    def note_health(self, health: DeviceHealth) -> None:
        """A device's health, from the window's watch or the printer's thread: a change of level
        is reported at once (a device's first word waits for the first report)."""
        before = self._health.get(health.device)
        self._health[health.device] = health.level.value
        if before is not None and before != health.level.value:
            self._beat()

    @Slot()
    def _beat(self) -> None:
        from station.services.heartbeat import SelfReport

        if self._heartbeat is None:
            return
        h = self._health
        report = SelfReport(
            h.get("scale", ""), h.get("printer", ""), h.get("scanner", ""), self._lag()
        )
        try:
            self._heartbeat.beat(report, self._operator)
        except Exception:  # a locked or vanished database: the next beat tries again
            log.warning("bench report: not recorded", exc_info=True)

    @Slot()
    def _watch(self) -> None:
        if self._lead_watch is None:
            return
        try:
            self._lead_watch()
        except Exception:  # a locked or vanished database: the next look, or the next scan
            log.warning("bench watch: the log could not be read", exc_info=True)

    def _open_order(self) -> uuid.UUID | None:
        order = self._service.engine.state.order if self._service is not None else None
        return order.uid if order else None

    def _lead_took_it(self) -> None:
        self._run(Tick(), "", time.perf_counter(), quiet=True)

    def _given(self, numbers: list[str]) -> None:
        said = messages.text("order_given", self._ctx.settings.language, number=numbers[-1])
        self._seq += 1
        self.outcome.emit(
            ScanOutcome(
                text="",
                view=self._view,
                banner=Banner("exception", said, "order_given"),
                sounds=("ok",),
                started_at=time.perf_counter(),
                seq=self._seq,
            )
        )

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
        self._wake_hub()
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
