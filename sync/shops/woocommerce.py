"""WooCommerce REST v3: orders in (by modification time), tracking and completion out.

Auth, as `class-wc-rest-authentication.php` accepts it on real hosts: over plain HTTP, OAuth
1.0a with its parameters in the query string (many hosts never pass the Authorization header to
PHP), signed for the home URL the shop's REST index reports; over HTTPS, Basic, falling back to
`consumer_key`/`consumer_secret` in the query string when the key never arrived. The `auth`
setting forces one way (basic, query, oauth).
Pages are walked by modification time (keyset): each page asks for orders modified after the
newest one already seen, so an order edited during the walk moves forward and is read again,
never skipped; duplicates are removed by the importer.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from decimal import Decimal
from typing import Any

from station.domain.messages import Phrase
from sync.errors import PermanentError
from sync.http import Sleep
from sync.remote import (
    RemoteLine,
    RemoteOrder,
    RemoteProduct,
    Shipment,
    ShopState,
    address,
    backorder_note,
    has_id,
    money,
    parse_utc,
    to_grams,
    to_mm,
    vat_percent,
)
from sync.shops.registry import (
    NOTE_LANGUAGE_HELP,
    ShopAccess,
    ShopConfigError,
    ShopOption,
    register_shop_kind,
)
from sync.shops.woo_access import API, AUTH_MODES, WooAccess
from sync.shops.woo_tracking import TRACKING_META_KEY, meta_item, meta_items, tracking_request
from sync.tracking_links import tracking_url

TRACKING_NAMESPACE = "wc-shipment-tracking/v3"
TRACKING_API = f"/wp-json/{TRACKING_NAMESPACE}"
PER_PAGE = 100
# Only what the mapping reads (WordPress's `_fields`): a shop's orders carry plugin meta, links,
# refunds and tax lines that would otherwise be sent, parsed and dropped on every page.
ORDER_FIELDS = (
    "id,number,status,currency,date_created_gmt,date_modified_gmt,total,"
    "shipping_total,payment_method,payment_method_title,customer_note,billing,"
    "shipping,line_items,shipping_lines,refunds"
)
STATES = {
    "processing": ShopState.OPEN,
    "on-hold": ShopState.ON_HOLD,
    "pending": ShopState.UNPAID,
    "checkout-draft": ShopState.UNPAID,
    "auto-draft": ShopState.UNPAID,
    "completed": ShopState.SHIPPED,
    "cancelled": ShopState.CANCELLED,
    "refunded": ShopState.CANCELLED,
    "failed": ShopState.CANCELLED,
    "trash": ShopState.CANCELLED,
}
# Where popular plugins keep a product's EAN/GTIN when WooCommerce's own field is empty.
EAN_META_KEYS = (
    "_global_unique_id",
    "_alg_ean",
    "_wpm_gtin_code",
    "hwp_product_gtin",
    "hwp_var_gtin",
    "_ts_gtin",
    "_wepos_barcode",
    "_ywbc_barcode_display_value",
    "_barcode",
    "_ean",
    "ean",
    "_gtin",
    "gtin",
)


def _gmt(value: dt.datetime) -> str:
    return value.astimezone(dt.UTC).strftime("%Y-%m-%dT%H:%M:%S")


class WooCommerce:
    kind = "woocommerce"

    def __init__(
        self,
        name: str,
        url: str,
        key: str,
        secret: str,
        *,
        settings: dict[str, Any] | None = None,
        timeout_s: float = 20.0,
        sleep: Sleep | None = None,
    ) -> None:
        self.name = name
        self.settings = settings or {}
        self.access = WooAccess(
            name, url, key, secret, settings=self.settings, timeout_s=timeout_s, sleep=sleep
        )
        self.http = self.access.http
        self._get, self._post, self._edit = self.access.get, self.access.post, self.access.edit
        self._has_tracking_api: bool | None = self.settings.get("shipment_tracking")

    def close(self) -> None:
        self.http.close()

    def test(self) -> Phrase:
        _, response = self._get(f"{API}/orders", {"per_page": 1, "_fields": "id"})
        count = response.headers.get("X-WP-Total", "?")
        if self.access.header_stripped:
            return Phrase("woocommerce_answers_key_in_query", {"count": count})
        return Phrase("woocommerce_answers", {"count": count})

    # -- orders in -------------------------------------------------------------------------

    def order_pages(self, since: dt.datetime | None) -> Iterator[list[RemoteOrder]]:
        cursor, page = since, 1
        while True:
            params: dict[str, str | int] = {
                "per_page": PER_PAGE,
                "page": page,
                "orderby": "modified",
                "order": "asc",
                "dates_are_gmt": "true",
                "status": "any",
                "_fields": ORDER_FIELDS,
            }
            if cursor is not None:
                # The bound is exclusive; one second back keeps orders sharing that second.
                params["modified_after"] = _gmt(cursor - dt.timedelta(seconds=1))
            body, response = self._get(f"{API}/orders", params)
            if not isinstance(body, list):
                body = []
            orders = [self.map_order(self._with_refunds(raw)) for raw in body]
            yield orders
            total_pages = int(response.headers.get("X-WP-TotalPages") or 0)
            if len(body) < PER_PAGE or page >= total_pages:
                return
            newest = max(o.updated_at for o in orders)
            if cursor is None or newest > cursor:
                cursor, page = newest, 1
            else:  # a whole page within one second: walk on by page number
                page += 1

    def fetch_order(self, external_id: str) -> RemoteOrder | None:
        try:
            body, _ = self._get(f"{API}/orders/{external_id}", {"_fields": ORDER_FIELDS})
        except PermanentError:
            return None
        return self.map_order(self._with_refunds(body))

    def _with_refunds(self, raw: Any) -> Any:
        """The order with the quantities its refunds took back (`_refunded`, by line id): an
        order's `refunds` list carries only amounts, its refunds' line items carry the
        quantities (negative) and the line they refund (`_refunded_item_id`)."""
        if not isinstance(raw, dict) or not raw.get("refunds") or not has_id(raw):
            return raw
        refunds, _ = self._get(
            f"{API}/orders/{raw['id']}/refunds", {"_fields": "line_items", "per_page": PER_PAGE}
        )
        taken: dict[str, int] = {}
        try:
            for refund in refunds:
                for item in refund.get("line_items") or []:
                    meta = {m.get("key"): m.get("value") for m in item.get("meta_data") or []}
                    line = str(meta.get("_refunded_item_id") or "")
                    taken[line] = taken.get(line, 0) + abs(int(item.get("quantity") or 0))
        except (TypeError, ValueError, AttributeError):
            # Packing what may have been refunded would ship it: the order waits for a person.
            return {**raw, "_refunded": "unreadable"}
        return {**raw, "_refunded": taken}

    def map_order(self, raw: Any) -> RemoteOrder:
        ext = str(raw.get("id", "")) if isinstance(raw, dict) else ""
        if not has_id(raw):
            return RemoteOrder.without_id(
                raw, str(raw.get("number") or "") if isinstance(raw, dict) else ""
            )
        try:
            return _map_order(raw)
        except (KeyError, TypeError, ValueError, AttributeError) as exc:
            number = str(raw.get("number", ext)) if isinstance(raw, dict) else ext
            return RemoteOrder.broken(ext or "?", number, f"{type(exc).__name__}: {exc}")

    # -- shipments out ---------------------------------------------------------------------

    def push(self, shipment: Shipment) -> None:
        if shipment.kind == "parcel_shipped":
            self._push_tracking(shipment)
        elif shipment.kind == "order_shipped":
            self._complete(shipment)
        else:
            raise PermanentError(
                "shop_cannot_send", shop=self.name, kind=shipment.kind, platform="WooCommerce"
            )

    def _push_tracking(self, shipment: Shipment) -> None:
        number = str(shipment.payload["tracking_number"])
        carrier = str(shipment.payload.get("carrier", ""))
        request = tracking_request(
            carrier, number, self.settings.get("tracking_urls"), dt.datetime.now(dt.UTC).date()
        )
        path = f"{TRACKING_API}/orders/{shipment.order_external_id}/shipment-trackings"
        if self._has_tracking_api is None:
            self._has_tracking_api = self.access.has_namespace(TRACKING_NAMESPACE)
        if self._has_tracking_api is not False:
            try:
                # No idempotency key: the list is the truth, read it before every create.
                items, _ = self._get(path)
                self._has_tracking_api = True
            except PermanentError as exc:
                if "No route" not in str(exc):
                    raise
                self._has_tracking_api = False
        if not self._has_tracking_api:
            self._push_tracking_meta(shipment, request)
            return
        if any(str(i.get("tracking_number")) == number for i in items or []):
            return
        self._post(path, request)

    def _push_tracking_meta(self, shipment: Shipment, request: dict[str, str]) -> None:
        """No Shipment Tracking: the item goes where the extension and the plugins that read
        its data keep it, and the customer gets one note with the number."""
        order_path = f"{API}/orders/{shipment.order_external_id}"
        number, carrier = request["tracking_number"], str(shipment.payload.get("carrier", ""))
        order, _ = self._get(order_path, {"_fields": "meta_data"})
        items = meta_items(order)
        if not any(str(i.get("tracking_number")) == number for i in items):
            items.append(meta_item(request, dt.datetime.now(dt.UTC)))
            self._edit(order_path, {"meta_data": [{"key": TRACKING_META_KEY, "value": items}]})
        notes, _ = self._get(f"{order_path}/notes")
        if any(number in str(n.get("note", "")) for n in notes or []):
            return
        link = tracking_url(carrier, number, self.settings.get("tracking_urls")) or ""
        note = f"Shipped with {carrier}: tracking number {number}".replace("  ", " ")
        self._post(
            f"{order_path}/notes",
            {"note": f"{note} {link}".strip(), "customer_note": True},
        )

    def _complete(self, shipment: Shipment) -> None:
        path = f"{API}/orders/{shipment.order_external_id}"
        body, _ = self._get(path)
        status = body.get("status") if isinstance(body, dict) else None
        if status == "completed":
            return
        if STATES.get(str(status)) == ShopState.CANCELLED:
            raise PermanentError(
                "woocommerce_not_completed",
                shop=self.name,
                number=shipment.order_number,
                status=status,
            )
        self._note_backorder(shipment, path)
        self._edit(path, {"status": "completed"})

    def _note_backorder(self, shipment: Shipment, order_path: str) -> None:
        """WooCommerce has no partial shipment: the units shipped without go in a private
        note for the shop's staff, once (notes are not idempotent: read them first)."""
        note, said = backorder_note(shipment, self.settings)
        if not note:
            return
        notes, _ = self.http.get_json(f"{order_path}/notes")
        if any(str(n.get("note", "")) in said for n in notes or []):
            return
        self.http.request(
            "POST", f"{order_path}/notes", json_body={"note": note, "customer_note": False}
        )

    # -- catalogue -------------------------------------------------------------------------

    def product_pages(self) -> Iterator[list[RemoteProduct]]:
        weight_unit = self._setting("woocommerce_weight_unit", "kg")
        dim_unit = self._setting("woocommerce_dimension_unit", "cm")
        page = 1
        while True:
            body, response = self._get(f"{API}/products", {"per_page": PER_PAGE, "page": page})
            products: list[RemoteProduct] = []
            for raw in body or []:
                if raw.get("type") == "variable":
                    products.extend(self._variations(raw, weight_unit, dim_unit))
                products.append(_map_product(raw, weight_unit, dim_unit))
            yield products
            if page >= int(response.headers.get("X-WP-TotalPages") or 0):
                return
            page += 1

    def _variations(self, parent: dict[str, Any], wu: str, du: str) -> list[RemoteProduct]:
        """Every variation, page by page: a product with sizes × colours passes 100 easily."""
        out, page = [], 1
        while True:
            body, response = self._get(
                f"{API}/products/{parent['id']}/variations", {"per_page": PER_PAGE, "page": page}
            )
            for raw in body or []:
                raw.setdefault("name", parent.get("name", ""))
                if not raw.get("image"):
                    raw["images"] = parent.get("images", [])
                out.append(_map_product(raw, wu, du))
            if page >= int(response.headers.get("X-WP-TotalPages") or 0):
                return out
            page += 1

    def _setting(self, setting_id: str, default: str) -> str:
        if setting_id in self.settings:
            return str(self.settings[setting_id])
        try:
            body, _ = self._get(f"{API}/settings/products/{setting_id}")
            return str(body.get("value") or default)
        except PermanentError:
            return default
        except Exception:
            return default


