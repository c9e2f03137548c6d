"""The label a parcel leaves the bench with while its carrier does not answer: Station's own
layout, numbered with the parcel's SSCC (when a GS1 company prefix is configured) or else the
order's own number and the parcel's; marked so nobody hands it to the courier as it is."""

from __future__ import annotations

from dataclasses import replace

from station.carriers.numbering import Numbering
from station.carriers.port import CounterStore, LabelledParcel, LabelRequest
from station.carriers.range import parcel_label_view, render
from station.domain.messages import text


def internal_labels(
    request: LabelRequest,
    counters: CounterStore,
    gs1_company_prefix: str,
    sscc_block: tuple[int, int] | None = None,
) -> tuple[LabelledParcel, ...]:
    """`sscc_block`: the block of SSCC serials a hub handed the bench, if it is joined to one."""
    numbering = Numbering(counters, request.language)
    # The mark goes where the service is printed, in the bench's language.
    marked = replace(request, service=text("courier_label_to_follow", request.language))
    labelled = []
    for parcel in request.parcels:
        sscc, advanced = parcel.sscc, dict[str, int]()
        if sscc is None:
            sscc, advanced = numbering.sscc(gs1_company_prefix, sscc_block)
        number = sscc or f"{request.order_number}-{parcel.seq}"
        view = parcel_label_view(marked, parcel, number, sscc)
        documents = {fmt: render(view, fmt, request) for fmt in request.formats}
        labelled.append(LabelledParcel(parcel.seq, number, documents, sscc, advanced))
    return tuple(labelled)
