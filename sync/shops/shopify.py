"""Shopify Admin GraphQL: orders by updated_at with cursor pagination, fulfilment with tracking.

Throttling: every answer carries `extensions.cost.throttleStatus`; the client keeps its own
estimate of the bucket and waits *before* a query that would not fit, so a long import runs at
the shop's restore rate instead of bouncing off THROTTLED. An HTTP 429 is honoured too (its
Retry-After), and a throttled query was not executed, so it is simply sent again. Page sizes
follow the `requestedQueryCost` the shop reports, and a MAX_COST_EXCEEDED answer shrinks the page.

Errors answered at HTTP 200: INTERNAL_SERVER_ERROR (and a timeout) is retried like a 5xx;
ACCESS_DENIED names the access scope the app lacks; anything else is the shop's refusal.

`fulfillmentCreate` has no idempotency key: before creating, the order's fulfilments are read
and a location whose fulfilment already carries the parcel's tracking number counts as done
(one fulfilment per tracking number and location, so the pair is the natural key).
"""

from __future__ import annotations

import datetime as dt
import logging
import re
import time
from collections.abc import Iterator
from typing import Any

from station.domain.messages import Phrase, text
from sync.errors import AuthError, PermanentError, RateLimitedError, TransientError
from sync.http import ShopHttp, Sleep, parse_json
from sync.remote import RemoteOrder, RemoteProduct, Shipment, has_id
from sync.shops import shopify_queries as q
from sync.shops.registry import ShopAccess, ShopOption, register_shop_kind
from sync.shops.shopify_auth import AccessToken, Store
from sync.shops.shopify_cost import CostTooHighError, Throttle, resized
from sync.shops.shopify_fulfil import plan
from sync.shops.shopify_map import map_order, map_variant
from sync.tracking_links import shopify_company, tracking_url

API_VERSION = q.API_VERSION
log = logging.getLogger("station.sync")
MAX_COST = 1000
TRANSIENT_CODES = ("INTERNAL_SERVER_ERROR", "TIMEOUT", "SERVICE_UNAVAILABLE")


