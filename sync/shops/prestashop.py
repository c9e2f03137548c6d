"""PrestaShop webservice: ws_key (as the Basic user name), JSON for reads, XML for writes.

Orders are read by `date_upd` (which needs `date=1`), keyset-paged like WooCommerce. Addresses,
customers and carriers are fetched per page in one request each. Tracking goes on the
order_carrier row (PUT is a full replacement, so the row is read and written back whole);
the shipped state is a new order_history, which is not idempotent: the current state is read
first and the history is added only when the order is not already there.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from decimal import ROUND_HALF_UP, Decimal
from typing import Any
from xml.sax.saxutils import escape
from zoneinfo import ZoneInfo

import httpx

from station.domain.messages import Phrase
from sync.errors import PermanentError
from sync.http import ShopHttp, Sleep
from sync.remote import (
    RemoteLine,
    RemoteOrder,
    RemoteProduct,
    Shipment,
    ShopState,
    address,
    has_id,
    money,
    to_grams,
    to_mm,
    vat_percent,
)
from sync.shops.registry import ShopAccess, ShopOption, register_shop_kind

PAGE = 100
# Default install ids (order_state.xml); a shop can override with settings["states"].
DEFAULT_STATES = {
    "1": "unpaid",
    "2": "open",
    "3": "open",
    "4": "shipped",
    "5": "shipped",
    "6": "cancelled",
    "7": "cancelled",
    "8": "cancelled",
    "9": "open",
    "10": "unpaid",
    "11": "open",
    "12": "unpaid",
    "13": "open",
}
CARRIER_FIELDS = (
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


def _rows(body: Any, resource: str) -> list[dict[str, Any]]:
    """A list answer: `{"orders": [...]}`, or a bare `[]` when empty (older versions)."""
    if isinstance(body, dict):
        return list(body.get(resource) or [])
    return []


def _ids(values: set[str]) -> str:
    return "[" + "|".join(sorted(v for v in values if v and v != "0")) + "]"


class PrestaShop:
    kind = "prestashop"

    def __init__(
        self,
        name: str,
        url: str,
        key: str,
        *,
        settings: dict[str, Any] | None = None,
        timeout_s: float = 20.0,
        sleep: Sleep | None = None,
    ) -> None:
        self.name = name
        self.settings = settings or {}
        self.tz = ZoneInfo(str(self.settings.get("timezone", "Europe/Rome")))
        self.states = {**DEFAULT_STATES, **(self.settings.get("states") or {})}
        self.shipped_state = str(self.settings.get("shipped_state", "4"))
        extra: dict[str, Any] = {"sleep": sleep} if sleep else {}
        self.http = ShopHttp(
            name,
            url.rstrip("/") + "/api",
            auth=httpx.BasicAuth(key, ""),
            timeout_s=timeout_s,
            ca_file=self.settings.get("ca_file") or None,
            **extra,
        )
        # Carrier names and country / province ISO codes change rarely: read each id once.
        self._lookup: dict[str, dict[str, str]] = {"carriers": {}, "countries": {}, "states": {}}

    def close(self) -> None:
        self.http.close()

    def _get(self, resource: str, **params: str) -> Any:
        body, _ = self.http.get_json(f"/{resource}", params={"output_format": "JSON", **params})
        return body

    def test(self) -> Phrase:
        rows = _rows(self._get("orders", limit="1"), "orders")
        return Phrase("prestashop_answers_orders" if rows else "prestashop_answers_empty")

    def _local(self, value: dt.datetime) -> str:
        return value.astimezone(self.tz).strftime("%Y-%m-%d %H:%M:%S")

    def _utc(self, value: str) -> dt.datetime:
        naive = dt.datetime.strptime(value, "%Y-%m-%d %H:%M:%S")
        return naive.replace(tzinfo=self.tz).astimezone(dt.UTC)

    # -- orders in -------------------------------------------------------------------------

    def order_pages(self, since: dt.datetime | None) -> Iterator[list[RemoteOrder]]:
        cursor, offset = since, 0
        while True:
            params = {
                "display": "full",
                "date": "1",
                "sort": "[date_upd_ASC,id_ASC]",
                "limit": f"{offset},{PAGE}",
            }
            if cursor is not None:
                params["filter[date_upd]"] = f">[{self._local(cursor - dt.timedelta(seconds=1))}]"
            raw = _rows(self._get("orders", **params), "orders")
            orders = self._map_page(raw)
            yield orders
            if len(raw) < PAGE:
                return
            newest = max(o.updated_at for o in orders)
            if cursor is None or newest > cursor:
                cursor, offset = newest, 0
            else:
                offset += PAGE

    def fetch_order(self, external_id: str) -> RemoteOrder | None:
        raw = _rows(
            self._get("orders", display="full", **{"filter[id]": f"[{external_id}]"}), "orders"
        )
        return self._map_page(raw)[0] if raw else None

    def _map_page(self, raw: list[dict[str, Any]]) -> list[RemoteOrder]:
        if not raw:
            return []
        addresses = self._by_id(
            "addresses",
            {str(o.get("id_address_delivery")) for o in raw}
            | {str(o.get("id_address_invoice")) for o in raw},
        )
        customers = self._by_id("customers", {str(o.get("id_customer")) for o in raw})
        self._load("carriers", "name", {str(o.get("id_carrier")) for o in raw})
        self._load("countries", "iso_code", {str(a.get("id_country")) for a in addresses.values()})
        self._load("states", "iso_code", {str(a.get("id_state")) for a in addresses.values()})
        out = []
        for o in raw:
            if not has_id(o):
                out.append(
                    RemoteOrder.without_id(
                        o,
                        str(o.get("reference") or "") if isinstance(o, dict) else "",
                        self._updated_or_none(o) if isinstance(o, dict) else None,
                    )
                )
                continue
            try:
                out.append(self._map_order(o, addresses, customers))
            except (KeyError, TypeError, ValueError, AttributeError) as exc:
                out.append(
                    RemoteOrder.broken(
                        str(o.get("id", "?")),
                        str(o.get("reference") or o.get("id", "?")),
                        f"{type(exc).__name__}: {exc}",
                        self._updated_or_none(o),
                    )
                )
        return out

    def _updated_or_none(self, o: dict[str, Any]) -> dt.datetime | None:
        """A broken order keeps its place in the date_upd walk; 'now' would move the cursor
        past every order not yet read."""
        try:
            return self._utc(str(o["date_upd"]))
        except (KeyError, ValueError):
            return None

    def _by_id(self, resource: str, ids: set[str]) -> dict[str, dict[str, Any]]:
        if not {i for i in ids if i and i != "0"}:
            return {}
        rows = _rows(self._get(resource, display="full", **{"filter[id]": _ids(ids)}), resource)
        return {str(r["id"]): r for r in rows}

    def _load(self, resource: str, field: str, ids: set[str]) -> None:
        known = self._lookup[resource]
        for row in self._by_id(resource, {i for i in ids if i not in known}).values():
            known[str(row["id"])] = str(row.get(field) or "")

    def _map_order(
        self,
        o: dict[str, Any],
        addresses: dict[str, dict[str, Any]],
        customers: dict[str, dict[str, Any]],
    ) -> RemoteOrder:
        customer = customers.get(str(o.get("id_customer"))) or {}
        email = str(customer.get("email") or "")
        ship = addresses.get(str(o["id_address_delivery"])) or {}
        bill = addresses.get(str(o.get("id_address_invoice"))) or ship
        rows = (o.get("associations") or {}).get("order_rows") or []
        module = str(o.get("module") or "")
        return RemoteOrder(
            external_id=str(o["id"]),
            number=str(o.get("reference") or o["id"]),
            state=ShopState(self.states.get(str(o["current_state"]), "on_hold")),
            updated_at=self._utc(o["date_upd"]),
            created_at=self._utc(o["date_add"]),
            customer_name=_name(ship),
            customer_email=email,
            shipping_address=self._address(ship, email),
            billing_address=self._address(bill, email),
            currency=str(self.settings.get("currency", "EUR")),
            total=_cents(o.get("total_paid_tax_incl") or o.get("total_paid")),
            shipping_total=_cents(o.get("total_shipping_tax_incl")),
            payment_method=str(o.get("payment") or ""),
            cod="cashondelivery" in module or module.lower() == "cod",
            shipping_method=self._lookup["carriers"].get(str(o.get("id_carrier")), ""),
            customer_note=str(o.get("gift_message") or ""),
            lines=[_line(r) for r in rows],
        )

    def _address(self, a: dict[str, Any], email: str) -> dict[str, Any]:
        """Addresses name their country and province by id; the bench wants ISO codes."""
        return address(
            name=_name(a),
            company=a.get("company"),
            street=a.get("address1"),
            street2=a.get("address2"),
            postcode=a.get("postcode"),
            city=a.get("city"),
            province=self._lookup["states"].get(str(a.get("id_state")), ""),
            country=self._lookup["countries"].get(str(a.get("id_country")), ""),
            phone=a.get("phone_mobile") or a.get("phone"),
            email=email,
        )

    # -- shipments out ---------------------------------------------------------------------

    def push(self, shipment: Shipment) -> None:
        if shipment.kind == "parcel_shipped":
            self._set_tracking(shipment, str(shipment.payload["tracking_number"]))
        elif shipment.kind == "order_shipped":
            self._set_shipped(shipment)
        else:
            raise PermanentError(
                "shop_cannot_send", shop=self.name, kind=shipment.kind, platform="PrestaShop"
            )

    def _set_tracking(self, shipment: Shipment, number: str) -> None:
        rows = _rows(
            self._get(
                "order_carriers",
                display="full",
                **{"filter[id_order]": f"[{shipment.order_external_id}]"},
            ),
            "order_carriers",
        )
        if not rows:
            raise PermanentError(
                "prestashop_no_carrier_row", shop=self.name, number=shipment.order_number
            )
        row = rows[0]
        current = [t.strip() for t in str(row.get("tracking_number") or "").split(",") if t.strip()]
        if number in current:
            return
        joined = ", ".join([*current, number])
        row["tracking_number"] = joined if len(joined) <= 64 else number
        # PUT replaces the whole row: every field read goes back, or the shop nulls it.
        names = [*CARRIER_FIELDS, *(k for k in row if k not in CARRIER_FIELDS)]
        fields = "".join(
            f"<{k}>{escape(_text(row.get(k)))}</{k}>"
            for k in names
            if not isinstance(row.get(k), dict | list)
        )
        self._write(
            "PUT", f"/order_carriers/{row['id']}", f"<order_carrier>{fields}</order_carrier>"
        )

    def _write(self, method: str, path: str, body: str) -> None:
        """Send an XML body; errors come back as JSON. Never retried blindly here: the shop
        mails the customer on each write, so a retry goes through the outbox, which reads the
        shop's state first."""
        xml = (
            '<?xml version="1.0" encoding="UTF-8"?><prestashop xmlns:xlink='
            f'"http://www.w3.org/1999/xlink">{body}</prestashop>'
        )
        self.http.request(
            method,
            path,
            params={"sendemail": "1", "output_format": "JSON"},
            content=xml.encode(),
            headers={"Content-Type": "application/xml"},
            idempotent=False,
        )

    def _set_shipped(self, shipment: Shipment) -> None:
        rows = _rows(
            self._get(
                "orders",
                display="[id,current_state]",
                **{"filter[id]": f"[{shipment.order_external_id}]"},
            ),
            "orders",
        )
        if not rows:
            raise PermanentError("shop_order_missing", shop=self.name, number=shipment.order_number)
        state = self.states.get(str(rows[0]["current_state"]))
        if state == ShopState.SHIPPED:
            return
        if state == ShopState.CANCELLED:
            raise PermanentError(
                "prestashop_cancelled_not_shipped", shop=self.name, number=shipment.order_number
            )
        self._write(
            "POST",
            "/order_histories",
            f"<order_history><id_order>{escape(shipment.order_external_id)}</id_order>"
            f"<id_order_state>{escape(self.shipped_state)}</id_order_state></order_history>",
        )

    # -- catalogue -------------------------------------------------------------------------

    def product_pages(self) -> Iterator[list[RemoteProduct]]:
        weight_unit = str(self.settings.get("weight_unit", "kg"))
        dim_unit = str(self.settings.get("dimension_unit", "cm"))
        offset = 0
        while True:
            rows = _rows(
                self._get("products", display="full", limit=f"{offset},{PAGE}"), "products"
            )
            yield [_product(r, weight_unit, dim_unit) for r in rows]
            if len(rows) < PAGE:
                return
            offset += PAGE


