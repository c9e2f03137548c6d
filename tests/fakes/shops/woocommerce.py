"""A fake WooCommerce (REST v3 + Shipment Tracking) faithful to the protocol notes:
OAuth 1.0a over plain HTTP (Basic refused there), per_page ≤ 100, X-WP-Total/X-WP-TotalPages and
Link headers, exclusive modified_after read in site time unless dates_are_gmt=true, the error
shapes and codes, non-idempotent notes and tracking items."""

from __future__ import annotations

import base64
import datetime as dt
import hashlib
import hmac
import re
import secrets
import ssl
import time
from typing import Any
from urllib.parse import parse_qsl, quote, unquote, urlencode

from tests.fakes.shops.base import Clock, FakeServer, Request, Response

SITE_OFFSET = dt.timedelta(hours=2)  # the shop's local time, as a real shop in Italy in summer


def error(status: int, code: str, message: str, **data: Any) -> Response:
    return Response.json(
        status, {"code": code, "message": message, "data": {"status": status, **data}}
    )


def _enc(value: str) -> str:
    return quote(unquote(value), safe="").replace("%", "%25")


class FakeWooCommerce(FakeServer):
    def __init__(
        self,
        *,
        key: str = "ck_test",
        secret: str = "cs_test",
        permissions: str = "read_write",
        shipment_tracking: bool = True,
        clock: Clock | None = None,
        tls: ssl.SSLContext | None = None,
    ) -> None:
        super().__init__(clock, tls)
        self.auth_seen: list[str] = []  # how each request authenticated: basic, query, oauth
        self.keys = {key: (secret, permissions)}
        self.shipment_tracking = shipment_tracking
        self.orders: dict[int, dict[str, Any]] = {}
        self.notes: dict[int, list[dict[str, Any]]] = {}
        self.trackings: dict[int, list[dict[str, Any]]] = {}
        self.products: dict[int, dict[str, Any]] = {}
        self.variations: dict[int, list[dict[str, Any]]] = {}
        self.settings = {"woocommerce_weight_unit": "kg", "woocommerce_dimension_unit": "cm"}
        self.nonces: set[str] = set()
        self._next_id = 1000

    # -- shop-side actions (what a merchant does in wp-admin) --------------------------------

    def now(self) -> dt.datetime:
        return dt.datetime.fromtimestamp(int(self.clock.now()), dt.UTC)

    def add_order(self, **fields: Any) -> dict[str, Any]:
        with self.lock:
            self._next_id += 1
            order = make_order(self._next_id, self.now(), **fields)
            self.orders[order["id"]] = order
            return order

    def modify(self, order_id: int, **fields: Any) -> None:
        with self.lock:
            order = self.orders[order_id]
            order.update(fields)
            _touch(order, self.now())

    def add_product(self, product: dict[str, Any]) -> None:
        self.products[product["id"]] = product

    # -- HTTP ------------------------------------------------------------------------------

    def handle(self, request: Request) -> Response:
        denied = self._authenticate(request)
        if denied:
            return denied
        path = request.path
        for pattern, handler in self._routes():
            match = re.fullmatch(pattern, path)
            if match and request.method in handler:
                return handler[request.method](request, *match.groups())
        return error(404, "rest_no_route", "No route was found matching the URL and request method")

    def _routes(self) -> list[tuple[str, dict[str, Any]]]:
        api = "/wp-json/wc/v3"
        routes: list[tuple[str, dict[str, Any]]] = [
            (f"{api}/orders", {"GET": self._list_orders}),
            (f"{api}/orders/(\\d+)", {"GET": self._get_order, "PUT": self._put_order}),
            (f"{api}/orders/(\\d+)/notes", {"GET": self._get_notes, "POST": self._post_note}),
            (f"{api}/products", {"GET": self._list_products}),
            (f"{api}/products/(\\d+)/variations", {"GET": self._list_variations}),
            (f"{api}/settings/products/([a-z_]+)", {"GET": self._get_setting}),
        ]
        if self.shipment_tracking:
            routes.append(
                (
                    "/wp-json/wc-shipment-tracking/v3/orders/(\\d+)/shipment-trackings",
                    {"GET": self._get_trackings, "POST": self._post_tracking},
                )
            )
        return routes

    def _authenticate(self, request: Request) -> Response | None:
        if self.tls is not None:
            return self._authenticate_https(request)
        header = request.headers.get("authorization", "")
        if not header.startswith("OAuth "):
            # Plain HTTP: Basic is not even looked at; the request goes on unauthenticated.
            return error(401, "woocommerce_rest_cannot_view", "Sorry, you cannot list resources.")
        params = {k: unquote(v) for k, v in re.findall(r'(\w+)="([^"]*)"', header[6:])}
        auth_error = "woocommerce_rest_authentication_error"
        missing = [
            p
            for p in (
                "oauth_consumer_key",
                "oauth_timestamp",
                "oauth_nonce",
                "oauth_signature",
                "oauth_signature_method",
            )
            if p not in params
        ]
        if missing:
            return error(
                401,
                "woocommerce_rest_authentication_missing_parameter",
                f"Missing OAuth parameter {', '.join(missing)}",
            )
        key = params["oauth_consumer_key"]
        if key not in self.keys:
            return error(401, auth_error, "Consumer key is invalid.")
        secret, permissions = self.keys[key]
        if params["oauth_signature_method"] not in ("HMAC-SHA1", "HMAC-SHA256"):
            return error(401, auth_error, "Invalid signature - signature method is invalid.")
        if (
            abs(int(params["oauth_timestamp"]) - self.clock.now()) > 15 * 60
            and abs(int(params["oauth_timestamp"]) - time.time()) > 15 * 60
        ):
            return error(401, auth_error, "Invalid timestamp.")
        signed = dict(request.query)
        signed.update({k: v for k, v in params.items() if k != "oauth_signature"})
        if not hmac.compare_digest(
            self._sign(request, signed, secret, params), params["oauth_signature"]
        ):
            return error(401, auth_error, "Invalid signature - provided signature does not match.")
        if params["oauth_nonce"] in self.nonces:
            return error(401, auth_error, "Invalid nonce - nonce has already been used.")
        self.nonces.add(params["oauth_nonce"])
        if request.method == "GET" and permissions == "write":
            return error(401, auth_error, "The API key provided does not have read permissions.")
        if request.method != "GET" and permissions == "read":
            return error(401, auth_error, "The API key provided does not have write permissions.")
        return None

    def _authenticate_https(self, request: Request) -> Response | None:
        """Over HTTPS only Basic (or consumer_key/consumer_secret in the query, looked at
        first) counts; OAuth parameters are not even read, so such a request is anonymous."""
        header = request.headers.get("authorization", "")
        key, secret = request.arg("consumer_key"), request.arg("consumer_secret")
        if header.startswith("OAuth ") or any(k.startswith("oauth_") for k, _ in request.query):
            self.auth_seen.append("oauth")
        elif key is not None:
            self.auth_seen.append("query")
        elif header.startswith("Basic "):
            key, _, secret = base64.b64decode(header[6:]).decode().partition(":")
            self.auth_seen.append("basic")
        else:
            self.auth_seen.append("none")
        if not key or key not in self.keys:
            return error(401, "woocommerce_rest_cannot_view", "Sorry, you cannot list resources.")
        expected, permissions = self.keys[key]
        if not hmac.compare_digest(expected, secret or ""):
            response = error(
                401, "woocommerce_rest_authentication_error", "Consumer secret is invalid."
            )
            response.headers["WWW-Authenticate"] = (
                'Basic realm="WooCommerce API. Use a consumer key in the username field and a '
                'consumer secret in the password field."'
            )
            return response
        return self._check_permissions(request, permissions)

    @staticmethod
    def _check_permissions(request: Request, permissions: str) -> Response | None:
        auth_error = "woocommerce_rest_authentication_error"
        if request.method == "GET" and permissions == "write":
            return error(401, auth_error, "The API key provided does not have read permissions.")
        if request.method != "GET" and permissions == "read":
            return error(401, auth_error, "The API key provided does not have write permissions.")
        return None

    @staticmethod
    def _sign(request: Request, params: dict[str, str], secret: str, oauth: dict[str, str]) -> str:
        pairs = sorted(params.items())
        query = "%26".join(f"{_enc(k)}%3D{_enc(v)}" for k, v in pairs)
        to_sign = f"{request.method}&{quote(request.url, safe='')}&{query}"
        algo = hashlib.sha256 if oauth["oauth_signature_method"] == "HMAC-SHA256" else hashlib.sha1
        digest = hmac.new(f"{secret}&".encode(), to_sign.encode(), algo).digest()
        return base64.b64encode(digest).decode()

    def _list_orders(self, request: Request) -> Response:
        per_page = int(request.arg("per_page", "10") or 10)
        page = int(request.arg("page", "1") or 1)
        if not 1 <= per_page <= 100:
            msg = "per_page must be between 1 (inclusive) and 100 (inclusive)"
            return error(
                400,
                "rest_invalid_param",
                "Invalid parameter(s): per_page",
                params={"per_page": msg},
                details={"per_page": {"code": "rest_out_of_bounds", "message": msg, "data": None}},
            )
        orders = self._filter_orders(request)
        total = len(orders)
        pages = (total + per_page - 1) // per_page
        chunk = orders[(page - 1) * per_page : page * per_page]
        links = []
        base = request.url
        if page > 1:
            links.append(f'<{base}?{self._query(request, page - 1)}>; rel="prev"')
        if page < pages:
            links.append(f'<{base}?{self._query(request, page + 1)}>; rel="next"')
        headers = {"X-WP-Total": str(total), "X-WP-TotalPages": str(pages)}
        if links:
            headers["Link"] = ", ".join(links)
        return Response.json(200, [project(request.arg("_fields"), o) for o in chunk], headers)

    @staticmethod
    def _query(request: Request, page: int) -> str:
        return urlencode([(k, v) for k, v in request.query if k != "page"] + [("page", str(page))])

    def _filter_orders(self, request: Request) -> list[dict[str, Any]]:
        gmt = request.arg("dates_are_gmt") in ("true", "1")
        statuses = set((request.arg("status") or "any").split(","))
        after = request.arg("modified_after")
        bound = None
        if after:
            bound = dt.datetime.fromisoformat(after.replace("Z", ""))
            if bound.tzinfo is not None:
                bound = bound.astimezone(dt.UTC).replace(tzinfo=None)
            elif not gmt:
                bound = bound - SITE_OFFSET  # the bound was read as site-local time
        rows = []
        for order in self.orders.values():
            if "any" not in statuses and order["status"] not in statuses:
                continue
            modified = dt.datetime.fromisoformat(order["date_modified_gmt"])
            if bound is not None and not modified > bound:  # exclusive bound
                continue
            rows.append(order)
        key = "date_modified_gmt" if request.arg("orderby") == "modified" else "date_created_gmt"
        rows.sort(key=lambda o: (o[key], o["id"]), reverse=request.arg("order", "desc") == "desc")
        return rows

    def _get_order(self, request: Request, oid: str) -> Response:
        order = self.orders.get(int(oid))
        if order is None:
            return error(404, "woocommerce_rest_shop_order_invalid_id", "Invalid ID.")
        return Response.json(200, project(request.arg("_fields"), order))

    def _put_order(self, request: Request, oid: str) -> Response:
        order = self.orders.get(int(oid))
        if order is None:
            return error(400, "woocommerce_rest_shop_order_invalid_id", "Invalid ID.")
        data = request.json() or {}
        for meta in data.get("meta_data") or []:
            existing = [m for m in order["meta_data"] if m["key"] == meta["key"]]
            if existing:
                existing[0]["value"] = meta["value"]
            else:
                order["meta_data"].append({"id": secrets.randbelow(10**6), **meta})
        if "status" in data and data["status"] != order["status"]:
            order["status"] = data["status"]
            order.setdefault("_transitions", 0)
            order["_transitions"] += 1  # the "completed" email goes out only here
        _touch(order, self.now())
        return Response.json(200, order)

    def _get_notes(self, request: Request, oid: str) -> Response:
        if int(oid) not in self.orders:
            return error(404, "woocommerce_rest_order_invalid_id", "Invalid order ID.")
        return Response.json(200, self.notes.get(int(oid), []))

    def _post_note(self, request: Request, oid: str) -> Response:
        if int(oid) not in self.orders:
            return error(404, "woocommerce_rest_order_invalid_id", "Invalid order ID.")
        data = request.json()
        note = {
            "id": secrets.randbelow(10**6),
            "author": "system",
            "note": data["note"],
            "customer_note": bool(data.get("customer_note")),
        }
        self.notes.setdefault(int(oid), []).append(note)
        return Response.json(201, note, {"Location": f"{request.url}/{note['id']}"})

    def _get_trackings(self, request: Request, oid: str) -> Response:
        if int(oid) not in self.orders:
            return error(404, "woocommerce_rest_order_invalid_id", "Invalid order ID.")
        return Response.json(200, self.trackings.get(int(oid), []))

    def _post_tracking(self, request: Request, oid: str) -> Response:
        if int(oid) not in self.orders:
            return error(404, "woocommerce_rest_order_invalid_id", "Invalid order ID.")
        data = request.json()
        if not data.get("tracking_number"):
            return error(
                400, "rest_missing_callback_param", "Missing parameter(s): tracking_number"
            )
        item = {
            "tracking_id": secrets.token_hex(16),
            "tracking_provider": data.get("tracking_provider", ""),
            "custom_tracking_provider": data.get("custom_tracking_provider", ""),
            "tracking_number": data["tracking_number"],
            "date_shipped": data.get("date_shipped", ""),
        }
        self.trackings.setdefault(int(oid), []).append(item)  # no dedupe, as in the real one
        return Response.json(201, item, {"Location": f"{request.url}/{item['tracking_id']}"})

    def _list_products(self, request: Request) -> Response:
        per_page = int(request.arg("per_page", "10") or 10)
        page = int(request.arg("page", "1") or 1)
        rows = sorted(self.products.values(), key=lambda p: p["id"])
        pages = (len(rows) + per_page - 1) // per_page
        return Response.json(
            200,
            rows[(page - 1) * per_page : page * per_page],
            {"X-WP-Total": str(len(rows)), "X-WP-TotalPages": str(pages)},
        )

    def _list_variations(self, request: Request, pid: str) -> Response:
        rows = self.variations.get(int(pid), [])
        return Response.json(200, rows, {"X-WP-Total": str(len(rows)), "X-WP-TotalPages": "1"})

    def _get_setting(self, request: Request, setting: str) -> Response:
        if setting not in self.settings:
            return error(404, "rest_setting_setting_invalid", "Invalid setting.")
        return Response.json(200, {"id": setting, "value": self.settings[setting]})


