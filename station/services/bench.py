"""A bench at work: feeds inputs to the workflow engine and makes each outcome durable.

Every input is handled in one write transaction: the engine decides, the facts are appended
to the event log and projected onto the order tables, and only after the commit are the
effects handed back to be shown. If anything fails, the transaction rolls back and the
engine's state is reloaded from the database, so what the operator saw is what was stored.
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field

from sqlalchemy import select
from sqlalchemy.orm import Session

from station.carriers import LabelRequest
from station.config import Settings
from station.db.engine import Database
from station.db.models import Bench, Event, Order
from station.domain import OrderStatus
from station.domain import events as ev
from station.domain.messages import text
from station.domain.order_codes import order_number_from_code
from station.labels.slip import slip_pdf
from station.printing.archive import DocumentArchive, label_ref, slip_ref
from station.printing.bench import PrintedDocument
from station.services.catalog import DbCatalog, order_snapshot
from station.services.claims import ClaimSource, LocalClaims, Refusal
from station.services.documents import slip_view
from station.services.events import new_event_id, record
from station.services.labelling import label_closed_parcels, labels_now
from station.services.lead import release_in
from station.services.projection import order_by_uid
from station.services.shipping import ship_order
from station.workflow.engine import BenchEngine
from station.workflow.exception_steps import restored_question
from station.workflow.io import (
    Command,
    CommandName,
    Effect,
    Input,
    Outcome,
    Print,
    Prompt,
    Rejected,
    ReleaseOrder,
    Scan,
    Sound,
    SoundKind,
    Weight,
)
from station.workflow.state import BenchState, Context, WorkflowSettings

Clock = Callable[[], dt.datetime]
# An order whose parcels were closed, what its carriers are asked after the commit, and the
# settings it is labelled with (a hub's tracking and SSCC blocks)
ClosedOrder = tuple[uuid.UUID, list[LabelRequest], Settings]
# Re-reads an order from its shop; returns a sentence when it must not ship as it is.
ShopCheck = Callable[[int], str | None]


def utc_now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


@dataclass
class HandledInput:
    effects: list[Effect]
    printed: list[PrintedDocument] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)  # e.g. a tracking range running low


# What a restarted bench reads back to ask an unanswered SHORT or RELEASE again.
_QUESTION_EVENTS = (ev.ShortAsked.TYPE, ev.ReleaseAsked.TYPE, ev.QuestionClosed.TYPE)


def workflow_settings(settings: Settings) -> WorkflowSettings:
    return WorkflowSettings(
        tolerance_g=settings.weight_tolerance_g,
        tolerance_pct=settings.weight_tolerance_pct,
        short_policy=settings.short_policy,
        short_needs_lead=settings.short_needs_lead,
        pick_bin_scan=settings.pick_bin_scan,
        trust_pick=settings.trust_pick,
        language=settings.language,
    )


class BenchService:
    def __init__(
        self,
        db: Database,
        settings: Settings,
        archive: DocumentArchive,
        *,
        operator: str = "",
        clock: Clock = utc_now,
        notices: Callable[[], list[str]] | None = None,
        shop_check: ShopCheck | None = None,
        claims: ClaimSource | None = None,
    ) -> None:
        """`notices` gives what the operator has not been told yet about the bench itself (the
        clock jumped, say); each answer carries them among its warnings."""
        self.db = db
        self.notices = notices
        self.claims: ClaimSource = claims or LocalClaims()
        self.shop_check = shop_check
        self.settings = settings
        self.archive = archive
        self.operator = operator
        self.clock = clock
        # Orders whose carrier this bench is asking now: the pending-label round leaves them be.
        self.asking: set[uuid.UUID] = set()
        self.bench_id = self._register_bench()
        self.engine = BenchEngine(self._load_state())

    @property
    def bench_name(self) -> str:
        return self.settings.bench_name

    def _register_bench(self) -> int:
        with self.db.write() as session:
            bench = session.scalar(select(Bench).where(Bench.name == self.bench_name))
            if bench is None:
                bench = Bench(name=self.bench_name)
                session.add(bench)
            bench.last_seen_at = self.clock()
            session.flush()
            return bench.id

    def _load_state(self) -> BenchState:
        """Resume where the bench was: its open order as the database has it."""
        with self.db.read() as session:
            catalog = DbCatalog(session, self.bench_id)
            order = catalog.load_order(bench_id=self.bench_id, status=OrderStatus.PACKING)
            state = BenchState(order=order_snapshot(session, order) if order else None)
            last = session.scalar(
                select(Order)
                .join(Event, Event.order_uid == Order.uid)
                .where(Event.type == ev.OrderShipped.TYPE, Event.bench == self.bench_name)
                .order_by(Event.seq.desc())
                .limit(1)
            )
            if last is not None:  # REPRINT after a restart reprints this bench's last order
                state.last_order_id, state.last_order_number = last.id, last.number
            restored_question(state, self._last_question(session))
            return state

    def _last_question(self, session: Session) -> ev.DomainEvent | None:
        """The bench's last SHORT or RELEASE question event (asked, or closed)."""
        row = session.scalar(
            select(Event)
            .where(Event.bench == self.bench_name, Event.type.in_(_QUESTION_EVENTS))
            .order_by(Event.seq.desc())
            .limit(1)
        )
        return None if row is None else ev.decode(row.type, row.version, row.payload)

    def handle(self, inp: Input) -> HandledInput:
        refusal = self._ask_claims(inp)
        if refusal is not None:
            return self._refused(inp, refusal)
        warnings = self._check_shop_before_shipping(inp)
        now = self.clock()
        closed: list[ClosedOrder] = []
        try:
            with self.db.write() as session:
                outcome = self._decide(session, inp, now)
                printed = self._record(session, outcome, now, warnings, closed)
            for order_uid, requests, labelling in closed:
                printed += self._label(order_uid, requests, labelling, now, warnings)
        except BaseException:
            self.engine = BenchEngine(self._load_state())
            raise
        if self.notices is not None:
            warnings += self.notices()
        return HandledInput(outcome.effects, printed, warnings)

    def _ask_claims(self, inp: Input) -> Refusal | None:
        """Before an input can open an order, the claim source has its say (a hub's lease)."""
        if self.engine.state.order is not None:
            return None
        if isinstance(inp, Command) and inp.name is CommandName.NEXT:
            return self.claims.before_next()
        if isinstance(inp, Scan) and inp.code.strip():
            return self.claims.before_open(order_number_from_code(inp.code))
        return None

    def _refused(self, inp: Input, refusal: Refusal) -> HandledInput:
        """Said as the workflow says a refusal, and kept in the log as one."""
        language = self.settings.language
        scanned = inp.code if isinstance(inp, Scan) else getattr(inp, "name", "")
        params = {k: str(v) for k, v in refusal.params.items()}
        with self.db.write() as session:
            record(
                session,
                ev.ScanRejected(reason=ev.Reason(refusal.code, params), input=str(scanned)),
                at=self.clock(),
                bench=self.bench_name,
                operator=self.operator,
            )
        return HandledInput(
            [
                Rejected(refusal.code, text(refusal.code, language, **refusal.params), params),
                Sound(SoundKind.ERROR),
                Prompt("scan_order", text("scan_order", language)),
            ]
        )

    def _check_shop_before_shipping(self, inp: Input) -> list[str]:
        """The last-second check: before an input that can ship the order, re-read it from the
        shop (a bounded wait, outside any transaction). A cancellation or hold found there is
        written to the order, so the engine then refuses to ship it."""
        order = self.engine.state.order
        state = self.engine.state
        if self.shop_check is None or order is None or not _may_ship(inp, state):
            return []
        problem = self.shop_check(order.id)
        return [problem] if problem else []

    def question_prompt(self) -> Prompt | None:
        """The SHORT or RELEASE question the bench still waits on (after a restart too)."""
        with self.db.read() as session:
            return self.engine.question_prompt(self._context(session, self.clock()))

    def _decide(self, session: Session, inp: Input, now: dt.datetime) -> Outcome:
        return self.engine.handle(inp, self._context(session, now))

    def _context(self, session: Session, now: dt.datetime) -> Context:
        return Context(
            now=now,
            bench=self.bench_name,
            operator=self.operator,
            settings=workflow_settings(self.settings),
            catalog=DbCatalog(session, self.bench_id),
            new_id=new_event_id,
        )

    def _record(
        self,
        session: Session,
        outcome: Outcome,
        now: dt.datetime,
        warnings: list[str],
        closed: list[ClosedOrder],
    ) -> list[PrintedDocument]:
        printed: list[PrintedDocument] = []
        for fact in outcome.facts:
            record(
                session,
                fact.event,
                at=now,
                bench=self.bench_name,
                operator=self.operator,
                event_id=fact.id,
            )
            if isinstance(fact.event, ev.OrderPacked):
                session.flush()
                printed += self._ship(session, fact.event, now, warnings, closed)
        for effect in outcome.effects:
            if isinstance(effect, Print) and effect.document != "label":
                printed += self._reprint(session, effect)
            if isinstance(effect, ReleaseOrder):  # a lead's command, the lead's own path
                release_in(session, effect.lead, effect.number, at=now, bench=self.bench_name)
        return printed

    def _ship(
        self,
        session: Session,
        packed: ev.OrderPacked,
        now: dt.datetime,
        warnings: list[str],
        closed: list[ClosedOrder],
    ) -> list[PrintedDocument]:
        """The parcels closed; those whose carrier is asked print once it answered."""
        assert packed.order is not None
        order = order_by_uid(session, packed.order)
        labelling = self.claims.labelling(session, self.settings)
        asked = ship_order(
            session,
            order,
            settings=labelling,
            archive=self.archive,
            at=now,
            bench=self.bench_name,
            operator=self.operator,
            warnings=warnings,
        )
        if asked:
            self.asking.add(order.uid)
            closed.append((order.uid, asked, labelling))
            return []
        return labels_now(order)

    def _label(
        self,
        order_uid: uuid.UUID,
        requests: list[LabelRequest],
        settings: Settings,
        now: dt.datetime,
        warnings: list[str],
    ) -> list[PrintedDocument]:
        """The carrier asked after the commit, its answer recorded in a second transaction."""
        try:
            labelled = label_closed_parcels(
                self.db,
                settings,
                self.archive,
                order_uid,
                requests,
                at=now,
                bench=self.bench_name,
                operator=self.operator,
            )
        finally:
            self.asking.discard(order_uid)
        warnings += labelled.warnings
        return labelled.printed

    def _reprint(self, session: Session, effect: Print) -> list[PrintedDocument]:
        order = session.get_one(Order, effect.order_id)
        if effect.document == "labels":
            return [
                PrintedDocument(label_ref(order.number, p.seq), p.tracking_number)
                for p in sorted(order.parcels, key=lambda p: p.seq)
                if p.label_path
            ]
        if effect.document == "slip":
            ref = slip_ref(order.number)
            self.archive.write(ref, "pdf", slip_pdf(slip_view(session, order)))
            return [PrintedDocument(ref)]
        return []


def _may_ship(inp: Input, state: BenchState) -> bool:
    """SHORT may ship once it is a confirmation (the first press only asks); a reading or a
    lead's OVERRIDE may when nothing is left to scan, or when a short awaits the lead."""
    if isinstance(inp, Command) and inp.name is CommandName.SHORT:
        return state.pending_short is not None
    ships = isinstance(inp, Weight) or (
        isinstance(inp, Command) and inp.name is CommandName.OVERRIDE
    )
    assert state.order is not None
    return ships and (state.order.units_left == 0 or state.pending_short is not None)
