"""`station label`, `station invoice`, `station manifest`: an order's documents on demand.

Each command parses its arguments, calls `station.services.documents` (numbering, closing, the
views) and writes the file atomically. Errors a user can meet end as one sentence in the
settings' language.
"""

from __future__ import annotations

import argparse
import datetime as dt
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any

from station.cli_support import UserError, refusals_shown, user_error
from station.config import system_language
from station.domain.messages import text
from station.files import write_atomically

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from station.context import AppContext
    from station.db.invoices import Invoice
    from station.db.models import Order
    from station.labels.manifest import ManifestParcel
    from station.printing.archive import DocumentArchive

# The commands import what they use when they run: `station --help` builds every command's
# parser, and must not pay for the database, the document layouts or reportlab.


@contextmanager
def documents(ctx: AppContext) -> Iterator[None]:
    """Turn a refusal or a document's bad data into the one-sentence error the command prints."""
    with refusals_shown(ctx):
        yield


def find_order(session: Session, number: str) -> Order:
    from station.services import orders

    return orders.find_order(session, number)


# --- label ---------------------------------------------------------------------------------------


def cmd_label(args: argparse.Namespace, ctx: AppContext) -> int:
    """All labels of a packed order in one file: A6 labels four to an A4 sheet, or ZPL.

    ZPL at the archive's resolution is the archived copies, exactly as the printer was sent
    them; at another resolution, and as an A4 sheet (a layout of its own), the labels are
    drawn again from the order, with the numbers and SSCCs they were printed with.
    """
    from station.labels.courier import label_zpl, labels_a4_pdf
    from station.printing.archive import DocumentArchive, label_ref, labels_ref
    from station.services.documents import label_views

    archive = DocumentArchive(ctx.home)
    with ctx.db.read() as session, documents(ctx):
        order = find_order(session, args.number)
        views = label_views(session, order, ctx.settings)
        if not views:
            raise user_error("order_not_packed", ctx.settings.language, number=order.number)
        if carrier_drawn(order, ctx):
            return _archived_labels(args, ctx, archive, order.number, [v.parcel_no for v in views])
        refs = [label_ref(order.number, view.parcel_no) for view in views]
        archived = args.format == "zpl" and args.dpi == ctx.settings.label_dpi
        if archived and all("zpl" in archive.formats(ref) for ref in refs):
            data = b"".join(archive.read(ref, "zpl") for ref in refs)
        elif args.format == "zpl":
            data = b"".join(label_zpl(view, args.dpi) for view in views)
        else:
            data = labels_a4_pdf(views)
    output = args.output or archive.path(labels_ref(order.number), args.format)
    _write(output, data, ctx.settings.language)
    return 0


def carrier_drawn(order: Order, ctx: AppContext) -> bool:
    """Whether a carrier drew some of the order's labels (a network carrier's account): those
    exist only as the carrier sent them, and are never drawn again with another number."""
    from station.carriers.registry import DEFAULT_KIND, carrier_kind

    return any(
        p.tracking_number and carrier_kind(p.carrier, ctx.settings) != DEFAULT_KIND
        for p in order.parcels
    )


