"""Everything that happens in the warehouse, one frozen dataclass per kind, past tense.

Events are the only write path: the bench, the lead, shop sync, documents and the command line
append them, and one projector turns each into table state. An event names what it is about by
global uids (orders, lines) and human numbers (parcel seq, tracking numbers), never by a local
row id, so two databases can merge their logs; reasons are codes with parameters, never prose.

Each kind is registered by its class (`TYPE`, `VERSION`) and serialised once, by `encode` and
`decode`, into a JSON-safe payload. A change to a kind's fields raises its VERSION; `decode`
refuses a version it does not know rather than guessing.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import types
import typing
import uuid
from collections.abc import Callable
from decimal import Decimal
from typing import Any, ClassVar

import orjson

Json = Any
_REGISTRY: dict[str, type[DomainEvent]] = {}


class UnknownEventError(ValueError):
    """A stored event of a type or schema version this release cannot read."""


@dataclasses.dataclass(frozen=True)
class Reason:
    """Why something happened, as a message code and its parameters (never a sentence)."""

    code: str
    params: dict[str, str] = dataclasses.field(default_factory=dict)


@dataclasses.dataclass(frozen=True, kw_only=True)
class DomainEvent:
    """Base of every event kind. `order` is the uid of the order it is about, if any."""

    TYPE: ClassVar[str] = ""
    VERSION: ClassVar[int] = 1

    order: uuid.UUID | None = None

    def __init_subclass__(cls, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        if cls.TYPE:
            if cls.TYPE in _REGISTRY:
                raise TypeError(f"event type {cls.TYPE!r} is registered twice")
            _REGISTRY[cls.TYPE] = cls


@dataclasses.dataclass(frozen=True)
class Recorded:
    """An event as it stands in the log: its id, when, where and by whom."""

    id: uuid.UUID
    at: dt.datetime
    bench: str
    operator: str
    event: DomainEvent


# --- values carried inside events ----------------------------------------------------------------


@dataclasses.dataclass(frozen=True)
class DocumentRef:
    """Which archived document: a parcel's label, an order's slip. Never a file path: the
    document archive derives where the files are, in each format it keeps."""

    kind: str  # label, slip
    order_number: str
    parcel_seq: int | None = None

    @property
    def name(self) -> str:
        """What the operator reads in the job lists, e.g. `label 1001 parcel 2`."""
        if self.parcel_seq is not None:
            return f"{self.kind} {self.order_number} parcel {self.parcel_seq}"
        return f"{self.kind} {self.order_number}"


@dataclasses.dataclass(frozen=True)
class ImportedLine:
    line: uuid.UUID
    line_no: int
    sku: str
    name: str
    quantity: int
    unit_price: Decimal = Decimal("0")
    vat_rate: Decimal = Decimal("22")
    external_id: str = ""


@dataclasses.dataclass(frozen=True)
class OrderDetails:
    """What the shop tells about an order besides its lines and state."""

    customer_name: str = ""
    customer_email: str = ""
    shipping_address: dict[str, Any] = dataclasses.field(default_factory=dict)
    billing_address: dict[str, Any] = dataclasses.field(default_factory=dict)
    currency: str = "EUR"
    total: Decimal = Decimal("0")
    shipping_total: Decimal = Decimal("0")
    payment_method: str = ""
    cod_amount: Decimal | None = None
    customer_note: str = ""
    shipping_method: str = ""  # as the shop names it: the carrier rules match it


@dataclasses.dataclass(frozen=True)
class ShortedLine:
    line: uuid.UUID
    sku: str
    quantity: int


@dataclasses.dataclass(frozen=True)
class ShippedItem:
    sku: str
    external_id: str
    quantity: int


@dataclasses.dataclass(frozen=True)
class ShippedParcel:
    parcel_seq: int
    tracking_number: str
    carrier: str
    service: str
    weight_g: int | None = None
    items: tuple[ShippedItem, ...] = ()


@dataclasses.dataclass(frozen=True)
class CarriedLine:
    line: uuid.UUID
    verified_qty: int
    short_qty: int


@dataclasses.dataclass(frozen=True)
class CarriedParcel:
    parcel: uuid.UUID
    seq: int
    box: str | None
    expected_weight_g: int | None
    measured_weight_g: int | None
    weight_override_by: str
    carrier: str
    service: str
    tracking_number: str | None
    label_path: str


@dataclasses.dataclass(frozen=True)
class CarriedUnit:
    event: uuid.UUID
    line: uuid.UUID
    parcel_seq: int
    quantity: int
    code: str
    lot: str | None
    expiry: dt.date | None
    serial: str | None
    sku: str | None
    undone: bool


@dataclasses.dataclass(frozen=True)
class CarriedOutbox:
    key: str
    kind: str
    payload: dict[str, Any]
    status: str
    attempts: int
    next_attempt_at: dt.datetime
    last_error: str
    created_at: dt.datetime
    sent_at: dt.datetime | None


# --- shop sync -----------------------------------------------------------------------------------


@dataclasses.dataclass(frozen=True, kw_only=True)
class OrderImported(DomainEvent):
    TYPE = "order_imported"
    VERSION = 2

    number: str
    shop: str = ""
    external_id: str | None = None
    created_at: dt.datetime
    shop_updated_at: dt.datetime | None = None
    details: OrderDetails = OrderDetails()
    carrier: str = ""
    service: str = ""
    priority: int = 0
    cutoff_at: dt.datetime | None = None
    hold: Reason | None = None
    problem: Reason | None = None
    lines: tuple[ImportedLine, ...] = ()


@dataclasses.dataclass(frozen=True, kw_only=True)
class OrderUpdatedByShop(DomainEvent):
    """The shop's newer version of an order: its details, and its lines when they changed."""

    TYPE = "order_updated_by_shop"

    shop: str
    shop_updated_at: dt.datetime
    details: OrderDetails | None = None
    lines: tuple[ImportedLine, ...] | None = None


