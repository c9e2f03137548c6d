"""A closed parcel's carrier label, asked after the bench stored the parcel closed.

The bench records its parcels closed (`LabelRequested`, `station.services.shipping`) and
commits; only then is each carrier asked, outside any transaction and within the account's
short deadline, so no other writer waits on the network. What it answered is recorded in a
second transaction: the carrier's label (`LabelCreated`), the internal label while it does not
answer (`LabelPending`), or its refusal (`LabelRefused`, the order back at the bench). If the
app stops between the two, the parcel still waits as asked, and the pending-label round asks
the carrier again after making it forget the lost call: nothing is lost or made twice.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import uuid
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy.orm import Session

from station.carriers import CreatedLabels, LabelRequest, ShippingError, carrier_for
from station.carriers.numbering import ShipmentCounters
from station.carriers.port import ForgettingCarrier
from station.carriers.transport import CarrierUnreachableError
from station.config import Settings
from station.db.engine import Database
from station.db.models import Order
from station.domain import events as ev
from station.printing.archive import DocumentArchive, label_ref, pending_label_ref
from station.printing.bench import PrintedDocument
from station.services.events import record
from station.services.projection import order_by_uid
from station.services.shipping import record_created, record_pending, record_shipped

# carrier's labels, or why it did not answer
Answer = CreatedLabels | CarrierUnreachableError


@dataclass
class Labelled:
    """What the bench prints for the order (each parcel's label as it stands) and says."""

    printed: list[PrintedDocument] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)


def ask_carrier(request: LabelRequest, settings: Settings) -> Answer:
    """The carrier's labels for the request; raises ShippingError when it refuses them."""
    # A network carrier numbers from its own series: no stored counter is read for it.
    try:
        return carrier_for(request.carrier, settings).create_labels(
            request, ShipmentCounters(lambda key: None)
        )
    except CarrierUnreachableError as exc:
        return exc


def label_closed_parcels(
    db: Database,
    settings: Settings,
    archive: DocumentArchive,
    order_uid: uuid.UUID,
    requests: list[LabelRequest],
    *,
    at: dt.datetime,
    bench: str,
    operator: str,
) -> Labelled:
    """Ask each carrier for the labels of the parcels the bench closed, then record them.

    A refusal (ShippingError) is recorded as `LabelRefused` for every carrier asked, what
    the others created is made forgotten, and the error is raised for the operator to read.
    """
    who: dict[str, Any] = {"at": at, "bench": bench, "operator": operator}
    answers: list[tuple[LabelRequest, Answer]] = []
    try:
        for request in requests:
            answers.append((request, ask_carrier(request, settings)))
    except ShippingError as refusal:
        _refused(db, settings, order_uid, requests, answers, refusal, who)
        raise
    with db.write() as session:
        order = order_by_uid(session, order_uid)
        said = _record_answers(session, order, answers, archive, settings, who)
        return Labelled(labels_now(order), said)


def _record_answers(
    session: Session,
    order: Order,
    answers: list[tuple[LabelRequest, Answer]],
    archive: DocumentArchive,
    settings: Settings,
    who: dict[str, Any],
) -> list[str]:
    said: list[str] = []
    for request, answer in answers:
        if isinstance(answer, CarrierUnreachableError):
            reason = ev.Reason(answer.code, {k: str(v) for k, v in answer.params.items()})
            said += record_pending(session, order, request, reason, archive, settings, **who)
            continue
        said += answer.warnings
        for label in answer.parcels:
            record_created(session, order, answer.carrier, request.service, label, archive, **who)
    session.flush()
    if not any(p.label_pending for p in order.parcels):
        parcels = sorted(order.parcels, key=lambda p: p.seq)
        record_shipped(session, order, parcels, **who)
    return said


def labels_now(order: Order) -> list[PrintedDocument]:
    """Each parcel's label as it stands: its carrier's, or the internal one while pending."""
    return [
        PrintedDocument(pending_label_ref(order.number, p.seq))
        if p.label_pending
        else PrintedDocument(label_ref(order.number, p.seq), p.tracking_number)
        for p in sorted(order.parcels, key=lambda p: p.seq)
    ]


def _refused(
    db: Database,
    settings: Settings,
    order_uid: uuid.UUID,
    requests: list[LabelRequest],
    answers: list[tuple[LabelRequest, Answer]],
    refusal: ShippingError,
    who: dict[str, Any],
) -> None:
    """Nothing of the order stays at any carrier, and the order goes back to its bench."""
    for request, _answer in answers:
        carrier = carrier_for(request.carrier, settings)
        if isinstance(carrier, ForgettingCarrier):
            # unreachable now: the lead voids what it may still hold
            with contextlib.suppress(ShippingError):
                carrier.forget(request.order_number)
    reason = ev.Reason(refusal.code, {k: str(v) for k, v in refusal.params.items()})
    with db.write() as session:
        for carrier_code in dict.fromkeys(r.carrier for r in requests):
            refused = ev.LabelRefused(order=order_uid, carrier=carrier_code, reason=reason)
            record(session, refused, **who)