def _map_order(raw: dict[str, Any]) -> RemoteOrder:
    billing, shipping = raw.get("billing") or {}, raw.get("shipping") or {}
    ship = shipping if shipping.get("address_1") else billing
    taken = raw.get("_refunded") or {}
    if not isinstance(taken, dict):
        raise ValueError("the order's refunds cannot be read")
    lines = [_map_line(item, taken.get(str(item.get("id")), 0)) for item in raw["line_items"]]
    lines = [line for line in lines if line.quantity > 0]  # a line refunded in full is gone
    method = " ".join(
        f"{s.get('method_title', '')} {s.get('method_id', '')}"
        for s in raw.get("shipping_lines") or []
    ).strip()
    created = raw.get("date_created_gmt")
    return RemoteOrder(
        external_id=str(raw["id"]),
        number=str(raw.get("number") or raw["id"]),
        state=STATES.get(raw["status"], ShopState.ON_HOLD),
        updated_at=parse_utc(raw["date_modified_gmt"]),
        created_at=parse_utc(created) if created else None,
        customer_name=_name(ship) or _name(billing),
        customer_email=billing.get("email") or "",
        shipping_address=_address(ship, billing),
        billing_address=_address(billing, billing),
        currency=raw.get("currency") or "EUR",
        total=money(raw.get("total")),
        shipping_total=money(raw.get("shipping_total")),
        payment_method=raw.get("payment_method_title") or raw.get("payment_method") or "",
        cod=raw.get("payment_method") == "cod",
        shipping_method=method,
        customer_note=raw.get("customer_note") or "",
        lines=lines,
    )