def project(fields: str | None, item: dict[str, Any]) -> dict[str, Any]:
    """WordPress's `_fields`: only the listed fields, `a.b` keeping field b of object a."""
    wanted = [f.strip() for f in (fields or "").split(",") if f.strip()]
    if not wanted:
        return item
    out: dict[str, Any] = {}
    for name in wanted:
        top, _, sub = name.partition(".")
        if top not in item:
            continue
        if sub and isinstance(item[top], dict):
            if sub in item[top]:
                out.setdefault(top, {})[sub] = item[top][sub]
        else:
            out[top] = item[top]
    return out


def _touch(order: dict[str, Any], now: dt.datetime) -> None:
    order["date_modified_gmt"] = now.strftime("%Y-%m-%dT%H:%M:%S")
    order["date_modified"] = (now + SITE_OFFSET).strftime("%Y-%m-%dT%H:%M:%S")


def make_order(
    oid: int,
    now: dt.datetime,
    *,
    status: str = "processing",
    lines: list[tuple[str, int, str]] | None = None,
    payment: str = "bacs",
    method: str = "Flat Rate",
    **extra: Any,
) -> dict[str, Any]:
    """An order as WooCommerce renders it; lines are (sku, quantity, net unit price)."""
    lines = lines or [("SKU-1", 2, "10.00"), ("SKU-2", 1, "5.50")]
    items = []
    for n, (sku, qty, price) in enumerate(lines):
        total = f"{float(price) * qty:.2f}"
        items.append(
            {
                "id": oid * 10 + n,
                "name": f"Product {sku}",
                "product_id": 90 + n,
                "variation_id": 0,
                "quantity": qty,
                "tax_class": "",
                "subtotal": total,
                "subtotal_tax": f"{float(total) * 0.22:.2f}",
                "total": total,
                "total_tax": f"{float(total) * 0.22:.2f}",
                "taxes": [],
                "meta_data": [],
                "sku": sku,
                "price": float(price),
            }
        )
    created = now.strftime("%Y-%m-%dT%H:%M:%S")
    local = (now + SITE_OFFSET).strftime("%Y-%m-%dT%H:%M:%S")
    order = {
        "id": oid,
        "parent_id": 0,
        "number": str(oid),
        "order_key": f"wc_order_{oid}",
        "created_via": "checkout",
        "version": "9.0.0",
        "status": status,
        "currency": "EUR",
        "date_created": local,
        "date_created_gmt": created,
        "date_modified": local,
        "date_modified_gmt": created,
        "discount_total": "0.00",
        "discount_tax": "0.00",
        "shipping_total": "6.90",
        "shipping_tax": "1.52",
        "cart_tax": "0.00",
        "total": "40.00",
        "total_tax": "7.00",
        "prices_include_tax": False,
        "customer_id": 0,
        "customer_note": "",
        "payment_method": payment,
        "payment_method_title": payment.upper(),
        "billing": {
            "first_name": "Mario",
            "last_name": "Rossi",
            "company": "",
            "address_1": "Via Roma 1",
            "address_2": "",
            "city": "Milano",
            "state": "MI",
            "postcode": "20121",
            "country": "IT",
            "email": "mario@example.com",
            "phone": "+39 02 1234567",
        },
        "shipping": {
            "first_name": "Mario",
            "last_name": "Rossi",
            "company": "",
            "address_1": "Via Roma 1",
            "address_2": "",
            "city": "Milano",
            "state": "MI",
            "postcode": "20121",
            "country": "IT",
        },
        "meta_data": [],
        "line_items": items,
        "tax_lines": [],
        "shipping_lines": [
            {
                "id": oid * 10 + 9,
                "method_title": method,
                "method_id": "flat_rate",
                "total": "6.90",
                "total_tax": "1.52",
                "taxes": [],
                "meta_data": [],
            }
        ],
        "fee_lines": [],
        "coupon_lines": [],
        "refunds": [],
        "_links": {"self": [{"href": f"/wp-json/wc/v3/orders/{oid}"}]},
    }
    order.update(extra)
    return order


__all__ = ["FakeWooCommerce", "make_order", "parse_qsl", "project"]
