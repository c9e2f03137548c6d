"""Steps that weigh parcels: readings, WEIGH, a lead's OVERRIDE."""

from __future__ import annotations

from station.domain import events as ev
from station.workflow.io import Prompt, ReadScale, Rejected, Sound, SoundKind, Weight
from station.workflow.packing import Packing
from station.workflow.state import PendingWeight
from station.workflow.step import StepBase
from station.workflow.weighing import allowed_deviation_g, expected_weight_g, parcel_box


class WeighingSteps(StepBase):
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
                ev.WeightRejected(
                    parcel_seq=parcel.seq, measured_g=reading.grams, expected_g=expected
                )
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
        self.fact(
            ev.ParcelWeighed(
                parcel_seq=seq,
                measured_g=measured,
                expected_g=expected,
                box=parcel.box_code,
                override_by=lead,
            )
        )

    def after_weighing(self) -> None:
        order = self.state.order
        assert order is not None
        packing = Packing(order)
        if packing.complete():
            self.finish()
        elif order.units_left > 0 and order.current_parcel.weighed:
            # A weighed box is a closed box: what is left goes into the next one.
            self.open_parcel()

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
            ev.WeightOverridden(
                parcel_seq=pending.parcel_seq, measured_g=pending.measured_g, lead=lead
            )
        )
        self.record_weight(pending.parcel_seq, pending.measured_g, pending.expected_g, lead)
        self.accept(
            "weight_overridden", seq=pending.parcel_seq, measured_g=pending.measured_g, lead=lead
        )
        self.after_weighing()
