"""PrestaShop webservice: JSON for reads, XML for writes, through `prestashop_ws.Webservice`
(the key as the Basic user name, or `?ws_key=` and dispatcher.php on hosts that need them).

Orders are read by `date_upd` (which needs `date=1`), keyset-paged like WooCommerce, in the
shop's own time zone (`PS_TIMEZONE`). Each page's addresses, customers (only the fields needed:
`display=full` would carry the password hash), currencies, order messages, order details
(refunded and returned units) and combinations are fetched in one request each.

Tracking goes out when the order ships, not per parcel: `OrderCarrier::updateWs` mails the
customer "Package in transit" on every PUT with `sendemail`, with that row's whole number list.
Each carrier row gets its parcel's number; the first row, the one mailed, is written last and
only while it lacks a number, so a retry after a lost answer mails nobody twice. The shipped
state is a new order_history, which is not idempotent: the current state is read first. Units
the order shipped without go first, as a private message for the staff (`prestashop_notes`).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from typing import Any
from xml.sax.saxutils import escape
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from station.domain.messages import Phrase
from sync.errors import AuthError, PermanentError
from sync.http import ShopHttp, Sleep
from sync.remote import (
    RemoteOrder,
    RemoteProduct,
    Shipment,
    ShopState,
    address,
    has_id,
)
from sync.shops import prestashop_rows as ps
from sync.shops.prestashop_notes import note_backorder
from sync.shops.prestashop_orders import OrderPage
from sync.shops.prestashop_ws import Webservice
from sync.shops.registry import NOTE_LANGUAGE_HELP, ShopAccess, ShopOption, register_shop_kind

PAGE = 100


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
        self.states = {**ps.DEFAULT_STATES, **(self.settings.get("states") or {})}
        self.shipped_state = str(self.settings.get("shipped_state", "4"))
        extra: dict[str, Any] = {"sleep": sleep} if sleep else {}
        self.ws = Webservice(
            ShopHttp(
                name,
                url.rstrip("/"),
                timeout_s=timeout_s,
                ca_file=self.settings.get("ca_file") or None,
                **extra,
            ),
            key,
            key_in_url=_flag(self.settings.get("key_in_url")),
            dispatcher=_flag(self.settings.get("dispatcher")),
        )
        self.http = self.ws.http  # the last-second re-check turns its retries off here
        self._tz: ZoneInfo | None = None
        # Names and ISO codes change rarely: read each id once.
        self.lookup: dict[str, dict[str, str]] = {
            k: {} for k in ("carriers", "countries", "states", "currencies", "combinations")
        }

    def close(self) -> None:
        self.http.close()

    def _list(self, resource: str, **params: str) -> list[dict[str, Any]]:
        return ps.rows_of(self.ws.get(resource, **params), resource)

    def test(self) -> Phrase:
        """Whether the shop answers, and how this host had to be reached."""
        rows = self._list("orders", limit="1")
        if self.ws.key_in_url and self.ws.dispatcher:
            return Phrase("prestashop_answers_by_dispatcher_and_url_key")
        if self.ws.key_in_url:
            return Phrase("prestashop_answers_by_url_key")
        if self.ws.dispatcher:
            return Phrase("prestashop_answers_by_dispatcher")
        return Phrase("prestashop_answers_orders" if rows else "prestashop_answers_empty")

    # -- the shop's clock ------------------------------------------------------------------

    def _zone(self) -> ZoneInfo:
        """The zone of every date the shop writes: its PS_TIMEZONE, else the `timezone`
        setting (a key without access to configurations), else Europe/Rome."""
        if self._tz is None:
            name = str(self.settings.get("timezone") or "Europe/Rome")
            try:
                rows = self._list(
                    "configurations", display="[name,value]", **{"filter[name]": "[PS_TIMEZONE]"}
                )
                name = str(rows[0].get("value") or name) if rows else name
            except AuthError:
                pass
            try:
                self._tz = ZoneInfo(name)
            except (ZoneInfoNotFoundError, ValueError):
                self._tz = ZoneInfo("Europe/Rome")
        return self._tz

    def _local(self, value: dt.datetime) -> str:
        return value.astimezone(self._zone()).strftime("%Y-%m-%d %H:%M:%S")

    def utc(self, value: str) -> dt.datetime:
        naive = dt.datetime.strptime(value, "%Y-%m-%d %H:%M:%S")
        return naive.replace(tzinfo=self._zone()).astimezone(dt.UTC)

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
            raw = self._list("orders", **params)
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
        """The order as it is now. A refund or a return changes only its order details, not the
        order's date_upd (OrderRefundUpdater), so a whole read stands for the shop's clock at
        the answer (a second earlier: an edit in that same second is still newer)."""
        raw = self._list("orders", display="full", **{"filter[id]": f"[{external_id}]"})
        read_at = self.ws.shop_time
        orders = self._map_page(raw)
        if not orders:
            return None
        order = orders[0]
        if read_at is not None and not order.malformed:
            order.updated_at = max(order.updated_at, read_at - dt.timedelta(seconds=1))
        return order

    def _map_page(self, raw: list[dict[str, Any]]) -> list[RemoteOrder]:
        if not raw:
            return []
        self._zone()
        page = OrderPage(self, [o for o in raw if has_id(o)])
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
                out.append(page.order(o))
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
            return self.utc(str(o["date_upd"]))
        except (KeyError, ValueError):
            return None

    def by_id(
        self, resource: str, ids: set[str], field: str = "id", display: str = "full"
    ) -> list[dict[str, Any]]:
        wanted = {i for i in ids if i and i != "0"}
        if not wanted:
            return []
        return self._list(resource, display=display, **{f"filter[{field}]": ps.id_list(wanted)})

    def load(self, resource: str, field: str, ids: set[str]) -> dict[str, str]:
        known = self.lookup[resource]
        missing = {i for i in ids if i not in known}
        for row in self.by_id(resource, missing, display=f"[id,{field}]"):
            known[str(row["id"])] = str(row.get(field) or "")
        return known

    def address(self, a: dict[str, Any], email: str) -> dict[str, Any]:
        """Addresses name their country and province by id; the bench wants ISO codes."""
        return address(
            name=ps.person(a),
            company=a.get("company"),
            street=a.get("address1"),
            street2=a.get("address2"),
            postcode=a.get("postcode"),
            city=a.get("city"),
            province=self.lookup["states"].get(str(a.get("id_state")), ""),
            country=self.lookup["countries"].get(str(a.get("id_country")), ""),
            phone=a.get("phone_mobile") or a.get("phone"),
            email=email,
        )

    # -- shipments out ---------------------------------------------------------------------

    def push(self, shipment: Shipment) -> None:
        if shipment.kind == "parcel_shipped":
            return  # its number goes out with the order's, in the one in-transit mail
        if shipment.kind != "order_shipped":
            raise PermanentError(
                "shop_cannot_send", shop=self.name, kind=shipment.kind, platform="PrestaShop"
            )
        order = self._order_row(shipment)
        state = self.states.get(str(order["current_state"]))
        if state == ShopState.CANCELLED:
            raise PermanentError(
                "prestashop_cancelled_not_shipped", shop=self.name, number=shipment.order_number
            )
        if state != ShopState.SHIPPED:
            note_backorder(self, shipment, order)
            self.ws.write(
                "POST",
                "order_histories",
                f"<order_history><id_order>{escape(shipment.order_external_id)}</id_order>"
                f"<id_order_state>{escape(self.shipped_state)}</id_order_state></order_history>",
                sendemail=True,
            )
        self._set_tracking(shipment)

    def _order_row(self, shipment: Shipment) -> dict[str, Any]:
        rows = self._list(
            "orders",
            display="[id,current_state,id_customer,id_lang,id_shop]",
            **{"filter[id]": f"[{shipment.order_external_id}]"},
        )
        if not rows:
            raise PermanentError("shop_order_missing", shop=self.name, number=shipment.order_number)
        return rows[0]

    def _set_tracking(self, shipment: Shipment) -> None:
        numbers = list(
            dict.fromkeys(str(n) for n in shipment.payload.get("tracking_numbers") or [] if n)
        )
        if not numbers:
            return
        rows = sorted(
            self.by_id("order_carriers", {shipment.order_external_id}, field="id_order"),
            key=lambda r: int(r["id"]),
        )
        if not rows:
            raise PermanentError(
                "prestashop_no_carrier_row", shop=self.name, number=shipment.order_number
            )
        plan = ps.tracking_plan(len(rows), numbers)
        for row, mine in [*zip(rows[1:], plan[1:], strict=True), (rows[0], plan[0])]:
            self._put_tracking(shipment, row, mine, sendemail=row is rows[0])

    def _put_tracking(
        self, shipment: Shipment, row: dict[str, Any], mine: list[str], *, sendemail: bool
    ) -> None:
        current = ps.tracking_numbers(row.get("tracking_number"))
        fits, left = ps.fit_tracking(current, [n for n in mine if n not in current])
        if fits:
            self._put_row(row, ", ".join([*current, *fits]), sendemail=sendemail)
        if left:  # the row is full: what fitted went out (and was mailed), the rest is told
            raise PermanentError(
                "prestashop_tracking_too_long",
                shop=self.name,
                number=shipment.order_number,
                tracking=", ".join(left),
                limit=ps.TRACKING_MAX,
            )

    def _put_row(self, row: dict[str, Any], joined: str, *, sendemail: bool) -> None:
        row["tracking_number"] = joined
        # PUT replaces the whole row: every field read goes back, or the shop nulls it.
        names = [*ps.CARRIER_FIELDS, *(k for k in row if k not in ps.CARRIER_FIELDS)]
        fields = "".join(
            f"<{k}>{escape(ps.text(row.get(k)))}</{k}>"
            for k in names
            if not isinstance(row.get(k), dict | list)
        )
        self.ws.write(
            "PUT",
            f"order_carriers/{row['id']}",
            f"<order_carrier>{fields}</order_carrier>",
            sendemail=sendemail,
        )

    # -- catalogue -------------------------------------------------------------------------

    def product_pages(self) -> Iterator[list[RemoteProduct]]:
        wu = str(self.settings.get("weight_unit", "kg"))
        du = str(self.settings.get("dimension_unit", "cm"))
        offset = 0
        while True:
            rows = self._list("products", display="full", limit=f"{offset},{PAGE}")
            parents = {str(r.get("id")): r for r in rows if has_id(r)}
            with_combinations = {k for k, r in parents.items() if _combination_ids(r)}
            combinations = self.by_id("combinations", with_combinations, field="id_product")
            yield [ps.product(r, wu, du) for r in rows] + [
                ps.combination(c, parents[str(c.get("id_product"))], wu, du)
                for c in combinations
                if str(c.get("id_product")) in parents
            ]
            if len(rows) < PAGE:
                return
            offset += PAGE


def _flag(value: Any) -> bool:
    """A setting that forces a way of reaching the shop; settings arrive as text too."""
    return str(value).strip().lower() in ("1", "true", "yes", "on")


def _combination_ids(product: dict[str, Any]) -> list[Any]:
    associations = product.get("associations")
    return (
        list((associations or {}).get("combinations") or [])
        if isinstance(associations, dict)
        else []
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
    settings=(
        ShopOption(
            "timezone",
            "the shop's time zone when the key may not read configurations, e.g. Europe/Rome",
        ),
        ShopOption("language", NOTE_LANGUAGE_HELP),
    ),
)
