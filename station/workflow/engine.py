"""The bench engine: one input in, the effects to show and the facts to record out.

The engine changes its own state only; the caller records the facts (in one transaction) before
it shows the effects, and throws the engine away (reloading its state) if that fails.
"""

from __future__ import annotations

from typing import Any

from station.devices.codes import decode_scan
from station.domain import EventType, OrderStatus
from station.workflow.io import (
    Accepted,
    Command,
    CommandName,
    Done,
    Fact,
    Input,
    Outcome,
    Print,
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
from station.workflow.messages import message
from station.workflow.packing import Packing
from station.workflow.state import BenchState, Context, OrderSnapshot, PendingWeight
from station.workflow.weighing import allowed_deviation_g, expected_weight_g, parcel_box

SLIP_PREFIX = "ORD"


class BenchEngine:
    def __init__(self, state: BenchState | None = None) -> None:
        self.state = state or BenchState()

    def handle(self, inp: Input, ctx: Context) -> Outcome:
        step = _Step(self.state, ctx)
        step.run(inp)
        return step.out


class _Step:
    """One input's worth of work; collects effects and facts in order."""

    def __init__(self, state: BenchState, ctx: Context) -> None:
        self.state = state
        self.ctx = ctx
        self.out = Outcome()

    # -- building the outcome ------------------------------------------------------------------

    def say(self, code: str, /, **params: Any) -> str:
        return message(code, self.ctx.settings.language, **params)

    def fact(self, type_: EventType, payload: dict[str, Any], order_id: int | None = None) -> Any:
        event_id = self.ctx.new_id()
        if order_id is None and self.state.order is not None:
            order_id = self.state.order.id
        self.out.facts.append(Fact(type_.value, order_id, payload, event_id))
        return event_id

    def accept(self, code: str, /, **params: Any) -> None:
        self.out.effects.append(Accepted(code, self.say(code, **params), params))
        self.out.effects.append(Sound(SoundKind.OK))

    def reject(self, reason: str, scanned: str = "", /, **params: Any) -> None:
        text = self.say(reason, **params)
        self.out.effects.append(Rejected(reason, text, params))
        self.out.effects.append(Sound(SoundKind.ERROR))
        self.fact(EventType.SCAN_REJECTED, {"code": reason, "input": scanned, "message": text})

    def prompt(self) -> None:
        code, params = self._next_prompt()
        self.out.effects.append(Prompt(code, self.say(code, **params)))

    def _next_prompt(self) -> tuple[str, dict[str, Any]]:
        order = self.state.order
        if order is None:
            return "scan_order", {}
        if self.state.pending_weight is not None:
            return "after_bad_weight", {"seq": self.state.pending_weight.parcel_seq}
        todo = next((line for line in order.lines if line.remaining > 0), None)
        if todo is not None:
            where = todo.product.bin_location if todo.product and todo.product.bin_location else "-"
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

    # -- dispatch --------------------------------------------------------------------------------

    def run(self, inp: Input) -> None:
        if isinstance(inp, Tick):
            self.on_tick()
            return
        if self.state.order is not None and not self._order_still_packable(inp):
            return
        if isinstance(inp, Scan):
            self.on_scan(inp.code.strip())
        elif isinstance(inp, Weight):
            self.on_weight(inp)
        else:
            self.on_command(inp)
        if not any(isinstance(e, ReadScale) for e in self.out.effects):
            self.prompt()

    def _order_still_packable(self, inp: Input) -> bool:
        """The shop or a lead may have cancelled or held the open order since the last input."""
        order = self.state.order
        assert order is not None
        status, reason = self.ctx.catalog.order_status(order.id)
        order.status = status
        allowed = isinstance(inp, Command) and inp.name in (
            CommandName.ABORT,
            CommandName.HOLD,
        )
        if status is OrderStatus.CANCELLED and not allowed:
            self.reject("order_cancelled", number=order.number)
            return False
        if status is OrderStatus.HELD and not allowed:
            self.reject("order_held", number=order.number, reason=reason)
            return False
        return True

    def on_tick(self) -> None:
        order = self.state.order
        if order and order.cutoff_at and not order.cutoff_warned and self.ctx.now > order.cutoff_at:
            order.cutoff_warned = True
            self.out.effects.append(
                Prompt("cutoff_passed", self.say("cutoff_passed", number=order.number))
            )

    # -- scans -----------------------------------------------------------------------------------

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

    def claim(self, order: OrderSnapshot, scanned: str) -> None:
        refusal = self._claim_refusal(order)
        if refusal is not None:
            code, params = refusal
            self.reject(code, scanned, **params)
            return
        self.state.order = order
        self.state.pending_weight = None
        order.status = OrderStatus.PACKING
        if not order.parcels:
            order.parcels.append(Packing.new_parcel(1))
        self.fact(EventType.ORDER_CLAIMED, {"number": order.number, "bench": self.ctx.bench})
        self.accept(
            "order_opened", number=order.number, customer=order.customer, units=order.units_left
        )
        self.out.effects.append(StateChanged(order.id))

    def _claim_refusal(self, order: OrderSnapshot) -> tuple[str, dict[str, Any]] | None:
        if order.status is OrderStatus.CANCELLED:
            return "order_cancelled", {"number": order.number}
        if order.status is OrderStatus.HELD:
            return "order_held", {"number": order.number, "reason": order.hold_reason}
        if order.status is OrderStatus.SHIPPED:
            return "order_shipped", {"number": order.number}
        if order.claimed_by and order.claimed_by != self.ctx.bench:
            return "order_claimed", {"number": order.number, "bench": order.claimed_by}
        return None

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
            self.fact(EventType.BOX_CHOSEN, {"parcel_seq": parcel.seq, "box": box.code})
            self.accept("box_chosen", seq=parcel.seq, box=box.name)
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
        payload = {
            "line_id": line.id,
            "sku": line.sku,
            "quantity": units,
            "parcel_seq": seq,
            "code": scanned.raw,
            "lot": scanned.lot,
            "expiry": scanned.expiry.isoformat() if scanned.expiry else None,
            "serial": scanned.serial,
            "product_id": line.product.id if line.product else None,
        }
        self.out.facts.append(Fact(EventType.UNITS_VERIFIED.value, order.id, payload, event_id))
        code_name = "unit_ok" if units == 1 else "units_ok"
        self.accept(
            code_name, name=line.name, units=units, verified=line.verified, quantity=line.quantity
        )

    # -- weighing --------------------------------------------------------------------------------

    def on_weight(self, reading: Weight) -> None:
        order = self.state.order
        if order is None:
            self.reject("nothing_to_weigh", f"{reading.grams} g")
            return
        if not reading.stable:
            self.reject("weight_unstable", f"{reading.grams} g")
            return
        parcel = Packing(order).parcel_to_weigh()
        if parcel is None:
            self.reject("nothing_to_weigh", f"{reading.grams} g")
            return
        boxes = self.ctx.catalog.boxes()
        expected = expected_weight_g(order, parcel, boxes)
        settings = self.ctx.settings
        allowed = allowed_deviation_g(expected, settings.tolerance_g, settings.tolerance_pct)
        diff = reading.grams - expected
        if abs(diff) > allowed:
            self.state.pending_weight = PendingWeight(parcel.seq, reading.grams, expected)
            self.fact(
                EventType.WEIGHT_REJECTED,
                {"parcel_seq": parcel.seq, "measured_g": reading.grams, "expected_g": expected},
            )
            self.out.effects.append(
                Rejected(
                    "weight_out_of_tolerance",
                    self.say(
                        "weight_out_of_tolerance",
                        seq=parcel.seq,
                        measured_g=reading.grams,
                        expected_g=expected,
                        diff_g=diff,
                        allowed_g=allowed,
                    ),
                    {"measured_g": reading.grams, "expected_g": expected, "allowed_g": allowed},
                )
            )
            self.out.effects.append(Sound(SoundKind.ERROR))
            return
        self.record_weight(parcel.seq, reading.grams, expected, lead="")
        self.accept("weight_ok", seq=parcel.seq, measured_g=reading.grams, expected_g=expected)
        self.after_weighing()

    def record_weight(self, seq: int, measured: int, expected: int, lead: str) -> None:
        order = self.state.order
        assert order is not None
        parcel = order.parcel(seq)
        box = parcel_box(order, parcel, self.ctx.catalog.boxes())
        parcel.measured_g, parcel.expected_g = measured, expected
        parcel.box_code = box.code if box else parcel.box_code
        self.state.pending_weight = None
        payload = {
            "parcel_seq": seq,
            "measured_g": measured,
            "expected_g": expected,
            "box": parcel.box_code,
            "override_by": lead,
        }
        self.fact(EventType.PARCEL_WEIGHED, payload)

    def after_weighing(self) -> None:
        order = self.state.order
        assert order is not None
        packing = Packing(order)
        if packing.complete():
            self.finish()
        elif order.units_left > 0 and order.current_parcel.weighed:
            # A weighed box is a closed box: what is left goes into the next one.
            self.open_parcel()

    def finish(self) -> None:
        order = self.state.order
        assert order is not None
        parcels = [p for p in order.parcels if Packing(order).units_in_parcel(p.seq) > 0]
        self.fact(
            EventType.ORDER_PACKED,
            {"number": order.number, "parcels": [p.seq for p in parcels]},
        )
        for parcel in parcels:
            self.out.effects.append(Print("label", order.id, parcel.seq))
        text = self.say("done", number=order.number, parcels=len(parcels))
        self.out.effects.append(Done(order.number, text))
        self.out.effects.append(Sound(SoundKind.DONE))
        self.release(order)

    def release(self, order: OrderSnapshot) -> None:
        self.state.order = None
        self.state.pending_weight = None
        self.state.last_order_id = order.id
        self.state.last_order_number = order.number
        self.out.effects.append(StateChanged(None))

    def open_parcel(self) -> None:
        order = self.state.order
        assert order is not None
        parcel = Packing.new_parcel(len(order.parcels) + 1)
        order.parcels.append(parcel)
        self.fact(EventType.PARCEL_OPENED, {"parcel_seq": parcel.seq})
        self.accept("parcel_opened", seq=parcel.seq)

    # -- commands --------------------------------------------------------------------------------

    def on_command(self, command: Command) -> None:
        handler = getattr(self, f"cmd_{command.name.value.lower()}")
        handler(command.arg)

    def _require_order(self, command: str) -> OrderSnapshot | None:
        if self.state.order is None:
            self.reject("no_order", command)
        return self.state.order

    def cmd_next(self, _arg: str) -> None:
        if self.state.order is not None:
            self.reject("order_open", "NEXT", number=self.state.order.number)
            return
        found = self.ctx.catalog.next_order()
        if found is None:
            self.reject("queue_empty", "NEXT")
            return
        self.claim(found, "NEXT")

    def cmd_undo(self, _arg: str) -> None:
        order = self._require_order("UNDO")
        if order is None:
            return
        if not order.units:
            self.reject("nothing_to_undo", "UNDO")
            return
        last = order.units[-1]
        if order.parcel(last.parcel_seq).weighed:
            self.reject("undo_weighed", "UNDO", seq=last.parcel_seq)
            return
        Packing(order).remove_units(last)
        line = order.line(last.line_id)
        self.fact(
            EventType.SCAN_UNDONE,
            {"undone_event": str(last.event_id), "line_id": line.id, "quantity": last.quantity},
        )
        self.accept("undone", name=line.name, verified=line.verified, quantity=line.quantity)

    def cmd_newbox(self, _arg: str) -> None:
        order = self._require_order("NEWBOX")
        if order is None:
            return
        current = order.current_parcel
        if Packing(order).units_in_parcel(current.seq) == 0:
            self.reject("box_empty", "NEWBOX", seq=current.seq)
            return
        self.open_parcel()

    def cmd_short(self, arg: str) -> None:
        order = self._require_order("SHORT")
        if order is None:
            return
        wanted = arg.strip().lower()
        lines = [
            line
            for line in order.lines
            if line.remaining > 0 and (not wanted or line.sku.lower() == wanted)
        ]
        if not lines:
            self.reject("nothing_short", f"SHORT {arg}".strip())
            return
        shorted = [
            {"line_id": line.id, "sku": line.sku, "quantity": line.remaining} for line in lines
        ]
        for line in lines:
            line.short += line.remaining
        self.fact(EventType.UNITS_SHORTED, {"lines": shorted})
        summary = ", ".join(f"{s['sku']} ×{s['quantity']}" for s in shorted)
        self.accept("shorted", summary=summary)
        if self.ctx.settings.short_policy == "hold":
            self.hold(order, self.say("shorted", summary=summary))
        elif Packing(order).packed_units() == 0:
            self.hold(order, self.say("nothing_packed", number=order.number))
        elif Packing(order).complete():
            self.finish()

    def cmd_hold(self, arg: str) -> None:
        order = self._require_order("HOLD")
        if order is None:
            return
        self.hold(order, arg.strip() or "held at the bench")

    def hold(self, order: OrderSnapshot, reason: str) -> None:
        self.fact(EventType.ORDER_HELD, {"reason": reason})
        self.accept("held", number=order.number, reason=reason)
        self.release(order)

    def cmd_weigh(self, _arg: str) -> None:
        order = self.state.order
        parcel = Packing(order).parcel_to_weigh() if order is not None else None
        if order is None or parcel is None:
            self.reject("nothing_to_weigh", "WEIGH")
            return
        expected = expected_weight_g(order, parcel, self.ctx.catalog.boxes())
        self.out.effects.append(ReadScale(parcel.seq, expected))
        self.out.effects.append(Prompt("weighing", self.say("weighing", seq=parcel.seq)))

    def cmd_override(self, arg: str) -> None:
        pending = self.state.pending_weight
        if self.state.order is None or pending is None:
            self.reject("no_override_pending", "OVERRIDE")
            return
        lead = self.ctx.catalog.lead_for_pin(arg.strip())
        if lead is None:
            self.reject("bad_pin", "OVERRIDE ****")
            return
        self.fact(
            EventType.WEIGHT_OVERRIDDEN,
            {"parcel_seq": pending.parcel_seq, "measured_g": pending.measured_g, "lead": lead},
        )
        self.record_weight(pending.parcel_seq, pending.measured_g, pending.expected_g, lead)
        self.accept(
            "weight_overridden", seq=pending.parcel_seq, measured_g=pending.measured_g, lead=lead
        )
        self.after_weighing()

    def cmd_print(self, _arg: str) -> None:
        order = self._require_order("PRINT")
        if order is None:
            return
        self.out.effects.append(Print("slip", order.id))
        self.accept("printing_slip")

    def cmd_reprint(self, _arg: str) -> None:
        order_id, number = self.state.last_order_id, self.state.last_order_number
        if order_id is None:
            self.reject("nothing_to_reprint", "REPRINT")
            return
        self.out.effects.append(Print("labels", order_id))
        self.accept("reprinting", number=number)

    def cmd_abort(self, _arg: str) -> None:
        order = self._require_order("ABORT")
        if order is None:
            return
        self.fact(EventType.ORDER_RELEASED, {"reason": "abort", "number": order.number})
        self.accept("aborted", number=order.number)
        self.state.order = None
        self.state.pending_weight = None
        self.out.effects.append(StateChanged(None))
