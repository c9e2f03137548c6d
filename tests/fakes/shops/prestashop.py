"""A fake PrestaShop webservice faithful to the protocol notes: the 32-character key as the Basic
user name (password ignored) or `?ws_key=`, both URL styles (`/api/...` and
`/webservice/dispatcher.php?url=...`), JSON only for the exact `output_format=JSON` (XML
otherwise), the filter grammar with `date=1` gating, `sort`, `limit=offset,count`, `display`,
a bare `[]` for an empty list, string-typed numbers (PS 1.7), numbered errors, XML request
bodies, PUT as a full replacement, and order_histories that append on every POST."""

from __future__ import annotations

import base64
import datetime as dt
import hashlib
import re
import xml.etree.ElementTree as ET
from decimal import Decimal
from typing import Any
from zoneinfo import ZoneInfo

from tests.fakes.shops.base import Clock, FakeServer, Request, Response

KEY = "K" * 16 + "0123456789ABCDEF"  # 32 characters, as the back office issues them
SHOP_TZ = ZoneInfo("Europe/Rome")  # date_add / date_upd are shop-local, without an offset
REALM = (
    'Basic realm="Welcome to PrestaShop Webservice, please enter the authentication key '
    'as the login. No password required."'
)
DATE_FIELDS = ("date_add", "date_upd")
TRACKING_RE = re.compile(r"^[~:#,%&_=\(\)\[\]\.\? \+\-@/a-zA-Z0-9]+$")
# (name, paid, shipped, send_email), ids 1..13 as a default install creates them.
STATES = [
    ("Awaiting check payment", 0, 0, 1),
    ("Payment accepted", 1, 0, 1),
    ("Processing in progress", 1, 0, 1),
    ("Shipped", 1, 1, 1),
    ("Delivered", 1, 1, 0),
    ("Canceled", 0, 0, 1),
    ("Refunded", 0, 0, 1),
    ("Payment error", 0, 0, 1),
    ("On backorder (paid)", 1, 0, 1),
    ("Awaiting bank wire payment", 0, 0, 1),
    ("Remote payment accepted", 1, 0, 1),
    ("On backorder (not paid)", 0, 0, 1),
    ("Awaiting Cash On Delivery validation", 0, 0, 0),
]
SINGULAR = {
    "orders": "order",
    "order_details": "order_detail",
    "order_carriers": "order_carrier",
    "order_histories": "order_history",
    "order_states": "order_state",
    "addresses": "address",
    "customers": "customer",
    "carriers": "carrier",
    "countries": "country",
    "states": "state",
    "products": "product",
}
ORDER_FIELDS = (
    "id",
    "id_address_delivery",
    "id_address_invoice",
    "id_cart",
    "id_currency",
    "id_lang",
    "id_customer",
    "id_carrier",
    "current_state",
    "module",
    "invoice_number",
    "invoice_date",
    "delivery_number",
    "delivery_date",
    "valid",
    "date_add",
    "date_upd",
    "shipping_number",
    "id_shop_group",
    "id_shop",
    "secure_key",
    "payment",
    "recyclable",
    "gift",
    "gift_message",
    "mobile_theme",
    "total_discounts",
    "total_discounts_tax_incl",
    "total_discounts_tax_excl",
    "total_paid",
    "total_paid_tax_incl",
    "total_paid_tax_excl",
    "total_paid_real",
    "total_products",
    "total_products_wt",
    "total_shipping",
    "total_shipping_tax_incl",
    "total_shipping_tax_excl",
    "carrier_tax_rate",
    "total_wrapping",
    "total_wrapping_tax_incl",
    "total_wrapping_tax_excl",
    "round_mode",
    "round_type",
    "conversion_rate",
    "reference",
)
CARRIER_ROW = (
    "id",
    "id_order",
    "id_carrier",
    "id_order_invoice",
    "weight",
    "shipping_cost_tax_excl",
    "shipping_cost_tax_incl",
    "tracking_number",
    "date_add",
)


class PsError(Exception):
    def __init__(self, status: int, code: int, message: str) -> None:
        super().__init__(message)
        self.status, self.code, self.message = status, code, message


def _six(value: Decimal) -> str:
    return f"{value:.6f}"


