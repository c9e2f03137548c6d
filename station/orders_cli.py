"""`station orders hold|release|assign|priority|backorder|void`: a shift lead's commands.

The lead gives their name with `--lead` and their PIN at a prompt, or on stdin when stdin is not
a terminal (a script): never on the command line, where other users and the shell history would
see it. Each command calls `station.services.lead` and prints one line in the settings' language.
"""

from __future__ import annotations

import argparse
import getpass
import sys
from typing import TYPE_CHECKING, Any

from station.cli_support import UsageError, refusals_shown
from station.domain.messages import text

if TYPE_CHECKING:  # the service is imported when a command runs, not to build `--help`
    from station.context import AppContext
    from station.services.lead import LeadService, OrderChange


def read_pin(ctx: AppContext, name: str) -> str:
    """The PIN from a hidden prompt at a terminal, else the first line of stdin."""
    if sys.stdin.isatty():
        return getpass.getpass(text("lead_pin_prompt", ctx.settings.language, name=name))
    return sys.stdin.readline().strip()


def lead_service(args: argparse.Namespace, ctx: AppContext) -> LeadService:
    """The lead's commands, once their name and PIN are checked."""
    from station.services.lead import LeadService, check_lead_pin

    name = check_lead_pin(ctx.db, args.lead, read_pin(ctx, args.lead))
    return LeadService(ctx.db, name, bench=ctx.settings.bench_name, clock=ctx.clock.now)


def cmd_hold(args: argparse.Namespace, ctx: AppContext) -> int:
    from station.domain.reasons import reason_text

    with refusals_shown(ctx):
        change = lead_service(args, ctx).hold(args.number, args.reason)
    reason = reason_text(change.hold, ctx.settings.language)
    print(text("lead_held", ctx.settings.language, number=change.number, reason=reason))
    return 0


def cmd_release(args: argparse.Namespace, ctx: AppContext) -> int:
    with refusals_shown(ctx):
        change = lead_service(args, ctx).release(args.number)
    print(text("lead_released", ctx.settings.language, number=change.number))
    return 0


def cmd_assign(args: argparse.Namespace, ctx: AppContext) -> int:
    if args.queue == bool(args.bench or args.operator):
        raise UsageError(text("lead_assign_usage", ctx.settings.language))
    with refusals_shown(ctx):
        change = lead_service(args, ctx).reassign(
            args.number, bench=args.bench, operator=args.operator
        )
    print(assigned(ctx, change))
    return 0


def cmd_void(args: argparse.Namespace, ctx: AppContext) -> int:
    from station.services.lead import check_lead_pin
    from station.services.voiding import void_shipment

    with refusals_shown(ctx):
        name = check_lead_pin(ctx.db, args.lead, read_pin(ctx, args.lead))
        voided = void_shipment(
            ctx.db,
            ctx.settings,
            args.number,
            lead=name,
            bench=ctx.settings.bench_name,
            clock=ctx.clock.now,
        )
    language, number = ctx.settings.language, voided.number
    for shipment in voided.shipments:
        carrier = shipment.carrier
        if voided.relabel:
            print(text("lead_voided_relabel", language, number=number, carrier=carrier))
        else:
            print(text("lead_voided_cancelled", language, number=number, carrier=carrier))
    return 0


def assigned(ctx: AppContext, change: OrderChange) -> str:
    whom = [text("lead_bench", ctx.settings.language, bench=change.bench)] if change.bench else []
    whom += [change.operator] if change.operator else []
    if not whom:
        return text("lead_queued", ctx.settings.language, number=change.number)
    return text("lead_assigned", ctx.settings.language, number=change.number, whom=", ".join(whom))


def cmd_priority(args: argparse.Namespace, ctx: AppContext) -> int:
    with refusals_shown(ctx):
        change = lead_service(args, ctx).set_priority(args.number, args.priority)
    print(
        text("lead_priority", ctx.settings.language, number=change.number, priority=change.priority)
    )
    return 0


def cmd_backorder(args: argparse.Namespace, ctx: AppContext) -> int:
    language = ctx.settings.language
    with refusals_shown(ctx):
        lead = lead_service(args, ctx)
        if args.action == "ready":
            change, follow_up = lead.release_backorder(args.number)
            said = text(
                "lead_backorder_released", language, number=change.number, follow_up=follow_up
            )
        else:
            change = lead.cancel_backorder(args.number)
            said = text("lead_backorder_cancelled", language, number=change.number)
    print(said)
    return 0


def add_lead_commands(orders: Any) -> None:
    """Register `hold`, `release`, `assign`, `priority`, `backorder` and `void` under
    `station orders`."""
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

    backorder = orders.add_parser(
        "backorder",
        parents=[lead],
        help="close an order's backorder: ready (the owed units go to the queue as a follow-up "
        "order) or cancel (they will not be sent)",
    )
    backorder.add_argument("number")
    backorder.add_argument("action", choices=("ready", "cancel"))
    backorder.set_defaults(func=cmd_backorder)

    void = orders.add_parser(
        "void",
        parents=[lead],
        help="cancel a shipped order's labels at its carrier; the order is labelled again, or "
        "stays cancelled when the shop cancelled it",
    )
    void.add_argument("number")
    void.set_defaults(func=cmd_void)
