"""`station carrier add|list|test`: the carrier accounts that number and label parcels.

An account is kept in `carrier_accounts` of station.toml by carrier code (the code orders
carry); its password goes where shop secrets go (the keyring, else the home's 0600 file),
typed at a hidden prompt or given on stdin: a `--password` flag still works, with a warning,
since other users see it in the process list.
"""

from __future__ import annotations

import argparse
import contextlib
import getpass
import json
import sys
from typing import TYPE_CHECKING, Any

from station.carrier_rules_cli import add_rule_commands
from station.cli_support import UserError, user_error
from station.domain.messages import text

if TYPE_CHECKING:
    from station.context import AppContext

# The handlers import the carriers, the database and the HTTP client when they run: `station
# --help` builds this parser and must not load them. The choices are the adapter's
# (`brt_wire.MODES`, `brt_wire.LABEL_KINDS`); a test keeps them equal.
BRT_MODES = ("auto", "explicit")
BRT_LABEL_KINDS = ("brt-pdf", "brt-zpl")
ACCOUNTS_KEY = "carrier_accounts"  # as `station.carriers.registry.ACCOUNTS_KEY`
TEST_DEADLINE_S = 10.0  # a person waits for `carrier test`; a bench would not


def cmd_add_brt(args: argparse.Namespace, ctx: AppContext) -> int:
    code = args.code.upper()
    account = {
        "kind": "brt",
        "url": args.url.rstrip("/"),
        "user_id": args.user_id,
        "departure_depot": args.departure_depot,
        "customer_code": args.customer_code,
        "pricing_code": args.pricing_code or "",
        "mode": args.mode,
        "label": args.label,
    }
    return _add_account(ctx, code, account, _secret(ctx, "password", args.password))


def cmd_add_gls(args: argparse.Namespace, ctx: AppContext) -> int:
    account = {
        "kind": "gls-it",
        "url": args.url.rstrip("/"),
        "branch": args.branch,
        "client": args.client,
        "contract": args.contract,
    }
    return _add_account(ctx, args.code.upper(), account, _secret(ctx, "password", args.password))


def _add_account(ctx: AppContext, code: str, account: dict[str, Any], password: str) -> int:
    from station.app import CARRIER_SECRET_PREFIX
    from sync.secrets import save_secrets

    where = save_secrets(ctx.home, f"{CARRIER_SECRET_PREFIX}{code}", {"password": password})
    accounts = dict(ctx.settings.extra.get(ACCOUNTS_KEY) or {})
    accounts[code] = account
    ctx.settings.extra[ACCOUNTS_KEY] = accounts
    ctx.settings.save(ctx.home)
    kind = account["kind"]
    print(text("carrier_added", ctx.settings.language, carrier=code, kind=kind, where=where))
    return 0


def _secret(ctx: AppContext, name: str, given: str | None) -> str:
    """A secret from the flag (with a warning), a hidden prompt, or the first line of stdin."""
    language = ctx.settings.language
    value = given or ""
    if given:
        print(text("secret_in_argv", language, name=name), file=sys.stderr)
    elif sys.stdin is not None and sys.stdin.isatty():
        value = getpass.getpass(f"{name}: ")
    elif sys.stdin is not None:
        with contextlib.suppress(OSError):
            value = sys.stdin.readline()
    if not value.strip():
        raise user_error("carrier_password_needed", language)
    return value.strip()


def cmd_list(args: argparse.Namespace, ctx: AppContext) -> int:
    rows = _accounts(ctx)
    if args.json:
        print(json.dumps(rows, indent=2))
        return 0
    for row in rows:
        where = row.get("url") or "-"
        print(f"{row['code']}\t{row['kind']}\t{where}\t{row.get('mode', '-')}\t{row['password']}")
    return 0


def _accounts(ctx: AppContext) -> list[dict[str, Any]]:
    """Every carrier code Station labels for: its account, else the built-in range."""
    from station.app import CARRIER_SECRET_PREFIX
    from sync.secrets import load_secrets

    accounts = ctx.settings.extra.get(ACCOUNTS_KEY) or {}
    rows = []
    for code in sorted({*accounts, *ctx.settings.tracking_ranges}):
        account = dict(accounts.get(code) or {"kind": "range"})
        stored = bool(load_secrets(ctx.home, f"{CARRIER_SECRET_PREFIX}{code}"))
        needed = account.get("kind", "range") != "range"
        account["password"] = ("stored" if stored else "missing") if needed else "-"
        rows.append({"code": code, **account})
    return rows


