"""A fake Shopify Admin API that serves the real 2026-07 GraphQL schema.

Follows: Shopify's Admin GraphQL introspection (tests/fixtures/shopify/admin-2026-07.graphql),
which every query is validated against and executed over (tests/fakes/shops/shopify_graphql.py);
the cost rules of https://shopify.dev/docs/apps/build/apis/graphql-admin/rate-limits (requested
cost computed from the query and needed in the bucket, the actual cost of what came back
taken from it, MAX_COST_EXCEEDED over 1000, THROTTLED at 200 or 429 + Retry-After); the client-credentials grant of
https://shopify.dev/docs/apps/build/authentication-authorization/access-tokens/client-credentials-grant
(`POST /admin/oauth/access_token`, tokens that expire after `expires_in` seconds); API version
"fall forward" (a version out of support is served by the oldest supported one, named in the
`X-Shopify-API-Version` answer header); the `fulfillmentCreate` and FulfillmentOrder reference
(FOs "assigned to the same Location", `supportedActions`, holds, SCHEDULED, FOs at a fulfilment
service location that can only be requested); orders older than 60 days hidden without
`read_all_orders` (REST Order page).
"""

from __future__ import annotations

import datetime as dt
import re
import secrets
from typing import Any
from urllib.parse import parse_qsl

from graphql import GraphQLError

from tests.fakes.shops import shopify_graphql as gql
from tests.fakes.shops.base import Clock, FakeServer, Request, Response

TOKEN_ERROR = "[API] Invalid API key or access token (unrecognized login or wrong password)"
# The versions this fake serves; older ones fall forward to the first (the oldest supported).
SUPPORTED_VERSIONS = ("2026-01", "2026-04", "2026-07", "2026-10")
ALL_SCOPES = frozenset(
    {"read_orders", "read_all_orders", "read_products", "write_merchant_managed_fulfillment_orders"}
)
MAIN_LOCATION = "Magazzino Milano"


