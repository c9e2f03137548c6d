"""A fake PrestaShop webservice built from PrestaShop's own source (`PrestaShop/PrestaShop`):

- `webservice/dispatcher.php`: the key from the Basic user name (password ignored), else from
  `?ws_key=`; with neither, a bare `401 Unauthorized` and the realm. A host that strips the
  Authorization header (`strip_authorization=True`, common on CGI/FPM) leaves only `?ws_key=`.
  Both URL styles: `/api/...` needs the shop's URL rewriting (`url_rewriting=False`: the web
  server's own 404 page) and `/webservice/dispatcher.php?url=...` always works.
- `classes/webservice/WebserviceRequest.php` + `WebserviceOutputJSON.php` / `...XML.php`: JSON
  only for the exact `output_format=JSON`, the filter grammar with `date=1` gating, `sort`,
  `limit=offset,count`, `display`, a bare `[]` for an empty list, string-typed numbers (PS 1.7),
  numbered errors, XML request bodies, PUT as a full replacement (see `prestashop_ws.py`).
- `classes/order/Order.php`: the order's `order_rows` (without refunded or returned quantities,
  which only `order_details` carries), `shipping_number` read from the first carrier row
  (`getWsShippingNumber`), `id_currency` naming a currency.
- `classes/order/OrderCarrier.php` `updateWs`: every PUT with a true `sendemail` mails the
  customer "Package in transit" with that row's whole `tracking_number`, through the *order's*
  carrier URL (no URL, no mail); an order may have several carrier rows.
- `classes/order/OrderHistory.php` `addWs`: every POST appends a state and, with `sendemail`,
  mails again.
- `classes/Customer.php`: `display=full` includes the password hash and secure key.
- `classes/Combination.php`: combinations with their own reference, EAN-13, UPC and weight
  impact; `Cart::getProducts` puts the combination's reference and codes on the order row.
- `classes/Message.php` / `CheckoutSession.php` / `PaymentModule.php`: the customer's order
  message is a `messages` row with the order's id and `private` 0.
- `classes/Configuration.php`: `PS_TIMEZONE`, the zone of every date the shop writes.
- `classes/CustomerThread.php` / `CustomerMessage.php`: a note for the staff on an order is a
  `customer_messages` row with `private` 1 on the order's `customer_threads` row, which is what
  the back office's order page lists under Messages; POST adds one row each time.
"""

from __future__ import annotations

import base64
import datetime as dt
import re
from decimal import Decimal
from typing import Any
from zoneinfo import ZoneInfo

from tests.fakes.shops import prestashop_rows as rows
from tests.fakes.shops.base import Clock, FakeServer, Request, Response
from tests.fakes.shops.prestashop_schema import (
    CARRIER_ROW,
    CUSTOMER_SECRETS,
    FIELDS,
    ORDER_FIELDS,
    ORDER_ROW_FIELDS,
    REQUIRED,
    SINGULAR,
)
from tests.fakes.shops.prestashop_ws import (
    DATE_FIELDS,
    REALM,
    PsError,
    display,
    json_bytes,
    limit_rows,
    matches,
    parse_body,
    ps_response,
    render_errors,
    sort_rows,
    to_xml,
)

KEY = "K" * 16 + "0123456789ABCDEF"  # 32 characters, as the back office issues them
TRACKING_RE = re.compile(r"^[~:#,%&_=\(\)\[\]\.\? \+\-@/a-zA-Z0-9]+$")  # Validate::isTrackingNumber

Line = tuple[str, int, str] | tuple[str, int, str, int]


