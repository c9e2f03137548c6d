"""`station orders hold|release|assign|priority`: a shift lead's commands on the command line.

The lead gives their name with `--lead` and their PIN at a prompt, or on stdin when stdin is not
a terminal (a script): never on the command line, where other users and the shell history would
see it. Each command calls `station.services.lead` and prints one line in the settings' language.
"""

from __future__ import annotations

import argparse
import getpass
import sys
from typing import Any

from station.cli_support import UsageError, refusals_shown
from station.context import AppContext
from station.domain.reasons import reason_text
from station.services.lead import LeadService, OrderChange, check_lead_pin

SAID: dict[str, tuple[str, str]] = {
    "pin_prompt": ("PIN for {name}: ", "PIN di {name}: "),
    "held": ("order {number} held: {reason}", "ordine {number} sospeso: {reason}"),
    "released": (
        "order {number} released: back in the queue",
        "ordine {number} sbloccato: di nuovo in coda",
    ),
    "assigned": ("order {number} assigned to {whom}", "ordine {number} assegnato a {whom}"),
    "bench": ("bench {bench}", "banco {bench}"),
    "queued": (
        "order {number} back in the queue for every bench",
        "ordine {number} di nuovo in coda per tutti i banchi",
    ),
    "priority": (
        "order {number} now has priority {priority}",
        "ordine {number}: priorità {priority}",
    ),
    "assign_usage": (
        "give --bench and/or --operator, or --queue alone",
        "indica --bench e/o --operator, oppure solo --queue",
    ),
}


def say(ctx: AppContext, key: str, **params: Any) -> str:
    english, italian = SAID[key]
    return (italian if ctx.settings.language == "it" else english).format(**params)


def read_pin(ctx: AppContext, name: str) -> str:
    """The PIN from a hidden prompt at a terminal, else the first line of stdin."""
    if sys.stdin.isatty():
        return getpass.getpass(say(ctx, "pin_prompt", name=name))
    return sys.stdin.readline().strip()


def lead_service(args: argparse.Namespace, ctx: AppContext) -> LeadService:
    """The lead's commands, once their name and PIN are checked."""
    name = check_lead_pin(ctx.db, args.lead, read_pin(ctx, args.lead))
    return LeadService(ctx.db, name, bench=ctx.settings.bench_name)


def cmd_hold(args: argparse.Namespace, ctx: AppContext) -> int:
    with refusals_shown(ctx):
        change = lead_service(args, ctx).hold(args.number, args.reason)
    reason = reason_text(change.hold, ctx.settings.language)
    print(say(ctx, "held", number=change.number, reason=reason))
    return 0


def cmd_release(args: argparse.Namespace, ctx: AppContext) -> int:
    with refusals_shown(ctx):
        change = lead_service(args, ctx).release(args.number)
    print(say(ctx, "released", number=change.number))
    return 0


def cmd_assign(args: argparse.Namespace, ctx: AppContext) -> int:
    if args.queue == bool(args.bench or args.operator):
        raise UsageError(say(ctx, "assign_usage"))
    with refusals_shown(ctx):
        change = lead_service(args, ctx).reassign(
            args.number, bench=args.bench, operator=args.operator
        )
    print(assigned(ctx, change))
    return 0


def assigned(ctx: AppContext, change: OrderChange) -> str:
    whom = [say(ctx, "bench", bench=change.bench)] if change.bench else []
    whom += [change.operator] if change.operator else []
    if not whom:
        return say(ctx, "queued", number=change.number)
    return say(ctx, "assigned", number=change.number, whom=", ".join(whom))


def cmd_priority(args: argparse.Namespace, ctx: AppContext) -> int:
    with refusals_shown(ctx):
        change = lead_service(args, ctx).set_priority(args.number, args.priority)
    print(say(ctx, "priority", number=change.number, priority=change.priority))
    return 0


def add_lead_commands(orders: Any) -> None:
    """Register `hold`, `release`, `assign` and `priority` under `station orders`."""
    lead = argparse.ArgumentParser(add_help=False)
    lead.add_argument(
        "--lead", required=True, metavar="NAME", help="the shift lead (the PIN is asked for)"
    )

    hold = orders.add_parser("hold", parents=[lead], help="take an order out of the queue")
    hold.add_argument("number")
    hold.add_argument("--reason", required=True, metavar="TEXT", help="why, in a few words")
    hold.set_defaults(func=cmd_hold)

    release = orders.add_parser("release", parents=[lead], help="put a held order back")
    release.add_argument("number")
    release.set_defaults(func=cmd_release)

    assign = orders.add_parser(
        "assign", parents=[lead], help="give an order to a bench or a person, or back to all"
    )
    assign.add_argument("number")
    assign.add_argument("--bench", metavar="NAME", help="only this bench's NEXT claims it")
    assign.add_argument("--operator", metavar="NAME", help="the operator who should pack it")
    assign.add_argument("--queue", action="store_true", help="back to the queue of every bench")
    assign.set_defaults(func=cmd_assign)

    priority = orders.add_parser("priority", parents=[lead], help="set an order's priority")
    priority.add_argument("number")
    priority.add_argument("priority", type=int, metavar="N", help="higher is more urgent")
    priority.set_defaults(func=cmd_priority)
