"""`station carrier rule add|list|remove`: which carrier account and service label a parcel, by
the shop's shipping method (and, when given, the country it goes to and whether it is paid on
delivery). The rules are kept in station.toml (`carrier_rules`); the first that matches wins,
when an order is imported and again when its parcels are labelled.
"""

from __future__ import annotations

import argparse
import json
import re
from typing import TYPE_CHECKING, Any

from station.cli_support import UsageError, user_error
from station.domain.messages import text

if TYPE_CHECKING:
    from station.context import AppContext

RULES_KEY = "carrier_rules"  # as `station.carriers.rules.RULES_KEY`
ACCOUNTS_KEY = "carrier_accounts"  # as `station.carriers.registry.ACCOUNTS_KEY`


def cmd_rule_add(args: argparse.Namespace, ctx: AppContext) -> int:
    from station.carriers.rules import CarrierRule

    language, code = ctx.settings.language, args.carrier.upper()
    if code not in {*(ctx.settings.extra.get(ACCOUNTS_KEY) or {}), *ctx.settings.tracking_ranges}:
        raise user_error("carrier_not_configured", language, carrier=code)
    if args.match.startswith("re:"):
        try:
            re.compile(args.match[3:])
        except re.error:
            raise UsageError(text("carrier_rule_bad_pattern", language, match=args.match)) from None
    cod = {"cod": True, "prepaid": False}.get(args.payment or "")
    rule = CarrierRule(args.match, code, args.service or "", (args.country or "").upper(), cod)
    rules = _stored(ctx)
    place = 0 if args.first else len(rules)
    rules.insert(place, rule.stored())
    _save(ctx, rules)
    print(text("carrier_rule_added", language, n=place + 1, match=args.match, carrier=code))
    return 0


def cmd_rule_list(args: argparse.Namespace, ctx: AppContext) -> int:
    from station.carriers.rules import parse_rules

    rules = parse_rules(_stored(ctx))
    if args.json:
        rows = [{"n": n, **vars(rule)} for n, rule in enumerate(rules, start=1)]
        print(json.dumps(rows, indent=2))
        return 0
    if not rules:
        print(text("carrier_rules_none", ctx.settings.language))
    for n, rule in enumerate(rules, start=1):
        cod = {True: "cod", False: "prepaid", None: "*"}[rule.cod]
        country = rule.country or "*"
        print(f"{n}\t{rule.match}\t{country}\t{cod}\t{rule.carrier}\t{rule.service}")
    return 0


def cmd_rule_remove(args: argparse.Namespace, ctx: AppContext) -> int:
    rules, language = _stored(ctx), ctx.settings.language
    if not 1 <= args.n <= len(rules):
        raise user_error("carrier_rule_unknown", language, n=args.n)
    gone = rules.pop(args.n - 1)
    _save(ctx, rules)
    said = text("carrier_rule_removed", language, n=args.n, match=gone.get("match", ""))
    print(said)
    return 0


def _stored(ctx: AppContext) -> list[dict[str, Any]]:
    raw = ctx.settings.extra.get(RULES_KEY) or []
    return [dict(item) for item in raw if isinstance(item, dict)]


def _save(ctx: AppContext, rules: list[dict[str, Any]]) -> None:
    ctx.settings.extra[RULES_KEY] = rules
    ctx.settings.save(ctx.home)


def add_rule_commands(carrier_sub: Any) -> None:
    rule = carrier_sub.add_parser(
        "rule", help="which carrier labels a parcel, by the shop's shipping method"
    )
    rule_sub = rule.add_subparsers(dest="rule_command", required=True)
    add = rule_sub.add_parser("add", help="add a rule (after the others, or --first)")
    add.add_argument("match", metavar="MATCH", help='part of the method, "re:PATTERN", or "*"')
    add.add_argument("carrier", metavar="CODE", help="the carrier code whose account labels it")
    add.add_argument("--service", metavar="S", help="the carrier's service")
    add.add_argument("--country", metavar="CC", help="only parcels to this country (IT, FR...)")
    add.add_argument(
        "--payment", choices=("cod", "prepaid"), help="only cash-on-delivery or prepaid orders"
    )
    add.add_argument("--first", action="store_true", help="before every other rule")
    add.set_defaults(func=cmd_rule_add)
    listing = rule_sub.add_parser("list", help="the rules, in the order they are tried")
    listing.add_argument("--json", action="store_true")
    listing.set_defaults(func=cmd_rule_list, read_only=True)
    remove = rule_sub.add_parser("remove", help="remove rule N (as 'rule list' numbers them)")
    remove.add_argument("n", type=int, metavar="N")
    remove.set_defaults(func=cmd_rule_remove)