class FakePrestaShop(FakeServer):
    def __init__(
        self,
        *,
        key: str = KEY,
        typed_numbers: bool = False,
        empty_as_list: bool = True,
        clock: Clock | None = None,
    ) -> None:
        super().__init__(clock)
        self.keys = {key}
        self.typed_numbers = typed_numbers
        self.empty_as_list = empty_as_list  # PS 1.7: an empty list is a bare `[]`
        self.db: dict[str, dict[int, dict[str, Any]]] = {name: {} for name in SINGULAR}
        self.emails: list[tuple[str, int, str]] = []  # (template, order id, detail)
        for n, (name, paid, shipped, mail) in enumerate(STATES, start=1):
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
        self._seq = {name: 0 for name in SINGULAR}

    # -- merchant actions -------------------------------------------------------------------

    def local_now(self) -> str:
        now = dt.datetime.fromtimestamp(int(self.clock.now()), dt.UTC)
        return now.astimezone(SHOP_TZ).strftime("%Y-%m-%d %H:%M:%S")

    def _new(self, resource: str, row: dict[str, Any]) -> dict[str, Any]:
        self._seq[resource] += 1
        row = {"id": self._seq[resource], **row}
        self.db[resource][row["id"]] = row
        return row

    def add_order(
        self,
        lines: list[tuple[str, int, str]] | None = None,
        *,
        state: int = 2,
        module: str = "ps_wirepayment",
        **extra: Any,
    ) -> dict[str, Any]:
        """An order as a checkout makes it; lines are (reference, quantity, unit price with
        22 % VAT)."""
        with self.lock:
            now = self.local_now()
            customer = self._new(
                "customers",
                {"firstname": "Mario", "lastname": "Rossi", "email": "mario@example.com"},
            )
            addr = self._new(
                "addresses",
                {
                    "id_customer": str(customer["id"]),
                    "id_country": "10",
                    "id_state": "150",
                    "alias": "Casa",
                    "company": "",
                    "lastname": "Rossi",
                    "firstname": "Mario",
                    "address1": "Via Roma 1",
                    "address2": "",
                    "postcode": "20121",
                    "city": "Milano",
                    "phone": "",
                    "phone_mobile": "+39 333 1234567",
                },
            )
            rows, total = [], Decimal("0")
            for sku, qty, gross in lines or [("SKU-1", 2, "12.20"), ("SKU-2", 1, "6.10")]:
                g = Decimal(gross)
                net = (g / Decimal("1.22")).quantize(Decimal("0.000001"))
                total += g * qty
                rows.append(
                    {
                        "product_id": "20",
                        "product_attribute_id": "0",
                        "product_quantity": str(qty),
                        "product_name": f"Product {sku}",
                        "product_reference": sku,
                        "product_ean13": "",
                        "product_isbn": "",
                        "product_upc": "",
                        "product_price": _six(net),
                        "id_customization": "0",
                        "unit_price_tax_incl": _six(g),
                        "unit_price_tax_excl": _six(net),
                    }
                )
            shipping = Decimal("6.90")
            order = self._new(
                "orders",
                {
                    "id_address_delivery": str(addr["id"]),
                    "id_address_invoice": str(addr["id"]),
                    "id_cart": "1",
                    "id_currency": "1",
                    "id_lang": "1",
                    "id_customer": str(customer["id"]),
                    "id_carrier": "3",
                    "current_state": str(state),
                    "module": module,
                    "invoice_number": "0",
                    "invoice_date": "0000-00-00 00:00:00",
                    "delivery_number": "0",
                    "delivery_date": "0000-00-00 00:00:00",
                    "valid": "1",
                    "date_add": now,
                    "date_upd": now,
                    "shipping_number": "",
                    "id_shop_group": "1",
                    "id_shop": "1",
                    "secure_key": hashlib.md5(now.encode()).hexdigest(),
                    "payment": "Bank wire",
                    "recyclable": "0",
                    "gift": "0",
                    "gift_message": "",
                    "mobile_theme": "0",
                    "total_discounts": "0.000000",
                    "total_discounts_tax_incl": "0.000000",
                    "total_discounts_tax_excl": "0.000000",
                    "total_paid": _six(total + shipping),
                    "total_paid_tax_incl": _six(total + shipping),
                    "total_paid_tax_excl": _six((total + shipping) / Decimal("1.22")),
                    "total_paid_real": "0.000000",
                    "total_products": _six(total / Decimal("1.22")),
                    "total_products_wt": _six(total),
                    "total_shipping": _six(shipping),
                    "total_shipping_tax_incl": _six(shipping),
                    "total_shipping_tax_excl": _six(shipping / Decimal("1.22")),
                    "carrier_tax_rate": "22.000",
                    "total_wrapping": "0.000000",
                    "total_wrapping_tax_incl": "0.000000",
                    "total_wrapping_tax_excl": "0.000000",
                    "round_mode": "2",
                    "round_type": "2",
                    "conversion_rate": "1.000000",
                    "reference": "",
                    **extra,
                },
            )
            order["reference"] = order["reference"] or f"PS{order['id']:07d}"
            for row in rows:
                detail = self._new("order_details", {"id_order": str(order["id"]), **row})
                row["id"] = str(detail["id"])
            order["_rows"] = rows
            self._new(
                "order_carriers",
                {
                    "id_order": str(order["id"]),
                    "id_carrier": "3",
                    "id_order_invoice": "0",
                    "weight": "1.250000",
                    "shipping_cost_tax_excl": _six(shipping / Decimal("1.22")),
                    "shipping_cost_tax_incl": _six(shipping),
                    "tracking_number": "",
                    "date_add": now,
                },
            )
            self._new(
                "order_histories",
                {
                    "id_employee": "0",
                    "id_order_state": str(state),
                    "id_order": str(order["id"]),
                    "date_add": now,
                },
            )
            return order

    def modify(self, order_id: int, **fields: Any) -> None:
        with self.lock:
            self.db["orders"][order_id].update(fields, date_upd=self.local_now())

    def carrier_row(self, order_id: int) -> dict[str, Any]:
        return next(r for r in self.db["order_carriers"].values() if r["id_order"] == str(order_id))

    def histories(self, order_id: int) -> list[str]:
        """The states the order went through, oldest first."""
        return [
            r["id_order_state"]
            for r in self.db["order_histories"].values()
            if r["id_order"] == str(order_id)
        ]

    # -- HTTP ------------------------------------------------------------------------------

    def handle(self, request: Request) -> Response:
        as_json = self._wants_json(request)
        try:
            self._authenticate(request)
            resource, ident = self._route(request)
            return self._dispatch(request, resource, ident, as_json)
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
        key = request.arg("ws_key")
        header = request.headers.get("authorization", "")
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
        if request.path.rstrip("/") in ("/webservice/dispatcher.php",):
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
            carrier = next(
                (r for r in self.db["order_carriers"].values() if r["id_order"] == str(row["id"])),
                None,
            )
            out["shipping_number"] = (carrier or {}).get("tracking_number") or ""
            out["associations"] = {"order_rows": [dict(r) for r in row["_rows"]]}
            return out
        return {k: v for k, v in row.items() if not k.startswith("_")}

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
        fields = [
            k
            for k in (full[0] if full else self._full(resource, self._sample(resource)))
            if k != "associations" and (dated or k not in DATE_FIELDS)
        ]
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

    def _sample(self, resource: str) -> dict[str, Any]:
        if resource == "orders":
            return {**{k: "" for k in ORDER_FIELDS}, "_rows": []}
        return {"id": 0}

    def _render(
        self,
        resource: str,
        rows: list[dict[str, Any]],
        as_json: bool,
        *,
        single: bool = False,
        status: int = 200,
    ) -> Response:
        rows = [self._typed(r) for r in rows]
        if as_json:
            if single:
                body: Any = {SINGULAR[resource]: rows[0]}
            elif not rows and self.empty_as_list:
                body = []
            else:
                body = {resource: rows}
            return ps_response(status, _json(body), "application/json")
        return ps_response(status, to_xml(resource, rows, single), "text/xml;charset=utf-8")

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
        carrier = self.db["carriers"].get(int(replaced["id_carrier"] or 0)) or {}
        if request.arg("sendemail") == "1" and tracking and carrier.get("url"):
            self.emails.append(("in_transit", int(replaced["id_order"] or 0), tracking))
        order = self.db["orders"].get(int(replaced["id_order"] or 0))
        if order is not None:
            order["date_upd"] = self.local_now()
        return self._render("order_carriers", [replaced], as_json, single=True)

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
        if request.arg("sendemail") == "1" and state["send_email"] == "1":
            self.emails.append((str(state["name"]), order["id"], ""))
        return self._render("order_histories", [row], as_json, single=True, status=201)


