"""`station shop ...`, `station sync`, `station products import`: registered by the core CLI."""

from __future__ import annotations

import argparse
import contextlib
import getpass
import sys
import time
from pathlib import Path
from typing import TYPE_CHECKING, Any

from station.config import system_language
from station.domain.messages import text

if TYPE_CHECKING:
    from station.context import AppContext

# Each command imports its work when it runs; building the parser imports nothing of sync's
# (`station --help` must not load the database or an HTTP client). The shop kinds, which only
# `shop add` needs, are loaded when `shop add` is parsed.


def _fail(message: str) -> int:
    print(f"error: {message}", file=sys.stderr)
    return 1


def shop_add(args: argparse.Namespace, ctx: AppContext) -> int:
    from sync.shops.config import add_shop
    from sync.shops.registry import ShopConfigError, shop_kind

    given = {name: getattr(args, name.replace("-", "_")) for name in _kind_options()}
    try:
        secrets, settings = shop_kind(args.kind).split_options(given)
        secrets.update(_secrets_not_on_the_command_line(args.kind, secrets))
        where = add_shop(
            ctx,
            args.kind,
            args.name,
            url=args.url or "",
            path=args.path or "",
            secrets=secrets,
            settings=settings,
        )
    except ShopConfigError as exc:
        return _fail(exc.message(ctx.settings.language))
    said = text(
        "shop_added_secrets" if where else "shop_added",
        ctx.settings.language,
        name=args.name,
        where=where,
    )
    print(said)
    return 0


def _secrets_not_on_the_command_line(kind: str, given: dict[str, str]) -> dict[str, str]:
    """Secrets typed on the command line show in every process list: a flag still works, with
    a warning; a secret not given is asked for (hidden) or read from stdin, a line each."""
    from sync.shops.registry import shop_kind

    asked: dict[str, str] = {}
    for name in given:
        print(text("secret_in_argv", system_language(), name=name), file=sys.stderr)
    for name in shop_kind(kind).missing_secrets(given):
        if sys.stdin is not None and sys.stdin.isatty():
            asked[name] = getpass.getpass(f"{name}: ").strip()
        elif sys.stdin is not None:
            with contextlib.suppress(OSError):  # no stdin at all: the usual "needs --x" follows
                asked[name] = sys.stdin.readline().strip()
    return {k: v for k, v in asked.items() if v}


def shop_list(args: argparse.Namespace, ctx: AppContext) -> int:
    from sync.runner import sync_status
    from sync.shops.config import list_shops
    from sync.shops.registry import shop_kinds

    status = {s.name: s for s in sync_status(ctx).shops}
    folders = {k.name for k in shop_kinds() if k.location == "path"}
    for shop in list_shops(ctx):
        st = status.get(shop.name)
        online = {True: "online", False: "offline", None: "not synced yet"}[
            st.online if st else None
        ]
        where = shop.settings.get("path") if shop.kind in folders else shop.url
        print(
            f"{shop.name}\t{shop.kind}\t{where}\t{online}\tpending {st.pending if st else 0}"
            f"\tparked {st.parked if st else 0}"
        )
    return 0


def shop_test(args: argparse.Namespace, ctx: AppContext) -> int:
    from sync.errors import ShopError
    from sync.shops.config import find_shop, make_connector
    from sync.shops.registry import ShopConfigError

    try:
        connector = make_connector(ctx, find_shop(ctx, args.name), timeout_s=10.0)
    except ShopConfigError as exc:
        return _fail(exc.message(ctx.settings.language))
    http = getattr(connector, "http", None)
    if http is not None:
        http.retries = 0  # a test answers at once: up or down
    try:
        print(connector.test().text(ctx.settings.language))
        return 0
    except ShopError as exc:
        return _fail(exc.message(ctx.settings.language))
    finally:
        connector.close()