class Shopify:
    kind = "shopify"

    def __init__(
        self,
        name: str,
        url: str,
        secrets: dict[str, str],
        *,
        settings: dict[str, Any] | None = None,
        timeout_s: float = 20.0,
        sleep: Sleep | None = None,
        store: Store | None = None,
    ) -> None:
        self.name = name
        self.settings = settings or {}
        self.sleep: Sleep = sleep or time.sleep
        self.http = ShopHttp(
            name,
            url,
            timeout_s=timeout_s,
            sleep=self.sleep,
            ca_file=self.settings.get("ca_file") or None,
        )
        self.token = AccessToken(name, secrets, store=store)
        self.throttle = Throttle(self.sleep)
        self.api_version = str(self.settings.get("api_version") or API_VERSION)
        self.path = f"/admin/api/{self.api_version}/graphql.json"
        self.served_version = ""  # the version the shop says it answered with
        self.tracking_urls: dict[str, str] = dict(self.settings.get("tracking_urls") or {})
        self.page_size: dict[str, int] = {}
        self.cost_target = float(q.COST_TARGET)  # lowered when a shop's ceiling is lower
        self.throttled = 0  # THROTTLED answers and 429s seen, for the figures

    def close(self) -> None:
        self.http.close()

    def graphql(
        self, query: str, variables: dict[str, Any] | None = None, *, mutation: bool = False
    ) -> dict[str, Any]:
        operation = re.search(r"(?:query|mutation)\s+(\w+)", query)
        op = operation.group(1) if operation else "anonymous"
        renewed = transient = 0
        for _ in range(12):
            self.throttle.before(op)
            token = self.token.current(self.http)
            try:
                response = self.http.request(
                    "POST",
                    self.path,
                    idempotent=not mutation,
                    json_body={"query": query, "variables": variables or {}},
                    headers={"X-Shopify-Access-Token": token},
                )
            except RateLimitedError as exc:  # not executed: safe to send again
                self.throttled += 1
                self.sleep(exc.retry_after_s or 2.0)
                continue
            except AuthError:
                if not self.token.renewable or renewed:
                    raise
                renewed += 1  # an expired or revoked token: fetch a new one, once
                self.token.renew(self.http)
                continue
            self._note_version(response.headers.get("X-Shopify-API-Version", ""))
            body = parse_json(self.name, self.path, response)
            if not isinstance(body, dict):
                raise TransientError("shop_malformed_json", shop=self.name, path=self.path)
            self.throttle.after(op, body)
            errors = _errors(body.get("errors"))
            codes = {str((e.get("extensions") or {}).get("code")) for e in errors}
            if "THROTTLED" in codes:
                self.throttled += 1
                continue  # the bucket estimate now says how long to wait
            if codes & set(TRANSIENT_CODES) and not mutation and transient < 3:
                transient += 1  # Shopify's own failure, answered at HTTP 200: try again
                self.sleep(2.0**transient)
                continue
            if errors:
                raise self._error(op, errors, codes)
            return dict(body.get("data") or {})
        raise TransientError("shop_kept_throttling", shop=self.name, operation=op, retry_after_s=10)

    def _note_version(self, served: str) -> None:
        """A version out of support is not refused: Shopify answers as the oldest supported
        one, whose fields and behaviour may differ. Said once in the log during sync, and as
        the failure of `station shop test`."""
        if served and served != self.api_version and served != self.served_version:
            log.warning(
                "%s",
                text(
                    "shopify_version_unsupported",
                    "en",
                    shop=self.name,
                    asked=self.api_version,
                    served=served,
                ),
            )
        self.served_version = served

    def _error(self, op: str, errors: list[dict[str, Any]], codes: set[str]) -> Exception:
        message = "; ".join(str(e.get("message")) for e in errors)
        if "MAX_COST_EXCEEDED" in codes:
            found = re.search(r"Query cost is (\d+).*?limit \((\d+)\)", message, re.S)
            extensions = next((e.get("extensions") or {} for e in errors), {})
            cost = extensions.get("cost") or (found.group(1) if found else 2 * MAX_COST)
            maximum = extensions.get("maxCost") or (found.group(2) if found else MAX_COST)
            return CostTooHighError(float(cost), float(maximum))
        if "ACCESS_DENIED" in codes:
            needed = " ".join(
                str((e.get("extensions") or {}).get("requiredAccess") or e.get("message"))
                for e in errors
            )
            scopes = re.findall(r"`(\w+)`", needed)
            return AuthError(
                "shopify_missing_scope",
                shop=self.name,
                operation=op,
                scope=", ".join(dict.fromkeys(scopes)) or needed,
            )
        if codes & set(TRANSIENT_CODES):
            # a mutation may have run: the outbox reads back before it tries again
            return TransientError(
                "shopify_failed_inside", shop=self.name, operation=op, detail=message
            )
        return PermanentError(
            "shop_refused_operation", shop=self.name, operation=op, detail=message
        )

    def sized(self, op: str, query: str, variables: dict[str, Any], default: int) -> dict[str, Any]:
        """Run a paged query at the page size the shop's costs allow, shrinking the page when
        the shop refuses it as too expensive."""
        for _ in range(8):
            first = self.page_size.get(op, default)
            try:
                data = self.graphql(query, {**variables, "first": first})
            except CostTooHighError as exc:
                self.cost_target = min(self.cost_target, exc.maximum * 0.8)
                smaller = min(first - 1, resized(first, exc.cost, self.cost_target))
                if smaller < 1:
                    break
                self.page_size[op] = smaller
                continue
            self.page_size[op] = resized(first, self.throttle.cost.get(op), self.cost_target)
            return data
        raise PermanentError(
            "shop_refused_operation", shop=self.name, operation=op, detail="MAX_COST_EXCEEDED"
        )

    def test(self) -> Phrase:
        """One sentence: the shop answers, or the first thing that stops sync working."""
        data = self.graphql(q.SHOP)
        if self.served_version and self.served_version != self.api_version:
            raise PermanentError(
                "shopify_version_unsupported",
                shop=self.name,
                asked=self.api_version,
                served=self.served_version,
            )
        granted = {s.get("handle") for s in data["currentAppInstallation"]["accessScopes"]}
        missing = [s for s in q.SCOPES if not granted & {s, *q.SCOPES[s]}]
        if missing:
            raise AuthError(
                "shopify_missing_scope", shop=self.name, operation="sync", scope=", ".join(missing)
            )
        return Phrase("shopify_answers", {"name": data["shop"]["name"]})

    # -- orders in -------------------------------------------------------------------------

    def order_pages(self, since: dt.datetime | None) -> Iterator[list[RemoteOrder]]:
        query = None
        if since is not None:
            query = f"updated_at:>='{since.astimezone(dt.UTC).strftime('%Y-%m-%dT%H:%M:%SZ')}'"
        after = None
        while True:
            data = self.sized(
                "Orders",
                q.ORDERS,
                {"after": after, "query": query, "lineFirst": q.LINES},
                q.FIRST_PAGE,
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
            full = self.fetch_order(str(node["id"]))
            if full is not None:
                return full
        return self.map_order(node)

    def fetch_order(self, external_id: str) -> RemoteOrder | None:
        """The order with every line (the re-check before a label prints reads them all)."""
        data = self.graphql(q.ORDER, {"id": external_id, "lineFirst": q.ORDER_LINES})
        node = data.get("order")
        if not node:
            return None
        lines = node.get("lineItems") or {}
        while has_id(node) and (lines.get("pageInfo") or {}).get("hasNextPage"):
            more = self.graphql(
                q.MORE_LINES,
                {
                    "id": external_id,
                    "first": q.ORDER_LINES,
                    "after": lines["pageInfo"]["endCursor"],
                },
            )
            lines = (more.get("order") or {}).get("lineItems") or {}
            node["lineItems"]["nodes"].extend(lines.get("nodes") or [])
        return self.map_order(node)

    def map_order(self, node: Any) -> RemoteOrder:
        if not has_id(node):
            name = str(node.get("name") or "").lstrip("#") if isinstance(node, dict) else ""
            return RemoteOrder.without_id(node, name)
        try:
            return map_order(node)
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
        order = self._fulfilments(shipment)
        done = _locations_with(order, number)
        if order.get("cancelledAt") and not done:
            raise PermanentError(
                "shopify_cancelled_not_reported", shop=self.name, number=shipment.order_number
            )
        todo = plan(
            self._fulfilment_orders(shipment.order_external_id),
            shipment.payload.get("line_items") or [],
            shop=self.name,
            number=shipment.order_number,
            tracking=number,
            done_locations=done,
        )
        for groups in todo.by_location.values():
            self._create(shipment, number, groups)

    def _create(self, shipment: Shipment, number: str, groups: list[dict[str, Any]]) -> None:
        carrier = str(shipment.payload.get("carrier") or "")
        info = {
            "number": number,
            "company": shopify_company(carrier) or carrier or None,
            "url": tracking_url(carrier, number, self.tracking_urls),
        }
        data = self.graphql(
            q.CREATE,
            {
                "fulfillment": {
                    "notifyCustomer": True,
                    "trackingInfo": {k: v for k, v in info.items() if v},
                    "lineItemsByFulfillmentOrder": groups,
                }
            },
            mutation=True,
        )
        errors = data["fulfillmentCreate"]["userErrors"]
        if errors:
            location_done = _locations_with(self._fulfilments(shipment), number)
            if location_done and "unfulfillable status" in str(errors):
                return  # an earlier attempt whose answer was lost did it
            raise PermanentError(
                "shop_order_errors",
                shop=self.name,
                number=shipment.order_number,
                detail="; ".join(e["message"] for e in errors),
            )

    def _fulfilments(self, shipment: Shipment) -> dict[str, Any]:
        data = self.graphql(q.FULFILMENTS, {"id": shipment.order_external_id})
        if not data.get("order"):
            raise PermanentError("shop_order_missing", shop=self.name, number=shipment.order_number)
        return dict(data["order"])

    def _fulfilment_orders(self, order_id: str) -> list[dict[str, Any]]:
        """Every fulfilment order of the order with every line, page by page."""
        found: list[dict[str, Any]] = []
        after = None
        while True:
            data = self.graphql(q.FULFILMENT_ORDERS, {"id": order_id, "after": after})
            connection = (data.get("order") or {}).get("fulfillmentOrders") or {}
            for fo in connection.get("nodes") or []:
                lines = fo["lineItems"]
                items = list(lines["nodes"])
                while lines["pageInfo"]["hasNextPage"]:
                    more = self.graphql(
                        q.MORE_FO_LINES, {"id": fo["id"], "after": lines["pageInfo"]["endCursor"]}
                    )
                    lines = (more.get("fulfillmentOrder") or {}).get("lineItems") or {}
                    items.extend(lines.get("nodes") or [])
                    if not lines:
                        break
                found.append({**fo, "lineItems": items})
            if not (connection.get("pageInfo") or {}).get("hasNextPage"):
                return found
            after = connection["pageInfo"]["endCursor"]

    # -- catalogue -------------------------------------------------------------------------

    def product_pages(self) -> Iterator[list[RemoteProduct]]:
        after = None
        while True:
            data = self.sized("Variants", q.VARIANTS, {"after": after}, 50)
            connection = data["productVariants"]
            yield [map_variant(v) for v in connection["nodes"]]
            if not connection["pageInfo"]["hasNextPage"]:
                return
            after = connection["pageInfo"]["endCursor"]


def _errors(raw: Any) -> list[dict[str, Any]]:
    """GraphQL `errors` as a list of dicts, whatever shape the shop sent (a string, say)."""
    items = raw if isinstance(raw, list) else [raw] if raw else []
    return [e if isinstance(e, dict) else {"message": str(e)} for e in items]


def _locations_with(order: dict[str, Any], number: str) -> set[str]:
    """The locations whose fulfilments already carry this tracking number."""
    return {
        str((f.get("location") or {}).get("id"))
        for f in order.get("fulfillments") or []
        if f.get("status") != "CANCELLED"
        and any(info.get("number") == number for info in f.get("trackingInfo") or [])
    }


def _connect(shop: ShopAccess) -> Shopify:
    return Shopify(
        shop.name,
        shop.url,
        dict(shop.secrets),
        settings=dict(shop.settings),
        timeout_s=shop.timeout_s,
        sleep=shop.sleep,
        store=shop.store,
    )


register_shop_kind(
    Shopify.kind,
    _connect,
    location="url",
    secrets=(
        ShopOption("token", "Shopify Admin API access token (an app made before 2026)"),
        ShopOption("client-id", "Shopify app client ID (the token is fetched and renewed)"),
        ShopOption("client-secret", "Shopify app client secret, with --client-id"),
    ),
    # either a permanent token, or the app's client credentials
    secret_sets=(("token",), ("client-id", "client-secret")),
    settings=(ShopOption("api_version", f"Shopify Admin API version (default {API_VERSION})"),),
)
