"""`station hub init`, `station hub status` and `station bench join`."""

from __future__ import annotations

import argparse
import datetime as dt
import json
import sys
from typing import TYPE_CHECKING, Any

from station.config import system_language
from station.domain.messages import text

if TYPE_CHECKING:  # the hub's modules load when a hub command runs, not with every command
    from station.context import AppContext
    from sync.hub.link import BenchOnHub
    from sync.hub.replicator import RoundReport


def _fail(message: str) -> int:
    print(f"station: {message}", file=sys.stderr)
    return 1


def hub_init(args: argparse.Namespace, ctx: AppContext | None) -> int:
    from sync.hub.link import HubError, init_hub, shown_url

    language = ctx.settings.language if ctx is not None else system_language()
    url = args.hub_db or args.db
    if not url:
        return _fail(text("hub_url_invalid", language))
    try:
        init_hub(url)
    except HubError as exc:
        return _fail(exc.message(language))
    print(text("hub_ready", language, url=shown_url(url)))
    return 0


def bench_join(args: argparse.Namespace, ctx: AppContext) -> int:
    from sync.hub.link import HubError, join_bench, shown_url

    language = ctx.settings.language
    if not args.hub or not args.name:
        print(f"station: {text('bench_join_needs', language)}", file=sys.stderr)
        return 2
    try:
        now = dt.datetime.now(dt.UTC)
        where = join_bench(ctx.home, ctx.settings, args.hub, args.name, now)
    except HubError as exc:
        return _fail(exc.message(language))
    print(text("bench_joined", language, bench=args.name, url=shown_url(args.hub), where=where))
    return 0


def hub_status_cmd(args: argparse.Namespace, ctx: AppContext) -> int:
    from sync.hub.link import HubError, hub_status, joined_hub

    language = ctx.settings.language
    url = args.hub or joined_hub(ctx.home, ctx.settings)
    if not url:
        return _fail(text("hub_not_joined", language))
    try:
        benches = hub_status(url, dt.datetime.now(dt.UTC))
    except HubError as exc:
        return _fail(exc.message(language))
    if args.json:
        print(json.dumps([b.as_json() for b in benches], ensure_ascii=False, indent=1))
        return 0
    if not benches:
        print(text("hub_no_benches", language))
        return 0
    print(text("hub_status_header", language))
    for bench in benches:
        print(_status_line(bench, language))
    return 0


def _status_line(b: BenchOnHub, language: str) -> str:
    state = text("hub_online" if b.online else "hub_offline", language)
    seen = b.last_seen_at.astimezone().strftime("%Y-%m-%d %H:%M:%S") if b.last_seen_at else "-"
    lag = f"{b.lag_s:.1f} s" if b.lag_s is not None else "-"
    return f"{b.name}\t{state}\t{seen}\t{b.version}\t{lag}\t{b.behind}\t{b.leased}"


def both_rounds(before: RoundReport, after: RoundReport) -> RoundReport:
    """`station sync --once` replicates before and after the shop round: said as one."""
    from sync.hub.replicator import RoundReport

    return RoundReport(
        pushed=before.pushed + after.pushed,
        pulled=before.pulled + after.pulled,
        lag_s=max(before.lag_s, after.lag_s),
        error=after.error,
    )


def round_line(report: RoundReport, language: str) -> str:
    if report.error is not None:
        return text("hub_round_error", language, error=report.error.text(language))
    return text(
        "hub_round",
        language,
        pushed=report.pushed,
        pulled=report.pulled,
        lag_s=f"{report.lag_s:.1f}",
    )


def add_hub_commands(subparsers: Any) -> None:
    hub = subparsers.add_parser("hub", help="a warehouse of benches on one PostgreSQL hub")
    hub_sub = hub.add_subparsers(dest="hub_command", required=True)
    init = hub_sub.add_parser("init", help="prepare a PostgreSQL database as the hub")
    init.add_argument("--db", dest="hub_db", metavar="URL", help="postgresql+psycopg://...")
    init.set_defaults(func=hub_init, needs_home=False)
    status = hub_sub.add_parser("status", help="the benches of the hub")
    status.add_argument("--hub", metavar="URL", help="the hub (default: the one joined)")
    status.add_argument("--json", action="store_true")
    status.set_defaults(func=hub_status_cmd, read_only=True)
