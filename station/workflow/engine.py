"""The bench engine: one input in, the effects to show and the facts to record out.

The engine changes its own state only; the caller records the facts (in one transaction) before
it shows the effects, and throws the engine away (reloading its state) if that fails.
"""

from __future__ import annotations

from collections.abc import Callable

from station.domain import OrderStatus
from station.domain import events as ev
from station.domain.barcodes import decode_scan
from station.domain.order_codes import SLIP_PREFIX
from station.workflow.command_steps import CommandSteps
from station.workflow.exception_steps import ExceptionSteps
from station.workflow.io import (
    Command,
    CommandName,
    Input,
    Outcome,
    Prompt,
    ReadScale,
    Rejected,
    Scan,
    Sound,
    SoundKind,
    StateChanged,
    Tick,
    Weight,
)
from station.workflow.packing import Packing
from station.workflow.picking_steps import PickingSteps
from station.workflow.state import BenchState, Context
from station.workflow.step import StepBase

_LEARNING = (CommandName.LEARN, CommandName.OVERRIDE)
_ERROR = Sound(SoundKind.ERROR)


class BenchEngine:
    def __init__(self, state: BenchState | None = None) -> None:
        self.state = state or BenchState()

    def handle(self, inp: Input, ctx: Context) -> Outcome:
        asked = (self.state.pending_short, self.state.pending_release)
        step = _Step(self.state, ctx)
        step.run(inp)
        step.note_question(*asked)
        return step.out

    def question_prompt(self, ctx: Context) -> Prompt | None:
        """The SHORT or RELEASE question still waiting for its answer (a restarted bench asks
        it again), or None."""
        if self.state.pending_short is None and self.state.pending_release is None:
            return None
        step = _Step(self.state, ctx)
        step.prompt()
        prompt = step.out.effects[-1]
        return prompt if isinstance(prompt, Prompt) else None