@dataclasses.dataclass(frozen=True, kw_only=True)
class OrderCancelledByShop(DomainEvent):
    TYPE = "order_cancelled_by_shop"

    shop: str


@dataclasses.dataclass(frozen=True, kw_only=True)
class OrderFlagged(DomainEvent):
    """The order's problem changed: set to `problem`, or cleared when it is None."""

    TYPE = "order_flagged"

    problem: Reason | None


# --- holds, leads ----------------------------------------------------------------------------------


@dataclasses.dataclass(frozen=True, kw_only=True)
class OrderHeld(DomainEvent):
    """Taken out of the queue; `by` is `bench`, `shop` or `lead`."""

    TYPE = "order_held"
    VERSION = 2

    reason: Reason
    by: str = "bench"


@dataclasses.dataclass(frozen=True, kw_only=True)
class OrderReleased(DomainEvent):
    """A held order back in the queue."""

    TYPE = "order_released"
    VERSION = 2

    reason: Reason
    by: str = "lead"


@dataclasses.dataclass(frozen=True, kw_only=True)
class BenchReported(DomainEvent):
    """A bench's word about itself: its devices' health levels (`ok`, `warning`, `failed`, ""
    when it has none) and its replication lag to the hub in seconds (None: not joined).
    Recorded when something in it changes, and as a heartbeat while the bench is otherwise
    silent, so that a board elsewhere can tell a quiet bench from a gone one."""

    TYPE = "bench_reported"

    scale: str = ""
    printer: str = ""
    scanner: str = ""
    lag_s: int | None = None


@dataclasses.dataclass(frozen=True, kw_only=True)
class OrderReassigned(DomainEvent):
    """A lead gave the order to a bench (or to none: back to the queue) and maybe a person."""

    TYPE = "order_reassigned"

    bench: str | None
    operator: str | None = None


@dataclasses.dataclass(frozen=True, kw_only=True)
class PriorityChanged(DomainEvent):
    TYPE = "priority_changed"

    priority: int


# --- the bench -------------------------------------------------------------------------------------


@dataclasses.dataclass(frozen=True, kw_only=True)
class OrderClaimed(DomainEvent):
    TYPE = "order_claimed"
    VERSION = 2

    number: str
    bench: str


@dataclasses.dataclass(frozen=True, kw_only=True)
class OrderLeased(DomainEvent):
    """A warehouse hub leased the queued order to a bench: it is that bench's to open, even
    with the hub out of reach, until the lease returns it to the queue."""

    TYPE = "order_leased"

    bench: str


@dataclasses.dataclass(frozen=True, kw_only=True)
class PackingAborted(DomainEvent):
    """ABORT: the items go back to the shelf and the order back to the queue, from nothing."""

    TYPE = "packing_aborted"

    number: str


@dataclasses.dataclass(frozen=True, kw_only=True)
class UnitsVerified(DomainEvent):
    TYPE = "units_verified"
    VERSION = 2

    line: uuid.UUID
    sku: str
    quantity: int
    parcel_seq: int
    code: str
    lot: str | None = None
    expiry: dt.date | None = None
    serial: str | None = None
    product_sku: str | None = None