class FakePrestaShop(FakeServer):
    def __init__(
        self,
        *,
        key: str = KEY,
        typed_numbers: bool = False,
        empty_as_list: bool = True,
        clock: Clock | None = None,
        timezone: str = "Europe/Rome",
        strip_authorization: bool = False,
        url_rewriting: bool = True,
    ) -> None:
        super().__init__(clock)
        self.keys = {key}
        self.typed_numbers = typed_numbers
        self.empty_as_list = empty_as_list  # PS 1.7: an empty list is a bare `[]`
        self.tz = ZoneInfo(timezone)  # date_add / date_upd are shop-local, without an offset
        self.strip_authorization = strip_authorization
        self.url_rewriting = url_rewriting
        self.db: dict[str, dict[int, dict[str, Any]]] = {name: {} for name in SINGULAR}
        self._seq = {name: 0 for name in SINGULAR}
        self.emails: list[tuple[str, int, str]] = []  # (template, order id, detail)
        self.customer_secrets_served = 0  # password hashes / secure keys sent out
        self._seed(timezone)

    def _seed(self, timezone: str) -> None:
        for n, (name, paid, shipped, mail) in enumerate(rows.STATES, start=1):
            self.db["order_states"][n] = {
                "id": n,
                "name": name,
                "paid": str(paid),
                "shipped": str(shipped),
                "send_email": str(mail),
            }
        self.db["countries"][10] = {"id": 10, "iso_code": "IT", "name": "Italia"}
        self.db["states"][150] = {"id": 150, "id_country": "10", "iso_code": "MI", "name": "Milano"}
        self.db["carriers"][3] = {
            "id": 3,
            "name": "BRT Corriere",
            "deleted": "0",
            "url": "https://vas.brt.it/vas/sped_det_show.hsm?Nspediz=@",
        }
        for n, (name, iso, num) in rows.CURRENCIES.items():
            self.db["currencies"][n] = {
                "id": n,
                "name": name,
                "iso_code": iso,
                "numeric_iso_code": num,
                "precision": "2",
                "active": "1",
            }
        for name, value in (("PS_TIMEZONE", timezone), ("PS_CURRENCY_DEFAULT", "1")):
            self._new(
                "configurations",
                {"value": value, "name": name, "id_shop_group": "", "id_shop": ""},
            )

    # -- merchant actions -------------------------------------------------------------------

    def local_now(self) -> str:
        now = dt.datetime.fromtimestamp(int(self.clock.now()), dt.UTC)
        return now.astimezone(self.tz).strftime("%Y-%m-%d %H:%M:%S")

    def _new(self, resource: str, row: dict[str, Any]) -> dict[str, Any]:
        self._seq[resource] += 1
        row = {"id": self._seq[resource], **row}
        self.db[resource][row["id"]] = row
        return row

    def add_product(
        self, reference: str, *, ean13: str = "", upc: str = "", weight: str = "0.500000"
    ) -> dict[str, Any]:
        with self.lock:
            fields = rows.product_fields(reference, ean13, upc, weight, self.local_now())
            return self._new("products", fields)

    def add_combination(
        self, product_id: int, reference: str, *, ean13: str = "", upc: str = "", weight: str = "0"
    ) -> dict[str, Any]:
        """A combination; `weight` is its impact on the product's weight (Combination.php)."""
        with self.lock:
            product = self.db["products"][product_id]
            fields = rows.combination_fields(product_id, reference, ean13, upc, weight)
            combination = self._new("combinations", fields)
            product["product_type"] = "combinations"
            product["_combinations"].append(combination["id"])
            product["id_default_combination"] = str(product["_combinations"][0])
            return combination

    def _order_row(self, line: Line) -> dict[str, Any]:
        combination = self.db["combinations"].get(line[3]) if len(line) == 4 else None
        product = next((p for p in self.db["products"].values() if p["reference"] == line[0]), None)
        if combination is not None:
            product = self.db["products"][int(combination["id_product"])]
        return rows.order_row(line, product, combination)

    def add_order(
        self,
        lines: list[Line] | None = None,
        *,
        state: int = 2,
        module: str = "ps_wirepayment",
        currency: int = 1,
        message: str = "",
        carrier_rows: int = 1,
        **extra: Any,
    ) -> dict[str, Any]:
        """An order as a checkout makes it; lines are (reference, quantity, unit price with
        22 % VAT[, combination id])."""
        with self.lock:
            now = self.local_now()
            customer = self._new("customers", rows.customer_fields(now))
            addr = self._new("addresses", rows.address_fields(customer["id"]))
            details = [
                self._order_row(line)
                for line in lines or [("SKU-1", 2, "12.20"), ("SKU-2", 1, "6.10")]
            ]
            total = sum(
                Decimal(r["unit_price_tax_incl"]) * int(r["product_quantity"]) for r in details
            )
            order = self._new("orders", rows.order_fields(now, customer, addr, total, state))
            order.update(module=module, id_currency=str(currency), **extra)
            order["reference"] = order["reference"] or f"PS{order['id']:07d}"
            for row in details:
                self._new("order_details", {"id_order": str(order["id"]), **row})
            for _ in range(carrier_rows):
                self._carrier_row(order, now)
            self._new(
                "order_histories",
                {
                    "id_employee": "0",
                    "id_order_state": str(state),
                    "id_order": str(order["id"]),
                    "date_add": now,
                },
            )
            if message:
                self.add_message(order["id"], message, private=False)
            return order

    def _carrier_row(self, order: dict[str, Any], now: str) -> None:
        self._new("order_carriers", rows.carrier_fields(order, now))

    def add_message(self, order_id: int, text: str, *, private: bool, employee: int = 0) -> None:
        order = self.db["orders"][order_id]
        self._new(
            "messages",
            {
                "id_cart": order["id_cart"],
                "id_order": str(order_id),
                "id_customer": "0" if employee else order["id_customer"],
                "id_employee": str(employee),
                "message": text,
                "private": "1" if private else "0",
                "date_add": self.local_now(),
            },
        )

    def open_thread(self, order_id: int, text: str) -> int:
        """`PaymentModule::validateOrder` with a checkout message: the order's customer thread
        (no contact, open, a token) holding the customer's words; its id."""
        order = self.db["orders"][order_id]
        with self.lock:
            now = self.local_now()
            thread = self._new(
                "customer_threads",
                {
                    **{k: "" for k in FIELDS["customer_threads"] if k != "id"},
                    "id_lang": order["id_lang"],
                    "id_shop": order["id_shop"],
                    "id_customer": order["id_customer"],
                    "id_order": str(order_id),
                    "id_contact": "0",
                    "id_product": "0",
                    "token": "a1b2c3d4e5f6",
                    "status": "open",
                    "date_add": now,
                    "date_upd": now,
                },
            )
            self._new(
                "customer_messages",
                {
                    **{k: "" for k in FIELDS["customer_messages"] if k != "id"},
                    "id_customer_thread": str(thread["id"]),
                    "id_employee": "0",
                    "message": text,
                    "private": "0",
                    "read": "0",
                    "date_add": now,
                    "date_upd": now,
                },
            )
            return int(thread["id"])

    def modify(self, order_id: int, **fields: Any) -> None:
        with self.lock:
            self.db["orders"][order_id].update(fields, date_upd=self.local_now())

    def details(self, order_id: int) -> list[dict[str, Any]]:
        return [r for r in self.db["order_details"].values() if r["id_order"] == str(order_id)]

    def refund(
        self, order_id: int, reference: str, *, refunded: int = 0, returned: int = 0
    ) -> None:
        """A refund or a return of some units of one row (`Order::deleteProduct`,
        `src/Adapter/Order/Refund/OrderRefundUpdater.php`: each action counts its units as
        refunded or as returned): the row's product_quantity stays as ordered."""
        with self.lock:
            row = next(r for r in self.details(order_id) if r["product_reference"] == reference)
            row["product_quantity_refunded"] = str(int(row["product_quantity_refunded"]) + refunded)
            row["product_quantity_return"] = str(int(row["product_quantity_return"]) + returned)

    def carrier_rows(self, order_id: int) -> list[dict[str, Any]]:
        return [r for r in self.db["order_carriers"].values() if r["id_order"] == str(order_id)]

    def carrier_row(self, order_id: int) -> dict[str, Any]:
        return self.carrier_rows(order_id)[0]

    def histories(self, order_id: int) -> list[str]:
        """The states the order went through, oldest first."""
        return [
            r["id_order_state"]
            for r in self.db["order_histories"].values()
            if r["id_order"] == str(order_id)
        ]

    # -- HTTP ------------------------------------------------------------------------------

    def handle(self, request: Request) -> Response:
        if request.path.startswith("/api") and not self.url_rewriting:
            # No rewrite rule: the web server itself answers, before PrestaShop runs.
            page = b"<html><head><title>404 Not Found</title></head><body>Not Found</body></html>"
            return Response(404, page, {"Content-Type": "text/html; charset=iso-8859-1"})
        as_json = self._wants_json(request)
        try:
            self._authenticate(request)
            resource, ident = self._route(request)
            response = self._dispatch(request, resource, ident, as_json)
            # WebserviceRequest::returnOutput: the shop's clock, as a unix time
            response.headers["Access-Time"] = str(int(self.clock.now()))
            return response
        except PsError as exc:
            response = render_errors(exc, as_json)
            if exc.status == 401:
                response.headers["WWW-Authenticate"] = REALM
            return response

    @staticmethod
    def _wants_json(request: Request) -> bool:
        for value in (
            request.headers.get("io-format"),
            request.headers.get("output-format"),
            request.arg("output_format"),
            request.arg("io_format"),
        ):
            if value is not None:
                return value == "JSON"  # case-sensitive: `json` gets XML
        return False

    def _authenticate(self, request: Request) -> None:
        """dispatcher.php: PHP_AUTH_USER (the Basic user name) first, then `?ws_key=`."""
        key = request.arg("ws_key")
        header = "" if self.strip_authorization else request.headers.get("authorization", "")
        if header.startswith("Basic "):
            key = base64.b64decode(header[6:]).decode().split(":", 1)[0]
        if key is None:
            raise PsError(401, 0, "401 Unauthorized")
        if not key:
            raise PsError(401, 17, "Authentication key is empty")
        if len(key) != 32:
            raise PsError(401, 18, "Invalid authentication key format")
        if key not in self.keys:
            raise PsError(401, 20, "Authentification key is not active")

    @staticmethod
    def _route(request: Request) -> tuple[str, int | None]:
        if request.path.rstrip("/") == "/webservice/dispatcher.php":
            url = request.arg("url") or ""
        elif request.path.startswith("/api"):
            url = request.path[len("/api") :]
        else:
            raise PsError(404, 0, "Not Found")
        parts = [p for p in url.split("/") if p]
        if not parts:
            raise PsError(400, 27, 'Resource of type "" does not exists')
        if parts[0] not in SINGULAR:
            raise PsError(
                400, 27, f'Resource of type "{parts[0]}" does not exists. Did you mean: "orders"?'
            )
        if len(parts) > 1 and not parts[1].isdigit():
            raise PsError(400, 87, f"Id(s) not exists: {parts[1]}")
        return parts[0], int(parts[1]) if len(parts) > 1 else None

    def _dispatch(
        self, request: Request, resource: str, ident: int | None, as_json: bool
    ) -> Response:
        method = request.method
        if method == "GET":
            return self._get(request, resource, ident, as_json)
        if method == "PUT" and resource == "order_carriers":
            return self._put_carrier(request, ident, as_json)
        if method == "POST" and resource == "order_histories" and ident is None:
            return self._post_history(request, as_json)
        if method == "POST" and resource in REQUIRED and ident is None:
            return self._post_row(request, resource, as_json)
        raise PsError(
            405,
            25,
            f"Method {method} is not allowed for the resource {resource} "
            "with this authentication key",
        )

    # -- reads -----------------------------------------------------------------------------

    def _full(self, resource: str, row: dict[str, Any]) -> dict[str, Any]:
        if resource == "orders":
            out = {k: row.get(k, "") for k in ORDER_FIELDS}
            carriers = self.carrier_rows(row["id"])  # getWsShippingNumber: the first row
            out["shipping_number"] = carriers[0]["tracking_number"] if carriers else ""
            rows = self.details(row["id"])
            out["associations"] = {
                "order_rows": [{k: r[k] for k in ORDER_ROW_FIELDS} for r in rows]
            }
            return out
        out = {k: v for k, v in row.items() if not k.startswith("_")}
        if resource == "products":
            out["associations"] = {"combinations": [{"id": str(c)} for c in row["_combinations"]]}
        return out

    def _get(self, request: Request, resource: str, ident: int | None, as_json: bool) -> Response:
        if ident is not None:
            row = self.db[resource].get(ident)
            if row is None:
                return Response(404, b"")  # output disabled for an unknown id
            if request.arg("display") is None:
                return self._render(resource, [self._full(resource, row)], as_json, single=True)
        rows = [self.db[resource][ident]] if ident is not None else list(self.db[resource].values())
        full = [self._full(resource, r) for r in rows]
        dated = request.arg("date") == "1"
        fields = [k for k in FIELDS[resource] if dated or k not in DATE_FIELDS]
        for key, value in request.query:
            match = re.fullmatch(r"filter\[(\w+)\]", key)
            if match:
                if match.group(1) not in fields:
                    raise PsError(
                        400,
                        32,
                        f"This filter does not exist. Did you mean: "
                        f'"{fields[0]}"? The full list is: ' + ", ".join(f'"{f}"' for f in fields),
                    )
                full = [r for r in full if matches(str(r.get(match.group(1)) or ""), value)]
        full = sort_rows(full, request.arg("sort"), fields)
        full = limit_rows(full, request.arg("limit"))
        return self._render(resource, display(full, request.arg("display"), fields), as_json)

    def _render(
        self,
        resource: str,
        rows: list[dict[str, Any]],
        as_json: bool,
        *,
        single: bool = False,
        status: int = 200,
    ) -> Response:
        if resource == "customers":
            self.customer_secrets_served += sum(
                1 for r in rows for k in CUSTOMER_SECRETS if r.get(k)
            )
        rows = [self._typed(r) for r in rows]
        if as_json:
            if single:
                body: Any = {SINGULAR[resource]: rows[0]}
            elif not rows and self.empty_as_list:
                body = []
            else:
                body = {resource: rows}
            return ps_response(status, json_bytes(body), "application/json")
        xml = to_xml(resource, SINGULAR[resource], rows, single)
        return ps_response(status, xml, "text/xml;charset=utf-8")

    def _typed(self, value: Any) -> Any:
        if isinstance(value, dict):
            return {
                k: self._typed(v) if k != "id" else _id(v, self.typed_numbers)
                for k, v in value.items()
            }
        if isinstance(value, list):
            return [self._typed(v) for v in value]
        if self.typed_numbers and isinstance(value, str) and re.fullmatch(r"-?\d{1,9}", value):
            return int(value)
        return value

    # -- writes (XML bodies) ---------------------------------------------------------------

    def _put_carrier(self, request: Request, ident: int | None, as_json: bool) -> Response:
        fields = parse_body(request.body, "order_carrier")
        if not fields.get("id"):
            raise PsError(400, 90, "id is required when modifying a resource")
        row = self.db["order_carriers"].get(int(fields["id"] or 0))
        if row is None or ident != row["id"]:
            raise PsError(404, 92, "Invalid ID")
        for required in ("id_order", "id_carrier"):
            if not fields.get(required):
                raise PsError(400, 41, f'parameter "{required}" required')
        tracking = fields.get("tracking_number") or ""
        if tracking and (len(tracking) > 64 or not TRACKING_RE.match(tracking)):
            raise PsError(
                400, 85, 'Validation error: "Property OrderCarrier->tracking_number is not valid"'
            )
        replaced = {k: fields.get(k) for k in CARRIER_ROW}  # full replacement: missing = NULL
        replaced["id"] = row["id"]
        self.db["order_carriers"][row["id"]] = replaced
        order = self.db["orders"].get(int(replaced["id_order"] or 0))
        if order is not None:
            order["date_upd"] = self.local_now()
            if request.arg("sendemail") not in (None, "", "0"):
                self._in_transit_mail(order, replaced)
        return self._render("order_carriers", [replaced], as_json, single=True)

    def _in_transit_mail(self, order: dict[str, Any], row: dict[str, Any]) -> None:
        """OrderCarrier::sendInTransitEmail: the order's carrier (not the row's) gives the
        link; without a URL no mail; the row's tracking_number goes in as it is."""
        carrier = self.db["carriers"].get(int(order["id_carrier"] or 0)) or {}
        if carrier.get("url"):
            self.emails.append(("in_transit", int(order["id"]), str(row.get("tracking_number"))))

    def _post_history(self, request: Request, as_json: bool) -> Response:
        fields = parse_body(request.body, "order_history")
        if fields.get("id"):
            raise PsError(400, 91, "id is forbidden when adding a new resource")
        for required in ("id_order", "id_order_state"):
            if not fields.get(required):
                raise PsError(400, 41, f'parameter "{required}" required')
        order = self.db["orders"].get(int(fields["id_order"] or 0))
        state = self.db["order_states"].get(int(fields["id_order_state"] or 0))
        if order is None or state is None:
            raise PsError(400, 85, "Validation error: the order or the state does not exist")
        now = self.local_now()
        # Not idempotent: every POST appends a row, re-runs the hooks and re-sends the email.
        row = self._new(
            "order_histories",
            {
                "id_employee": "0",
                "id_order_state": str(state["id"]),
                "id_order": str(order["id"]),
                "date_add": now,
            },
        )
        order.update(current_state=str(state["id"]), date_upd=now)
        if request.arg("sendemail") not in (None, "", "0") and state["send_email"] == "1":
            self.emails.append((str(state["name"]), order["id"], ""))
        return self._render("order_histories", [row], as_json, single=True, status=201)

    def _post_row(self, request: Request, resource: str, as_json: bool) -> Response:
        """`WebserviceRequest::saveEntityFromXml` for a plain resource: the required fields,
        `id` forbidden, every field not given empty (0 for ids), the dates the shop's now.
        Not idempotent: each POST adds a row."""
        fields = parse_body(request.body, SINGULAR[resource])
        if fields.get("id"):
            raise PsError(400, 91, "id is forbidden when adding a new resource")
        for required in REQUIRED[resource]:
            if fields.get(required) in (None, ""):
                raise PsError(400, 41, f'parameter "{required}" required')
        thread = int(fields.get("id_customer_thread") or 0)
        if resource == "customer_messages" and thread not in self.db["customer_threads"]:
            raise PsError(400, 85, "Validation error: the thread does not exist")
        now = self.local_now()
        row = {
            k: fields.get(k) or ("0" if k.startswith("id_") else "")
            for k in FIELDS[resource]
            if k != "id"
        }
        row.update(date_add=now, date_upd=now)
        return self._render(resource, [self._new(resource, row)], as_json, single=True, status=201)

    def thread_messages(self, order_id: int) -> list[dict[str, Any]]:
        """The messages on the order's customer threads, as the order page lists them."""
        threads = {
            t["id"] for t in self.db["customer_threads"].values() if t["id_order"] == str(order_id)
        }
        return [
            m
            for m in self.db["customer_messages"].values()
            if int(m["id_customer_thread"] or 0) in threads
        ]


def _id(value: Any, typed: bool) -> Any:
    return int(value) if isinstance(value, int) or typed else value


__all__ = ["KEY", "FakePrestaShop"]
