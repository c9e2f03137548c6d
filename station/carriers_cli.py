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
BRT_LABEL_KINDS = ("brt-pdf", "brt-zpl", "own")
POSTE_LABEL_KINDS = ("pdf-1011", "pdf-a4", "zpl")  # `poste_wire.LABEL_KINDS`
POSTE_COD_MODES = ("CON", "ACM", "ABM")  # `poste_wire.COD_MODES`
POSTE_URL = "https://apiw.gp.posteitaliane.it/gp/internet/"  # `poste.DEFAULT_URL`
# `station carrier add dhl|ups`, as `karrio_wire.DEFAULT_URLS`, `DEFAULT_SERVICES` and
# `LABEL_FORMATS` (a test keeps them equal): DHL Express's MyDHL API and UPS, through karrio.
KARRIO_URLS = {"dhl": "https://express.api.dhl.com/mydhlapi", "ups": "https://onlinetools.ups.com"}
KARRIO_SERVICES = {"dhl": "mydhl_express_domestic", "ups": "ups_standard"}
KARRIO_LABELS = {"dhl": ("pdf", "zpl"), "ups": ("zpl",)}
ACCOUNTS_KEY = "carrier_accounts"  # as `station.carriers.registry.ACCOUNTS_KEY`
# Our tracking statuses (`port.TRACK_STATUSES`) as the catalogue says them; a test keeps them equal.
TRACK_STATUS_MESSAGES = {
    "registered": "track_status_registered",
    "in_transit": "track_status_in_transit",
    "out_for_delivery": "track_status_out_for_delivery",
    "held": "track_status_held",
    "delivered": "track_status_delivered",
    "returning": "track_status_returning",
    "exception": "track_status_exception",
    "unknown": "track_status_unknown",
}
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
    if args.label == "own":
        if args.series is None:
            raise user_error("brt_own_needs_series", ctx.settings.language)
        first, last = args.own_range
        account.update(series=args.series, own_first=first, own_last=last)
    return _add_account(ctx, code, account, _secret(ctx, "password", args.password))


def _own_range(value: str) -> tuple[int, int]:
    """FIRST-LAST: the parcel numbers of the series BRT gave (7 digits each)."""
    first, _, last = value.partition("-")
    try:
        low, high = int(first), int(last)
    except ValueError:
        raise argparse.ArgumentTypeError(value) from None
    if not 1 <= low <= high <= 9_999_999:
        raise argparse.ArgumentTypeError(value)
    return low, high


def cmd_add_gls(args: argparse.Namespace, ctx: AppContext) -> int:
    account = {
        "kind": "gls-it",
        "url": args.url.rstrip("/"),
        "branch": args.branch,
        "client": args.client,
        "contract": args.contract,
    }
    return _add_account(ctx, args.code.upper(), account, _secret(ctx, "password", args.password))


def cmd_add_poste(args: argparse.Namespace, ctx: AppContext) -> int:
    account: dict[str, Any] = {
        "kind": "poste",
        "url": args.url.rstrip("/") + "/",
        "client_id": args.client_id,
        "cost_center": args.cost_center,
        "label": args.label,
        "cod_mode": args.cod_mode,
        "accessories": args.accessory or [],
    }
    if args.scope:
        account["scope"] = args.scope
    secret = _secret(ctx, "client secret", args.client_secret)
    return _add_account(ctx, args.code.upper(), account, secret)


def cmd_add_karrio(args: argparse.Namespace, ctx: AppContext) -> int:
    """A DHL Express or UPS account; its secret (MyDHL password, UPS client secret) is kept
    where shop secrets go, under the same name as every carrier's."""
    kind = args.kind
    account = {
        "kind": kind,
        "url": args.url.rstrip("/"),
        "user": args.user if kind == "dhl" else args.client_id,
        "account_number": args.account,
        "service": args.service,
        "label": getattr(args, "label", None) or KARRIO_LABELS[kind][0],
    }
    given = args.password if kind == "dhl" else args.client_secret
    name = "password" if kind == "dhl" else "client-secret"
    return _add_account(ctx, args.code.upper(), account, _secret(ctx, name, given))


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
    from station.carriers.karrio_carriers import KarrioCarrier
    from station.carriers.poste import PosteCarrier
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
        elif isinstance(carrier, KarrioCarrier):
            carrier.deadline_s = TEST_DEADLINE_S
            carrier.check(sender_address(ctx.settings))
            print(text("carrier_test_karrio_ok", language, carrier=code))
        elif isinstance(carrier, GlsItalyCarrier):
            carrier.http.deadline_s = TEST_DEADLINE_S
            count = len(carrier.shipments_listed())
            print(text("carrier_test_gls_ok", language, carrier=code, count=count))
        elif isinstance(carrier, PosteCarrier):
            carrier.http.deadline_s = TEST_DEADLINE_S
            carrier.session()
            client_id = carrier.account.client_id
            print(text("carrier_test_poste_ok", language, carrier=code, client_id=client_id))
        else:
            kind = carrier_kind(code, ctx.settings)
            print(text("carrier_test_not_supported", language, carrier=code, kind=kind))
    except ShippingError as exc:
        raise UserError(exc.message(language)) from None
    return 0


def cmd_track(args: argparse.Namespace, ctx: AppContext) -> int:
    """Where each parcel is, as its carrier says: by tracking number, or every parcel of an order."""
    from station.services.tracking import parcels_to_track, track_parcels

    language = ctx.settings.language
    with ctx.db.read() as session:
        parcels = parcels_to_track(session, args.what)
    if not parcels:
        raise user_error("carrier_track_nothing", language, wanted=args.what)
    answers = track_parcels(parcels, ctx.settings)
    if args.json:
        print(json.dumps([_tracked_json(a, language) for a in answers], indent=2))
    else:
        for answer in answers:
            _print_tracked(answer, language)
    return 0 if any(a.tracked is not None for a in answers) else 1


