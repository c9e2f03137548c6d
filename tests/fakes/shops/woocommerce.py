"""A fake WooCommerce (REST v3 + Shipment Tracking) that answers as a real shop on a real host.

Sources it follows:
- authentication: `tests/fakes/shops/woocommerce_auth.py`, after WooCommerce's
  `class-wc-rest-authentication.php` (woocommerce/woocommerce @170a8939);
- the REST index `/wp-json/` (`WP_REST_Server::get_index`: name, url, home, namespaces, ...) and
  the method override of `WP_REST_Server::serve_request` (`_method`, `X-HTTP-Method-Override`);
  item routes take POST, PUT and PATCH as an edit (`WP_REST_Server::EDITABLE`);
- orders, notes, refunds (`_refunded_item_id` on refund line items, negative quantities),
  products and variations as WooCommerce's v3 controllers render them (per_page ≤ 100,
  X-WP-Total/X-WP-TotalPages, Link), the error shapes and codes;
- Shipment Tracking: `WC_Shipment_Tracking_Actions` (includes/class-wc-shipment-tracking.php of
  the extension, copy at josedu90/woocommerce-shipment-tracking @bc51a612): the provider list,
  items kept in order meta `_wc_shipment_tracking_items`, a provider matched by name or by its
  `sanitize_title` slug, custom providers with their own link; no dedupe;
- the host in front: rewrite rules that redirect to the canonical address (301, before
  WordPress runs), a header-stripping PHP setup, a ModSecurity rule that refuses a method with
  Apache's HTML 403 page.
"""

from __future__ import annotations

import datetime as dt
import re
import secrets
import ssl
from typing import Any
from urllib.parse import parse_qsl, urlencode, urlsplit

from tests.fakes.shops.base import Clock, FakeServer, Request, Response
from tests.fakes.shops.woocommerce_auth import WooKeys, error

SITE_OFFSET = dt.timedelta(hours=2)  # the shop's local time, as a real shop in Italy in summer


# The extension's providers for the carriers an Italian warehouse ships with (get_providers()).
PROVIDERS = {
    "Italy": {
        "BRT (Bartolini)": "http://as777.brt.it/vas/sped_det_show.hsm?referer=sped_numspe_par.htm&Nspediz=%1$s",
        "DHL Express": "http://www.dhl.it/it/express/ricerca.html?AWB=%1$s&brand=DHL",
    },
    "United Kingdom": {
        "DHL": "http://www.dhl.com/content/g0/en/express/tracking.shtml?brand=DHL&AWB=%1$s",
    },
    "United States": {
        "UPS": "http://wwwapps.ups.com/WebTracking/track?track=yes&trackNums=%1$s",
        "USPS": "https://tools.usps.com/go/TrackConfirmAction_input?qtc_tLabels1=%1$s",
    },
}
TRACKING_META = "_wc_shipment_tracking_items"
FORBIDDEN_PAGE = (
    b'<!DOCTYPE HTML PUBLIC "-//IETF//DTD HTML 2.0//EN">\n<html><head>\n'
    b"<title>403 Forbidden</title>\n</head><body>\n<h1>Forbidden</h1>\n"
    b"<p>You don't have permission to access this resource.</p>\n</body></html>\n"
)


