"""Which fulfilment orders a parcel fulfils, and why it cannot when it cannot.

Shopify splits an order into fulfilment orders (FOs), one per location that ships part of it.
`fulfillmentCreate` takes FOs "assigned to the same Location" (FulfillmentInput reference), so a
parcel becomes one fulfilment per location, each with explicit quantities (never "all that
remains", which would ship lines the bench has not packed). An FO is fulfilled only when its
`supportedActions` include CREATE_FULFILLMENT: one on hold, scheduled for later or assigned to a
fulfilment service (a 3PL, which can only be *requested*) is a reason to tell, not "nothing left".
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from sync.errors import PermanentError

OPEN_FO = ("OPEN", "IN_PROGRESS")
DONE_FO = ("CLOSED", "CANCELLED", "INCOMPLETE")
# FulfillmentHoldReason → the catalogue entry that says it (the enum of the 2026-07 schema).
HOLD_MESSAGES = {
    "AWAITING_PAYMENT": "shopify_hold_awaiting_payment",
    "HIGH_RISK_OF_FRAUD": "shopify_hold_high_risk_of_fraud",
    "INCORRECT_ADDRESS": "shopify_hold_incorrect_address",
    "INVENTORY_OUT_OF_STOCK": "shopify_hold_inventory_out_of_stock",
    "UNKNOWN_DELIVERY_DATE": "shopify_hold_unknown_delivery_date",
    "AWAITING_RETURN_ITEMS": "shopify_hold_awaiting_return_items",
}


@dataclass
class Plan:
    """Per location id: the FO line items (id, quantity) to fulfil, grouped by FO."""

    by_location: dict[str, list[dict[str, Any]]] = field(default_factory=dict)


def plan(
    fulfilment_orders: list[dict[str, Any]],
    lines: list[dict[str, Any]],
    *,
    shop: str,
    number: str,
    tracking: str,
    done_locations: set[str],
) -> Plan:
    """The fulfilments a parcel needs; PermanentError saying why when part of it cannot be."""
    wanted = {_key(line): int(line.get("quantity") or 0) for line in lines}
    skus = {str(line.get("external_id") or ""): str(line.get("sku") or "") for line in lines}
    result = Plan()
    for fo in fulfilment_orders:
        if fo["status"] in DONE_FO:
            continue
        items = _take(fo, wanted, skus)
        if not items:
            continue
        location = str(fo["assignedLocation"]["location"]["id"])
        blocked(fo, shop=shop, number=number)
        if location in done_locations:
            continue  # this location's fulfilment for the parcel is already in the shop
        result.by_location.setdefault(location, []).append(
            {"fulfillmentOrderId": fo["id"], "fulfillmentOrderLineItems": items}
        )
    if not result.by_location and not done_locations:
        raise PermanentError(
            "shopify_nothing_to_fulfil", shop=shop, number=number, tracking=tracking
        )
    return result


def _key(line: Mapping[str, Any]) -> str:
    return str(line.get("external_id") or line.get("sku"))


def _take(fo: dict[str, Any], wanted: dict[str, int], skus: dict[str, str]) -> list[dict[str, Any]]:
    """This FO's share of the parcel: its lines' remaining quantities, up to what was packed."""
    items = []
    for item in fo["lineItems"]:
        line = item.get("lineItem") or {}
        key = str(line.get("id"))
        if key not in wanted:
            key = next((k for k, sku in skus.items() if sku and sku == line.get("sku")), key)
            key = key if key in wanted else str(line.get("sku"))
        quantity = min(wanted.get(key, 0), int(item["remainingQuantity"]))
        if quantity > 0:
            items.append({"id": item["id"], "quantity": quantity})
            wanted[key] -= quantity
    return items


def blocked(fo: dict[str, Any], *, shop: str, number: str) -> None:
    """PermanentError naming why this FO, holding packed units, cannot be fulfilled by us."""
    actions = {a.get("action") for a in fo.get("supportedActions") or []}
    if fo["status"] in OPEN_FO and "CREATE_FULFILLMENT" in actions:
        return
    if fo["status"] == "ON_HOLD":
        hold = (fo.get("fulfillmentHolds") or [{}])[0]
        notes = str(hold.get("reasonNotes") or hold.get("displayReason") or "").strip()
        code = HOLD_MESSAGES.get(str(hold.get("reason")), "shopify_hold_other")
        raise PermanentError(code, shop=shop, number=number, notes=notes or "-")
    if fo["status"] == "SCHEDULED":
        when = str(fo.get("fulfillAt") or "")[:10] or "?"
        raise PermanentError("shopify_fulfilment_scheduled", shop=shop, number=number, date=when)
    location = str((fo.get("assignedLocation") or {}).get("name") or "?")
    if "REQUEST_FULFILLMENT" in actions:
        raise PermanentError(
            "shopify_fulfilment_by_service", shop=shop, number=number, location=location
        )
    raise PermanentError(
        "shopify_fulfilment_not_allowed",
        shop=shop,
        number=number,
        location=location,
        status=str(fo["status"]).lower(),
    )