def cmd_test(args: argparse.Namespace, ctx: AppContext) -> int:
    from station.carriers import ShippingError, carrier_for
    from station.carriers.brt import BrtCarrier
    from station.carriers.gls import GlsItalyCarrier
    from station.carriers.registry import carrier_kind
    from station.services.shipping import sender_address

    code, language = args.code.upper(), ctx.settings.language
    accounts = ctx.settings.extra.get(ACCOUNTS_KEY) or {}
    if code not in accounts:
        raise user_error("carrier_not_configured", language, carrier=code)
    try:
        carrier = carrier_for(code, ctx.settings)
        if isinstance(carrier, BrtCarrier):
            carrier.http.deadline_s = TEST_DEADLINE_S
            routing = carrier.routing(sender_address(ctx.settings))
            print(text("carrier_test_ok", language, carrier=code, routing=routing))
        elif isinstance(carrier, GlsItalyCarrier):
            carrier.http.deadline_s = TEST_DEADLINE_S
            count = len(carrier.shipments_listed())
            print(text("carrier_test_gls_ok", language, carrier=code, count=count))
        else:
            kind = carrier_kind(code, ctx.settings)
            print(text("carrier_test_not_supported", language, carrier=code, kind=kind))
    except ShippingError as exc:
        raise UserError(exc.message(language)) from None
    return 0


def cmd_pending(args: argparse.Namespace, ctx: AppContext) -> int:
    """The pending shelf: parcels that left with an internal label, waiting for their carrier's."""
    from station.services.pending_labels import pending_shelf

    language = ctx.settings.language
    with ctx.db.read() as session:
        shelf = pending_shelf(session)
    if args.json:
        rows = [
            {
                "order": p.order_number,
                "parcel": p.parcel_seq,
                "carrier": p.carrier,
                "bench": p.bench,
                "since": p.since.isoformat(),
                "reason": p.reason.code,
            }
            for p in shelf
        ]
        print(json.dumps(rows, indent=2))
        return 0
    for p in shelf:
        why = text(p.reason.code, language, **p.reason.params)
        print(
            f"{p.order_number}\t{p.parcel_seq}\t{p.carrier}\t{p.bench}\t{p.since:%Y-%m-%d %H:%M}\t{why}"
        )
    return 0


def add_carrier_commands(sub: Any) -> None:
    carrier = sub.add_parser("carrier", help="carrier accounts that number and label parcels")
    carrier_sub = carrier.add_subparsers(dest="carrier_command", required=True)
    add = carrier_sub.add_parser("add", help="add a carrier account")
    kinds = add.add_subparsers(dest="kind", required=True)
    _add_brt_parser(kinds)
    _add_gls_parser(kinds)

    listing = carrier_sub.add_parser("list", help="the carrier codes and who labels them")
    listing.add_argument("--json", action="store_true")
    listing.set_defaults(func=cmd_list, read_only=True)

    pending = carrier_sub.add_parser(
        "pending", help="parcels that left with an internal label, waiting for the carrier's"
    )
    pending.add_argument("--json", action="store_true")
    pending.set_defaults(func=cmd_pending, read_only=True)

    test = carrier_sub.add_parser("test", help="ask the carrier whether the account works")
    test.add_argument("code", metavar="CODE")
    test.set_defaults(func=cmd_test, read_only=True)
    add_rule_commands(carrier_sub)


def _add_brt_parser(kinds: Any) -> None:
    brt = kinds.add_parser("brt", help="BRT's Shipment REST API (api.brt.it/rest/v1)")
    brt.add_argument("code", metavar="CODE", help="the carrier code orders carry, e.g. BRT")
    brt.add_argument("--url", required=True, help="up to /rest/v1")
    brt.add_argument("--user-id", required=True, metavar="ID")
    brt.add_argument("--password", metavar="PW", help="better: leave it out to be asked")
    brt.add_argument("--departure-depot", required=True, type=int, metavar="N")
    brt.add_argument("--customer-code", required=True, type=int, metavar="N")
    brt.add_argument("--pricing-code", metavar="C", help="the tariff code BRT issued")
    brt.add_argument(
        "--mode", choices=BRT_MODES, default="auto", help="confirmation, as BRT's contract says"
    )
    brt.add_argument("--label", choices=BRT_LABEL_KINDS, default="brt-pdf")
    brt.set_defaults(func=cmd_add_brt)


def _add_gls_parser(kinds: Any) -> None:
    gls = kinds.add_parser("gls-it", help="GLS Italy's label service (ilswebservice.asmx)")
    gls.add_argument("code", metavar="CODE", help="the carrier code orders carry, e.g. GLS")
    gls.add_argument("--url", required=True, help="up to ilswebservice.asmx")
    gls.add_argument("--branch", required=True, metavar="SEDE", help="SedeGls")
    gls.add_argument("--client", required=True, metavar="CODE", help="CodiceClienteGls")
    gls.add_argument("--password", metavar="PW", help="better: leave it out to be asked")
    gls.add_argument("--contract", required=True, metavar="N", help="CodiceContrattoGls")
    gls.set_defaults(func=cmd_add_gls)