def _map_line(item: dict[str, Any], refunded: int = 0) -> RemoteLine:
    """A line to pack: what was ordered less what was refunded (the price stays per unit)."""
    ordered = int(item["quantity"])
    if ordered <= 0:
        raise ValueError(f"line {item.get('id')} has quantity {ordered}")
    total, tax = money(item.get("total")), money(item.get("total_tax"))
    return RemoteLine(
        external_id=str(item.get("id", "")),
        sku=item.get("sku") or "",
        name=item.get("name") or "",
        quantity=ordered - refunded,
        unit_price=(total / ordered).quantize(Decimal("0.0001")),
        vat_rate=vat_percent(total, tax),
    )


def _name(a: dict[str, Any]) -> str:
    return f"{a.get('first_name') or ''} {a.get('last_name') or ''}".strip()


def _address(a: dict[str, Any], billing: dict[str, Any]) -> dict[str, Any]:
    return address(
        name=_name(a),
        company=a.get("company"),
        street=a.get("address_1"),
        street2=a.get("address_2"),
        postcode=a.get("postcode"),
        city=a.get("city"),
        province=a.get("state"),
        country=a.get("country"),
        phone=a.get("phone") or billing.get("phone"),
        email=billing.get("email"),
    )


def _map_product(raw: dict[str, Any], weight_unit: str, dim_unit: str) -> RemoteProduct:
    meta = {m.get("key"): m.get("value") for m in raw.get("meta_data") or []}
    codes = [str(raw.get("global_unique_id") or "")]
    codes += [str(meta.get(k) or "") for k in EAN_META_KEYS]
    dims = raw.get("dimensions") or {}
    image = raw.get("image") or (raw.get("images") or [{}])[0] or {}
    return RemoteProduct(
        external_id=str(raw.get("id", "")),
        sku=raw.get("sku") or "",
        name=raw.get("name") or "",
        barcodes=list(dict.fromkeys(c.strip() for c in codes if c.strip())),
        weight_g=to_grams(raw.get("weight"), weight_unit),
        length_mm=to_mm(dims.get("length"), dim_unit),
        width_mm=to_mm(dims.get("width"), dim_unit),
        height_mm=to_mm(dims.get("height"), dim_unit),
        image_url=image.get("src") or "",
    )


def _connect(shop: ShopAccess) -> WooCommerce:
    mode = str(shop.settings.get("auth") or "auto")
    if mode not in AUTH_MODES:
        raise ShopConfigError(
            "woocommerce_auth_unknown", shop=shop.name, value=mode, modes=", ".join(AUTH_MODES)
        )
    return WooCommerce(
        shop.name,
        shop.url,
        shop.secrets["key"],
        shop.secrets["secret"],
        settings=dict(shop.settings),
        timeout_s=shop.timeout_s,
        sleep=shop.sleep,
    )


register_shop_kind(
    WooCommerce.kind,
    _connect,
    location="url",
    secrets=(
        ShopOption("key", "WooCommerce consumer key"),
        ShopOption("secret", "WooCommerce consumer secret"),
    ),
    settings=(
        ShopOption(
            "auth",
            "WooCommerce: how the key travels: auto (default), basic, query or oauth",
        ),
        ShopOption("ca_file", "a PEM file with the authority that signs the shop's certificate"),
        ShopOption("language", NOTE_LANGUAGE_HELP),
    ),
)
