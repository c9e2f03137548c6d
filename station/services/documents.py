"""The documents of an order: their numbers, their closing, and their views.

The document functions in `station.labels` are pure; this module turns stored orders, parcels
and settings into their views, writes the resulting files so a reader never sees half a file,
and holds the commands that give documents their lasting identity: an invoice's number (one
gap-free series per year, taken once per order) and a day's manifest closing (the parcels it
holds, fixed by the first print). Both record their event in the caller's transaction.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from station.config import Settings
from station.db.invoices import Invoice
from station.db.models import Event, Order, Parcel, ProductBarcode, Shop
from station.domain import OrderStatus
from station.domain import events as ev
from station.files import write_atomically as write_atomically  # one implementation
from station.labels.courier import LabelView
from station.labels.invoice_model import InvoiceView, Party
from station.labels.manifest import ManifestParcel, manifest_sequence
from station.labels.slip import SlipLine, SlipView
from station.services.amounts import (
    PAYMENT_CODES,
    amount_due,
    cod_to_collect,
    invoice_lines,
    is_cod,
)
from station.services.errors import CommandError
from station.services.events import record
from station.services.shipping import (
    address,
    label_view,
    next_counter,
    recorded_ssccs,
    sender_address,
)


def local_date(at: dt.datetime) -> dt.date:
    """The day as the bench's clock shows it (times are stored in UTC)."""
    return at.astimezone().date()


def slip_view(session: Session, order: Order) -> SlipView:
    """The packing slip as the bench sees the order now: packed, still to pack and declared short
    units per line."""
    lines = [
        SlipLine(
            sku=line.sku,
            description=line.name,
            ordered=line.quantity,
            packed=line.verified_qty,
            code=_first_code(line.product.barcodes) if line.product else "",
            short=line.short_qty,
        )
        for line in order.lines
    ]
    shop = session.get(Shop, order.shop_id) if order.shop_id is not None else None
    return SlipView(
        order_number=order.number,
        order_date=local_date(order.created_at),
        ship_to=address(order.shipping_address),
        lines=lines,
        shop_name=shop.name if shop else "",
        carrier=order.carrier,
        parcel_count=max(1, len(order.parcels)),
        notes=order.customer_note,
    )


def _first_code(barcodes: list[ProductBarcode]) -> str:
    """The unit's own code, as printed on the product (an EAN-13 without its GTIN-14 zero)."""
    for barcode in barcodes:
        if barcode.units == 1:
            code = barcode.code
            return code[1:] if len(code) == 14 and code.startswith("0") else code
    return ""


def label_views(session: Session, order: Order, settings: Settings) -> list[LabelView]:
    """The labels of an order's numbered parcels, as they were printed (SSCC included)."""
    parcels = [p for p in order.parcels if p.tracking_number]
    ssccs = recorded_ssccs(session, order.uid)
    return [
        label_view(order, p, len(parcels), settings, ssccs.get(p.seq))
        for p in sorted(parcels, key=lambda p: p.seq)
    ]


def seller(settings: Settings) -> Party:
    return Party(
        address=sender_address(settings),
        vat_id=settings.seller_vat_id,
        tax_code=settings.seller_tax_code,
        regime_fiscale=settings.seller_regime_fiscale,
    )


def buyer(order: Order) -> Party:
    """The billing address, or the shipping address when the shop sent none."""
    data = order.billing_address or order.shipping_address
    return Party(
        address=address(data),
        vat_id=str(data.get("vat_id") or ""),
        tax_code=str(data.get("tax_code") or ""),
        sdi_code=str(data.get("sdi_code") or ""),
        pec=str(data.get("pec") or ""),
    )


def invoice_view(order: Order, number: str, issue_date: dt.date, settings: Settings) -> InvoiceView:
    return InvoiceView(
        number=number,
        issue_date=issue_date,
        seller=seller(settings),
        buyer=buyer(order),
        lines=invoice_lines(order),
        currency=order.currency,
        payment_method=PAYMENT_CODES.get(order.payment_method.lower(), "MP08"),
        paid=not is_cod(order),
        order_number=order.number,
        shop_total=amount_due(order),
        cod=is_cod(order),
    )


