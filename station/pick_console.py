"""`station pick batch`: batch picking at a terminal or handheld, one scan per line on stdin;
`station pick shorts`: what pickers found missing at which bin, for the lead."""

from __future__ import annotations

import argparse
import datetime as dt
import json
import sys
from typing import TYPE_CHECKING, Any, TextIO

from station.cli_support import UserError
from station.domain.messages import text
from station.workflow.io import Accepted, Prompt, Rejected, parse_line
from station.workflow.route import Stop

if TYPE_CHECKING:  # the handlers load the database when they run, not with `station --help`
    from station.context import AppContext
    from station.services.picking import PickService


def add_pick_commands(sub: Any) -> None:
    pick = sub.add_parser("pick", help="batch picking into totes")
    pick_sub = pick.add_subparsers(dest="pick_command", required=True)
    batch = pick_sub.add_parser("batch", help="take a batch of orders, one scan per line")
    batch.add_argument("--orders", type=int, default=None, help="orders in the batch")
    batch.add_argument(
        "--window", action="store_true", help="the handheld-sized picker window, not stdin"
    )
    batch.set_defaults(func=cmd_pick_batch)
    shorts = pick_sub.add_parser("shorts", help="units pickers did not find, by bin")
    shorts.add_argument("--json", action="store_true")
    shorts.set_defaults(func=cmd_pick_shorts, read_only=True)


def _line(effect: Accepted | Rejected | Prompt) -> str:
    word = {Accepted: "OK", Rejected: "ERROR", Prompt: "PROMPT"}[type(effect)]
    return f"{word} {effect.code} {effect.message}"


def route_lines(stops: list[Stop], totes: dict[str, str]) -> list[str]:
    """The route as a picker reads it from a metre: step, bin, units, item, tote."""
    return [
        f"ROUTE {step:>3}  {stop.bin.code if stop.bin else '-':<12} {p.quantity:>3} x {p.sku:<12}"
        f" -> {totes[p.order]}"
        for step, stop in enumerate(stops, start=1)
        for p in stop.picks
    ]


def cmd_pick_batch(args: argparse.Namespace, ctx: AppContext) -> int:
    """A joined bench replicates with its hub while the picker works, so the batch's leases
    run on and the other benches hear of the batch."""
    from station.app import joined_a_hub

    hub = None
    if joined_a_hub(ctx):
        import importlib

        hub = importlib.import_module("sync.hub.replicator").start_hub_worker(ctx)
    try:
        return _pick_batch(args, ctx)
    finally:
        if hub is not None:
            hub.stop()


def _pick_batch(args: argparse.Namespace, ctx: AppContext) -> int:
    if args.window:
        import importlib

        try:
            window = importlib.import_module("station.ui.pick_window")
        except ImportError:
            raise UserError(text("pick_no_window", ctx.settings.language)) from None
        status: int = window.run_pick_window(ctx, args.orders)
        return status
    from station.app import pick_service

    return run_pick(pick_service(ctx, args.orders), sys.stdin, sys.stdout)


def run_pick(service: PickService, stdin: TextIO, stdout: TextIO) -> int:
    pick = service.pick
    if service.resumed:
        said = text("batch_resumed", pick.language, count=len(pick.orders))
        print(f"OK batch_resumed {said}", file=stdout)
    print(_line(pick.prompt()), file=stdout, flush=True)
    for raw in stdin:
        inp = parse_line(raw)
        if inp is None:
            continue
        before = service.pick  # NEXT after a finished batch brings a new one
        planned = bool(before.stops)
        out = service.handle(inp, dt.datetime.now(dt.UTC))
        pick = service.pick
        for effect in out.effects:
            if isinstance(effect, Prompt) and pick is before and not planned and pick.stops:
                numbers = {o.number: pick.totes[o.uid] for o in pick.orders}
                for row in route_lines(pick.stops, numbers):
                    print(row, file=stdout)
            print(_line(effect), file=stdout, flush=True)
    return 0


def cmd_pick_shorts(args: argparse.Namespace, ctx: AppContext) -> int:
    from station.services.pick_shorts import pick_shorts

    with ctx.db.read() as session:
        rows = pick_shorts(session, limit=None)
    shorts = [
        {
            "order": row.order,
            "bin": row.bin,
            "wanted": row.wanted,
            "found": row.found,
            "tote": row.tote,
            "at": row.at.isoformat(),
            "picker": row.picker,
        }
        for row in reversed(rows)  # oldest first, as a log reads
    ]
    if args.json:
        print(json.dumps(shorts, indent=2))
        return 0
    language = ctx.settings.language
    for s in shorts:
        print(text("pick_short_row", language, **s))
    return 0