def _archived_labels(
    args: argparse.Namespace,
    ctx: AppContext,
    archive: DocumentArchive,
    number: str,
    seqs: list[int],
) -> int:
    """The labels byte for byte as the archive keeps them: ZPL one after another in one file,
    PDF one file per parcel when there are several (`-o` gets `-1`, `-2`... added)."""
    from station.printing.archive import label_ref, labels_ref

    language, fmt = ctx.settings.language, args.format
    refs = [label_ref(number, seq) for seq in seqs]
    missing = [ref for ref in refs if fmt not in archive.formats(ref)]
    if missing:
        kept = "/".join(archive.formats(missing[0])) or "-"
        raise user_error("carrier_label_format", language, number=number, format=fmt, kept=kept)
    output = args.output or archive.path(labels_ref(number), fmt)
    if fmt == "zpl" or len(refs) == 1:
        _write(output, b"".join(archive.read(ref, fmt) for ref in refs), language)
        return 0
    for seq, ref in zip(seqs, refs, strict=True):
        _write(
            output.with_name(f"{output.stem}-{seq}{output.suffix}"),
            archive.read(ref, fmt),
            language,
        )
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
    from station.labels.fatturapa import fatturapa_xml
    from station.labels.invoice import invoice_pdf
    from station.services.documents import INVOICE_SCHEME, invoice_for, invoice_view, progressivo

    staged: list[tuple[Path, Path]] = []
    language = ctx.settings.language
    try:
        with ctx.db.write() as session, documents(ctx):
            order = find_order(session, args.number)
            invoice = invoice_for(
                session,
                order,
                at=ctx.clock.now(),
                bench=ctx.settings.bench_name,
                operator=ctx.settings.operator,
                scheme=str(ctx.settings.extra.get("invoice_series", INVOICE_SCHEME)),
            )
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
    from station.labels.manifest import ManifestView, manifest_csv, manifest_pdf
    from station.services.documents import close_manifest, closed_manifest, local_date
    from station.services.shipping import sender_address

    now = ctx.clock.now()
    day = args.date or local_date(now)
    with ctx.db.write() as session, documents(ctx):
        first = closed_manifest(session, args.carrier.upper(), day) is None
        manifest = close_manifest(
            session,
            args.carrier,
            day,
            at=now,
            bench=ctx.settings.bench_name,
            operator=ctx.settings.operator,
        )
        if first:  # the carrier refusing the close leaves the day open here too
            close_at_carrier(ctx, manifest.carrier, day, manifest.parcels)
        view = ManifestView(manifest.carrier, day, sender_address(ctx.settings), manifest.parcels)
        csv = args.output is not None and args.output.suffix.lower() == ".csv"
        data = manifest_csv(view) if csv else manifest_pdf(view)
    if manifest.late:
        said = text("manifest_late_parcels", ctx.settings.language, count=manifest.late)
        print(f"note: {said}")
    suffix = "csv" if csv else "pdf"
    name = f"manifest-{manifest.carrier}-{day.isoformat()}.{suffix}"
    _write(args.output or ctx.documents_dir / name, data, ctx.settings.language)
    if first:  # compared once, as the day is closed, after the transaction
        _reconcile(ctx, manifest.carrier, manifest.parcels)
    return 0


def _reconcile(ctx: AppContext, carrier: str, parcels: Sequence[ManifestParcel]) -> None:
    """Where the carrier lists its shipments: what differs from the manifest, one warning line
    per kind of difference; else one line that it agrees."""
    from station.services.reconcile import reconcile, said

    found = reconcile(carrier, parcels, ctx.settings)
    if found is None:
        return
    for line in said(found, ctx.settings.language, len(parcels)):
        print(f"{'note' if found.agrees else 'warning'}: {line}")


# --- registration --------------------------------------------------------------------------------


def close_at_carrier(
    ctx: AppContext, carrier: str, day: dt.date, parcels: Sequence[ManifestParcel]
) -> None:
    """Hand the day's parcels over where the carrier has a call for it: GLS CloseWorkDay, BRT's
    explicit confirmation of each shipment."""
    from station.carriers import ShippingError, carrier_for
    from station.carriers.port import ConfirmingCarrier, DayClosingCarrier

    try:
        adapter = carrier_for(carrier, ctx.settings)
        if isinstance(adapter, ConfirmingCarrier):
            adapter.confirm_shipments([p.order_number for p in parcels])
        if isinstance(adapter, DayClosingCarrier):
            adapter.close_day(day, [p.tracking_number for p in parcels])
    except ShippingError as exc:
        raise UserError(exc.message(ctx.settings.language)) from exc


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
