"""Shopify Admin GraphQL: orders by updated_at with cursor pagination, fulfilment with tracking.

Throttling: every answer carries `extensions.cost.throttleStatus`; the client keeps its own
estimate of the bucket and waits *before* a query that would not fit, so a long import runs at
the shop's restore rate instead of bouncing off THROTTLED. An HTTP 429 is honoured too (its
Retry-After), and a throttled query was not executed, so it is simply sent again.

`fulfillmentCreate` has no idempotency key: before creating, the order's fulfilments are read
and a fulfilment already carrying the parcel's tracking number counts as done (one fulfilment
per tracking number, so the number is the natural key).
"""

from __future__ import annotations

import datetime as dt
import re
import time
from collections.abc import Iterator
from decimal import Decimal
from typing import Any

from station.domain.messages import Phrase
from sync.errors import PermanentError, RateLimitedError, TransientError
from sync.http import ShopHttp, Sleep, parse_json
from sync.remote import (
    RemoteLine,
    RemoteOrder,
    RemoteProduct,
    Shipment,
    ShopState,
    address,
    has_id,
    money,
    parse_utc,
    to_grams,
)
from sync.shops.registry import ShopAccess, ShopOption, register_shop_kind

API_VERSION = "2025-01"
# A page's requested cost is 2 + PAGE × (3 + LINES) and must stay under 1000 points. Most
# orders have a few lines, so pages hold many orders with room for ten lines each; an order
# with more is read again on its own (`_complete_lines`).
PAGE = 75
LINES = 10
_ADDRESS = "name company address1 address2 zip city provinceCode countryCodeV2 phone"
_ORDER_FIELDS = f"""id name updatedAt createdAt cancelledAt displayFinancialStatus
  displayFulfillmentStatus email note paymentGatewayNames currencyCode taxesIncluded
  totalPriceSet {{ shopMoney {{ amount }} }} totalShippingPriceSet {{ shopMoney {{ amount }} }}
  shippingAddress {{ {_ADDRESS} }} billingAddress {{ {_ADDRESS} }} shippingLine {{ title code }}
  lineItems(first: $lineFirst) {{ pageInfo {{ hasNextPage }} nodes {{ id sku name quantity currentQuantity
    discountedUnitPriceSet {{ shopMoney {{ amount }} }} taxLines {{ rate }} }} }}"""
ORDERS = f"""query Orders($first: Int!, $after: String, $query: String, $lineFirst: Int!) {{
  orders(first: $first, after: $after, sortKey: UPDATED_AT, query: $query) {{
    pageInfo {{ hasNextPage endCursor }}
    nodes {{ {_ORDER_FIELDS} }} }} }}"""
ORDER = f"""query Order($id: ID!, $lineFirst: Int!) {{ order(id: $id) {{ {_ORDER_FIELDS} }} }}"""
FULFILMENT_STATE = """query OrderFulfilment($id: ID!) { order(id: $id) { id cancelledAt
  fulfillments(first: 50) { id status trackingInfo(first: 10) { number company } }
  fulfillmentOrders(first: 5) { nodes { id status
    lineItems(first: 50) { nodes { id remainingQuantity lineItem { id sku } } } } } } }"""
CREATE = """mutation FulfillmentCreate($fulfillment: FulfillmentInput!) {
  fulfillmentCreate(fulfillment: $fulfillment) {
    fulfillment { id status trackingInfo(first: 10) { number company } }
    userErrors { field message } } }"""
VARIANTS = """query Variants($first: Int!, $after: String) {
  productVariants(first: $first, after: $after) { pageInfo { hasNextPage endCursor }
    nodes { id sku barcode displayName image { url } product { title featuredImage { url } }
      inventoryItem { measurement { weight { unit value } } } } } }"""
SHOP = "query Shop { shop { name } }"
OPEN_FO = ("OPEN", "IN_PROGRESS")