class FakeShopify(FakeServer):
    def __init__(
        self,
        *,
        token: str = "shpat_test",
        maximum: float = 2000.0,
        restore: float = 100.0,
        throttle_with_429: bool = False,
        clock: Clock | None = None,
        client_id: str = "",
        client_secret: str = "",
        token_lifetime_s: int = 86399,
        scopes: frozenset[str] = ALL_SCOPES,
    ) -> None:
        super().__init__(clock)
        self.tokens: dict[str, float] = {token: float("inf")} if token else {}
        self.client_id, self.client_secret = client_id, client_secret
        self.token_lifetime_s = token_lifetime_s
        self.tokens_issued = 0
        self.scopes = set(scopes)
        self.maximum, self.restore = maximum, restore
        self.max_cost = gql.MAX_COST
        self.available, self.stamp = maximum, self.clock.now()
        self.throttle_with_429 = throttle_with_429
        self.orders: dict[str, dict[str, Any]] = {}
        self.variants: list[dict[str, Any]] = []
        self.throttled = 0
        self.costs: list[int] = []  # requested cost of every query run
        self.versions_asked: list[str] = []
        self.graphql_failures: list[dict[str, Any]] = []  # errors answered before running
        self._seq = 1000
        gql.admin_schema()  # built before the first request (about 2 s), not during it

    # -- merchant actions -------------------------------------------------------------------

    def now_iso(self) -> str:
        return dt.datetime.fromtimestamp(self.clock.now(), dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")

    def add_order(
        self,
        lines: list[tuple[str, int, str]] | None = None,
        *,
        locations: dict[str, str] | None = None,
        **extra: Any,
    ) -> dict[str, Any]:
        """An order; `locations` assigns SKUs to other locations than the main one (one
        fulfilment order per location, as Shopify splits them)."""
        with self.lock:
            self._seq += 1
            order = make_order(
                self._seq, self.now_iso(), lines or [("SKU-1", 2, "12.20")], locations or {}
            )
            order.update(extra)
            self.orders[order["id"]] = order
            return order

    def modify(self, gid: str, **fields: Any) -> None:
        with self.lock:
            self.orders[gid].update(fields)
            self.orders[gid]["updatedAt"] = self.now_iso()

    def hold(self, gid: str, reason: str = "AWAITING_PAYMENT", notes: str = "") -> None:
        """The merchant puts every open fulfilment order of the order on hold."""
        with self.lock:
            order = self.orders[gid]
            for fo in order["fulfillmentOrders"]:
                if fo["status"] == "OPEN":
                    fo["status"] = "ON_HOLD"
                    fo["supportedActions"] = [{"action": "RELEASE_HOLD"}]
                    display = reason.replace("_", " ").capitalize()
                    fo["fulfillmentHolds"] = [
                        {"reason": reason, "reasonNotes": notes, "displayReason": display}
                    ]
            order["displayFulfillmentStatus"] = "ON_HOLD"
            order["updatedAt"] = self.now_iso()

    def schedule(self, gid: str, at: str) -> None:
        with self.lock:
            order = self.orders[gid]
            for fo in order["fulfillmentOrders"]:
                if fo["status"] == "OPEN":
                    fo["status"], fo["fulfillAt"] = "SCHEDULED", at
                    fo["supportedActions"] = [{"action": "MARK_AS_OPEN"}]
            order["displayFulfillmentStatus"] = "SCHEDULED"
            order["updatedAt"] = self.now_iso()

    def assign_to_service(self, gid: str, location: str) -> None:
        """Every open FO moves to a fulfilment service (3PL) location: it can be requested from
        the service, not fulfilled by the merchant."""
        with self.lock:
            for fo in self.orders[gid]["fulfillmentOrders"]:
                if fo["status"] == "OPEN":
                    fo["assignedLocation"] = _location(location, service=True)
                    fo["supportedActions"] = [{"action": "REQUEST_FULFILLMENT"}]

    def fulfil_elsewhere(self, gid: str, sku: str, quantity: int) -> None:
        """Someone fulfils units of a line outside the bench (the admin, another app)."""
        with self.lock:
            order = self.orders[gid]
            for fo in order["fulfillmentOrders"]:
                for item in fo["lineItems"]:
                    if item["lineItem"]["sku"] == sku and item["remainingQuantity"]:
                        self._fulfil_item(fo, item, quantity)
                        self._after_fulfilment(order, fo)
                        return

    def refund(self, gid: str, sku: str, quantity: int) -> None:
        """Units removed from the order (refunded and restocked, or edited out)."""
        with self.lock:
            order = self.orders[gid]
            line = next(x for x in order["lineItems"] if x["sku"] == sku)
            line["currentQuantity"] -= quantity
            line["unfulfilledQuantity"] = max(0, line["unfulfilledQuantity"] - quantity)
            for fo in order["fulfillmentOrders"]:
                for item in fo["lineItems"]:
                    if item["lineItem"] is line:
                        cut = min(quantity, item["remainingQuantity"])
                        item["remainingQuantity"] -= cut
                        item["totalQuantity"] -= cut
                if fo["status"] == "OPEN" and not any(
                    i["remainingQuantity"] for i in fo["lineItems"]
                ):
                    fo["status"] = "CLOSED"
            order["updatedAt"] = self.now_iso()

    def tracking_numbers(self, gid: str) -> list[str]:
        return [t["number"] for f in self.orders[gid]["fulfillments"] for t in f["trackingInfo"]]

    def fulfilments(self, gid: str) -> list[dict[str, Any]]:
        return list(self.orders[gid]["fulfillments"])

    def expire_tokens(self) -> None:
        with self.lock:
            self.tokens = {t: min(exp, self.clock.now() - 1) for t, exp in self.tokens.items()}

    # -- HTTP ------------------------------------------------------------------------------

    def handle(self, request: Request) -> Response:
        if request.path == "/admin/oauth/access_token" and request.method == "POST":
            return self._grant(request)
        version = re.fullmatch(r"/admin/api/(\d{4}-\d{2})/graphql\.json", request.path)
        if version is None or request.method != "POST":
            return Response.json(404, {"errors": "Not Found"})
        token = request.headers.get("x-shopify-access-token", "")
        if self.tokens.get(token, 0.0) < self.clock.now():
            return Response.json(401, {"errors": TOKEN_ERROR})
        asked = version.group(1)
        self.versions_asked.append(asked)
        served = asked if asked in SUPPORTED_VERSIONS else SUPPORTED_VERSIONS[0]
        response = self._graphql(request.json() or {})
        response.headers["X-Shopify-API-Version"] = served
        return response

    def _grant(self, request: Request) -> Response:
        """The client-credentials grant: form-encoded (the docs' example) or JSON (Shopify's
        own Node library sends JSON)."""
        if request.headers.get("content-type", "").startswith("application/json"):
            form = request.json() or {}
        else:
            form = dict(parse_qsl(request.body.decode()))
        if form.get("grant_type") != "client_credentials":
            return Response.json(400, {"error": "unsupported_grant_type"})
        if (
            not self.client_id
            or form.get("client_id") != self.client_id
            or form.get("client_secret") != self.client_secret
        ):
            return Response.json(
                400,
                {
                    "error": "invalid_client",
                    "error_description": "Client authentication failed due to unknown client, "
                    "no client authentication included, or unsupported authentication method.",
                },
            )
        token = "shpat_" + secrets.token_hex(16)
        self.tokens[token] = self.clock.now() + self.token_lifetime_s
        self.tokens_issued += 1
        return Response.json(
            200,
            {
                "access_token": token,
                "scope": ",".join(sorted(self.scopes)),
                "expires_in": self.token_lifetime_s,
            },
        )

    def _graphql(self, body: dict[str, Any]) -> Response:
        if self.graphql_failures:
            return Response.json(200, {"errors": [self.graphql_failures.pop(0)]})
        document, errors = gql.check(str(body.get("query") or ""))
        if document is None:
            return Response.json(200, {"errors": [dict(e.formatted) for e in errors]})
        variables = body.get("variables") or {}
        requested = gql.requested_cost(document, variables)
        if requested > self.max_cost:
            return Response.json(200, _max_cost_exceeded(requested, self.max_cost))
        self._restore()
        if requested > self.available:
            return self._throttled(requested)
        self.costs.append(requested)
        data, errors = gql.run(document, self._root(), variables)
        actual = min(requested, gql.actual_cost(document, data))
        self.available -= actual
        answer: dict[str, Any] = {"data": data, "extensions": {"cost": self._cost(requested)}}
        answer["extensions"]["cost"]["actualQueryCost"] = actual
        if errors:
            answer["errors"] = errors
        return Response.json(200, answer)

    def _cost(self, requested: int) -> dict[str, Any]:
        return {
            "requestedQueryCost": requested,
            "actualQueryCost": None,
            "throttleStatus": {
                "maximumAvailable": self.maximum,
                "currentlyAvailable": int(self.available),
                "restoreRate": self.restore,
            },
        }

    def _restore(self) -> None:
        now = self.clock.now()
        self.available = min(self.maximum, self.available + (now - self.stamp) * self.restore)
        self.stamp = now

    def _throttled(self, requested: int) -> Response:
        self.throttled += 1
        if self.throttle_with_429:
            return Response.json(
                429,
                {
                    "errors": "Exceeded 2 calls per second for api client. "
                    "Reduce request rates to resume uninterrupted service."
                },
                {"Retry-After": "2.0"},
            )
        return Response.json(
            200,
            {
                "errors": [
                    {
                        "message": "Throttled",
                        "extensions": {
                            "code": "THROTTLED",
                            "documentation": "https://shopify.dev/api/usage/rate-limits",
                        },
                    }
                ],
                "extensions": {"cost": self._cost(requested)},
            },
        )

    # -- the graph -------------------------------------------------------------------------

    def _root(self) -> dict[str, Any]:
        """Root fields read the methods at call time, so a test can wrap one."""
        return {
            "shop": {"name": "Fake Shop"},
            "currentAppInstallation": {
                "accessScopes": [{"handle": s} for s in sorted(self.scopes)]
            },
            "orders": lambda **a: self._op_Orders(a),
            "order": lambda **a: self._op_Order(a),
            "productVariants": lambda **a: gql.page(self.variants, a),
            "fulfillmentOrder": lambda **a: self._fo_or_none(a["id"]),
            "fulfillmentCreate": lambda **a: self._op_FulfillmentCreate(a),
        }

    def _fo_or_none(self, gid: str) -> dict[str, Any] | None:
        try:
            return self._fo(gid)[0]
        except KeyError:
            return None

    def _visible(self, order: dict[str, Any]) -> bool:
        """Without read_all_orders only the last 60 days of orders exist for the app."""
        if "read_all_orders" in self.scopes:
            return True
        created = dt.datetime.fromisoformat(order["createdAt"].replace("Z", "+00:00"))
        return self.clock.now() - created.timestamp() <= 60 * 86400

    def _op_Orders(self, a: dict[str, Any]) -> dict[str, Any]:  # noqa: N802
        self._require("read_orders", "orders")
        rows = sorted(
            (o for o in self.orders.values() if self._visible(o)),
            key=lambda o: (o["updatedAt"], o["id"]),
        )
        found = re.search(r"updated_at:(>=?)'([^']+)'", a.get("query") or "")
        if found:
            op, bound = found.groups()
            rows = [
                o
                for o in rows
                if o["updatedAt"] > bound or (op == ">=" and o["updatedAt"] == bound)
            ]
        return gql.page(rows, a, key=lambda o: [o["updatedAt"], o["id"]])

    def _op_Order(self, a: dict[str, Any]) -> dict[str, Any] | None:  # noqa: N802
        self._require("read_orders", "order")
        order = self.orders.get(a["id"])
        if order is not None and not self._visible(order):
            raise GraphQLError(
                "Access denied for order field. Required access: `read_all_orders` access scope "
                "to read orders older than 60 days.",
                extensions={
                    "code": "ACCESS_DENIED",
                    "documentation": "https://shopify.dev/api/usage/access-scopes",
                    "requiredAccess": "`read_all_orders` access scope.",
                },
            )
        return order

    def _require(self, scope: str, field: str) -> None:
        if scope not in self.scopes:
            raise GraphQLError(
                f"Access denied for {field} field. Required access: `{scope}` access scope.",
                extensions={
                    "code": "ACCESS_DENIED",
                    "documentation": "https://shopify.dev/api/usage/access-scopes",
                    "requiredAccess": f"`{scope}` access scope.",
                },
            )

    def _op_FulfillmentCreate(self, a: dict[str, Any]) -> dict[str, Any]:  # noqa: N802
        self._require("write_merchant_managed_fulfillment_orders", "fulfillmentCreate")
        data = a["fulfillment"]
        errors = self._check_fulfilment(data)
        if errors:
            return {"fulfillment": None, "userErrors": errors}
        order: dict[str, Any] = {}
        for group in data["lineItemsByFulfillmentOrder"]:
            fo, order = self._fo(group["fulfillmentOrderId"])
            wanted = group.get("fulfillmentOrderLineItems") or [
                {"id": i["id"], "quantity": i["remainingQuantity"]} for i in fo["lineItems"]
            ]
            for item in wanted:
                line = next(i for i in fo["lineItems"] if i["id"] == item["id"])
                self._fulfil_item(fo, line, item["quantity"])
            self._after_fulfilment(order, fo)
        info = data.get("trackingInfo") or {}
        fulfilment = {
            "id": f"gid://shopify/Fulfillment/{order['n'] * 10 + len(order['fulfillments'])}",
            "status": "SUCCESS",
            "location": self._fo(data["lineItemsByFulfillmentOrder"][0]["fulfillmentOrderId"])[0][
                "assignedLocation"
            ]["location"],
            "trackingInfo": [
                {
                    "number": info.get("number"),
                    "company": info.get("company"),
                    "url": info.get("url"),
                }
            ],
            "notifyCustomer": bool(data.get("notifyCustomer")),
        }
        order["fulfillments"].append(fulfilment)
        return {"fulfillment": fulfilment, "userErrors": []}

    def _fulfil_item(self, fo: dict[str, Any], item: dict[str, Any], quantity: int) -> None:
        item["remainingQuantity"] -= quantity
        item["lineItem"]["unfulfilledQuantity"] -= quantity
        if fo["status"] == "OPEN":
            fo["status"] = "IN_PROGRESS"

    def _after_fulfilment(self, order: dict[str, Any], fo: dict[str, Any]) -> None:
        if all(i["remainingQuantity"] == 0 for i in fo["lineItems"]):
            fo["status"] = "CLOSED"
            fo["supportedActions"] = []
        done = all(f["status"] in ("CLOSED", "CANCELLED") for f in order["fulfillmentOrders"])
        order["displayFulfillmentStatus"] = "FULFILLED" if done else "PARTIALLY_FULFILLED"
        order["updatedAt"] = self.now_iso()

    def _fo(self, gid: str) -> tuple[dict[str, Any], dict[str, Any]]:
        for order in self.orders.values():
            for fo in order["fulfillmentOrders"]:
                if fo["id"] == gid:
                    return fo, order
        raise KeyError(gid)

    def _check_fulfilment(self, data: dict[str, Any]) -> list[dict[str, Any]]:
        groups = data.get("lineItemsByFulfillmentOrder") or []
        if not groups:
            return [_user_error("lineItemsByFulfillmentOrder is required")]
        locations, orders = set(), set()
        for group in groups:
            try:
                fo, order = self._fo(group["fulfillmentOrderId"])
            except KeyError:
                return [_user_error("Fulfillment order does not exist.")]
            locations.add(fo["assignedLocation"]["location"]["id"])
            orders.add(order["id"])
            number = fo["id"].rsplit("/", 1)[-1]
            if fo["status"] not in ("OPEN", "IN_PROGRESS"):
                return [
                    _user_error(
                        f"Fulfillment order {number} has an unfulfillable status= "
                        f"{fo['status'].lower()}."
                    )
                ]
            if {"action": "CREATE_FULFILLMENT"} not in fo["supportedActions"]:
                return [_user_error(f"Fulfillment order {number} cannot be fulfilled.")]
            for item in group.get("fulfillmentOrderLineItems") or []:
                line = next((i for i in fo["lineItems"] if i["id"] == item["id"]), None)
                if line is None:
                    return [_user_error("Invalid fulfillment order line item id.")]
                if not 0 < item["quantity"] <= line["remainingQuantity"]:
                    return [_user_error("Invalid fulfillment order line item quantity requested.")]
        if len(locations) > 1 or len(orders) > 1:
            return [
                _user_error(
                    "All fulfillment orders must belong to the same order and be assigned to "
                    "the same location."
                )
            ]
        return []


def _user_error(message: str) -> dict[str, Any]:
    return {"field": ["fulfillment"], "message": message}


def _max_cost_exceeded(requested: int, maximum: int) -> dict[str, Any]:
    return {
        "errors": [
            {
                "message": f"Query cost is {requested}, which exceeds the single query max cost "
                f"limit ({maximum}).\n\nSee https://shopify.dev/concepts/about-apis/rate-limits "
                "for more information on how the\ncost of a query is calculated.",
                "extensions": {
                    "code": "MAX_COST_EXCEEDED",
                    "cost": requested,
                    "maxCost": maximum,
                    "documentation": "https://shopify.dev/api/usage/rate-limits",
                },
            }
        ]
    }


_LOCATION_IDS: dict[str, int] = {}


def _location(name: str, *, service: bool = False) -> dict[str, Any]:
    number = _LOCATION_IDS.setdefault(name, 70000 + len(_LOCATION_IDS))
    return {
        "name": name,
        "location": {
            "id": f"gid://shopify/Location/{number}",
            "name": name,
            "isFulfillmentService": service,
        },
    }


def make_order(
    n: int, now: str, lines: list[tuple[str, int, str]], locations: dict[str, str]
) -> dict[str, Any]:
    address = {
        "name": "Giulia Bianchi",
        "company": None,
        "address1": "Corso Italia 5",
        "address2": "",
        "zip": "10121",
        "city": "Torino",
        "provinceCode": "TO",
        "countryCodeV2": "IT",
        "phone": "+39 011 555",
    }
    items: list[dict[str, Any]] = []
    by_location: dict[str, list[dict[str, Any]]] = {}
    for i, (sku, qty, price) in enumerate(lines):
        line = {
            "id": f"gid://shopify/LineItem/{n * 100 + i}",
            "sku": sku,
            "name": f"Product {sku}",
            "quantity": qty,
            "currentQuantity": qty,
            "unfulfilledQuantity": qty,
            "discountedUnitPriceSet": {"shopMoney": {"amount": price, "currencyCode": "EUR"}},
            "taxLines": [{"rate": 0.22}],
        }
        items.append(line)
        by_location.setdefault(locations.get(sku, MAIN_LOCATION), []).append(
            {
                "id": f"gid://shopify/FulfillmentOrderLineItem/{n * 100 + i}",
                "remainingQuantity": qty,
                "totalQuantity": qty,
                "sku": sku,
                "lineItem": line,
            }
        )
    return {
        "n": n,
        "id": f"gid://shopify/Order/{n}",
        "name": f"#{n}",
        "updatedAt": now,
        "createdAt": now,
        "cancelledAt": None,
        "displayFinancialStatus": "PAID",
        "displayFulfillmentStatus": "UNFULFILLED",
        "email": "giulia@example.com",
        "note": None,
        "paymentGatewayNames": ["shopify_payments"],
        "currencyCode": "EUR",
        "taxesIncluded": True,
        "totalPriceSet": {"shopMoney": {"amount": "30.40", "currencyCode": "EUR"}},
        "totalShippingPriceSet": {"shopMoney": {"amount": "6.00", "currencyCode": "EUR"}},
        "shippingAddress": address,
        "billingAddress": address,
        "shippingLine": {"title": "Standard", "code": "standard"},
        "lineItems": items,
        "fulfillments": [],
        "fulfillmentOrders": [
            {
                "id": f"gid://shopify/FulfillmentOrder/{n * 10 + k}",
                "status": "OPEN",
                "requestStatus": "UNSUBMITTED",
                "fulfillAt": None,
                "assignedLocation": _location(location),
                "supportedActions": [{"action": "CREATE_FULFILLMENT"}, {"action": "HOLD"}],
                "fulfillmentHolds": [],
                "lineItems": fo_items,
            }
            for k, (location, fo_items) in enumerate(by_location.items())
        ],
    }