@dataclasses.dataclass(frozen=True, kw_only=True)
class ScanUndone(DomainEvent):
    TYPE = "scan_undone"
    VERSION = 2

    undone_event: uuid.UUID
    line: uuid.UUID
    quantity: int


@dataclasses.dataclass(frozen=True, kw_only=True)
class ScanRejected(DomainEvent):
    TYPE = "scan_rejected"
    VERSION = 2

    reason: Reason
    input: str = ""


@dataclasses.dataclass(frozen=True, kw_only=True)
class ShortAsked(DomainEvent):
    """SHORT asked at the bench and not answered yet: the units it would mark missing, the
    reason once given, and whether the operator confirmed (a lead's PIN awaited). Kept so a
    restarted bench asks the same question (`QuestionClosed` ends it)."""

    TYPE = "short_asked"

    lines: tuple[ShortedLine, ...]
    reason: str = ""  # the operator's word: OUT, DAMAGED, NOTFOUND
    confirmed: bool = False


@dataclasses.dataclass(frozen=True, kw_only=True)
class ReleaseAsked(DomainEvent):
    """RELEASE N scanned at the bench: a lead's PIN would release held order `number`."""

    TYPE = "release_asked"

    number: str


@dataclasses.dataclass(frozen=True, kw_only=True)
class QuestionClosed(DomainEvent):
    """The bench's SHORT or RELEASE question was answered or dropped."""

    TYPE = "question_closed"


@dataclasses.dataclass(frozen=True, kw_only=True)
class PickBinScanned(DomainEvent):
    """The picker stood at `bin` for `line` (the bin's label scanned); the item scanned next
    there is the pick. For the record: where each unit was taken from."""

    TYPE = "pick_bin_scanned"

    bin: str
    line: uuid.UUID


@dataclasses.dataclass(frozen=True, kw_only=True)
class ToteAssigned(DomainEvent):
    """A picker took the order into a batch and scanned `tote` for it: its units go there."""

    TYPE = "tote_assigned"

    tote: str
    batch: uuid.UUID


@dataclasses.dataclass(frozen=True, kw_only=True)
class BatchTaken(DomainEvent):
    """A picker took the order into `batch`: no other picker or bench takes it until the
    batch is finished (or the order leaves it: held, cancelled)."""

    TYPE = "batch_taken"

    batch: uuid.UUID


@dataclasses.dataclass(frozen=True, kw_only=True)
class BatchFinished(DomainEvent):
    """The picker walked the whole route of `batch`: the order waits in its tote for a packer."""

    TYPE = "batch_finished"

    batch: uuid.UUID


@dataclasses.dataclass(frozen=True, kw_only=True)
class UnitsPicked(DomainEvent):
    """Units taken from `bin` into the order's tote (the tote's scan confirmed it)."""

    TYPE = "units_picked"

    line: uuid.UUID
    bin: str
    tote: str
    quantity: int


@dataclasses.dataclass(frozen=True, kw_only=True)
class PickShorted(DomainEvent):
    """At `bin` the picker found `found` of the `wanted` units: the found ones went into the
    tote, the rest are missing from that bin (what the shop's stock at that bin really is)."""

    TYPE = "pick_shorted"

    line: uuid.UUID
    bin: str
    tote: str
    wanted: int
    found: int


@dataclasses.dataclass(frozen=True, kw_only=True)
class ParcelOpened(DomainEvent):
    TYPE = "parcel_opened"

    parcel_seq: int


@dataclasses.dataclass(frozen=True, kw_only=True)
class BoxChosen(DomainEvent):
    TYPE = "box_chosen"

    parcel_seq: int
    box: str


@dataclasses.dataclass(frozen=True, kw_only=True)
class UnitsShorted(DomainEvent):
    """SHORT confirmed: these units are not there. `reason` is the operator's code
    (short_out_of_stock, ...); `lead` the lead who approved it, when the setting asks for one."""

    TYPE = "units_shorted"
    VERSION = 3

    lines: tuple[ShortedLine, ...]
    reason: Reason | None = None
    lead: str = ""


@dataclasses.dataclass(frozen=True, kw_only=True)
class BackorderOpened(DomainEvent):
    """The order is packed without these units: they stay owed to the customer, visible in the
    queue, and the shop is told with the shipment."""

    TYPE = "backorder_opened"

    lines: tuple[ShortedLine, ...]


