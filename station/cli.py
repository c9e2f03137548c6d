"""The `station` command. Exit 0 on success, 1 on an operational error (one clear line on
stderr), 2 on a usage error.

Building the parser imports only what the parser needs; each command imports its own work when
it runs (the database, documents, devices, Qt). `station --help` then starts in a fraction of
the time, and so does every command that needs little (tests/test_cli_startup.py holds it).
"""

from __future__ import annotations

import argparse
import errno
import importlib
import io
import json
import sys
from collections.abc import Callable, Sequence
from contextlib import nullcontext
from pathlib import Path
from typing import TYPE_CHECKING, Any

from station.cli_support import UsageError, UserError
from station.config import default_home, system_language
from station.documents_cli import add_document_commands
from station.domain.messages import text
from station.homelock import HomeBusyError, command_line
from station.orders_cli import add_lead_commands
from station.report_cli import add_report_commands

if TYPE_CHECKING:
    from station.context import AppContext

Handler = Callable[[argparse.Namespace, "AppContext"], int]


def _run_options() -> argparse.ArgumentParser:
    # Accepted before and after the subcommand: `station --demo` and `station bench --demo`.
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument(
        "--demo",
        action="store_true",
        default=argparse.SUPPRESS,
        help="use demo data (a throwaway home unless --home is given)",
    )
    common.add_argument(
        "--scale",
        metavar="SPEC",
        default=argparse.SUPPRESS,
        help="sim, none (typed WEIGHT lines) or PROTOCOL:PORT",
    )
    common.add_argument(
        "--printer",
        metavar="SPEC",
        default=argparse.SUPPRESS,
        help="folder, folder:DIR, zpl:HOST[:PORT] or cups:QUEUE (default: the settings')",
    )
    return common


def build_parser() -> argparse.ArgumentParser:
    common = _run_options()
    parser = argparse.ArgumentParser(
        prog="station", parents=[common], description="Station: the packing bench."
    )
    parser.add_argument("--home", type=Path, help="data and settings folder (or STATION_HOME)")
    parser.add_argument("--db", metavar="URL", help="database URL (or STATION_DB_URL)")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

    bench = sub.add_parser("bench", parents=[common], help="open the bench")
    bench.add_argument("--console", action="store_true", help="one scan per line on stdin")
    bench.add_argument("action", nargs="?", choices=["join"], help="join: become part of a hub")
    bench.add_argument("--hub", metavar="URL", help="with join: the hub's postgresql+psycopg URL")
    bench.add_argument("--name", help="with join: this bench's name in the warehouse, e.g. B3")
    bench.set_defaults(func=cmd_bench)

    db = sub.add_parser("db", help="database maintenance")
    db_sub = db.add_subparsers(dest="db_command", required=True)
    db_sub.add_parser(
        "verify", help="replay the event log and compare it with the tables"
    ).set_defaults(func=cmd_db_verify, read_only=True)
    db_sub.add_parser("upgrade", help="create or migrate the database").set_defaults(
        func=cmd_db_upgrade
    )

    orders = sub.add_parser("orders", help="the order queue")
    orders_sub = orders.add_subparsers(dest="orders_command", required=True)
    listing = orders_sub.add_parser("list", help="list orders")
    listing.add_argument(
        "--status",
        help="queued, packing, held, shipped or cancelled; backorder: orders that still owe units",
    )
    listing.add_argument("--json", action="store_true")
    listing.set_defaults(func=cmd_orders_list, read_only=True)
    show = orders_sub.add_parser("show", help="one order in detail")
    show.add_argument("number")
    show.add_argument("--json", action="store_true")
    show.set_defaults(func=cmd_orders_show, read_only=True)
    add_lead_commands(orders_sub)
    add_report_commands(sub)

    sheet = sub.add_parser("demo-sheet", help="printable barcodes: demo products and commands")
    sheet.add_argument("-o", "--output", type=Path, required=True, metavar="FILE.pdf")
    sheet.set_defaults(func=cmd_demo_sheet, needs_home=False)

    _add_extensions(sub)
    return parser


def _add_extensions(sub: Any) -> None:
    """Command groups that live with their packages (devices, documents, shop sync)."""
    add_document_commands(sub)
    for module, function in (
        ("station.devices.commands", "add_device_commands"),
        ("sync.commands", "add_sync_commands"),
        ("station.carriers_cli", "add_carrier_commands"),
        ("station.locations_cli", "add_location_commands"),
        ("station.pick_console", "add_pick_commands"),
    ):
        try:
            mod = __import__(module, fromlist=[function])
        except ModuleNotFoundError as exc:
            if exc.name != module:
                raise
            continue
        getattr(mod, function)(sub)