class _Step(PickingSteps, ExceptionSteps, CommandSteps, StepBase):
    """Dispatches one input: scans here; weights, commands, learning and the exceptions that
    take a second word (SHORT, RELEASE) in their mixins."""

    def run(self, inp: Input) -> None:
        if isinstance(inp, Tick):
            if self.state.order is not None and not self._order_still_open_here():
                return
            self.on_tick()
            return
        if self.state.order is not None and not self._order_still_packable(inp):
            return
        self._drop_questions(inp)
        if self.takes_short_reason(inp):
            assert isinstance(inp, Scan)
            self.short_reason(inp.code.strip().upper())
        elif isinstance(inp, Scan):
            self.on_scan(inp.code.strip())
        elif isinstance(inp, Weight):
            self.on_weight(inp)
        else:
            self.on_command(inp)
        if not any(isinstance(e, ReadScale) for e in self.out.effects):
            self.prompt()

    def _drop_questions(self, inp: Input) -> None:
        """A question left unanswered (LEARN's or RELEASE's PIN, SHORT's reason or
        confirmation) is dropped by any input that does not answer it."""
        if not (isinstance(inp, Command) and inp.name in _LEARNING):
            self.state.pending_learn = None
        if not (isinstance(inp, Command) and inp.name is CommandName.OVERRIDE):
            self.state.pending_release = None
        if not self.keeps_pending_short(inp):
            self.drop_pending_short()

    def _order_still_packable(self, inp: Input) -> bool:
        """The shop or a lead may have cancelled or held the open order since the last input, or
        another bench shipped it: then nothing more may happen to it here, not even ABORT."""
        order = self.state.order
        assert order is not None
        status, hold = self.ctx.catalog.order_status(order.id)
        order.status = status
        allowed = isinstance(inp, Command) and inp.name in (
            CommandName.ABORT,
            CommandName.HOLD,
        )
        if status is OrderStatus.SHIPPED:
            self.reject("order_shipped", number=order.number)
            self.state.order = None
            self.state.pending_weight = None
            self.out.effects.append(StateChanged(None))
            return False
        if not self._order_still_here(status):
            return False
        if status is OrderStatus.CANCELLED and not allowed:
            self.reject("order_cancelled", number=order.number)
            return False
        if status is OrderStatus.HELD and not allowed:
            self.reject("order_held", number=order.number, reason=self.reason_text(hold))
            return False
        return True

    def _order_still_here(self, status: OrderStatus | None = None) -> bool:
        """A lead may have taken the open order from this bench (to the queue, or another
        bench): then the operator is told at once and the bench forgets it, so that nobody goes
        on scanning an order the bench no longer has. Nothing is recorded: the lead's command
        was."""
        order = self.state.order
        assert order is not None
        if status is None:
            status = self.ctx.catalog.order_status(order.id)[0]
        if status is not OrderStatus.QUEUED and status is not OrderStatus.PACKING:
            return True
        bench = self.ctx.catalog.order_bench(order.id)
        if status is OrderStatus.PACKING and bench == self.ctx.bench:
            return True
        self._forget_order(code="order_taken", where=bench or self.say("the_queue"))
        return False

    def _order_still_open_here(self) -> bool:
        """Between inputs (a tick, or a lead's command seen by the bench's watch): an order put
        on hold meanwhile is set aside with what was scanned, as is one a lead took away."""
        order = self.state.order
        assert order is not None
        status, hold = self.ctx.catalog.order_status(order.id)
        if status is OrderStatus.HELD:
            self._forget_order(code="order_put_on_hold", reason=self.reason_text(hold))
            return False
        return self._order_still_here(status)

    def _forget_order(self, code: str, **params: str) -> None:
        """The bench no longer has its open order: say why, loudly, and ask for the next."""
        order = self.state.order
        assert order is not None
        said = self.say(code, number=order.number, **params)
        self.out.effects += [Rejected(code, said, {"number": order.number}), _ERROR]
        self.state.order = None
        self.state.pending_weight = None
        self.out.effects.append(StateChanged(None))
        self.prompt()

    def on_tick(self) -> None:
        order = self.state.order
        if order and order.cutoff_at and not order.cutoff_warned and self.ctx.now > order.cutoff_at:
            order.cutoff_warned = True
            self.out.effects.append(
                Prompt("cutoff_passed", self.say("cutoff_passed", number=order.number))
            )

    def on_scan(self, code: str) -> None:
        if not code:
            return
        if self.state.order is None:
            self.open_order_by_code(code)
        else:
            self.scan_into_order(code)

    def open_order_by_code(self, code: str) -> None:
        found = self.ctx.catalog.find_order(code)
        if found is None:
            key = decode_scan(code).key
            product = self.ctx.catalog.product_by_code(key)
            self.reject("no_order" if product else "unknown_order", code, code=code)
            return
        self.claim(found, code)
        self.opened_from_tote(code)

    def scan_into_order(self, code: str) -> None:
        order = self.state.order
        assert order is not None
        other = self._other_order(code)
        if other is not None:
            self.reject("other_order", code, other=other, number=order.number)
            return
        box = next((b for b in self.ctx.catalog.boxes() if b.code == code), None)
        if box is not None:
            parcel = order.current_parcel
            parcel.box_code = box.code
            self.fact(ev.BoxChosen(parcel_seq=parcel.seq, box=box.code))
            self.accept("box_chosen", seq=parcel.seq, box=box.name)
            return
        if self.picking_scan(code):
            return
        self.verify_units(code)

    def _other_order(self, code: str) -> str | None:
        order = self.state.order
        assert order is not None
        if not code.upper().startswith(SLIP_PREFIX):
            return None
        found = self.ctx.catalog.find_order(code)
        return found.number if found is not None and found.id != order.id else None

    def verify_units(self, code: str) -> None:
        order = self.state.order
        assert order is not None
        scanned = decode_scan(code)
        packing = Packing(order)
        match = packing.find_line(scanned.key, scanned.text)
        if match is None:
            product = self.ctx.catalog.product_by_code(scanned.key)
            if product is None:
                self.state.unknown_code = code
                self.reject("unknown_code", code, code=scanned.text)
            else:
                self.reject("not_in_order", code, name=product.name, number=order.number)
            return
        line, units = match
        refusal = packing.unit_refusal(line, units, scanned, self.ctx.catalog)
        if refusal is not None:
            self.reject(refusal[0], code, **refusal[1])
            return
        self.state.pending_weight = None
        seq = packing.parcel_for_items().seq
        event_id = self.ctx.new_id()
        packing.add_units(event_id, line, units, seq, scanned.serial)
        verified = ev.UnitsVerified(
            line=line.uid,
            sku=line.sku,
            quantity=units,
            parcel_seq=seq,
            code=scanned.raw,
            lot=scanned.lot,
            expiry=scanned.expiry,
            serial=scanned.serial,
            product_sku=line.product.sku if line.product else None,
        )
        self.fact(verified, event_id)
        self.accept(
            "unit_ok" if units == 1 else "units_ok",
            name=line.name,
            units=units,
            verified=line.verified,
            quantity=line.quantity,
        )

    def on_command(self, command: Command) -> None:
        _COMMANDS[command.name](self, command.arg)


# Each command word and the step that handles it.
_COMMANDS: dict[CommandName, Callable[[_Step, str], None]] = {
    CommandName.NEXT: _Step.cmd_next,
    CommandName.UNDO: _Step.cmd_undo,
    CommandName.NEWBOX: _Step.cmd_newbox,
    CommandName.SHORT: _Step.cmd_short,
    CommandName.HOLD: _Step.cmd_hold,
    CommandName.WEIGH: _Step.cmd_weigh,
    CommandName.PRINT: _Step.cmd_print,
    CommandName.REPRINT: _Step.cmd_reprint,
    CommandName.ABORT: _Step.cmd_abort,
    CommandName.OVERRIDE: _Step.cmd_override,  # a weight or a learnt code, by what is pending
    CommandName.LEARN: _Step.cmd_learn,
    CommandName.RELEASE: _Step.cmd_release,
}