def _id(value: Any, typed: bool) -> Any:
    return int(value) if isinstance(value, int) or typed else value


def _json(body: Any) -> bytes:
    import json

    return json.dumps(body).encode()


def ps_response(status: int, body: bytes, content_type: str) -> Response:
    return Response(
        status,
        body,
        {
            "Content-Type": content_type,
            "X-Powered-By": "PrestaShop Webservice",
            "PSWS-Version": "1.7.8.11",
            "Execution-Time": "0.012",
            "Content-Sha1": hashlib.sha1(body).hexdigest(),
        },
    )


def render_errors(exc: PsError, as_json: bool) -> Response:
    if exc.code == 0:  # the dispatcher dies before any output object exists
        return Response(exc.status, exc.message.encode(), {"Content-Type": "text/plain"})
    if as_json:
        body = _json({"errors": [{"code": exc.code, "message": exc.message}]})
        return ps_response(exc.status, body, "application/json")
    xml = (
        '<?xml version="1.0" encoding="UTF-8"?>\n<prestashop xmlns:xlink='
        '"http://www.w3.org/1999/xlink">\n<errors>\n<error>\n'
        f"<code><![CDATA[{exc.code}]]></code>\n<message><![CDATA[{exc.message}]]></message>\n"
        "</error>\n</errors>\n</prestashop>\n"
    )
    return ps_response(exc.status, xml.encode(), "text/xml;charset=utf-8")


