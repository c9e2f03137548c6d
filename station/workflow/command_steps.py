"""Steps for the commands an operator scans or types (NEXT, UNDO, NEWBOX, SHORT, ...)."""

from __future__ import annotations

from station.domain import events as ev
from station.workflow.io import Print, StateChanged
from station.workflow.packing import Packing
from station.workflow.step import StepBase


class CommandSteps(StepBase):
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
        self.fact(ev.ScanUndone(undone_event=last.event_id, line=line.uid, quantity=last.quantity))
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

    def cmd_hold(self, arg: str) -> None:
        order = self._require_order("HOLD")
        if order is None:
            return
        note = arg.strip()
        self.hold(
            order, ev.Reason("hold_note", {"note": note}) if note else ev.Reason("held_at_bench")
        )

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
        self.fact(ev.LabelsReprinted(number=number))
        self.accept("reprinting", number=number)

    def cmd_abort(self, _arg: str) -> None:
        order = self._require_order("ABORT")
        if order is None:
            return
        self.fact(ev.PackingAborted(number=order.number))
        self.accept("aborted", number=order.number)
        self.state.order = None
        self.state.pending_weight = None
        self.out.effects.append(StateChanged(None))