@dataclasses.dataclass(frozen=True, kw_only=True)
class BackorderReleased(DomainEvent):
    """A lead says the owed units are in stock: they go to the queue as a follow-up order of
    their own (`number`, uid `follow_up`), packed, labelled and shipped like any order, and the
    shop hears of its parcels on the same shop order. The order owes nothing more itself."""

    TYPE = "backorder_released"

    follow_up: uuid.UUID
    number: str
    lines: tuple[ShortedLine, ...]


@dataclasses.dataclass(frozen=True, kw_only=True)
class BackorderCancelled(DomainEvent):
    """A lead says the owed units will not be sent (the shop refunds them): nothing is owed."""

    TYPE = "backorder_cancelled"

    lines: tuple[ShortedLine, ...]


@dataclasses.dataclass(frozen=True, kw_only=True)
class ParcelWeighed(DomainEvent):
    TYPE = "parcel_weighed"

    parcel_seq: int
    measured_g: int
    expected_g: int
    box: str | None = None
    override_by: str = ""


@dataclasses.dataclass(frozen=True, kw_only=True)
class WeightRejected(DomainEvent):
    TYPE = "weight_rejected"

    parcel_seq: int
    measured_g: int
    expected_g: int


@dataclasses.dataclass(frozen=True, kw_only=True)
class WeightOverridden(DomainEvent):
    TYPE = "weight_overridden"

    parcel_seq: int
    measured_g: int
    lead: str


@dataclasses.dataclass(frozen=True, kw_only=True)
class CodeLearnt(DomainEvent):
    """A lead confirmed that an unknown code is this product's, for every order from now on."""

    TYPE = "code_learnt"
    VERSION = 2

    code: str
    scanned: str
    line: uuid.UUID
    sku: str
    lead: str


@dataclasses.dataclass(frozen=True, kw_only=True)
class OrderPacked(DomainEvent):
    TYPE = "order_packed"

    number: str
    parcels: tuple[int, ...]


@dataclasses.dataclass(frozen=True, kw_only=True)
class LabelsReprinted(DomainEvent):
    """REPRINT: the operator asked for the labels of an order packed before (a figure of the
    shift: a reprint is a label lost or spoilt at the bench)."""

    TYPE = "labels_reprinted"

    number: str


# --- labels, printing, shipping --------------------------------------------------------------------


@dataclasses.dataclass(frozen=True, kw_only=True)
class LabelCreated(DomainEvent):
    """A parcel got its number and its label document; `counters` are the series it advanced."""

    TYPE = "label_created"
    VERSION = 2  # 1: `document` was the label's file path

    parcel_seq: int
    tracking_number: str
    carrier: str
    service: str
    document: DocumentRef
    sscc: str | None = None
    counters: dict[str, int] = dataclasses.field(default_factory=dict)


@dataclasses.dataclass(frozen=True, kw_only=True)
class LabelPending(DomainEvent):
    """The carrier did not answer in time: the parcel left the bench with an internal label
    (`internal_number`: its SSCC, else the order's own number) and waits for the carrier's;
    `reason` is why (a timeout, the carrier down). Its LabelCreated comes when it answers."""

    TYPE = "label_pending"

    parcel_seq: int
    carrier: str
    service: str
    internal_number: str
    document: DocumentRef
    reason: Reason
    sscc: str | None = None
    counters: dict[str, int] = dataclasses.field(default_factory=dict)


@dataclasses.dataclass(frozen=True, kw_only=True)
class LabelRequested(DomainEvent):
    """The parcel left the bench and its carrier is asked for the label after this is stored,
    outside any transaction; its LabelCreated, LabelPending or the order's LabelRefused follows.
    Left without one (the app stopped in between), the pending-label round asks the carrier
    again, after making it forget the call whose answer was lost."""

    TYPE = "label_requested"

    parcel_seq: int
    carrier: str
    service: str


@dataclasses.dataclass(frozen=True, kw_only=True)
class LabelRefused(DomainEvent):
    """The carrier refused the order's parcels (an address it cannot route, say): none of them
    is labelled by it, and the order is back at the bench that packed it, to be corrected and
    weighed again."""

    TYPE = "label_refused"

    carrier: str
    reason: Reason


