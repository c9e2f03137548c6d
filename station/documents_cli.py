"""`station label`, `station invoice`, `station manifest`: an order's documents on demand.

Each command reads the order from the database, builds the view with
`station.services.documents` and writes the file atomically. Errors a user can meet end as one
sentence in the settings' language.
"""

from __future__ import annotations

import argparse
import datetime as dt
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from station.context import AppContext
from station.db.invoices import Invoice
from station.db.models import Event, Order
from station.domain import OrderStatus
from station.domain import events as ev
from station.labels.courier import label_zpl, labels_a4_pdf
from station.labels.errors import DocumentError
from station.labels.fatturapa import fatturapa_xml
from station.labels.invoice import invoice_pdf
from station.labels.manifest import ManifestView, manifest_csv, manifest_pdf, manifest_sequence
from station.printing.archive import DocumentArchive, label_ref, labels_ref
from station.services.catalog import order_number_from_code
from station.services.documents import (
    invoice_view,
    label_views,
    manifest_parcels,
    write_atomically,
)
from station.services.events import record
from station.services.shipping import next_counter, sender_address


def user_error(message: str) -> Exception:
    from station.cli import UserError  # the command module imports this one

    return UserError(message)


@contextmanager
def documents(ctx: AppContext) -> Iterator[None]:
    """Turn a document's bad data into the one-sentence error the command prints."""
    try:
        yield
    except DocumentError as exc:
        raise user_error(exc.message(ctx.settings.language)) from exc


def find_order(session: Session, number: str) -> Order:
    order = session.scalar(select(Order).where(Order.number == order_number_from_code(number)))
    if order is None:
        raise user_error(f"no order {number}: check the number with 'station orders list'")
    return order


# --- label ---------------------------------------------------------------------------------------


def cmd_label(args: argparse.Namespace, ctx: AppContext) -> int:
    """All labels of a packed order in one file: A6 labels four to an A4 sheet, or ZPL.

    ZPL at the archive's resolution is the archived copies, exactly as the printer was sent
    them; at another resolution, and as an A4 sheet (a layout of its own), the labels are
    drawn again from the order, with the numbers and SSCCs they were printed with.
    """
    archive = DocumentArchive(ctx.home)
    with ctx.db.read() as session, documents(ctx):
        order = find_order(session, args.number)
        views = label_views(session, order, ctx.settings)
        if not views:
            raise user_error(
                f"order {order.number} is not packed yet: pack it at a bench, then print its labels"
            )
        refs = [label_ref(order.number, view.parcel_no) for view in views]
        archived = args.format == "zpl" and args.dpi == ctx.settings.label_dpi
        if archived and all("zpl" in archive.formats(ref) for ref in refs):
            data = b"".join(archive.read(ref, "zpl") for ref in refs)
        elif args.format == "zpl":
            data = b"".join(label_zpl(view, args.dpi) for view in views)
        else:
            data = labels_a4_pdf(views)
    output = args.output or archive.path(labels_ref(order.number), args.format)
    _write(output, data)
    return 0


def _write(path: Path, data: bytes) -> None:
    try:
        write_atomically(path, data)
    except OSError as exc:
        raise user_error(f"cannot write {path}: {exc.strerror}") from exc
    print(f"wrote {path}")


# --- invoice -------------------------------------------------------------------------------------


def cmd_invoice(args: argparse.Namespace, ctx: AppContext) -> int:
    """The order's invoice: its number is allocated once and reused on every reprint.

    Number and files are made in one transaction: if a document cannot be built or written,
    the transaction rolls back and the number is not used up.
    """
    staged: list[tuple[Path, Path]] = []
    try:
        with ctx.db.write() as session, documents(ctx):
            order = find_order(session, args.number)
            invoice = invoice_for(session, order)
            view = invoice_view(order, invoice.number, invoice.issue_date, ctx.settings)
            pdf_path = args.output or ctx.documents_dir / f"invoice-{_file_part(invoice)}.pdf"
            staged.append(_stage(pdf_path, invoice_pdf(view)))
            if args.fatturapa:
                xml = fatturapa_xml(view, progressivo(invoice))
                staged.append(_stage(args.fatturapa, xml))
    except BaseException:
        for tmp, _ in staged:
            tmp.unlink(missing_ok=True)
        raise
    for tmp, final in staged:
        tmp.replace(final)
        print(f"wrote {final}")
    print(f"invoice {invoice.number} for order {order.number}")
    return 0


def invoice_for(session: Session, order: Order) -> Invoice:
    """The order's invoice number: the stored one, else the next of this year's series."""
    invoice = session.scalar(select(Invoice).where(Invoice.order_id == order.id))
    if invoice is not None:
        return invoice
    if order.status != OrderStatus.SHIPPED:
        raise user_error(
            f"order {order.number} is not shipped yet: an invoice bills what left the warehouse"
        )
    today = dt.datetime.now().astimezone().date()
    series = f"invoice:{today.year}"
    seq = next_counter(session, series)
    issued = ev.InvoiceIssued(
        order=order.uid, number=f"{today.year}/{seq:06d}", series=series, seq=seq, issue_date=today
    )
    record(session, issued, at=dt.datetime.now(dt.UTC))
    return session.scalars(select(Invoice).where(Invoice.order_id == order.id)).one()