def sync_cmd(args: argparse.Namespace, ctx: AppContext) -> int:
    from sync.runner import SyncWorker, run_once, sync_status
    from sync.shops.config import may_lead_shop_sync, shops_not_added

    language = ctx.settings.language
    if args.once:
        from sync.hub.replicator import replicate_home, shop_sync_leader  # a warehouse's only

        before = replicate_home(ctx)  # a joined bench: the others' shipments reach the outbox
        leader = shop_sync_leader(ctx)
        to_add = shops_not_added(ctx) if leader is not None else []
        try:
            leads = leader is None or (may_lead_shop_sync(ctx) and leader.lead())
            reports = run_once(ctx) if leads else []
        finally:
            if leader is not None:
                leader.release()
        for shop in to_add:
            print(text("hub_shop_not_added", language, shop=shop.name, kind=shop.kind))
        if leader is not None and not to_add and not reports and sync_status(ctx).shops:
            print(
                text(
                    "shop_sync_elsewhere" if leader.reachable else "shop_sync_waits_for_hub",
                    language,
                )
            )
        for r in reports:
            p, q = r.pulled, r.pushed
            said = text(
                "sync_report",
                language,
                shop=r.shop,
                imported=p.imported,
                updated=p.updated,
                flagged=p.flagged,
                sent=q.sent,
                retrying=q.retrying,
                parked=q.parked,
            )
            print(said + (f"; {r.error}" if r.error else ""))
        status = sync_status(ctx)
        print(text("outbox_status", language, pending=status.pending, parked=status.parked))
        after = replicate_home(ctx) if before is not None else None  # and ours reach the hub
        if before is not None and after is not None:
            from sync.hub.commands import both_rounds, round_line

            print(round_line(both_rounds(before, after), language))
        for sentence in ctx.clock.notices(language):  # e.g. the shop's clock differs from ours
            print(f"station: {text('warning', language, what=sentence)}", file=sys.stderr)
        hub_failed = after is not None and after.error is not None
        return 1 if any(r.error for r in reports) or hub_failed else 0
    worker = SyncWorker(ctx, interval_s=args.interval)
    try:  # Ctrl+C as soon as the worker exists stops it: a thread left running keeps us alive
        worker.start()
        while True:
            time.sleep(3600)
    except KeyboardInterrupt:
        worker.stop()
    return 0


def products_import(args: argparse.Namespace, ctx: AppContext) -> int:
    from sync.products import CatalogueFileError, apply_products, read_products_csv

    try:
        products, packs = read_products_csv(Path(args.file))
    except CatalogueFileError as exc:
        return _fail(exc.message(ctx.settings.language))
    except (OSError, ValueError) as exc:
        return _fail(str(exc))
    with ctx.db.write() as s:
        result = apply_products(s, products, None, packs)
    language = ctx.settings.language
    for note in result.notes:
        print(f"note: {note.text(language)}", file=sys.stderr)
    print(
        text(
            "products_imported",
            language,
            created=result.created,
            updated=result.updated,
            skipped=result.skipped,
        )
    )
    return 0


def _kind_options() -> dict[str, list[str]]:
    """Every `shop add` option some kind takes, with each kind's help for it."""
    from sync.shops.registry import shop_kinds

    options: dict[str, list[str]] = {}
    for kind in shop_kinds():
        for option in (*kind.secrets, *kind.settings):
            helps = options.setdefault(option.name, [])
            if option.help not in helps:  # kinds that share an option say it once
                helps.append(option.help)
    return options


def _add_shop_arguments(add: argparse.ArgumentParser) -> None:
    """`shop add`'s arguments, which come from the registered shop kinds (each connector
    registers itself when imported, and connectors import an HTTP client)."""
    from sync.shops.registry import shop_kind_names

    add.add_argument("kind", choices=shop_kind_names())
    add.add_argument("name")
    add.add_argument("--url")
    add.add_argument("--path", help="folder watched by a drop-folder shop")
    for name, helps in _kind_options().items():
        add.add_argument(f"--{name}", help=" or ".join(helps))


def _when_parsed(parser: argparse.ArgumentParser, fill: Any) -> None:
    """Give `parser` its arguments the first time it parses (its own `--help` included), so
    that a parser that is never used costs nothing to build."""
    parse = parser.parse_known_args

    def parse_known_args(*args: Any, **kwargs: Any) -> Any:
        del parser.parse_known_args  # back to the class's own, filled once
        fill(parser)
        return parse(*args, **kwargs)

    parser.parse_known_args = parse_known_args  # type: ignore[method-assign]


def add_sync_commands(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    shop = subparsers.add_parser("shop", help="configure shops")
    shop_sub = shop.add_subparsers(dest="shop_command", required=True)
    add = shop_sub.add_parser("add", help="add a shop")
    _when_parsed(add, _add_shop_arguments)
    add.set_defaults(func=shop_add)
    shop_sub.add_parser("list", help="list shops and their sync state").set_defaults(
        func=shop_list, read_only=True
    )
    test = shop_sub.add_parser("test", help="check that a shop answers with its credentials")
    test.add_argument("name")
    test.set_defaults(func=shop_test)

    sync = subparsers.add_parser("sync", help="pull orders, push the outbox")
    sync.add_argument("--once", action="store_true", help="one round, then exit")
    sync.add_argument("--interval", type=float, default=60.0, help="seconds between rounds")
    sync.set_defaults(func=sync_cmd)

    from sync.hub.commands import add_hub_commands  # its handlers load the hub when they run

    add_hub_commands(subparsers)

    products = subparsers.add_parser("products", help="catalogue")
    products_sub = products.add_subparsers(dest="products_command", required=True)
    imp = products_sub.add_parser("import", help="import products from a CSV file")
    imp.add_argument("file")
    imp.set_defaults(func=products_import)