@dataclasses.dataclass(frozen=True, kw_only=True)
class ShipmentVoided(DomainEvent):
    """A lead cancelled the order's shipment at its carrier (or the carrier had none to cancel,
    for parcels still waiting): `parcels` lose their labels. With `relabel` they wait for new
    ones, which the bench that packed them asks for; without (the shop cancelled the order)
    they stay unlabelled."""

    TYPE = "shipment_voided"

    carrier: str
    parcels: tuple[int, ...]
    tracking_numbers: tuple[str, ...]
    relabel: bool


@dataclasses.dataclass(frozen=True, kw_only=True)
class LabelPrinted(DomainEvent):
    """A printer took the document (not merely: the file was written), in `format`."""

    TYPE = "label_printed"
    VERSION = 3

    document: DocumentRef
    printer: str
    format: str


@dataclasses.dataclass(frozen=True, kw_only=True)
class PrintFailed(DomainEvent):
    """A document did not print after its retries; it waits in the bench's failed list."""

    TYPE = "print_failed"
    VERSION = 2

    document: DocumentRef
    printer: str
    reason: Reason


@dataclasses.dataclass(frozen=True, kw_only=True)
class OrderShipped(DomainEvent):
    TYPE = "order_shipped"
    VERSION = 2

    shop: str | None
    parcels: tuple[ShippedParcel, ...]


@dataclasses.dataclass(frozen=True, kw_only=True)
class ShopUpdateSent(DomainEvent):
    """The shop took an outbox entry (a tracking number, the shipped status)."""

    TYPE = "shop_update_sent"

    key: str


@dataclasses.dataclass(frozen=True, kw_only=True)
class ShopUpdateParked(DomainEvent):
    """The shop refused an outbox entry for good; a person must look at it. `reason` is what
    the shop answered, as a message code and its parameters (said in the reader's language)."""

    TYPE = "shop_update_parked"
    VERSION = 2

    key: str
    reason: Reason


@dataclasses.dataclass(frozen=True, kw_only=True)
class ShopUpdateRetried(DomainEvent):
    """A person sent a parked outbox entry again."""

    TYPE = "shop_update_retried"

    key: str


# --- documents ---------------------------------------------------------------------------------------


@dataclasses.dataclass(frozen=True, kw_only=True)
class InvoiceIssued(DomainEvent):
    TYPE = "invoice_issued"

    number: str
    series: str
    seq: int
    issue_date: dt.date


@dataclasses.dataclass(frozen=True, kw_only=True)
class ManifestClosed(DomainEvent):
    TYPE = "manifest_closed"

    carrier: str
    day: dt.date
    tracking_numbers: tuple[str, ...]


# --- people and upgrades -----------------------------------------------------------------------------


@dataclasses.dataclass(frozen=True, kw_only=True)
class OperatorSignedIn(DomainEvent):
    TYPE = "operator_signed_in"

    name: str


@dataclasses.dataclass(frozen=True, kw_only=True)
class OrderCarriedOver(DomainEvent):
    """An order's whole state as it stood when the log was upgraded from an older release.

    Older releases logged some changes as prose; their events stay in the log for the record
    (schema version 1), and this event is where a replay of the order starts.
    """

    TYPE = "order_carried_over"

    imported: OrderImported
    status: str
    hold: Reason | None
    problem: Reason | None
    bench: str | None
    claimed_at: dt.datetime | None
    shipped_at: dt.datetime | None
    lines: tuple[CarriedLine, ...]
    parcels: tuple[CarriedParcel, ...]
    units: tuple[CarriedUnit, ...]
    outbox: tuple[CarriedOutbox, ...]


@dataclasses.dataclass(frozen=True, kw_only=True)
class CountersCarriedOver(DomainEvent):
    """The number series (tracking ranges, invoices) as an upgrade found them."""

    TYPE = "counters_carried_over"

    counters: dict[str, int]


# --- serialisation ---------------------------------------------------------------------------------


def event_class(type_: str) -> type[DomainEvent]:
    try:
        return _REGISTRY[type_]
    except KeyError:
        raise UnknownEventError(f"unknown event type {type_!r}") from None


def encode(event: DomainEvent) -> dict[str, Json]:
    """The event's fields as a JSON-safe dict (UUIDs, Decimals and times as text).

    orjson walks the dataclass in C, several times faster than `encode_fields` (a first import
    encodes tens of thousands of events); the two give the same dict, as a test holds.
    """
    loaded: dict[str, Json] = orjson.loads(orjson.dumps(event, default=_json_default))
    return loaded


