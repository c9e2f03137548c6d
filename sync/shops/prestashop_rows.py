"""PrestaShop's rows in the warehouse's terms: order lines, products and combinations, and where
each tracking number goes. Pure functions over the webservice's JSON; no HTTP here."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from sync.remote import RemoteLine, RemoteProduct, money, to_grams, to_mm, vat_percent

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
TRACKING_MAX = 64  # OrderCarrier.php: tracking_number, size 64


def rows_of(body: Any, resource: str) -> list[dict[str, Any]]:
    """A list answer: `{"orders": [...]}`, or a bare `[]` when empty (older versions)."""
    if isinstance(body, dict):
        return list(body.get(resource) or [])
    return []


def id_list(values: set[str]) -> str:
    return "[" + "|".join(sorted(v for v in values if v and v != "0")) + "]"


def text(value: Any) -> str:
    return "" if value is None else str(value)


def cents(value: Any) -> Decimal:
    """PrestaShop keeps amounts to six decimals; an order's totals are money to the cent."""
    return money(value).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


def person(a: dict[str, Any]) -> str:
    return f"{a.get('firstname') or ''} {a.get('lastname') or ''}".strip()


def combination_sku(reference: Any, parent_reference: Any, combination_id: Any) -> str:
    """A combination's SKU: its own reference, else the product's with the combination's id,
    so that sizes without a reference of their own stay apart."""
    own = text(reference).strip()
    if own:
        return own
    parent = text(parent_reference).strip()
    return f"{parent}#{combination_id}" if parent else ""


def units_left(row: dict[str, Any], detail: dict[str, Any]) -> int:
    """Units still to ship. A refund adds to `product_quantity_refunded`, a return to
    `product_quantity_return`, each action to one of the two
    (`src/Adapter/Order/Refund/OrderRefundUpdater.php`, `Order::deleteProduct`), and neither
    lowers `product_quantity`, which stays as ordered."""
    quantity = int(row["product_quantity"])
    if quantity <= 0:
        raise ValueError(f"row {row.get('id')} has quantity {quantity}")
    gone = int(detail.get("product_quantity_refunded") or 0) + int(
        detail.get("product_quantity_return") or 0
    )
    return max(0, quantity - gone)


def line(r: dict[str, Any], detail: dict[str, Any], combinations: dict[str, str]) -> RemoteLine:
    """An order row; one for a combination names the combination's SKU (`combinations` maps
    a combination id to its own reference, "" when it has none)."""
    net, gross = money(r.get("unit_price_tax_excl")), money(r.get("unit_price_tax_incl"))
    sku = text(r.get("product_reference"))
    combination = text(r.get("product_attribute_id"))
    if combination not in ("", "0") and combination in combinations:
        sku = combination_sku(combinations[combination], sku, combination)
    return RemoteLine(
        external_id=text(r.get("id")),
        sku=sku,
        name=text(r.get("product_name")),
        quantity=units_left(r, detail),
        unit_price=net.quantize(Decimal("0.0001")),
        vat_rate=vat_percent(net, gross - net),
    )


def _i18n(value: Any) -> str:
    if isinstance(value, list):
        return str(value[0].get("value", "")) if value else ""
    return str(value or "")


def _codes(r: dict[str, Any]) -> list[str]:
    codes = [text(r.get(k)).strip() for k in ("ean13", "upc", "isbn")]
    return [c for c in codes if c and c != "0"]


def product(r: dict[str, Any], wu: str, du: str) -> RemoteProduct:
    return RemoteProduct(
        external_id=text(r.get("id")),
        sku=text(r.get("reference")),
        name=_i18n(r.get("name")),
        barcodes=_codes(r),
        weight_g=to_grams(r.get("weight"), wu),
        length_mm=to_mm(r.get("depth"), du),
        width_mm=to_mm(r.get("width"), du),
        height_mm=to_mm(r.get("height"), du),
    )


def combination(c: dict[str, Any], parent: dict[str, Any], wu: str, du: str) -> RemoteProduct:
    """A combination as a product of its own: its codes, the product's size, and the product's
    weight plus the combination's weight impact (Combination.php `weight`)."""
    base = product(parent, wu, du)
    return RemoteProduct(
        external_id=f"{base.external_id}-{text(c.get('id'))}",
        sku=combination_sku(c.get("reference"), parent.get("reference"), c.get("id")),
        name=base.name,
        barcodes=_codes(c),
        weight_g=base.weight_g + to_grams(c.get("weight") or "0", wu),
        length_mm=base.length_mm,
        width_mm=base.width_mm,
        height_mm=base.height_mm,
    )


def tracking_plan(row_count: int, numbers: list[str]) -> list[list[str]]:
    """Which numbers each carrier row holds: one parcel per row in order, and the parcels beyond
    the last row on the first, the row the in-transit mail and the order's `shipping_number`
    show (`Order::getWsShippingNumber`)."""
    plan: list[list[str]] = [[] for _ in range(row_count)]
    for n, number in enumerate(numbers):
        plan[n if n < row_count else 0].append(number)
    return plan


def fit_tracking(current: list[str], new: list[str]) -> tuple[list[str], list[str]]:
    """The new numbers that fit beside the current ones in one tracking_number field, and the
    ones left over."""
    fits: list[str] = []
    for n, number in enumerate(new):
        if len(", ".join([*current, *fits, number])) > TRACKING_MAX:
            return fits, new[n:]
        fits.append(number)
    return fits, []


def tracking_numbers(value: Any) -> list[str]:
    return [t.strip() for t in text(value).split(",") if t.strip()]
