"""The built-in carrier: numbers from the range the courier assigned, Station's own label.

It needs no network, so a bench labels through any outage. Every carrier code with a
`tracking_ranges` entry and no account of another kind is served by it.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from station.carriers.numbering import Numbering, tracking_range
from station.carriers.port import (
    CounterStore,
    CreatedLabels,
    LabelFormat,
    LabelledParcel,
    LabelRequest,
    ParcelToLabel,
    ShippingError,
)
from station.carriers.registry import register_carrier
from station.config import Settings
from station.labels.courier import LabelView, label_pdf, label_zpl
from station.labels.errors import DocumentError


@dataclass
class RangeCarrier:
    code: str
    ranges: Mapping[str, Mapping[str, Any]]
    gs1_company_prefix: str = ""
    sscc_block: tuple[int, int] | None = None  # a hub's block of the SSCC serials
    needs_network: bool = False
    voided: list[str] = field(default_factory=list)

    def create_labels(self, request: LabelRequest, counters: CounterStore) -> CreatedLabels:
        numbering = Numbering(counters, request.language)
        todo = [p for p in request.parcels if p.tracking_number is None]
        if todo:
            numbers = tracking_range(self.ranges, self.code, request.language)
            # The whole order's numbers are checked first: a range too short fails before any
            # counter moves, so an order is never half labelled.
            numbering.reserve(numbers, len(todo))
        labelled = []
        for parcel in request.parcels:
            tracking, sscc = parcel.tracking_number, parcel.sscc
            advanced: dict[str, int] = {}
            if tracking is None:
                tracking, advanced = numbering.take(numbers)
                sscc, more = numbering.sscc(self.gs1_company_prefix, self.sscc_block)
                advanced |= more
            view = parcel_label_view(request, parcel, tracking, sscc)
            documents = {fmt: render(view, fmt, request) for fmt in request.formats}
            labelled.append(LabelledParcel(parcel.seq, tracking, documents, sscc, advanced))
        return CreatedLabels(self.code, tuple(labelled), tuple(numbering.warnings.values()))

    def void(self, tracking_numbers: Sequence[str]) -> None:
        # Nothing to tell a courier that was never told; the counter is not moved back.
        self.voided.extend(tracking_numbers)


def parcel_label_view(
    request: LabelRequest, parcel: ParcelToLabel, tracking: str, sscc: str | None
) -> LabelView:
    """Station's own label of one parcel of the request."""
    return LabelView(
        sender=request.sender,
        recipient=request.recipient,
        carrier=request.carrier,
        service=request.service or "standard",
        weight_g=parcel.weight_g,
        parcel_no=parcel.seq,
        parcel_count=request.parcel_count,
        order_number=request.order_number,
        tracking_number=tracking,
        cod_amount=request.cod_amount if parcel.seq == 1 else None,
        currency=request.currency,
        sscc=sscc,
    )


def render(view: LabelView, fmt: LabelFormat, request: LabelRequest) -> bytes:
    try:
        if fmt == "zpl":
            return label_zpl(view, request.dpi)
        return label_pdf(view, request.label_size)
    except DocumentError as exc:  # e.g. a dpi the printers do not have
        raise ShippingError(exc.code, **exc.params) from exc


def range_carrier(code: str, settings: Settings) -> RangeCarrier:
    return RangeCarrier(
        code, settings.tracking_ranges, settings.gs1_company_prefix, settings.sscc_block
    )


register_carrier("range", range_carrier)
