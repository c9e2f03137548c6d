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

from station.config import system_language
from station.context import AppContext
from station.db.invoices import Invoice
from station.db.models import Event, Order
from station.domain import OrderStatus
from station.domain import events as ev
from station.domain.messages import text
from station.labels.courier import label_zpl, labels_a4_pdf
from station.labels.errors import DocumentError
from station.labels.fatturapa import fatturapa_xml
from station.labels.invoice import invoice_pdf
from station.labels.manifest import ManifestView, manifest_csv, manifest_pdf, manifest_sequence
from station.services.catalog import order_number_from_code
from station.services.documents import (
    invoice_view,
    label_views,
    manifest_parcels,
    write_atomically,
)
from station.services.events import record
from station.services.shipping import next_counter, sender_address


def user_error(code: str, language: str, /, **params: object) -> Exception:
    from station.cli import UserError  # the command module imports this one

    return UserError(text(code, language, **params))


@contextmanager
def documents(ctx: AppContext) -> Iterator[None]:
    """Turn a document's bad data into the one-sentence error the command prints."""
    try:
        yield
    except DocumentError as exc:
        raise user_error(exc.code, ctx.settings.language, **exc.params) from exc


def find_order(session: Session, number: str, language: str) -> Order:
    order = session.scalar(select(Order).where(Order.number == order_number_from_code(number)))
    if order is None:
        raise user_error("order_not_found", language, number=number)
    return order


# --- label ---------------------------------------------------------------------------------------


def cmd_label(args: argparse.Namespace, ctx: AppContext) -> int:
    """All labels of a packed order in one file: A6 labels four to an A4 sheet, or ZPL."""
    with ctx.db.read() as session, documents(ctx):
        order = find_order(session, args.number, ctx.settings.language)
        views = label_views(session, order, ctx.settings)
        if not views:
            raise user_error("order_not_packed", ctx.settings.language, number=order.number)
        if args.format == "zpl":
            data = b"".join(label_zpl(view, args.dpi) for view in views)
        else:
            data = labels_a4_pdf(views)
    output = args.output or ctx.labels_dir / f"{order.number}-labels.{args.format}"
    _write(output, data, ctx.settings.language)
    return 0


def _write(path: Path, data: bytes, language: str) -> None:
    try:
        write_atomically(path, data)
    except OSError as exc:
        raise user_error("cannot_write", language, path=path, error=exc.strerror) from exc
    print(text("wrote", language, path=path))


# --- invoice -------------------------------------------------------------------------------------


def cmd_invoice(args: argparse.Namespace, ctx: AppContext) -> int:
    """The order's invoice: its number is allocated once and reused on every reprint.

    Number and files are made in one transaction: if a document cannot be built or written,
    the transaction rolls back and the number is not used up.
    """
    staged: list[tuple[Path, Path]] = []
    language = ctx.settings.language
    try:
        with ctx.db.write() as session, documents(ctx):
            order = find_order(session, args.number, language)
            invoice = invoice_for(session, order, language)
            view = invoice_view(order, invoice.number, invoice.issue_date, ctx.settings)
            pdf_path = args.output or ctx.documents_dir / f"invoice-{_file_part(invoice)}.pdf"
            staged.append(_stage(pdf_path, invoice_pdf(view), language))
            if args.fatturapa:
                xml = fatturapa_xml(view, progressivo(invoice))
                staged.append(_stage(args.fatturapa, xml, language))
    except BaseException:
        for tmp, _ in staged:
            tmp.unlink(missing_ok=True)
        raise
    for tmp, final in staged:
        tmp.replace(final)
        print(text("wrote", language, path=final))
    print(text("invoice_written", language, invoice=invoice.number, order=order.number))
    return 0


def invoice_for(session: Session, order: Order, language: str) -> Invoice:
    """The order's invoice number: the stored one, else the next of this year's series."""
    invoice = session.scalar(select(Invoice).where(Invoice.order_id == order.id))
    if invoice is not None:
        return invoice
    if order.status != OrderStatus.SHIPPED:
        raise user_error("order_not_shipped", language, number=order.number)
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


def _stage(path: Path, data: bytes, language: str) -> tuple[Path, Path]:
    """Write beside the target; the rename comes after the commit."""
    tmp = path.with_name(f".{path.name}.tmp")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp.write_bytes(data)
    except OSError as exc:
        raise user_error("cannot_write", language, path=path, error=exc.strerror) from exc
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
                said = text("manifest_late_parcels", ctx.settings.language, count=len(late))
                print(f"note: {said}")
        if not parcels:
            raise user_error(
                "no_parcels_shipped", ctx.settings.language, carrier=carrier, day=day.isoformat()
            )
        parcels = list(manifest_sequence(parcels))
        if closed is None:
            record_closing(session, ctx, carrier, day, [p.tracking_number for p in parcels])
        view = ManifestView(carrier, day, sender_address(ctx.settings), tuple(parcels))
        csv = args.output is not None and args.output.suffix.lower() == ".csv"
        data = manifest_csv(view) if csv else manifest_pdf(view)
    suffix = "csv" if csv else "pdf"
    output = args.output or ctx.documents_dir / f"manifest-{carrier}-{day.isoformat()}.{suffix}"
    _write(output, data, ctx.settings.language)
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


def _date(value: str) -> dt.date:
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        said = text("bad_date", system_language(), value=value)
        raise argparse.ArgumentTypeError(said) from None


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
