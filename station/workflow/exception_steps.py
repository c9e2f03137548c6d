"""The exceptions that take a second word: SHORT and RELEASE.

SHORT never ships or holds in one key press. The first SHORT [SKU] says which units would be
marked missing and asks why (OUT, DAMAGED, NOTFOUND); SHORT again confirms (`SHORT OUT` gives
the reason and confirms at once); with the setting `short_needs_lead` a lead then approves with
OVERRIDE and the PIN. Any other input drops the question and is handled as usual, so an item
found after all is simply scanned. When the order ships short, its missing units stay as a
backorder (`BackorderOpened`, recorded when the order is packed).

RELEASE N lets a lead release a held order at the bench: OVERRIDE and the lead's PIN next.
"""

from __future__ import annotations

from station.domain import OrderStatus
from station.domain import events as ev
from station.workflow.io import Command, Input, ReleaseOrder, Scan
from station.workflow.learning_steps import LearningSteps
from station.workflow.packing import Packing
from station.workflow.state import SHORT_REASONS, BenchState, OrderSnapshot, PendingShort


class ExceptionSteps(LearningSteps):
    # -- SHORT -------------------------------------------------------------------------------

    def takes_short_reason(self, inp: Input) -> bool:
        """A reason word scanned while a SHORT waits for one."""
        pending = self.state.pending_short
        return (
            pending is not None
            and not pending.reason
            and isinstance(inp, Scan)
            and inp.code.strip().upper() in SHORT_REASONS
        )

    def keeps_pending_short(self, inp: Input) -> bool:
        if self.takes_short_reason(inp):
            return True
        return isinstance(inp, Command) and inp.name in ("SHORT", "OVERRIDE")

    def drop_pending_short(self) -> None:
        if self.state.pending_short is not None:
            self.state.pending_short = None
            self.accept("short_dropped")

    def cmd_short(self, arg: str) -> None:
        order = self._require_order("SHORT")
        if order is None:
            return
        word = arg.strip().upper()
        pending = self.state.pending_short
        if pending is None:
            self._ask_short(order, "" if word in SHORT_REASONS else arg.strip())
            if self.state.pending_short is not None and word in SHORT_REASONS:
                self.short_reason(word)  # `SHORT OUT` first: the reason, then a confirmation
            return
        if word and word not in SHORT_REASONS:
            self.state.pending_short = None
            self._ask_short(order, arg.strip())  # another line named: ask about that one
            return
        if word:
            pending = self.state.pending_short = PendingShort(pending.units, word)
        if not pending.reason:
            self.reject("short_reason_missing", "SHORT", reasons=self._reason_list())
            return
        self._confirm_short(order, pending)

    def _ask_short(self, order: OrderSnapshot, sku: str) -> None:
        wanted = sku.lower()
        lines = [
            line
            for line in order.lines
            if line.remaining > 0 and (not wanted or line.sku.lower() == wanted)
        ]
        if not lines:
            self.reject("nothing_short", f"SHORT {sku}".strip())
            return
        self.state.pending_short = PendingShort(tuple((ln.id, ln.remaining) for ln in lines))
        self.accept(
            "short_asked_hold" if self.short_holds(order) else "short_asked",
            number=order.number,
            summary=_summary(order, self.state.pending_short),
            reasons=self._reason_list(),
        )

    def short_reason(self, word: str) -> None:
        pending = self.state.pending_short
        assert pending is not None
        self.state.pending_short = PendingShort(pending.units, word)
        self.accept("short_reason_taken", reason=self.say(SHORT_REASONS[word]))

    def _confirm_short(self, order: OrderSnapshot, pending: PendingShort) -> None:
        if self.ctx.settings.short_needs_lead:
            self.state.pending_short = PendingShort(pending.units, pending.reason, confirmed=True)
            self.accept("short_needs_lead", summary=_summary(order, pending))
            return
        self.do_short(order, pending, lead="")

    def approve_short(self, pin: str) -> None:
        lead = self.ctx.catalog.lead_for_pin(pin.strip())
        if lead is None:
            self.reject("bad_pin", "OVERRIDE ****")
            return
        order, pending = self.state.order, self.state.pending_short
        assert order is not None
        assert pending is not None
        self.do_short(order, pending, lead=lead)

    def do_short(self, order: OrderSnapshot, pending: PendingShort, lead: str) -> None:
        self.state.pending_short = None
        lines = [(order.line(line_id), units) for line_id, units in pending.units]
        shorted = tuple(ev.ShortedLine(line.uid, line.sku, units) for line, units in lines)
        for line, units in lines:
            line.short += units
        reason = ev.Reason(SHORT_REASONS[pending.reason])
        self.fact(ev.UnitsShorted(lines=shorted, reason=reason, lead=lead))
        summary = ", ".join(f"{s.sku} ×{s.quantity}" for s in shorted)
        if self.short_holds(order):
            self.accept("shorted_held", summary=summary, reason=self.reason_text(reason))
            params = {"summary": summary, "number": order.number}
            packed = Packing(order).packed_units()
            self.hold(order, ev.Reason("hold_shorted" if packed else "hold_nothing_packed", params))
            return
        self.accept("shorted", summary=summary, reason=self.reason_text(reason))
        if Packing(order).complete():
            self.finish()

    def note_question(self, short: PendingShort | None, release: str | None) -> None:
        """Record the SHORT or RELEASE question as it now stands when this input changed it,
        so a bench restarted before the answer asks it again (`restored_question`)."""
        state = self.state
        if (state.pending_short, state.pending_release) == (short, release):
            return
        if state.pending_short is not None and state.order is not None:
            order, pending = state.order, state.pending_short
            lines = tuple(
                ev.ShortedLine(order.line(line_id).uid, order.line(line_id).sku, units)
                for line_id, units in pending.units
            )
            self.fact(
                ev.ShortAsked(lines=lines, reason=pending.reason, confirmed=pending.confirmed)
            )
        elif state.pending_release is not None:
            self.fact(ev.ReleaseAsked(number=state.pending_release))
        else:
            self.fact(ev.QuestionClosed())

    def short_holds(self, order: OrderSnapshot) -> bool:
        """Whether confirming holds the whole order instead of shipping what is packed."""
        if self.ctx.settings.short_policy == "hold":
            return True
        return Packing(order).packed_units() == 0

    def _reason_list(self) -> str:
        return ", ".join(f"{word} ({self.say(code)})" for word, code in SHORT_REASONS.items())

    # -- RELEASE -----------------------------------------------------------------------------

    def cmd_release(self, arg: str) -> None:
        number = arg.strip()
        if not number:
            self.reject("release_which", "RELEASE")
            return
        found = self.ctx.catalog.find_order(number)
        if found is None:
            self.reject("unknown_order", f"RELEASE {number}", code=number)
            return
        if found.status is not OrderStatus.HELD:
            self.reject("release_not_held", f"RELEASE {number}", number=found.number)
            return
        self.state.pending_release = found.number
        self.accept("release_asked", number=found.number, reason=self.reason_text(found.hold))

    def release_with_pin(self, pin: str) -> None:
        number = self.state.pending_release
        assert number is not None
        lead = self.ctx.catalog.lead_for_pin(pin.strip())
        if lead is None:
            self.reject("bad_pin", "OVERRIDE ****")
            return
        self.state.pending_release = None
        self.out.effects.append(ReleaseOrder(number, lead))
        self.accept("released_at_bench", number=number, lead=lead)

    # -- OVERRIDE: whatever waits for a lead -------------------------------------------------

    def cmd_override(self, arg: str) -> None:
        short = self.state.pending_short
        if self.state.pending_release is not None:
            self.release_with_pin(arg)
        elif short is not None and short.confirmed:
            self.approve_short(arg)
        else:
            super().cmd_override(arg)


def _summary(order: OrderSnapshot, pending: PendingShort) -> str:
    return ", ".join(f"{order.line(line_id).sku} ×{units}" for line_id, units in pending.units)


def restored_question(state: BenchState, asked: ev.DomainEvent | None) -> None:
    """The question the bench's last question event left open, back in `state` after a
    restart: a SHORT about the order still open here, or a RELEASE with no order open."""
    order = state.order
    if isinstance(asked, ev.ShortAsked) and order is not None and asked.order == order.uid:
        ids = {line.uid: line.id for line in order.lines}
        if all(line.line in ids for line in asked.lines):
            units = tuple((ids[line.line], line.quantity) for line in asked.lines)
            state.pending_short = PendingShort(units, asked.reason, asked.confirmed)
    elif isinstance(asked, ev.ReleaseAsked) and order is None:
        state.pending_release = asked.number
