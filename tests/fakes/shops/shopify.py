"""A fake Shopify Admin GraphQL endpoint: token auth, the calculated-cost bucket with
`extensions.cost` on every answer (THROTTLED at 200 by default, or 429 + Retry-After), orders
sorted by UPDATED_AT with opaque cursors, fulfilment orders, and fulfillmentCreate with the
real checks (FO state, FO line-item ids, quantities; no idempotency). Operations are told apart
by name (Orders, Order, OrderFulfilment, FulfillmentCreate, Variants, Shop): it answers the
queries this client sends, with every field, rather than parsing GraphQL."""

from __future__ import annotations

import base64
import datetime as dt
import json
import re
from typing import Any

from tests.fakes.shops.base import Clock, FakeServer, Request, Response

TOKEN_ERROR = "[API] Invalid API key or access token (unrecognized login or wrong password)"


class FakeShopify(FakeServer):
    def __init__(
        self,
        *,
        token: str = "shpat_test",
        maximum: float = 2000.0,
        restore: float = 100.0,
        throttle_with_429: bool = False,
        clock: Clock | None = None,
    ) -> None:
        super().__init__(clock)
        self.token = token
        self.maximum, self.restore = maximum, restore
        self.available, self.stamp = maximum, self.clock.now()
        self.throttle_with_429 = throttle_with_429
        self.orders: dict[str, dict[str, Any]] = {}
        self.variants: list[dict[str, Any]] = []
        self.throttled = 0
        self._seq = 1000

    # -- merchant actions -------------------------------------------------------------------

    def now_iso(self) -> str:
        return dt.datetime.fromtimestamp(self.clock.now(), dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")

    def add_order(
        self, lines: list[tuple[str, int, str]] | None = None, **extra: Any
    ) -> dict[str, Any]:
        with self.lock:
            self._seq += 1
            order = make_order(self._seq, self.now_iso(), lines or [("SKU-1", 2, "12.20")])
            order.update(extra)
            self.orders[order["id"]] = order
            return order

    def modify(self, gid: str, **fields: Any) -> None:
        with self.lock:
            self.orders[gid].update(fields)
            self.orders[gid]["updatedAt"] = self.now_iso()

    def tracking_numbers(self, gid: str) -> list[str]:
        return [t["number"] for f in self.orders[gid]["fulfillments"] for t in f["trackingInfo"]]

    # -- HTTP ------------------------------------------------------------------------------

    def handle(self, request: Request) -> Response:
        if request.headers.get("x-shopify-access-token") != self.token:
            return Response.json(401, {"errors": TOKEN_ERROR})
        if (
            not re.fullmatch(r"/admin/api/\d{4}-\d{2}/graphql\.json", request.path)
            or request.method != "POST"
        ):
            return Response.json(404, {"errors": "Not Found"})
        body = request.json()
        match = re.search(r"(query|mutation)\s+(\w+)", body.get("query", ""))
        operation = match.group(2) if match else ""
        variables = body.get("variables") or {}
        handler = getattr(self, f"_op_{operation}", None)
        if handler is None:
            return Response.json(200, {"errors": [{"message": f"Unknown operation {operation}"}]})
        requested = self._requested_cost(operation, variables)
        if requested > 1000:
            return Response.json(
                200,
                {
                    "errors": [
                        {
                            "message": f"Query cost is {requested}, which "
                            "exceeds the single query max cost limit (1000).",
                            "extensions": {"code": "MAX_COST_EXCEEDED"},
                        }
                    ]
                },
            )
        self._restore()
        if requested > self.available:
            return self._throttled(requested)
        data, actual = handler(variables)
        self.available -= actual
        cost = {
            "requestedQueryCost": requested,
            "actualQueryCost": actual,
            "throttleStatus": {
                "maximumAvailable": self.maximum,
                "currentlyAvailable": int(self.available),
                "restoreRate": self.restore,
            },
        }
        return Response.json(200, {"data": data, "extensions": {"cost": cost}})

    def _restore(self) -> None:
        now = self.clock.now()
        self.available = min(self.maximum, self.available + (now - self.stamp) * self.restore)
        self.stamp = now

    def _throttled(self, requested: int) -> Response:
        self.throttled += 1
        cost = {
            "requestedQueryCost": requested,
            "actualQueryCost": None,
            "throttleStatus": {
                "maximumAvailable": self.maximum,
                "currentlyAvailable": int(self.available),
                "restoreRate": self.restore,
            },
        }
        if self.throttle_with_429:
            return Response.json(
                429,
                {
                    "errors": "Exceeded 2 calls per second for api client. "
                    "Reduce request rates to resume uninterrupted "
                    "service."
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
                "extensions": {"cost": cost},
            },
        )

    @staticmethod
    def _requested_cost(operation: str, v: dict[str, Any]) -> int:
        # Shopify's rule: an object costs 1, a connection 2 + first × (cost of one node).
        lines = int(v.get("lineFirst") or 0)
        if operation == "Orders":
            return 2 + int(v["first"]) * (1 + 2 + lines)
        if operation == "Order":
            return 1 + 2 + lines
        if operation == "OrderFulfilment":
            return 1 + (2 + 50 * 2) + (2 + 5 * (1 + 2 + 50 * 2))
        if operation == "Variants":
            return 2 + int(v["first"]) * 3
        if operation == "FulfillmentCreate":
            return 10
        return 1

    # -- operations ------------------------------------------------------------------------

    def _op_Shop(self, v: dict[str, Any]) -> tuple[Any, int]:  # noqa: N802
        return {"shop": {"name": "Fake Shop"}}, 1

    def _op_Orders(self, v: dict[str, Any]) -> tuple[Any, int]:  # noqa: N802
        rows = sorted(self.orders.values(), key=lambda o: (o["updatedAt"], o["id"]))
        found = re.search(r"updated_at:(>=?)'([^']+)'", v.get("query") or "")
        if found:
            op, bound = found.groups()
            rows = [
                o
                for o in rows
                if o["updatedAt"] > bound or (op == ">=" and o["updatedAt"] == bound)
            ]
        if v.get("after"):
            last = json.loads(base64.b64decode(v["after"]))
            rows = [o for o in rows if (o["updatedAt"], o["id"]) > (last["u"], last["id"])]
        first = int(v["first"])
        if first > 250:
            return {"orders": None}, 1
        page = rows[:first]
        nodes = [_node(o, int(v["lineFirst"])) for o in page]
        end = (
            base64.b64encode(
                json.dumps({"u": page[-1]["updatedAt"], "id": page[-1]["id"]}).encode()
            ).decode()
            if page
            else None
        )
        actual = 2 + sum(3 + len(n["lineItems"]["nodes"]) for n in nodes)
        return {
            "orders": {
                "pageInfo": {"hasNextPage": len(rows) > first, "endCursor": end},
                "nodes": nodes,
            }
        }, actual

    def _op_Order(self, v: dict[str, Any]) -> tuple[Any, int]:  # noqa: N802
        order = self.orders.get(v["id"])
        return {"order": _node(order, int(v["lineFirst"])) if order else None}, 5

    def _op_OrderFulfilment(self, v: dict[str, Any]) -> tuple[Any, int]:  # noqa: N802
        order = self.orders.get(v["id"])
        if order is None:
            return {"order": None}, 1
        return {
            "order": {
                "id": order["id"],
                "cancelledAt": order["cancelledAt"],
                "fulfillments": order["fulfillments"],
                "fulfillmentOrders": {"nodes": order["fulfillmentOrders"]},
            }
        }, 12

    def _op_FulfillmentCreate(self, v: dict[str, Any]) -> tuple[Any, int]:  # noqa: N802
        data = v["fulfillment"]
        errors = self._check_fulfilment(data)
        if errors:
            return {"fulfillmentCreate": {"fulfillment": None, "userErrors": errors}}, 10
        order = None
        for group in data["lineItemsByFulfillmentOrder"]:
            fo, order = self._fo(group["fulfillmentOrderId"])
            for item in group["fulfillmentOrderLineItems"]:
                line = next(i for i in fo["lineItems"]["nodes"] if i["id"] == item["id"])
                line["remainingQuantity"] -= item["quantity"]
            if all(i["remainingQuantity"] == 0 for i in fo["lineItems"]["nodes"]):
                fo["status"] = "CLOSED"
        assert order is not None
        info = data.get("trackingInfo") or {}
        fulfilment = {
            "id": f"gid://shopify/Fulfillment/{len(order['fulfillments']) + order['n'] * 10}",
            "status": "SUCCESS",
            "trackingInfo": [
                {"number": info.get("number"), "company": info.get("company") or "Other"}
            ],
        }
        order["fulfillments"].append(fulfilment)
        closed = all(fo["status"] == "CLOSED" for fo in order["fulfillmentOrders"])
        order["displayFulfillmentStatus"] = "FULFILLED" if closed else "PARTIALLY_FULFILLED"
        order["updatedAt"] = self.now_iso()
        return {"fulfillmentCreate": {"fulfillment": fulfilment, "userErrors": []}}, 10

    def _fo(self, gid: str) -> tuple[dict[str, Any], dict[str, Any]]:
        for order in self.orders.values():
            for fo in order["fulfillmentOrders"]:
                if fo["id"] == gid:
                    return fo, order
        raise KeyError(gid)

    def _check_fulfilment(self, data: dict[str, Any]) -> list[dict[str, Any]]:
        groups = data.get("lineItemsByFulfillmentOrder") or []
        if not groups:
            return [
                {"field": ["fulfillment"], "message": "lineItemsByFulfillmentOrder is required"}
            ]
        for group in groups:
            try:
                fo, _ = self._fo(group["fulfillmentOrderId"])
            except KeyError:
                return [{"field": ["fulfillment"], "message": "Fulfillment order does not exist."}]
            if fo["status"] not in ("OPEN", "IN_PROGRESS"):
                number = fo["id"].rsplit("/", 1)[-1]
                return [
                    {
                        "field": ["fulfillment"],
                        "message": f"Fulfillment order {number} has "
                        f"an unfulfillable status= {fo['status'].lower()}.",
                    }
                ]
            for item in group.get("fulfillmentOrderLineItems") or []:
                line = next((i for i in fo["lineItems"]["nodes"] if i["id"] == item["id"]), None)
                if line is None:
                    return [
                        {
                            "field": ["fulfillment"],
                            "message": "Invalid fulfillment order line item id.",
                        }
                    ]
                if not 0 < item["quantity"] <= line["remainingQuantity"]:
                    return [
                        {
                            "field": ["fulfillment"],
                            "message": "Invalid fulfillment order line item quantity requested.",
                        }
                    ]
        return []

    def _op_Variants(self, v: dict[str, Any]) -> tuple[Any, int]:  # noqa: N802
        start = int(v["after"]) if v.get("after") else 0
        page = self.variants[start : start + int(v["first"])]
        more = start + len(page) < len(self.variants)
        return {
            "productVariants": {
                "pageInfo": {"hasNextPage": more, "endCursor": str(start + len(page))},
                "nodes": page,
            }
        }, 2 + 3 * len(page)


def _node(order: dict[str, Any], line_first: int) -> dict[str, Any]:
    node = {k: v for k, v in order.items() if k not in ("fulfillments", "fulfillmentOrders", "n")}
    lines = order["lineItems"]["nodes"]
    node["lineItems"] = {
        "nodes": lines[:line_first],
        "pageInfo": {"hasNextPage": len(lines) > line_first},
    }
    return node


def make_order(n: int, now: str, lines: list[tuple[str, int, str]]) -> dict[str, Any]:
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
    items, fo_items = [], []
    for i, (sku, qty, price) in enumerate(lines):
        line_id = f"gid://shopify/LineItem/{n * 100 + i}"
        items.append(
            {
                "id": line_id,
                "sku": sku,
                "name": f"Product {sku}",
                "quantity": qty,
                "currentQuantity": qty,
                "discountedUnitPriceSet": {"shopMoney": {"amount": price}},
                "taxLines": [{"rate": 0.22}],
            }
        )
        fo_items.append(
            {
                "id": f"gid://shopify/FulfillmentOrderLineItem/{n * 100 + i}",
                "remainingQuantity": qty,
                "lineItem": {"id": line_id, "sku": sku},
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
        "totalPriceSet": {"shopMoney": {"amount": "30.40"}},
        "totalShippingPriceSet": {"shopMoney": {"amount": "6.00"}},
        "shippingAddress": address,
        "billingAddress": address,
        "shippingLine": {"title": "Standard", "code": "standard"},
        "lineItems": {"nodes": items},
        "fulfillments": [],
        "fulfillmentOrders": [
            {
                "id": f"gid://shopify/FulfillmentOrder/{n}",
                "status": "OPEN",
                "lineItems": {"nodes": fo_items},
            }
        ],
    }
