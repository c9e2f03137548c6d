"""What every step of the bench engine shares: building the outcome, the prompt, claiming,
finishing and releasing an order."""

from __future__ import annotations

import dataclasses
from typing import Any

from station.domain import OrderStatus
from station.domain import events as ev
from station.domain.messages import text
from station.domain.reasons import reason_text
from station.workflow.io import (
    Accepted,
    Done,
    Fact,
    Outcome,
    Print,
    Prompt,
    Rejected,
    Sound,
    SoundKind,
    StateChanged,
)
from station.workflow.packing import Packing
from station.workflow.state import BenchState, Context, LineState, OrderSnapshot, PendingShort
from station.workflow.weighing import expected_weight_g


class StepBase:
    """One input's worth of work; collects effects and facts in order."""

    def __init__(self, state: BenchState, ctx: Context) -> None:
        self.state = state
        self.ctx = ctx
        self.out = Outcome()

    def verify_units(self, code: str) -> None:
        raise NotImplementedError  # the engine's own scan step

    def line_to_pick(self, order: OrderSnapshot) -> LineState | None:
        return next((line for line in order.lines if line.remaining > 0), None)

    def picking_prompt(self, order: OrderSnapshot) -> tuple[str, dict[str, Any]] | None:
        return None  # the picking steps' own, when the bench picks as it packs

    def say(self, code: str, /, **params: Any) -> str:
        return text(code, self.ctx.settings.language, **params)

    def fact(self, event: ev.DomainEvent, event_id: Any = None) -> Any:
        """Record `event` about the open order (unless it names another); returns its id."""
        event_id = event_id or self.ctx.new_id()
        if event.order is None and self.state.order is not None:
            event = dataclasses.replace(event, order=self.state.order.uid)
        self.out.facts.append(Fact(event, event_id))
        return event_id

    def reason_text(self, reason: ev.Reason | None) -> str:
        return reason_text(reason, self.ctx.settings.language)

    def accept(self, code: str, /, **params: Any) -> None:
        self.out.effects.append(Accepted(code, self.say(code, **params), params))
        self.out.effects.append(Sound(SoundKind.OK))

    def reject(self, reason: str, scanned: str = "", /, **params: Any) -> None:
        text = self.say(reason, **params)
        self.out.effects.append(Rejected(reason, text, params))
        self.out.effects.append(Sound(SoundKind.ERROR))
        params_text = {key: str(value) for key, value in params.items()}
        self.fact(ev.ScanRejected(reason=ev.Reason(reason, params_text), input=scanned))

    def prompt(self) -> None:
        code, params = self._next_prompt()
        self.out.effects.append(Prompt(code, self.say(code, **params)))

    def _next_prompt(self) -> tuple[str, dict[str, Any]]:
        order = self.state.order
        if self.state.pending_release is not None:
            return "release_pin", {"number": self.state.pending_release}
        if order is None:
            return "scan_order", {}
        if self.state.pending_short is not None:
            return self._short_prompt(order, self.state.pending_short)
        if self.state.pending_learn is not None:
            line = order.line(self.state.pending_learn.line_id)
            return "learn_confirm", {"code": self.state.pending_learn.code, "name": line.name}
        if self.state.pending_weight is not None:
            return "after_bad_weight", {"seq": self.state.pending_weight.parcel_seq}
        picking = self.picking_prompt(order)
        if picking is not None:
            return picking
        todo = self.line_to_pick(order)
        if todo is not None:
            product = todo.product
            where = (product.pick_bin or product.bin_location or "-") if product else "-"
            left = order.units_left
            return "scan_items", {
                "number": order.number,
                "left": left,
                "name": todo.name,
                "bin": where,
            }
        parcel = Packing(order).parcel_to_weigh()
        if parcel is not None:
            expected = expected_weight_g(order, parcel, self.ctx.catalog.boxes())
            return "weigh_parcel", {"seq": parcel.seq, "expected_g": expected}
        return "scan_order", {}

    def _short_prompt(
        self, order: OrderSnapshot, short: PendingShort
    ) -> tuple[str, dict[str, Any]]:
        if not short.reason:
            return "short_reason_prompt", {"number": order.number}
        if short.confirmed:
            return "short_lead_prompt", {"number": order.number}
        holds = self.ctx.settings.short_policy == "hold" or Packing(order).packed_units() == 0
        return ("short_confirm_hold_prompt" if holds else "short_confirm_prompt"), {
            "number": order.number
        }

    def claim(self, order: OrderSnapshot, scanned: str) -> None:
        refusal = self._claim_refusal(order)
        if refusal is not None:
            code, params = refusal
            self.reject(code, scanned, **params)
            return
        self.state.order = order
        self.state.pending_weight = None
        self.state.at_bin = None
        order.status = OrderStatus.PACKING
        if not order.parcels:
            order.parcels.append(Packing.new_parcel(1))
        self.fact(ev.OrderClaimed(number=order.number, bench=self.ctx.bench))
        self.accept(
            "order_opened", number=order.number, customer=order.customer, units=order.units_left
        )
        self.out.effects.append(StateChanged(order.id))

    def _claim_refusal(self, order: OrderSnapshot) -> tuple[str, dict[str, Any]] | None:
        if order.status is OrderStatus.CANCELLED:
            return "order_cancelled", {"number": order.number}
        if order.status is OrderStatus.HELD:
            return "order_held", {"number": order.number, "reason": self.reason_text(order.hold)}
        if order.status is OrderStatus.SHIPPED:
            return "order_shipped", {"number": order.number}
        if order.claimed_by and order.claimed_by != self.ctx.bench:
            return "order_claimed", {"number": order.number, "bench": order.claimed_by}
        return None

    def _require_order(self, command: str) -> OrderSnapshot | None:
        if self.state.order is None:
            self.reject("no_order", command)
        return self.state.order

    def finish(self) -> None:
        order = self.state.order
        assert order is not None
        parcels = [p for p in order.parcels if Packing(order).units_in_parcel(p.seq) > 0]
        owed = tuple(ev.ShortedLine(ln.uid, ln.sku, ln.short) for ln in order.lines if ln.short)
        if owed:
            self.fact(ev.BackorderOpened(lines=owed))
        self.fact(ev.OrderPacked(number=order.number, parcels=tuple(p.seq for p in parcels)))
        for parcel in parcels:
            self.out.effects.append(Print("label", order.id, parcel.seq))
        text = self.say("done", number=order.number, parcels=len(parcels))
        self.out.effects.append(Done(order.number, text))
        self.out.effects.append(Sound(SoundKind.DONE))
        self.release(order)
        # Only a packed order is the last packed one (REPRINT prints its labels).
        self.state.last_order_id = order.id
        self.state.last_order_number = order.number

    def hold(self, order: OrderSnapshot, reason: ev.Reason) -> None:
        self.fact(ev.OrderHeld(reason=reason, by="bench"))
        self.accept("held", number=order.number, reason=self.reason_text(reason))
        self.release(order)

    def release(self, order: OrderSnapshot) -> None:
        self.state.order = None
        self.state.pending_weight = None
        self.state.unknown_code = None
        self.state.pending_learn = None
        self.state.pending_short = None
        self.state.at_bin = None
        self.out.effects.append(StateChanged(None))

    def open_parcel(self) -> None:
        order = self.state.order
        assert order is not None
        parcel = Packing.new_parcel(len(order.parcels) + 1)
        order.parcels.append(parcel)
        self.fact(ev.ParcelOpened(parcel_seq=parcel.seq))
        self.accept("parcel_opened", seq=parcel.seq)