def _text(value: Any) -> str:
    return "" if value is None else str(value)


def _cents(value: Any) -> Decimal:
    """PrestaShop keeps amounts to six decimals; an order's totals are money to the cent."""
    return money(value).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


def _name(a: dict[str, Any]) -> str:
    return f"{a.get('firstname') or ''} {a.get('lastname') or ''}".strip()


def _line(r: dict[str, Any]) -> RemoteLine:
    net, gross = money(r.get("unit_price_tax_excl")), money(r.get("unit_price_tax_incl"))
    quantity = int(r["product_quantity"])
    if quantity <= 0:
        raise ValueError(f"row {r.get('id')} has quantity {quantity}")
    return RemoteLine(
        external_id=str(r.get("id", "")),
        sku=str(r.get("product_reference") or ""),
        name=str(r.get("product_name") or ""),
        quantity=quantity,
        unit_price=net.quantize(Decimal("0.0001")),
        vat_rate=vat_percent(net, gross - net),
    )


def _i18n(value: Any) -> str:
    if isinstance(value, list):
        return str(value[0].get("value", "")) if value else ""
    return str(value or "")


def _product(r: dict[str, Any], wu: str, du: str) -> RemoteProduct:
    codes = [str(r.get(k) or "").strip() for k in ("ean13", "upc", "isbn")]
    return RemoteProduct(
        external_id=str(r.get("id", "")),
        sku=str(r.get("reference") or ""),
        name=_i18n(r.get("name")),
        barcodes=[c for c in codes if c and c != "0"],
        weight_g=to_grams(r.get("weight"), wu),
        length_mm=to_mm(r.get("depth"), du),
        width_mm=to_mm(r.get("width"), du),
        height_mm=to_mm(r.get("height"), du),
    )


def _connect(shop: ShopAccess) -> PrestaShop:
    return PrestaShop(
        shop.name,
        shop.url,
        shop.secrets["key"],
        settings=dict(shop.settings),
        timeout_s=shop.timeout_s,
        sleep=shop.sleep,
    )


register_shop_kind(
    PrestaShop.kind,
    _connect,
    location="url",
    secrets=(ShopOption("key", "PrestaShop webservice key"),),
    settings=(ShopOption("timezone", "the shop's time zone (PrestaShop), e.g. Europe/Rome"),),
)