class Throttle:
    """The client's view of the shop's cost bucket (points restore at `restore` per second)."""

    def __init__(self, sleep: Sleep) -> None:
        self.sleep = sleep
        self.maximum = 1000.0
        self.available = 1000.0
        self.restore = 50.0
        self.stamp = time.monotonic()
        self.cost: dict[str, float] = {}

    def estimate(self) -> float:
        elapsed = time.monotonic() - self.stamp
        return min(self.maximum, self.available + self.restore * elapsed)

    def before(self, operation: str) -> None:
        need = self.cost.get(operation, 0.0)
        have = self.estimate()
        if need > have:
            wait = (need - have) / self.restore
            self.sleep(wait)
            self.available = have + wait * self.restore
            self.stamp = time.monotonic()

    def after(self, operation: str, body: dict[str, Any]) -> None:
        cost = (body.get("extensions") or {}).get("cost") or {}
        status = cost.get("throttleStatus") or {}
        if cost.get("requestedQueryCost") is not None:
            self.cost[operation] = float(cost["requestedQueryCost"])
        if status:
            self.maximum = float(status.get("maximumAvailable", self.maximum))
            self.available = float(status.get("currentlyAvailable", self.available))
            self.restore = float(status.get("restoreRate", self.restore)) or 1.0
            self.stamp = time.monotonic()


class Shopify:
    kind = "shopify"

    def __init__(
        self,
        name: str,
        url: str,
        token: str,
        *,
        settings: dict[str, Any] | None = None,
        timeout_s: float = 20.0,
        sleep: Sleep | None = None,
    ) -> None:
        self.name = name
        self.settings = settings or {}
        self.sleep: Sleep = sleep or time.sleep
        self.http = ShopHttp(
            name,
            url,
            headers={"X-Shopify-Access-Token": token},
            timeout_s=timeout_s,
            sleep=self.sleep,
            ca_file=self.settings.get("ca_file") or None,
        )
        self.throttle = Throttle(self.sleep)
        self.path = f"/admin/api/{self.settings.get('api_version', API_VERSION)}/graphql.json"
        self.throttled = 0  # THROTTLED answers and 429s seen, for the figures

    def close(self) -> None:
        self.http.close()

    def graphql(
        self, query: str, variables: dict[str, Any] | None = None, *, mutation: bool = False
    ) -> dict[str, Any]:
        operation = re.search(r"(?:query|mutation)\s+(\w+)", query)
        op = operation.group(1) if operation else "anonymous"
        for _ in range(8):
            self.throttle.before(op)
            try:
                response = self.http.request(
                    "POST",
                    self.path,
                    idempotent=not mutation,
                    json_body={"query": query, "variables": variables or {}},
                )
            except RateLimitedError as exc:  # not executed: safe to send again
                self.throttled += 1
                self.sleep(exc.retry_after_s or 2.0)
                continue
            body = parse_json(self.name, self.path, response)
            self.throttle.after(op, body)
            errors = body.get("errors") or []
            if any((e.get("extensions") or {}).get("code") == "THROTTLED" for e in errors):
                self.throttled += 1
                continue  # the bucket estimate now says how long to wait
            if errors:
                message = "; ".join(str(e.get("message")) for e in errors)
                raise PermanentError(
                    "shop_refused_operation", shop=self.name, operation=op, detail=message
                )
            return dict(body.get("data") or {})
        raise TransientError("shop_kept_throttling", shop=self.name, operation=op, retry_after_s=10)

    def test(self) -> Phrase:
        data = self.graphql(SHOP)
        return Phrase("shopify_answers", {"name": data["shop"]["name"]})

    # -- orders in -------------------------------------------------------------------------

    def order_pages(self, since: dt.datetime | None) -> Iterator[list[RemoteOrder]]:
        query = None
        if since is not None:
            query = f"updated_at:>='{since.astimezone(dt.UTC).strftime('%Y-%m-%dT%H:%M:%SZ')}'"
        after = None
        while True:
            data = self.graphql(
                ORDERS, {"first": PAGE, "after": after, "query": query, "lineFirst": LINES}
            )
            connection = data["orders"]
            yield [self._complete_lines(node) for node in connection["nodes"]]
            if not connection["pageInfo"]["hasNextPage"]:
                return
            after = connection["pageInfo"]["endCursor"]

    def _complete_lines(self, node: Any) -> RemoteOrder:
        """An order with more lines than a page holds is read again on its own."""
        more = ((node.get("lineItems") or {}).get("pageInfo") or {}).get("hasNextPage")
        if more and has_id(node):
            full = self.fetch_order(str(node["id"]), lines=250)
            if full is not None:
                return full
        return self.map_order(node)

    def fetch_order(self, external_id: str, lines: int = LINES) -> RemoteOrder | None:
        data = self.graphql(ORDER, {"id": external_id, "lineFirst": lines})
        return self.map_order(data["order"]) if data.get("order") else None

    def map_order(self, node: Any) -> RemoteOrder:
        if not has_id(node):
            name = str(node.get("name") or "").lstrip("#") if isinstance(node, dict) else ""
            return RemoteOrder.without_id(node, name)
        try:
            return _map_order(node)
        except (KeyError, TypeError, ValueError, AttributeError) as exc:
            ext = str(node.get("id", "?")) if isinstance(node, dict) else "?"
            number = str(node.get("name", ext)).lstrip("#") if isinstance(node, dict) else ext
            return RemoteOrder.broken(ext, number, f"{type(exc).__name__}: {exc}")

    # -- shipments out ---------------------------------------------------------------------

    def push(self, shipment: Shipment) -> None:
        if shipment.kind == "order_shipped":
            return  # the fulfilments of the parcels already say it: nothing more to send
        if shipment.kind != "parcel_shipped":
            raise PermanentError(
                "shop_cannot_send", shop=self.name, kind=shipment.kind, platform="Shopify"
            )
        number = str(shipment.payload["tracking_number"])
        order = self._fulfilment_state(shipment)
        if _has_tracking(order, number):
            return
        if order.get("cancelledAt"):
            raise PermanentError(
                "shopify_cancelled_not_reported", shop=self.name, number=shipment.order_number
            )
        by_fo = _line_items_by_fo(order, shipment.payload.get("line_items") or [])
        if not by_fo:
            raise PermanentError(
                "shopify_nothing_to_fulfil",
                shop=self.name,
                number=shipment.order_number,
                tracking=number,
            )
        data = self.graphql(
            CREATE,
            {
                "fulfillment": {
                    "notifyCustomer": True,
                    "trackingInfo": {
                        "number": number,
                        "company": shipment.payload.get("carrier") or None,
                    },
                    "lineItemsByFulfillmentOrder": by_fo,
                }
            },
            mutation=True,
        )
        errors = data["fulfillmentCreate"]["userErrors"]
        if errors:
            if _has_tracking(self._fulfilment_state(shipment), number):
                return
            raise PermanentError(
                "shop_order_errors",
                shop=self.name,
                number=shipment.order_number,
                detail="; ".join(e["message"] for e in errors),
            )

    def _fulfilment_state(self, shipment: Shipment) -> dict[str, Any]:
        data = self.graphql(FULFILMENT_STATE, {"id": shipment.order_external_id})
        if not data.get("order"):
            raise PermanentError("shop_order_missing", shop=self.name, number=shipment.order_number)
        return dict(data["order"])

    # -- catalogue -------------------------------------------------------------------------

    def product_pages(self) -> Iterator[list[RemoteProduct]]:
        after = None
        while True:
            data = self.graphql(VARIANTS, {"first": 100, "after": after})
            connection = data["productVariants"]
            yield [_map_variant(v) for v in connection["nodes"]]
            if not connection["pageInfo"]["hasNextPage"]:
                return
            after = connection["pageInfo"]["endCursor"]