def progressivo(invoice: Invoice) -> str:
    """The FatturaPA file's 1-5 character number: the invoice row id in base 36."""
    digits = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ"
    n, out = invoice.id, ""
    while n:
        n, r = divmod(n, 36)
        out = digits[r] + out
    return out.rjust(5, "0")


def _file_part(invoice: Invoice) -> str:
    return invoice.number.replace("/", "-")


def _stage(path: Path, data: bytes) -> tuple[Path, Path]:
    """Write beside the target; the rename comes after the commit."""
    tmp = path.with_name(f".{path.name}.tmp")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp.write_bytes(data)
    except OSError as exc:
        raise user_error(f"cannot write {path}: {exc.strerror}") from exc
    return tmp, path


# --- manifest ------------------------------------------------------------------------------------


def cmd_manifest(args: argparse.Namespace, ctx: AppContext) -> int:
    """The day's manifest for one carrier. The first run closes the day: it records which parcels
    the manifest holds, and every later run prints exactly those again."""
    carrier = args.carrier.upper()
    day = args.date or dt.datetime.now().astimezone().date()
    with ctx.db.write() as session, documents(ctx):
        closed = closed_manifest(session, carrier, day)
        shipped = shipped_orders(session, day)
        parcels = manifest_parcels(shipped, carrier)
        if closed is not None:
            keep = set(closed.payload["tracking_numbers"])
            late = [p for p in parcels if p.tracking_number not in keep]
            parcels = [p for p in parcels if p.tracking_number in keep]
            if late:
                print(f"note: {len(late)} parcel(s) shipped after the manifest was closed")
        if not parcels:
            raise user_error(f"no {carrier} parcels shipped on {day.isoformat()}")
        parcels = list(manifest_sequence(parcels))
        if closed is None:
            record_closing(session, ctx, carrier, day, [p.tracking_number for p in parcels])
        view = ManifestView(carrier, day, sender_address(ctx.settings), tuple(parcels))
        csv = args.output is not None and args.output.suffix.lower() == ".csv"
        data = manifest_csv(view) if csv else manifest_pdf(view)
    suffix = "csv" if csv else "pdf"
    output = args.output or ctx.documents_dir / f"manifest-{carrier}-{day.isoformat()}.{suffix}"
    _write(output, data)
    return 0


def shipped_orders(session: Session, day: dt.date) -> list[Order]:
    """Orders shipped on the local calendar day `day`."""
    start = dt.datetime.combine(day, dt.time()).astimezone()
    end = dt.datetime.combine(day + dt.timedelta(days=1), dt.time()).astimezone()
    query = (
        select(Order)
        .where(Order.status == OrderStatus.SHIPPED)
        .where(Order.shipped_at >= start.astimezone(dt.UTC))
        .where(Order.shipped_at < end.astimezone(dt.UTC))
        .order_by(Order.number)
    )
    return list(session.scalars(query))


def closed_manifest(session: Session, carrier: str, day: dt.date) -> Event | None:
    events = session.scalars(
        select(Event).where(Event.type == ev.ManifestClosed.TYPE).order_by(Event.seq)
    )
    for event in events:
        if event.payload.get("carrier") == carrier and event.payload.get("day") == day.isoformat():
            return event
    return None


def record_closing(
    session: Session, ctx: AppContext, carrier: str, day: dt.date, tracking: list[str]
) -> None:
    record(
        session,
        ev.ManifestClosed(carrier=carrier, day=day, tracking_numbers=tuple(tracking)),
        at=dt.datetime.now(dt.UTC),
        bench=ctx.settings.bench_name,
        operator=ctx.settings.operator,
    )


# --- registration --------------------------------------------------------------------------------


def _date(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a date like 2026-03-31") from None


def add_document_commands(subparsers: Any) -> None:
    """Register `label`, `invoice` and `manifest` on the `station` command."""
    label = subparsers.add_parser("label", help="the labels of a packed order")
    label.add_argument("number")
    label.add_argument("--format", choices=("pdf", "zpl"), default="pdf")
    label.add_argument("--dpi", type=int, choices=(203, 300), default=203)
    label.add_argument("-o", "--output", type=Path, metavar="FILE")
    label.set_defaults(func=cmd_label)

    invoice = subparsers.add_parser("invoice", help="an order's invoice, PDF and FatturaPA XML")
    invoice.add_argument("number")
    invoice.add_argument("-o", "--output", type=Path, metavar="FILE.pdf")
    invoice.add_argument("--fatturapa", type=Path, metavar="FILE.xml")
    invoice.set_defaults(func=cmd_invoice)

    manifest = subparsers.add_parser("manifest", help="a carrier's end-of-day manifest")
    manifest.add_argument("--carrier", required=True, metavar="CODE")
    manifest.add_argument("--date", type=_date, metavar="YYYY-MM-DD")
    manifest.add_argument("-o", "--output", type=Path, metavar="FILE", help="FILE.csv or FILE.pdf")
    manifest.set_defaults(func=cmd_manifest)
