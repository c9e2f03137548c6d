"""One page of PrestaShop orders with everything its orders point at, each read in one request:
addresses, customers (only the fields needed: `display=full` carries the password hash, see
`classes/Customer.php`), carriers, currencies, countries and provinces, order details (refunded
and returned units live there, not in the order's rows), the customers' order messages, and the
references of the combinations ordered."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from sync.remote import RemoteOrder, ShopState
from sync.shops import prestashop_rows as ps

if TYPE_CHECKING:
    from sync.shops.prestashop import PrestaShop

CUSTOMER_FIELDS = "[id,firstname,lastname,email]"  # never display=full: it holds `passwd`


class OrderPage:
    """One page of orders with everything its orders point at, each read in one request."""

    def __init__(self, shop: PrestaShop, raw: list[dict[str, Any]]) -> None:
        self.shop = shop
        ids = {str(o["id"]) for o in raw}
        self.addresses = {
            str(a["id"]): a
            for a in shop.by_id(
                "addresses",
                {str(o.get("id_address_delivery")) for o in raw}
                | {str(o.get("id_address_invoice")) for o in raw},
            )
        }
        self.customers = {
            str(c["id"]): c
            for c in shop.by_id(
                "customers", {str(o.get("id_customer")) for o in raw}, display=CUSTOMER_FIELDS
            )
        }
        shop.load("carriers", "name", {str(o.get("id_carrier")) for o in raw})
        shop.load("currencies", "iso_code", {str(o.get("id_currency")) for o in raw})
        shop.load(
            "countries", "iso_code", {str(a.get("id_country")) for a in self.addresses.values()}
        )
        shop.load("states", "iso_code", {str(a.get("id_state")) for a in self.addresses.values()})
        self.details = {
            str(d["id"]): d
            for d in shop.by_id(
                "order_details",
                ids,
                field="id_order",
                display="[id,product_quantity_refunded,product_quantity_return]",
            )
        }
        self.notes = self._messages(ids)
        rows = [r for o in raw for r in _order_rows(o, strict=False)]
        self.combinations = shop.load(
            "combinations", "reference", {str(r.get("product_attribute_id")) for r in rows}
        )

    def _messages(self, ids: set[str]) -> dict[str, str]:
        """The customer's checkout message: the order's first message that is not private."""
        notes: dict[str, str] = {}
        rows = self.shop.by_id(
            "messages", ids, field="id_order", display="[id,id_order,message,private]"
        )
        for m in sorted(rows, key=lambda m: int(m["id"])):
            if str(m.get("private")) in ("0", "", "False", "false"):
                notes.setdefault(str(m.get("id_order")), ps.text(m.get("message")).strip())
        return notes

    def order(self, o: dict[str, Any]) -> RemoteOrder:
        shop = self.shop
        customer = self.customers.get(str(o.get("id_customer"))) or {}
        email = str(customer.get("email") or "")
        ship = self.addresses.get(str(o["id_address_delivery"])) or {}
        bill = self.addresses.get(str(o.get("id_address_invoice"))) or ship
        module = str(o.get("module") or "")
        lines = [
            ps.line(r, self.details.get(str(r.get("id"))) or {}, self.combinations)
            for r in _order_rows(o, strict=True)
        ]
        note = [self.notes.get(str(o["id"]), ""), ps.text(o.get("gift_message")).strip()]
        return RemoteOrder(
            external_id=str(o["id"]),
            number=str(o.get("reference") or o["id"]),
            state=ShopState(shop.states.get(str(o["current_state"]), "on_hold")),
            updated_at=shop.utc(o["date_upd"]),
            created_at=shop.utc(o["date_add"]),
            customer_name=ps.person(ship),
            customer_email=email,
            shipping_address=shop.address(ship, email),
            billing_address=shop.address(bill, email),
            currency=shop.lookup["currencies"].get(str(o.get("id_currency")))
            or str(shop.settings.get("currency", "EUR")),
            total=ps.cents(o.get("total_paid_tax_incl") or o.get("total_paid")),
            shipping_total=ps.cents(o.get("total_shipping_tax_incl")),
            payment_method=str(o.get("payment") or ""),
            cod="cashondelivery" in module or module.lower() == "cod",
            shipping_method=shop.lookup["carriers"].get(str(o.get("id_carrier")), ""),
            customer_note="\n\n".join(n for n in note if n),
            lines=[line for line in lines if line.quantity > 0],
        )


def _order_rows(o: dict[str, Any], *, strict: bool) -> list[dict[str, Any]]:
    """The order's rows. Gathering the page's lookups, a malformed order gives none (it is
    flagged on its own later, strictly), so the other orders of its page still arrive."""
    try:
        rows = list((o.get("associations") or {}).get("order_rows") or [])
        return [r for r in rows if strict or isinstance(r, dict)]
    except (AttributeError, TypeError):
        if strict:
            raise
        return []
