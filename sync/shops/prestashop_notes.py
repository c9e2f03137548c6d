"""A note for the shop's staff on a PrestaShop order: the units it shipped without.

The note is a private message on the order's customer thread (`classes/CustomerThread.php`,
`classes/CustomerMessage.php`): what the back office's order page lists under Messages. The
checkout message, when the customer wrote one, opened that thread already
(`PaymentModule::validateOrder`); otherwise one is opened the same way.
"""

from __future__ import annotations

import secrets
from typing import TYPE_CHECKING, Any
from xml.sax.saxutils import escape

from sync.errors import PermanentError
from sync.remote import Shipment, backorder_note
from sync.shops import prestashop_rows as ps

if TYPE_CHECKING:
    from sync.shops.prestashop import PrestaShop


def note_backorder(shop: PrestaShop, shipment: Shipment, order: dict[str, Any]) -> None:
    """The units shipped without, as a private message on the order's customer thread:
    what the back office's order page lists under Messages (`CustomerThread`,
    `CustomerMessage`). Neither POST is idempotent, so both are read first."""
    note, said = backorder_note(shipment, shop.settings)
    if not note:
        return
    thread = _order_thread(shop, shipment, order)
    messages = shop.by_id(
        "customer_messages", {thread}, field="id_customer_thread", display="[id,message]"
    )
    if any(ps.text(m.get("message")) in said for m in messages):
        return
    shop.ws.write(
        "POST",
        "customer_messages",
        f"<customer_message><id_customer_thread>{thread}</id_customer_thread>"
        f"<id_employee>0</id_employee><message>{escape(note)}</message>"
        "<private>1</private></customer_message>",
        sendemail=False,
    )


def _order_thread(shop: PrestaShop, shipment: Shipment, order: dict[str, Any]) -> str:
    """The order's customer thread (the one its checkout message opened), or a new one
    made as `PaymentModule` makes it: no contact, status open, a random token."""
    threads = shop.by_id(
        "customer_threads", {str(order["id"])}, field="id_order", display="[id,id_order]"
    )
    if threads:
        return str(min(int(t["id"]) for t in threads))
    fields = {
        "id_lang": order.get("id_lang") or "1",
        "id_contact": "0",
        "id_shop": order.get("id_shop") or "1",
        "id_customer": order.get("id_customer") or "0",
        "id_order": order["id"],
        "status": "open",
        "token": secrets.token_hex(6),
    }
    body = "".join(f"<{k}>{escape(str(v))}</{k}>" for k, v in fields.items())
    shop.ws.write(
        "POST",
        "customer_threads",
        f"<customer_thread>{body}</customer_thread>",
        sendemail=False,
    )
    threads = shop.by_id(
        "customer_threads", {str(order["id"])}, field="id_order", display="[id,id_order]"
    )
    if not threads:
        raise PermanentError("prestashop_no_thread", shop=shop.name, number=shipment.order_number)
    return str(min(int(t["id"]) for t in threads))
