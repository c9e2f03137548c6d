"""The rows a PrestaShop checkout and back office write, field by field as the classes of
`PrestaShop/PrestaShop` define them (see `prestashop_schema.py` for the sources), for the fake
webservice to store and serve. Plain functions: the fake decides ids and time."""

from __future__ import annotations

import hashlib
from decimal import Decimal
from typing import Any

from tests.fakes.shops.prestashop_schema import FIELDS, ORDER_FIELDS

CURRENCIES = {
    1: ("Euro", "EUR", "978"),
    2: ("Swiss Franc", "CHF", "756"),
    3: ("Pound", "GBP", "826"),
}
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


def six(value: Decimal) -> str:
    return f"{value:.6f}"


def product_fields(reference: str, ean13: str, upc: str, weight: str, now: str) -> dict[str, Any]:
    return {
        "id_default_combination": "0",
        "product_type": "standard",
        "reference": reference,
        "ean13": ean13,
        "isbn": "",
        "upc": upc,
        "mpn": "",
        "width": "20.000000",
        "height": "5.000000",
        "depth": "30.000000",
        "weight": weight,
        "price": "10.000000",
        "active": "1",
        "name": [{"id": "1", "value": f"Product {reference}"}],
        "date_add": now,
        "date_upd": now,
        "_combinations": [],
    }


def combination_fields(
    product_id: int, reference: str, ean13: str, upc: str, weight: str
) -> dict[str, Any]:
    """`weight` is the combination's impact on the product's weight (Combination.php)."""
    return {
        "id_product": str(product_id),
        "location": "",
        "ean13": ean13,
        "isbn": "",
        "upc": upc,
        "mpn": "",
        "quantity": "10",
        "reference": reference,
        "supplier_reference": "",
        "wholesale_price": "0.000000",
        "price": "0.000000",
        "ecotax": "0.000000",
        "weight": weight,
        "unit_price_impact": "0.000000",
        "minimal_quantity": "1",
        "default_on": "",
        "available_date": "0000-00-00",
    }


def order_row(
    line: tuple[Any, ...], product: dict[str, Any] | None, combination: dict[str, Any] | None
) -> dict[str, Any]:
    """An order row as `Cart::getProducts` fills it: a combination's own reference and codes
    win over the product's."""
    sku, qty, gross = line[0], line[1], Decimal(line[2])
    net = (gross / Decimal("1.22")).quantize(Decimal("0.000001"))
    codes = {
        k: (combination or {}).get(k) or (product or {}).get(k) or "" for k in ("ean13", "upc")
    }
    return {
        "product_id": str(product["id"]) if product else "20",
        "product_attribute_id": str(combination["id"]) if combination else "0",
        "id_customization": "0",
        "product_name": f"Product {sku}",
        "product_quantity": str(qty),
        "product_quantity_in_stock": str(qty),
        "product_quantity_return": "0",
        "product_quantity_refunded": "0",
        "product_quantity_reinjected": "0",
        "product_price": six(net),
        "product_ean13": codes["ean13"],
        "product_isbn": "",
        "product_upc": codes["upc"],
        "product_reference": (combination or {}).get("reference") or sku,
        "product_weight": "0.100000",
        "unit_price_tax_incl": six(gross),
        "unit_price_tax_excl": six(net),
    }


def customer_fields(now: str) -> dict[str, Any]:
    """Customer.php: `display=full` serves the password hash and the secure key with the rest."""
    secret = hashlib.md5(now.encode()).hexdigest()
    return {
        **{k: "" for k in FIELDS["customers"] if k != "id"},
        "id_default_group": "3",
        "id_lang": "1",
        "secure_key": secret,
        "deleted": "0",
        "passwd": "$2y$10$" + hashlib.sha256(now.encode()).hexdigest()[:53],
        "firstname": "Mario",
        "lastname": "Rossi",
        "email": "mario@example.com",
        "active": "1",
        "is_guest": "0",
        "date_add": now,
        "date_upd": now,
    }


def address_fields(customer_id: int) -> dict[str, Any]:
    return {
        "id_customer": str(customer_id),
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
    }


def order_fields(
    now: str, customer: dict[str, Any], addr: dict[str, Any], total: Decimal, state: int
) -> dict[str, Any]:
    shipping = Decimal("6.90")
    return {
        **{k: "0" for k in ORDER_FIELDS if k != "id"},
        "id_address_delivery": str(addr["id"]),
        "id_address_invoice": str(addr["id"]),
        "id_cart": "1",
        "id_lang": "1",
        "id_customer": str(customer["id"]),
        "id_carrier": "3",
        "current_state": str(state),
        "invoice_date": "0000-00-00 00:00:00",
        "delivery_date": "0000-00-00 00:00:00",
        "valid": "1",
        "date_add": now,
        "date_upd": now,
        "shipping_number": "",
        "id_shop_group": "1",
        "id_shop": "1",
        "secure_key": hashlib.md5(now.encode()).hexdigest(),
        "payment": "Bank wire",
        "gift_message": "",
        "total_paid": six(total + shipping),
        "total_paid_tax_incl": six(total + shipping),
        "total_paid_tax_excl": six((total + shipping) / Decimal("1.22")),
        "total_paid_real": "0.000000",
        "total_products": six(total / Decimal("1.22")),
        "total_products_wt": six(total),
        "total_shipping": six(shipping),
        "total_shipping_tax_incl": six(shipping),
        "total_shipping_tax_excl": six(shipping / Decimal("1.22")),
        "carrier_tax_rate": "22.000",
        "round_mode": "2",
        "round_type": "2",
        "conversion_rate": "1.000000",
        "reference": "",
    }


def carrier_fields(order: dict[str, Any], now: str) -> dict[str, Any]:
    shipping = Decimal(order["total_shipping_tax_incl"])
    return {
        "id_order": str(order["id"]),
        "id_carrier": order["id_carrier"],
        "id_order_invoice": "0",
        "weight": "1.250000",
        "shipping_cost_tax_excl": six(shipping / Decimal("1.22")),
        "shipping_cost_tax_incl": six(shipping),
        "tracking_number": "",
        "date_add": now,
    }