def encode_fields(event: DomainEvent) -> dict[str, Json]:
    """The same dict field by field, through the codecs `decode` reads with."""
    return {name: enc(getattr(event, name)) for name, (enc, _) in _codecs(type(event)).items()}


def _json_default(value: Any) -> str:
    if isinstance(value, Decimal):
        return str(value)
    raise TypeError(f"no JSON form for {type(value).__name__}")


Upcast = Callable[[dict[str, Json]], dict[str, Json]]
_UPCASTS: dict[tuple[str, int], Upcast] = {}  # (type, version) -> the payload one version on


def _label_created_v1(payload: dict[str, Json]) -> dict[str, Json]:
    # Version 1 named the label by its file, `<labels>/<order number>-<parcel seq>.pdf`: the
    # only place a reference is read back from a file name, for events already stored.
    seq = int(payload["parcel_seq"])
    stem = str(payload.get("document") or "").replace("\\", "/").rsplit("/", 1)[-1]
    number = stem.rsplit(".", 1)[0].removesuffix(f"-{seq}")
    return payload | {"document": {"kind": "label", "order_number": number, "parcel_seq": seq}}


_UPCASTS[("label_created", 1)] = _label_created_v1


def _units_shorted_v2(payload: dict[str, Json]) -> dict[str, Json]:
    return payload | {"reason": None, "lead": ""}  # shorted in one key press, no reason asked


_UPCASTS[("units_shorted", 2)] = _units_shorted_v2


def _shop_update_parked_v1(payload: dict[str, Json]) -> dict[str, Json]:
    """Version 1 kept the English sentence: it is said as it was, in every language."""
    rest = {k: v for k, v in payload.items() if k != "error"}
    text = str(payload.get("error") or "")
    return rest | {"reason": {"code": "legacy_text", "params": {"text": text}}}


_UPCASTS[("shop_update_parked", 1)] = _shop_update_parked_v1


def decode(type_: str, version: int, payload: dict[str, Json]) -> DomainEvent:
    cls = event_class(type_)
    while version < cls.VERSION and (type_, version) in _UPCASTS:
        payload, version = _UPCASTS[(type_, version)](payload), version + 1
    if version != cls.VERSION:
        raise UnknownEventError(
            f"event {type_!r} of schema version {version} (this release reads "
            f"version {cls.VERSION})"
        )
    event: DomainEvent = _decode_dataclass(cls, payload)
    return event


Encoder = Callable[[Any], Json]
Decoder = Callable[[Json], Any]
_CODECS: dict[type[Any], dict[str, tuple[Encoder, Decoder]]] = {}


def _codecs(cls: type[Any]) -> dict[str, tuple[Encoder, Decoder]]:
    found = _CODECS.get(cls)
    if found is None:
        hints = typing.get_type_hints(cls)
        found = {f.name: _codec(hints[f.name]) for f in dataclasses.fields(cls)}
        _CODECS[cls] = found
    return found


def _decode_dataclass(cls: type[Any], payload: dict[str, Json]) -> Any:
    codecs = _codecs(cls)
    return cls(
        **{name: codecs[name][1](value) for name, value in payload.items() if name in codecs}
    )


def _same(value: Any) -> Any:
    return value


def _codec(hint: Any) -> tuple[Encoder, Decoder]:
    origin = typing.get_origin(hint)
    args = typing.get_args(hint)
    if origin in (typing.Union, types.UnionType):
        inner = [a for a in args if a is not type(None)]
        enc, dec = _codec(inner[0])
        return (lambda v: None if v is None else enc(v)), (lambda v: None if v is None else dec(v))
    if origin is tuple:
        enc, dec = _codec(args[0])
        return (lambda v: [enc(x) for x in v]), (lambda v: tuple(dec(x) for x in v))
    if origin is dict or hint in (str, int, bool):
        return _same, _same
    if hint is uuid.UUID:
        return str, uuid.UUID
    if hint is Decimal:
        return str, Decimal
    if hint is dt.datetime:
        return (lambda v: v.isoformat()), dt.datetime.fromisoformat
    if hint is dt.date:
        return (lambda v: v.isoformat()), dt.date.fromisoformat
    if dataclasses.is_dataclass(hint):
        cls = typing.cast(type[Any], hint)
        return encode_value, (lambda v: _decode_dataclass(cls, v))
    raise TypeError(f"no codec for event field type {hint!r}")


def encode_value(value: Any) -> dict[str, Json]:
    return {name: enc(getattr(value, name)) for name, (enc, _) in _codecs(type(value)).items()}