def sanitize_title(name: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-")


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
        home: str = "",
        strip_authorization: bool = False,
    ) -> None:
        """`home`: WordPress's home URL ("" = wherever it is reached); `strip_authorization`: the
        host does not pass the Authorization header to PHP."""
        super().__init__(clock, tls)
        self.access = WooKeys(
            {key: (secret, permissions)},
            self.clock,
            home=home,
            strip_authorization=strip_authorization,
        )
        self.auth_seen = self.access.seen  # how each API request authenticated
        self.shipment_tracking = shipment_tracking
        self.canonical = ""  # scheme://host:port the rewrite rules send every other address to
        self.blocked_methods: set[str] = set()  # refused by a ModSecurity rule
        self.index_closed = False  # a security plugin closes /wp-json/ to anonymous callers
        self.orders: dict[int, dict[str, Any]] = {}
        self.notes: dict[int, list[dict[str, Any]]] = {}
        self.refunds: dict[int, list[dict[str, Any]]] = {}
        self.products: dict[int, dict[str, Any]] = {}
        self.variations: dict[int, list[dict[str, Any]]] = {}
        self.settings = {"woocommerce_weight_unit": "kg", "woocommerce_dimension_unit": "cm"}
        self._next_id = 1000

    @property
    def trackings(self) -> dict[int, list[dict[str, Any]]]:
        """Each order's tracking items, read where the extension keeps them (order meta)."""
        return {oid: items for oid, o in self.orders.items() if (items := _tracking_items(o))}

    def customer_tracking(self, order_id: int) -> list[tuple[str, str, str]]:
        """(provider, number, link) as the customer's e-mail and account page show each item."""
        items = [
            _formatted(self.orders[order_id], i) for i in _tracking_items(self.orders[order_id])
        ]
        return [(i["tracking_provider"], i["tracking_number"], i["tracking_link"]) for i in items]

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
        origin = "{0.scheme}://{0.netloc}".format(urlsplit(request.url))
        if self.canonical and origin != self.canonical:
            query = f"?{urlencode(request.query)}" if request.query else ""
            return Response(301, b"", {"Location": f"{self.canonical}{request.path}{query}"})
        if request.method in self.blocked_methods:
            return Response(403, FORBIDDEN_PAGE, {"Content-Type": "text/html; charset=iso-8859-1"})
        if request.path.rstrip("/") == "/wp-json":
            if self.index_closed:  # as "Disable REST API"-style security plugins answer
                return error(401, "rest_not_logged_in", "You are not currently logged in.")
            return Response.json(200, project(request.arg("_fields"), self._index(request)))
        denied = self.access.authenticate(request, https=self.tls is not None)
        if denied:
            return denied
        method = request.arg("_method") or request.headers.get("x-http-method-override")
        if method:
            request.method = method.upper()
        for pattern, handler in self._routes():
            match = re.fullmatch(pattern, request.path)
            if match and request.method in handler:
                return handler[request.method](request, *match.groups())
        return error(404, "rest_no_route", "No route was found matching the URL and request method")

    def _index(self, request: Request) -> dict[str, Any]:
        here = "{0.scheme}://{0.netloc}".format(urlsplit(request.url))
        home = self.access.home or here
        namespaces = ["oembed/1.0", "wc/v3", "wc/store/v1", "wp/v2"]
        if self.shipment_tracking:
            namespaces.insert(2, "wc-shipment-tracking/v3")
        return {
            "name": "Fake Shop",
            "description": "",
            "url": home,
            "home": home,
            "gmt_offset": "2",
            "timezone_string": "Europe/Rome",
            "namespaces": namespaces,
            "authentication": [],
            "routes": {},
        }

    def _routes(self) -> list[tuple[str, dict[str, Any]]]:
        api = "/wp-json/wc/v3"
        edit = self._put_order
        routes: list[tuple[str, dict[str, Any]]] = [
            (f"{api}/orders", {"GET": self._list_orders}),
            (
                f"{api}/orders/(\\d+)",
                {"GET": self._get_order, "PUT": edit, "POST": edit, "PATCH": edit},
            ),
            (f"{api}/orders/(\\d+)/notes", {"GET": self._get_notes, "POST": self._post_note}),
            (f"{api}/orders/(\\d+)/refunds", {"GET": self._get_refunds}),
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
        order = self.orders.get(int(oid))
        if order is None:
            return error(404, "woocommerce_rest_order_invalid_id", "Invalid order ID.")
        return Response.json(200, [_formatted(order, i) for i in _tracking_items(order)])

    def _post_tracking(self, request: Request, oid: str) -> Response:
        order = self.orders.get(int(oid))
        if order is None:
            return error(404, "woocommerce_rest_order_invalid_id", "Invalid order ID.")
        data = request.json() or {}
        if not data.get("tracking_number"):
            return error(
                400, "rest_missing_callback_param", "Missing parameter(s): tracking_number"
            )
        stamp = dt.datetime.fromisoformat(data.get("date_shipped") or self.now().date().isoformat())
        item = {  # add_tracking_item(): every key stored, the date as a timestamp
            "tracking_provider": str(data.get("tracking_provider") or ""),
            "custom_tracking_provider": str(data.get("custom_tracking_provider") or ""),
            "custom_tracking_link": str(data.get("custom_tracking_link") or ""),
            "tracking_number": str(data["tracking_number"]),
            "date_shipped": str(int(stamp.replace(tzinfo=dt.UTC).timestamp())),
            "tracking_id": secrets.token_hex(16),
        }
        items = [*_tracking_items(order), item]  # no dedupe, as in the real one
        _set_meta(order, TRACKING_META, items)
        location = {"Location": f"{request.url}/{item['tracking_id']}"}
        return Response.json(201, _formatted(order, item), location)

    def add_refund(self, order_id: int, quantities: dict[int, int], amount: str) -> None:
        """The merchant refunds `quantities` (line id -> units) of an order, as wp-admin does:
        a refund with negative line quantities pointing at the refunded line."""
        with self.lock:
            order = self.orders[order_id]
            refund_id = secrets.randbelow(10**6)
            lines = [
                {
                    "id": secrets.randbelow(10**6),
                    "name": line["name"],
                    "product_id": line["product_id"],
                    "quantity": -qty,
                    "total": f"-{float(line['price']) * qty:.2f}",
                    "sku": line["sku"],
                    "meta_data": [
                        {
                            "id": secrets.randbelow(10**6),
                            "key": "_refunded_item_id",
                            "value": str(line["id"]),
                            "display_key": "_refunded_item_id",
                            "display_value": str(line["id"]),
                        }
                    ],
                }
                for line in order["line_items"]
                for qty in [quantities.get(line["id"], 0)]
                if qty
            ]
            refund = {"id": refund_id, "amount": amount, "reason": "", "line_items": lines}
            self.refunds.setdefault(order_id, []).insert(0, refund)
            order["refunds"].insert(0, {"id": refund_id, "reason": "", "total": f"-{amount}"})
            _touch(order, self.now())

    def _get_refunds(self, request: Request, oid: str) -> Response:
        if int(oid) not in self.orders:
            return error(404, "woocommerce_rest_order_invalid_id", "Invalid order ID.")
        rows = [project(request.arg("_fields"), r) for r in self.refunds.get(int(oid), [])]
        return Response.json(200, rows, {"X-WP-Total": str(len(rows)), "X-WP-TotalPages": "1"})

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
        return self._page(request, self.variations.get(int(pid), []))

    @staticmethod
    def _page(request: Request, rows: list[dict[str, Any]]) -> Response:
        per_page = int(request.arg("per_page", "10") or 10)
        page = int(request.arg("page", "1") or 1)
        if not 1 <= per_page <= 100:
            msg = "per_page must be between 1 (inclusive) and 100 (inclusive)"
            return error(
                400,
                "rest_invalid_param",
                "Invalid parameter(s): per_page",
                params={"per_page": msg},
            )
        pages = (len(rows) + per_page - 1) // per_page
        return Response.json(
            200,
            rows[(page - 1) * per_page : page * per_page],
            {"X-WP-Total": str(len(rows)), "X-WP-TotalPages": str(pages)},
        )

    def _get_setting(self, request: Request, setting: str) -> Response:
        if setting not in self.settings:
            return error(404, "rest_setting_setting_invalid", "Invalid setting.")
        return Response.json(200, {"id": setting, "value": self.settings[setting]})


def _tracking_items(order: dict[str, Any]) -> list[dict[str, Any]]:
    for meta in order["meta_data"]:
        if meta["key"] == TRACKING_META and isinstance(meta["value"], list):
            return list(meta["value"])
    return []


def _set_meta(order: dict[str, Any], key: str, value: Any) -> None:
    for meta in order["meta_data"]:
        if meta["key"] == key:
            meta["value"] = value
            return
    order["meta_data"].append({"id": secrets.randbelow(10**6), "key": key, "value": value})


def _formatted(order: dict[str, Any], item: dict[str, Any]) -> dict[str, Any]:
    """A tracking item as the REST API shows it (`get_formatted_tracking_item`): the provider's
    name and link from the list when it is one of its providers, else the custom ones."""
    name, link = item["custom_tracking_provider"], item["custom_tracking_link"]
    if not name:
        for providers in PROVIDERS.values():
            for provider, template in providers.items():
                if item["tracking_provider"] in (provider, sanitize_title(provider)):
                    name, link = provider, template.replace("%1$s", item["tracking_number"])
    shipped = dt.datetime.fromtimestamp(int(item["date_shipped"]), dt.UTC)
    return {
        "tracking_id": item["tracking_id"],
        "tracking_provider": name,
        "tracking_link": link,
        "tracking_number": item["tracking_number"],
        "date_shipped": shipped.date().isoformat(),
    }


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