def manifest_parcels(orders: list[Order], carrier: str) -> list[ManifestParcel]:
    """Every parcel of these orders handed to `carrier`, COD on the first parcel only."""
    result: list[ManifestParcel] = []
    for order in orders:
        parcels = [p for p in order.parcels if p.tracking_number]
        for p in parcels:
            if (p.carrier or order.carrier).upper() != carrier.upper():
                continue
            result.append(
                ManifestParcel(
                    order_number=order.number,
                    tracking_number=p.tracking_number or "",
                    recipient=address(order.shipping_address),
                    weight_g=p.measured_weight_g or 0,
                    parcel_no=p.seq,
                    parcel_count=len(parcels),
                    cod_amount=cod_to_collect(order) if p.seq == 1 else None,
                    currency=order.currency,
                    service=p.service,
                )
            )
    return result


# --- invoice numbers -----------------------------------------------------------------------------


# How an invoice number is written (`invoice_series` in the settings). A bench of a warehouse
# numbers in its own series ("sezionale", e.g. 2026/B3/000123), so benches invoicing offline
# never take the same number; "{bench}" in the scheme makes the series the bench's.
INVOICE_SCHEME = "{year}/{seq:06d}"
BENCH_INVOICE_SCHEME = "{year}/{bench}/{seq:06d}"


def invoice_series(scheme: str, year: int, bench: str) -> str:
    """The counter of the series: one per year, and per bench when the scheme names it."""
    return f"invoice:{year}:{bench}" if "{bench}" in scheme else f"invoice:{year}"


def invoice_for(
    session: Session,
    order: Order,
    *,
    at: dt.datetime,
    bench: str = "",
    operator: str = "",
    scheme: str = INVOICE_SCHEME,
) -> Invoice:
    """The order's invoice: the one it has, else the next number of the series of the year
    `at` falls in (local time). Only a shipped order is billed; a refusal takes no number.

    The counter is read `FOR UPDATE` in the caller's transaction, so a rollback (a document
    that could not be written) gives the number back and the series stays gap-free.
    """
    invoice = session.scalar(select(Invoice).where(Invoice.order_id == order.id))
    if invoice is not None:
        return invoice
    if order.status != OrderStatus.SHIPPED:
        raise CommandError("order_not_shipped", number=order.number)
    today = local_date(at)
    series = invoice_series(scheme, today.year, bench)
    seq = next_counter(session, series)
    try:
        number = scheme.format(year=today.year, bench=bench, seq=seq)
    except (KeyError, IndexError, ValueError):
        raise CommandError("invoice_scheme_invalid", scheme=scheme) from None
    issued = ev.InvoiceIssued(
        order=order.uid, number=number, series=series, seq=seq, issue_date=today
    )
    record(session, issued, at=at, bench=bench, operator=operator)
    return session.scalars(select(Invoice).where(Invoice.order_id == order.id)).one()


def progressivo(invoice: Invoice) -> str:
    """The FatturaPA file's 1-5 character number: the invoice row id in base 36."""
    digits = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ"
    n, out = invoice.id, ""
    while n:
        n, r = divmod(n, 36)
        out = digits[r] + out
    return out.rjust(5, "0")


# --- manifests -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class DayManifest:
    """A carrier's parcels of one day, in manifest order; `late` shipped after it was closed."""

    carrier: str
    day: dt.date
    parcels: tuple[ManifestParcel, ...]
    late: int = 0