def cmd_db_upgrade(args: argparse.Namespace, ctx: AppContext) -> int:
    print(text("database_ready", ctx.settings.language, url=ctx.db.url))
    return 0


def cmd_db_verify(args: argparse.Namespace, ctx: AppContext) -> int:
    from station.services.verify import verify

    differences = verify(ctx.db, ctx.home)
    for difference in differences:
        print(difference)
    language = ctx.settings.language
    if differences:
        print(text("log_differs", language, count=len(differences)), file=sys.stderr)
        return 1
    print(text("log_agrees", language))
    return 0


def cmd_bench(args: argparse.Namespace, ctx: AppContext) -> int:
    from station.devices.scale import ScaleSpecError
    from station.devices.scale_spec import demo_scale_spec, open_scale, scale_protocols
    from station.printing import CannotPrintError, check_printer_spec

    if getattr(args, "action", None) == "join":
        join: Handler = importlib.import_module("sync.hub.commands").bench_join
        return join(args, ctx)
    printer = getattr(args, "printer", None)
    window = None if getattr(args, "console", False) else _window()
    try:
        check_printer_spec(
            printer or ctx.settings.printer,
            ctx.home,
            ctx.settings.language,
            window=window is not None,
        )
    except CannotPrintError as exc:
        raise UserError(str(exc)) from exc
    demo_scale = demo_scale_spec()  # the real serial driver on a pty simulator, as a real scale
    spec = getattr(args, "scale", None) or (demo_scale if ctx.demo else ctx.settings.scale)
    try:
        scale = open_scale(spec)
    except ScaleSpecError as exc:
        known = ", ".join(["sim", "none", *[f"{p}:PORT" for p in scale_protocols()]])
        raise UserError(
            text("unknown_scale", ctx.settings.language, spec=exc, known=known)
        ) from exc
    if window is not None:
        return window(ctx, scale)
    from station.console import run_console

    if isinstance(sys.stdin, io.TextIOWrapper):  # a scanner's stray byte must not end the bench
        sys.stdin.reconfigure(errors="surrogateescape")
    sync = _background_sync(ctx)
    hub = _background_hub(ctx)
    try:
        if sync is None:
            return run_console(ctx, scale, sys.stdin, sys.stdout, printer=printer, hub=hub)
        worker, status = sync
        return run_console(
            ctx,
            scale,
            sys.stdin,
            sys.stdout,
            shop_status=status,
            on_packed=worker.wake,
            printer=printer,
            hub=hub,
        )
    finally:
        if hub is not None:
            hub.stop()
        if sync is not None:
            sync[0].stop()
        if scale is not None:
            scale.close()


def _background_sync(ctx: AppContext) -> tuple[Any, Callable[[], str]] | None:
    """Shop sync on its own thread while the bench runs, when the bench has shops."""
    try:
        from sync.runner import SyncWorker, sync_status
    except ModuleNotFoundError:
        return None
    if not sync_status(ctx).shops:
        return None
    worker = SyncWorker(ctx, interval_s=30.0, gate=_shop_sync_gate(ctx))
    worker.start()

    def status() -> str:
        now, language = sync_status(ctx), ctx.settings.language
        waiting = text("shop_updates_waiting", language, pending=now.pending, parked=now.parked)
        if now.online:
            return waiting
        return text("shop_updates_offline", language, status=waiting, error=now.last_error)

    return worker, status


def _shop_sync_gate(ctx: AppContext) -> Any:
    """On a bench of a warehouse, shop sync runs only while this bench leads it."""
    from station.app import joined_a_hub

    if not joined_a_hub(ctx):
        return None
    return importlib.import_module("sync.hub.replicator").shop_sync_gate(ctx)


def _background_hub(ctx: AppContext) -> Any:
    """A joined bench replicates with its hub on its own thread (see sync.hub)."""
    from station.app import joined_a_hub

    if not joined_a_hub(ctx):
        return None
    try:
        replicator = importlib.import_module("sync.hub.replicator")
    except ModuleNotFoundError:
        return None
    return replicator.start_hub_worker(ctx)


def _window() -> Callable[[AppContext, Any], int] | None:
    """The Qt front end, when it is installed. The command line picks the front end at run
    time, so nothing outside station.ui depends on Qt (the import contract checks that)."""
    try:
        module = importlib.import_module("station.ui.main")
    except ImportError:
        return None
    run_window: Callable[[AppContext, Any], int] = module.run_window
    return run_window


