"""Learning a code the catalogue lacks, at the bench: the operator scans it (rejected as
unknown), says which line it belongs to with LEARN [SKU], and a lead confirms with OVERRIDE
and the PIN. From then on the code is the product's, here and at every bench; the unit in hand
counts at once."""

from __future__ import annotations

from station.domain import events as ev
from station.domain.barcodes import decode_scan
from station.workflow.state import LineState, PendingLearn
from station.workflow.weighing_steps import WeighingSteps


class LearningSteps(WeighingSteps):
    def cmd_learn(self, arg: str) -> None:
        order = self._require_order("LEARN")
        if order is None:
            return
        code = self.state.unknown_code
        if code is None:
            self.reject("nothing_to_learn", "LEARN")
            return
        line = self._line_for(arg.strip())
        if line is None:
            return
        if line.product is None:
            self.reject("learn_no_product", f"LEARN {arg}", name=line.name)
            return
        self.state.pending_learn = PendingLearn(code, line.id)

    def _line_for(self, sku: str) -> LineState | None:
        order = self.state.order
        assert order is not None
        if sku:
            line = next((ln for ln in order.lines if ln.sku.lower() == sku.lower()), None)
            if line is None:
                self.reject("learn_no_line", f"LEARN {sku}", sku=sku, number=order.number)
            return line
        open_lines = [ln for ln in order.lines if ln.remaining > 0]
        if len(open_lines) != 1:
            self.reject("learn_pick_line", "LEARN")
            return None
        return open_lines[0]

    def cmd_override(self, arg: str) -> None:
        if self.state.pending_learn is None:
            super().cmd_override(arg)  # a weight out of tolerance
            return
        lead = self.ctx.catalog.lead_for_pin(arg.strip())
        if lead is None:
            self.reject("bad_pin", "OVERRIDE ****")
            return
        self.confirm_learn(lead)

    def confirm_learn(self, lead: str) -> None:
        order, pending = self.state.order, self.state.pending_learn
        assert order is not None
        assert pending is not None
        line = order.line(pending.line_id)
        assert line.product is not None
        key = decode_scan(pending.code).key
        line.codes[key] = 1
        self.fact(
            ev.CodeLearnt(code=key, scanned=pending.code, line=line.uid, sku=line.sku, lead=lead)
        )
        self.state.pending_learn = None
        self.state.unknown_code = None
        self.accept("code_learnt", code=key, name=line.name, lead=lead)
        self.verify_units(pending.code)