def to_xml(resource: str, rows: list[dict[str, Any]], single: bool) -> bytes:
    def node(name: str, value: Any) -> str:
        if isinstance(value, dict):
            return f"<{name}>" + "".join(node(k, v) for k, v in value.items()) + f"</{name}>"
        if isinstance(value, list):
            return f"<{name}>" + "".join(node(name[:-1], v) for v in value) + f"</{name}>"
        return f"<{name}><![CDATA[{'' if value is None else value}]]></{name}>"

    inner = "".join(node(SINGULAR[resource], r) for r in rows)
    if not single:
        inner = f"<{resource}>{inner}</{resource}>"
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n<prestashop xmlns:xlink='
        f'"http://www.w3.org/1999/xlink">{inner}</prestashop>\n'
    ).encode()


def parse_body(body: bytes, element: str) -> dict[str, str | None]:
    """An XML request body (`xml=` prefix allowed) as {field: text}; JSON is not accepted."""
    text = body.decode("utf-8").strip()
    if text.startswith("xml="):
        text = text[4:]
    try:
        root = ET.fromstring(text)
    except ET.ParseError:
        raise PsError(500, 127, "XML error : String could not be parsed as XML") from None
    node = root.find(element)
    if node is None:
        raise PsError(400, 126, f"The {element} node is missing in the XML")
    return {child.tag: (child.text or "").strip() for child in node}


def _compare(a: str, b: str) -> int:
    try:
        x, y = Decimal(a), Decimal(b)
    except ArithmeticError:
        return (a > b) - (a < b)
    return (x > y) - (x < y)


def matches(value: str, spec: str) -> bool:
    """PrestaShop's filter grammar: [v], [a|b], [lo,hi] (inclusive), >[v], <[v], ![a|b]."""
    m = re.fullmatch(r"(!|>|<)?\[(.*)\]", spec)
    if m is None:  # a bare value is `=`
        return value == spec
    op, inner = m.groups()
    if op == ">":
        return _compare(value, inner) > 0
    if op == "<":
        return _compare(value, inner) < 0
    if "," in inner and op is None:
        lo, hi = sorted(inner.split(",", 1), key=lambda s: (len(s), s))
        return _compare(value, lo) >= 0 and _compare(value, hi) <= 0
    hit = value in inner.split("|")
    return not hit if op == "!" else hit


def sort_rows(
    rows: list[dict[str, Any]], spec: str | None, fields: list[str]
) -> list[dict[str, Any]]:
    if not spec:
        return sorted(rows, key=lambda r: int(r["id"]))
    items = spec[1:-1].split(",") if spec.startswith("[") and spec.endswith("]") else [spec]
    for item in reversed(items):
        m = re.fullmatch(r"(\w+)_(ASC|DESC)", item)
        if m is None:
            raise PsError(
                400,
                37,
                'The "sort" value has to be formed as this example: '
                "\"field_ASC\" or '[field_1_DESC,field_2_ASC,...]'",
            )
        name, direction = m.groups()
        if name not in fields:
            raise PsError(
                400,
                38,
                f"Unable to filter by this field. However, these are "
                f"available: {', '.join(fields)}",
            )
        numeric = name == "id" or name.startswith("id_")
        rows = sorted(
            rows,
            key=lambda r, n=name, num=numeric: int(r[n]) if num else str(r[n]),
            reverse=direction == "DESC",
        )
    return rows


def limit_rows(rows: list[dict[str, Any]], spec: str | None) -> list[dict[str, Any]]:
    if not spec:
        return rows
    parts = spec.split(",")
    if len(parts) > 2 or not all(p.strip().isdigit() for p in parts):
        raise PsError(400, 39, 'The "limit" value has to be formed as this example: "5,25" or "10"')
    offset, count = (0, int(parts[0])) if len(parts) == 1 else (int(parts[0]), int(parts[1]))
    return rows[offset : offset + count]


def display(
    rows: list[dict[str, Any]], spec: str | None, fields: list[str]
) -> list[dict[str, Any]]:
    if spec is None:
        return [{"id": r["id"]} for r in rows]
    if spec == "full":
        return rows
    wanted = spec.strip("[]").split(",")
    unknown = [w for w in wanted if w not in fields and w not in DATE_FIELDS]
    if unknown:
        raise PsError(
            400,
            35,
            f'Unable to display this field "{unknown[0]}". However, these '
            f"are available: {', '.join(fields)}",
        )
    return [{w: r.get(w) for w in wanted} for r in rows]


__all__ = ["KEY", "FakePrestaShop"]