def _has_tracking(order: dict[str, Any], number: str) -> bool:
    return any(
        info.get("number") == number
        for f in order.get("fulfillments") or []
        if f.get("status") != "CANCELLED"
        for info in f.get("trackingInfo") or []
    )


def _line_items_by_fo(order: dict[str, Any], lines: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Explicit quantities (never "all that remains"), mapped from order lines to FO lines."""
    wanted = {
        str(line.get("external_id") or line.get("sku")): int(line["quantity"]) for line in lines
    }
    result = []
    for fo in (order.get("fulfillmentOrders") or {}).get("nodes") or []:
        if fo["status"] not in OPEN_FO:
            continue
        items = []
        for item in fo["lineItems"]["nodes"]:
            key = (
                item["lineItem"]["id"]
                if item["lineItem"]["id"] in wanted
                else item["lineItem"].get("sku")
            )
            quantity = min(wanted.get(str(key), 0), int(item["remainingQuantity"]))
            if quantity > 0:
                items.append({"id": item["id"], "quantity": quantity})
                wanted[str(key)] -= quantity
        if items:
            result.append({"fulfillmentOrderId": fo["id"], "fulfillmentOrderLineItems": items})
    return result


def _state(node: dict[str, Any]) -> ShopState:
    if node.get("cancelledAt") or node.get("displayFinancialStatus") in ("REFUNDED", "VOIDED"):
        return ShopState.CANCELLED
    if node.get("displayFulfillmentStatus") in ("FULFILLED", "RESTOCKED"):
        return ShopState.SHIPPED
    if node.get("displayFulfillmentStatus") == "ON_HOLD":
        return ShopState.ON_HOLD
    if node.get("displayFinancialStatus") in ("PENDING", "EXPIRED"):
        return ShopState.UNPAID
    return ShopState.OPEN


def _addr(a: dict[str, Any] | None, email: str) -> dict[str, Any]:
    a = a or {}
    return address(
        name=a.get("name"),
        company=a.get("company"),
        street=a.get("address1"),
        street2=a.get("address2"),
        postcode=a.get("zip"),
        city=a.get("city"),
        province=a.get("provinceCode"),
        country=a.get("countryCodeV2"),
        phone=a.get("phone"),
        email=email,
    )


def _map_order(node: dict[str, Any]) -> RemoteOrder:
    email = node.get("email") or ""
    included = bool(node.get("taxesIncluded"))
    lines = [
        _map_line(item, included)
        for item in node["lineItems"]["nodes"]
        if int(item.get("currentQuantity", item["quantity"])) > 0
    ]
    gateways = node.get("paymentGatewayNames") or []
    shipping = node.get("shippingLine") or {}
    return RemoteOrder(
        external_id=node["id"],
        number=str(node["name"]).lstrip("#"),
        state=_state(node),
        updated_at=parse_utc(node["updatedAt"]),
        created_at=parse_utc(node["createdAt"]),
        customer_name=(node.get("shippingAddress") or {}).get("name") or "",
        customer_email=email,
        shipping_address=_addr(node.get("shippingAddress"), email),
        billing_address=_addr(node.get("billingAddress"), email),
        currency=node.get("currencyCode") or "EUR",
        total=money(node["totalPriceSet"]["shopMoney"]["amount"]),
        shipping_total=money(
            (node.get("totalShippingPriceSet") or {}).get("shopMoney", {}).get("amount")
        ),
        payment_method=", ".join(gateways),
        cod=any("cash on delivery" in g.lower() or g.lower() == "cod" for g in gateways),
        shipping_method=f"{shipping.get('title') or ''} {shipping.get('code') or ''}".strip(),
        customer_note=node.get("note") or "",
        lines=lines,
    )


def _map_line(item: dict[str, Any], taxes_included: bool) -> RemoteLine:
    rate = Decimal(str((item.get("taxLines") or [{}])[0].get("rate") or 0)) * 100
    price = money(item["discountedUnitPriceSet"]["shopMoney"]["amount"])
    if taxes_included and rate:
        price = price * 100 / (100 + rate)
    return RemoteLine(
        external_id=item["id"],
        sku=item.get("sku") or "",
        name=item.get("name") or "",
        quantity=int(item.get("currentQuantity", item["quantity"])),
        unit_price=price.quantize(Decimal("0.0001")),
        vat_rate=rate.quantize(Decimal("0.01")),
    )


def _map_variant(v: dict[str, Any]) -> RemoteProduct:
    weight = ((v.get("inventoryItem") or {}).get("measurement") or {}).get("weight") or {}
    image = (
        (v.get("image") or {}).get("url")
        or (((v.get("product") or {}).get("featuredImage")) or {}).get("url")
        or ""
    )
    return RemoteProduct(
        external_id=v["id"],
        sku=v.get("sku") or "",
        name=v.get("displayName") or (v.get("product") or {}).get("title") or "",
        barcodes=[v["barcode"]] if v.get("barcode") else [],
        weight_g=to_grams(weight.get("value"), str(weight.get("unit") or "GRAMS")),
        image_url=image,
    )


def _connect(shop: ShopAccess) -> Shopify:
    return Shopify(
        shop.name,
        shop.url,
        shop.secrets["token"],
        settings=dict(shop.settings),
        timeout_s=shop.timeout_s,
        sleep=shop.sleep,
    )


register_shop_kind(
    Shopify.kind,
    _connect,
    location="url",
    secrets=(ShopOption("token", "Shopify Admin API access token"),),
)
