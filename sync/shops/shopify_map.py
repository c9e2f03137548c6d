"""Shopify's order and product nodes in the warehouse's terms."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from sync.remote import (
    RemoteLine,
    RemoteOrder,
    RemoteProduct,
    ShopState,
    address,
    money,
    parse_utc,
    to_grams,
)


def _state(node: dict[str, Any]) -> ShopState:
    if node.get("cancelledAt") or node.get("displayFinancialStatus") in ("REFUNDED", "VOIDED"):
        return ShopState.CANCELLED
    if node.get("displayFulfillmentStatus") in ("FULFILLED", "RESTOCKED"):
        return ShopState.SHIPPED
    # SCHEDULED: a pre-order or subscription to be fulfilled from a later date; Shopify refuses
    # its fulfilment until then, so the bench holds it as it holds an order on hold.
    if node.get("displayFulfillmentStatus") in ("ON_HOLD", "SCHEDULED"):
        return ShopState.ON_HOLD
    if node.get("displayFinancialStatus") in ("PENDING", "EXPIRED"):
        return ShopState.UNPAID
    return ShopState.OPEN


def _addr(a: dict[str, Any] | None, email: str) -> dict[str, Any]:
    a = a or {}
    return address(
        name=a.get("name"),
        company=a.get("company"),
        street=a.get("address1"),
        street2=a.get("address2"),
        postcode=a.get("zip"),
        city=a.get("city"),
        province=a.get("provinceCode"),
        country=a.get("countryCodeV2"),
        phone=a.get("phone"),
        email=email,
    )


def map_order(node: dict[str, Any]) -> RemoteOrder:
    email = node.get("email") or ""
    included = bool(node.get("taxesIncluded"))
    state = _state(node)
    # What is left to pack: units fulfilled already (by another location, the admin, an
    # earlier parcel) and units removed or refunded are not in `unfulfilledQuantity`. An order
    # already fulfilled or cancelled has nothing left to pack: it keeps the lines it has
    # (`currentQuantity`), and the bench holds it for that reason, not for having no lines.
    field = (
        "currentQuantity"
        if state in (ShopState.SHIPPED, ShopState.CANCELLED)
        else ("unfulfilledQuantity")
    )
    lines = [
        _map_line(item, included, int(item[field]))
        for item in node["lineItems"]["nodes"]
        if int(item[field]) > 0
    ]
    gateways = node.get("paymentGatewayNames") or []
    shipping = node.get("shippingLine") or {}
    return RemoteOrder(
        external_id=node["id"],
        number=str(node["name"]).lstrip("#"),
        state=state,
        updated_at=parse_utc(node["updatedAt"]),
        created_at=parse_utc(node["createdAt"]),
        customer_name=(node.get("shippingAddress") or {}).get("name") or "",
        customer_email=email,
        shipping_address=_addr(node.get("shippingAddress"), email),
        billing_address=_addr(node.get("billingAddress"), email),
        currency=node.get("currencyCode") or "EUR",
        total=money(node["totalPriceSet"]["shopMoney"]["amount"]),
        shipping_total=money(
            (node.get("totalShippingPriceSet") or {}).get("shopMoney", {}).get("amount")
        ),
        payment_method=", ".join(gateways),
        cod=any("cash on delivery" in g.lower() or g.lower() == "cod" for g in gateways),
        shipping_method=f"{shipping.get('title') or ''} {shipping.get('code') or ''}".strip(),
        customer_note=node.get("note") or "",
        lines=lines,
    )


def _map_line(item: dict[str, Any], taxes_included: bool, quantity: int) -> RemoteLine:
    rate = Decimal(str((item.get("taxLines") or [{}])[0].get("rate") or 0)) * 100
    price = money(item["discountedUnitPriceSet"]["shopMoney"]["amount"])
    if taxes_included and rate:
        price = price * 100 / (100 + rate)
    return RemoteLine(
        external_id=item["id"],
        sku=item.get("sku") or "",
        name=item.get("name") or "",
        quantity=quantity,
        unit_price=price.quantize(Decimal("0.0001")),
        vat_rate=rate.quantize(Decimal("0.01")),
    )


def map_variant(v: dict[str, Any]) -> RemoteProduct:
    weight = ((v.get("inventoryItem") or {}).get("measurement") or {}).get("weight") or {}
    media = ((v.get("media") or {}).get("nodes") or [{}])[0] or {}
    image = _preview_url(media) or _preview_url((v.get("product") or {}).get("featuredMedia"))
    return RemoteProduct(
        external_id=v["id"],
        sku=v.get("sku") or "",
        name=v.get("displayName") or (v.get("product") or {}).get("title") or "",
        barcodes=[v["barcode"]] if v.get("barcode") else [],
        weight_g=to_grams(weight.get("value"), str(weight.get("unit") or "GRAMS")),
        image_url=image,
    )


def _preview_url(media: Any) -> str:
    return str((((media or {}).get("preview") or {}).get("image") or {}).get("url") or "")