def close_manifest(
    session: Session,
    carrier: str,
    day: dt.date,
    *,
    at: dt.datetime,
    bench: str = "",
    operator: str = "",
) -> DayManifest:
    """The manifest for `carrier` on `day`. The first call closes it: every parcel of the
    carrier that is on no closed manifest yet goes on it, and the closing records which; every
    later call gives exactly those again (`late` counts the parcels waiting for the next one).

    A parcel belongs to a manifest because a closing recorded it, never because its timestamp
    falls on the day: a parcel stamped by a clock a day behind still goes on the next manifest
    closed, and a changed time zone cannot put one parcel on two. Only a past day's manifest,
    closed late, leaves off what shipped after that day (it waits for its own day's).
    """
    carrier = carrier.upper()
    seqs, closings = manifest_closings(session, carrier)
    on_manifest = {number for c in closings for number in c.tracking_numbers}
    candidates = _unclosed_candidates(session, max(seqs, default=0), at, day)
    waiting = [
        p for p in manifest_parcels(candidates, carrier) if p.tracking_number not in on_manifest
    ]
    closed = next((c for c in closings if c.day == day), None)
    if closed is not None:
        parcels = _parcels_of(session, carrier, closed.tracking_numbers)
        late = len(waiting)
    else:
        parcels, late = waiting, 0
    if not parcels:
        raise CommandError("no_parcels_shipped", carrier=carrier, day=day.isoformat())
    ordered = tuple(manifest_sequence(parcels))
    if closed is None:
        tracking = [p.tracking_number for p in ordered]
        record_closing(session, carrier, day, tracking, at=at, bench=bench, operator=operator)
    return DayManifest(carrier, day, ordered, late)


# How far back a parcel left off a past day's manifest is still looked for by its timestamp;
# whatever shipped since the carrier's last closing is found by the log's order, whatever its
# timestamp says.
RECENT = dt.timedelta(days=62)


def _unclosed_candidates(session: Session, last: int, at: dt.datetime, day: dt.date) -> list[Order]:
    """Shipped orders that may hold parcels on no manifest of the carrier yet (`last` is the
    log position of its last closing); for a past day, only those shipped by its end (as the
    bench's clock stamped them)."""
    since_closing = select(Event.order_uid).where(
        Event.type == ev.OrderShipped.TYPE, Event.seq > last
    )
    query = (
        select(Order)
        .where(Order.status == OrderStatus.SHIPPED)
        .where(or_(Order.shipped_at >= at - RECENT, Order.uid.in_(since_closing)))
        .order_by(Order.number)
    )
    orders = list(session.scalars(query))
    if day >= local_date(at):
        return orders
    return [o for o in orders if o.shipped_at is None or local_date(o.shipped_at) <= day]


def _parcels_of(
    session: Session, carrier: str, tracking_numbers: tuple[str, ...]
) -> list[ManifestParcel]:
    """The parcels a closing recorded, as they are now."""
    query = (
        select(Order)
        .where(
            Order.id.in_(
                select(Parcel.order_id).where(Parcel.tracking_number.in_(tracking_numbers))
            )
        )
        .order_by(Order.number)
    )
    keep = set(tracking_numbers)
    parcels = manifest_parcels(list(session.scalars(query)), carrier)
    return [p for p in parcels if p.tracking_number in keep]


def manifest_closings(session: Session, carrier: str) -> tuple[list[int], list[ev.ManifestClosed]]:
    """Every closed manifest of `carrier`, oldest first, and each one's position in the log."""
    rows = session.scalars(
        select(Event).where(Event.type == ev.ManifestClosed.TYPE).order_by(Event.seq)
    )
    seqs, closings = [], []
    for row in rows:
        if row.payload.get("carrier") == carrier:
            closed = ev.decode(row.type, row.version, row.payload)
            assert isinstance(closed, ev.ManifestClosed)
            seqs.append(row.seq)
            closings.append(closed)
    return seqs, closings


def closed_manifest(session: Session, carrier: str, day: dt.date) -> ev.ManifestClosed | None:
    """How the day's manifest for `carrier` was closed, if it was."""
    _, closings = manifest_closings(session, carrier)
    return next((closed for closed in closings if closed.day == day), None)


def record_closing(
    session: Session,
    carrier: str,
    day: dt.date,
    tracking: list[str],
    *,
    at: dt.datetime,
    bench: str = "",
    operator: str = "",
) -> None:
    closing = ev.ManifestClosed(carrier=carrier, day=day, tracking_numbers=tuple(tracking))
    record(session, closing, at=at, bench=bench, operator=operator)