def cmd_orders_list(args: argparse.Namespace, ctx: AppContext) -> int:
    from station.services.orders import list_orders

    with ctx.db.read() as session:
        rows = list_orders(session, args.status, language=ctx.settings.language)
    if args.json:
        print(json.dumps(rows, ensure_ascii=False, indent=1))
        return 0
    print(
        f"{'ORDER':<8} {'STATUS':<9} {'PRI':>3} {'CARRIER':<7} {'UNITS':>5} {'OWED':>4}  CUSTOMER"
    )
    for row in rows:
        owed = str(row["backorder"] or "")
        print(
            f"{row['number']:<8} {row['status']:<9} {row['priority']:>3} "
            f"{row['carrier']:<7} {row['units']:>5} {owed:>4}  {row['customer']}"
        )
    return 0


def cmd_orders_show(args: argparse.Namespace, ctx: AppContext) -> int:
    from station.services.orders import show_order

    with ctx.db.read() as session:
        data = show_order(session, args.number, language=ctx.settings.language)
    if data is None:
        raise UserError(text("order_not_found", ctx.settings.language, number=args.number))
    if args.json:
        print(json.dumps(data, ensure_ascii=False, indent=1))
        return 0
    language = ctx.settings.language
    fields = ("number", "status", "customer", "carrier", "service")
    print(text("order_summary", language, **{k: data[k] for k in fields}))
    for line in data["lines"]:
        print(f"  {line['sku']:<8} {line['verified']}/{line['quantity']}  {line['name']}")
    for parcel in data["parcels"]:
        said = text(
            "order_parcel",
            language,
            seq=parcel["seq"],
            weight_g=parcel["weight_g"],
            tracking=parcel["tracking_number"] or "",
        )
        print(f"  {said}")
    return 0


def cmd_demo_sheet(args: argparse.Namespace, ctx: AppContext | None) -> int:
    from station.demo_sheet import demo_sheet

    language = ctx.settings.language if ctx is not None else system_language()
    try:
        args.output.write_bytes(demo_sheet(language))
    except OSError as exc:
        raise UserError(
            text("cannot_write", language, path=args.output, error=exc.strerror)
        ) from exc
    print(text("wrote", language, path=args.output))
    return 0


def file_problem(exc: OSError, home: Path) -> str:
    where = exc.filename or home
    language = system_language()
    if exc.errno in (errno.ENOSPC, getattr(errno, "EDQUOT", errno.ENOSPC)):
        return text("disk_full", language, where=where)
    if exc.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
        return text("cannot_write_here", language, where=where, error=exc.strerror)
    return text("cannot_use", language, where=where, error=exc.strerror or exc)


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    from station.app import is_configured, logging_to_home, open_home
    from station.db.engine import DatabaseError

    if args.command is None:
        args.func = cmd_bench
    demo_mode = bool(getattr(args, "demo", False))
    if args.command is None and not demo_mode:
        demo_mode = not is_configured(args.home or default_home(), args.db)
    try:
        if not getattr(args, "needs_home", True):
            return int(args.func(args, None))
        # Read-only commands run beside a bench; every other one has the home to itself.
        lock_for = None if getattr(args, "read_only", False) else command_line()
        with (
            open_home(args.home, args.db, demo_mode=demo_mode, lock_for=lock_for) as ctx,
            logging_to_home(ctx.home) if lock_for is not None else nullcontext(),
        ):
            if ctx.settings.load_warning is not None:
                warning = ctx.settings.load_warning.text(ctx.settings.language)
                print(
                    f"station: {text('warning', ctx.settings.language, what=warning)}",
                    file=sys.stderr,
                )
            return int(args.func(args, ctx))
    except UsageError as exc:
        print(f"station: {exc}", file=sys.stderr)
        return 2
    except UserError as exc:
        print(f"station: {exc}", file=sys.stderr)
        return 1
    except (DatabaseError, HomeBusyError) as exc:  # before the settings: the system's language
        print(f"station: {exc.message(system_language())}", file=sys.stderr)
        return 1
    except BrokenPipeError:  # the reader of our output went away (`| head`): nothing to say
        return 1
    except OSError as exc:  # the home's disk or folder itself failed: say which, no traceback
        print(f"station: {file_problem(exc, args.home or default_home())}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        return 130


if __name__ == "__main__":
    raise SystemExit(main())
