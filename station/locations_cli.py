"""`station locations ...`: bins imported, learnt from the shop's bin field, listed, labelled."""

from __future__ import annotations

import argparse
import json
from itertools import groupby
from pathlib import Path
from typing import TYPE_CHECKING, Any

from station.cli_support import UserError
from station.domain.messages import text

if TYPE_CHECKING:  # the handlers load the database and the label layouts when they run
    from station.context import AppContext
    from station.domain.locations import Location
    from station.services.locations import LocationResult


def add_location_commands(sub: Any) -> None:
    locations = sub.add_parser("locations", help="bins and their walking order")
    loc_sub = locations.add_subparsers(dest="locations_command", required=True)
    imp = loc_sub.add_parser("import", help="import bins from a CSV file")
    imp.add_argument("file", type=Path)
    imp.set_defaults(func=cmd_locations_import)
    learn = loc_sub.add_parser("learn", help="learn bins from the products' bin field")
    learn.set_defaults(func=cmd_locations_learn)
    listing = loc_sub.add_parser("list", help="bins in walking order")
    listing.add_argument("--json", action="store_true")
    listing.set_defaults(func=cmd_locations_list, read_only=True)
    labels = loc_sub.add_parser("labels", help="printable bin labels (Code 128)")
    labels.add_argument("-o", "--output", type=Path, required=True)
    labels.set_defaults(func=cmd_locations_labels, read_only=True)


def _report(result: LocationResult, language: str) -> None:
    for sku in result.unknown_skus:
        print(f"note: {text('locations_unknown_sku', language, sku=sku)}")
    print(
        text(
            "locations_imported",
            language,
            created=result.created,
            updated=result.updated,
            assigned=result.assigned,
        )
    )


def cmd_locations_import(args: argparse.Namespace, ctx: AppContext) -> int:
    from station.services.locations import LocationFileError, apply_locations, read_locations_csv

    language = ctx.settings.language
    try:
        rows = read_locations_csv(args.file)
    except LocationFileError as exc:
        where = text("locations_file_row", language, path=args.file, row=exc.row)
        raise UserError(f"{where}: {exc.message(language)}") from exc
    except (OSError, UnicodeDecodeError) as exc:
        raise UserError(
            text(
                "locations_cannot_read",
                language,
                path=args.file,
                error=getattr(exc, "strerror", exc),
            )
        ) from exc
    with ctx.db.write() as session:
        result = apply_locations(session, rows)
    _report(result, language)
    return 0


def cmd_locations_learn(args: argparse.Namespace, ctx: AppContext) -> int:
    from station.services.locations import learn_from_products

    with ctx.db.write() as session:
        result = learn_from_products(session)
    _report(result, ctx.settings.language)
    return 0


def cmd_locations_list(args: argparse.Namespace, ctx: AppContext) -> int:
    from station.services.locations import bins_in_walking_order

    with ctx.db.read() as session:
        bins = bins_in_walking_order(session)
    if args.json:
        rows = [
            {"code": b.code, "zone": b.zone, "aisle": b.aisle, "bay": b.bay, "level": b.level}
            for b in bins
        ]
        print(json.dumps(rows, indent=2))
        return 0
    for step, b in enumerate(bins, start=1):
        print(f"{step:>5}  {b.code}")
    return 0


def bin_labels_pdf(bins: list[Location]) -> bytes:
    """One Code 128 label per bin, grouped by zone and aisle in walking order."""
    from station.labels.demo_sheet import SheetCode, demo_sheet_pdf

    sections = [
        (
            f"Zone {zone}, aisle {aisle} / Zona {zone}, corsia {aisle}",
            [SheetCode(b.code, b.code, "code128") for b in group],
        )
        for (zone, aisle), group in groupby(bins, key=lambda b: (b.zone, b.aisle))
    ]
    return demo_sheet_pdf("Station bin labels / Etichette ubicazioni", sections)


def cmd_locations_labels(args: argparse.Namespace, ctx: AppContext) -> int:
    from station.services.locations import bins_in_walking_order

    language = ctx.settings.language
    with ctx.db.read() as session:
        bins = bins_in_walking_order(session)
    if not bins:
        raise UserError(text("locations_none", language))
    try:
        args.output.write_bytes(bin_labels_pdf(bins))
    except OSError as exc:
        raise UserError(
            text("cannot_write", language, path=args.output, error=exc.strerror)
        ) from exc
    print(text("wrote", language, path=args.output))
    return 0