def _tracked_json(answer: Any, language: str) -> dict[str, Any]:
    parcel, tracked = answer.parcel, answer.tracked
    events = [
        {"at": e.at.isoformat() if e.at else None, "status": e.status, "said": e.said,
         "place": e.place}
        for e in (tracked.events if tracked else ())
    ]  # fmt: skip
    return {
        "order": parcel.order_number,
        "parcel": parcel.seq,
        "carrier": parcel.carrier,
        "tracking_number": parcel.tracking_number,
        "status": tracked.status if tracked else None,
        "events": events,
        "error": answer.problem.text(language) if answer.problem else None,
    }


def _print_tracked(answer: Any, language: str) -> None:
    parcel, tracked = answer.parcel, answer.tracked
    said = {"order": parcel.order_number, "seq": parcel.seq, "carrier": parcel.carrier,
            "number": parcel.tracking_number or "-"}  # fmt: skip
    if tracked is None:
        reason = answer.problem.text(language) if answer.problem else "?"
        print(text("track_failed", language, reason=reason, **said), file=sys.stderr)
        return
    status = text(TRACK_STATUS_MESSAGES[tracked.status], language)
    print(text("track_parcel", language, status=status, **said))
    for event in tracked.events:
        at = f"{event.at:%Y-%m-%d %H:%M}" if event.at else "-"
        print(f"  {at}\t{event.place}\t{event.said}")


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
    _add_poste_parser(kinds)
    _add_dhl_parser(kinds)
    _add_ups_parser(kinds)

    listing = carrier_sub.add_parser("list", help="the carrier codes and who labels them")
    listing.add_argument("--json", action="store_true")
    listing.set_defaults(func=cmd_list, read_only=True)

    pending = carrier_sub.add_parser(
        "pending", help="parcels that left with an internal label, waiting for the carrier's"
    )
    pending.add_argument("--json", action="store_true")
    pending.set_defaults(func=cmd_pending, read_only=True)

    track = carrier_sub.add_parser("track", help="where a shipped parcel is, as its carrier says")
    track.add_argument(
        "what", metavar="ORDER|TRACKING", help="an order number or a tracking number"
    )
    track.add_argument("--json", action="store_true")
    track.set_defaults(func=cmd_track, read_only=True)

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
    brt.add_argument(
        "--label",
        choices=BRT_LABEL_KINDS,
        default="brt-pdf",
        help="BRT's label, or own: BRT routes, Station numbers and draws BRT's layout",
    )
    brt.add_argument("--series", type=int, metavar="NN", help="own labels: BRT's series")
    brt.add_argument(
        "--own-range",
        type=_own_range,
        default=(1, 9_999_999),
        metavar="FIRST-LAST",
        help="own labels: the series' parcel numbers",
    )
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


def _add_poste_parser(kinds: Any) -> None:
    poste = kinds.add_parser("poste", help="Poste Delivery Business REST API (also SDA contracts)")
    poste.add_argument("code", metavar="CODE", help="the carrier code orders carry, e.g. POSTE")
    poste.add_argument("--url", default=POSTE_URL, help="up to /gp/internet/")
    poste.add_argument("--client-id", required=True, metavar="ID")
    poste.add_argument("--client-secret", metavar="S", help="better: leave it out to be asked")
    poste.add_argument(
        "--cost-center", required=True, metavar="C", help="the contract's CDC-... code"
    )
    poste.add_argument("--label", choices=POSTE_LABEL_KINDS, default="pdf-1011")
    poste.add_argument(
        "--cod-mode", choices=POSTE_COD_MODES, default="CON", help="how COD is collected"
    )
    poste.add_argument(
        "--accessory",
        action="append",
        metavar="APT...",
        help="an accessory service for every waybill (repeat for more)",
    )
    poste.add_argument("--scope", help="the token scope, when Poste gives another")
    poste.set_defaults(func=cmd_add_poste)


def _add_dhl_parser(kinds: Any) -> None:
    dhl = kinds.add_parser("dhl", help="DHL Express's MyDHL API, through karrio")
    dhl.add_argument("code", metavar="CODE", help="the carrier code orders carry, e.g. DHL")
    dhl.add_argument("--url", default=KARRIO_URLS["dhl"], help="up to /mydhlapi (or /test)")
    dhl.add_argument("--user", required=True, help="the MyDHL API user name")
    dhl.add_argument("--password", metavar="PW", help="better: leave it out to be asked")
    dhl.add_argument("--account", required=True, metavar="N", help="the shipper account number")
    dhl.add_argument("--service", default=KARRIO_SERVICES["dhl"], help="karrio's service name")
    dhl.add_argument("--label", choices=KARRIO_LABELS["dhl"], default=KARRIO_LABELS["dhl"][0])
    dhl.set_defaults(func=cmd_add_karrio)


def _add_ups_parser(kinds: Any) -> None:
    ups = kinds.add_parser("ups", help="UPS's Shipping API with OAuth, through karrio (ZPL labels)")
    ups.add_argument("code", metavar="CODE", help="the carrier code orders carry, e.g. UPS")
    ups.add_argument("--url", default=KARRIO_URLS["ups"], help="without /api (wwwcie for tests)")
    ups.add_argument("--client-id", required=True, metavar="ID", help="the OAuth client id")
    ups.add_argument("--client-secret", metavar="S", help="better: leave it out to be asked")
    ups.add_argument("--account", required=True, metavar="N", help="the UPS shipper number")
    ups.add_argument("--service", default=KARRIO_SERVICES["ups"], help="karrio's service name")
    ups.set_defaults(func=cmd_add_karrio)
