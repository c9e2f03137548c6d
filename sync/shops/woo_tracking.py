"""Tracking numbers as WooCommerce shops read them.

With the Shipment Tracking extension, each parcel is one tracking item: a provider the
extension knows (`tracking_provider`, from which it builds the customer's link) or a custom one
with its own link (`custom_tracking_provider` + `custom_tracking_link`). Without the extension,
the same items are written where the extension keeps them, the order meta
`_wc_shipment_tracking_items` (`WC_Shipment_Tracking_Actions::save_tracking_items`), which is
also what other tracking plugins and e-mail customisers read.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from collections.abc import Mapping
from typing import Any

from sync.tracking_links import tracking_url, woo_provider

TRACKING_META_KEY = "_wc_shipment_tracking_items"


def provider_slug(name: str) -> str:
    """WordPress's `sanitize_title` for a provider name ("BRT (Bartolini)" -> "brt-bartolini"):
    the form every version of the extension matches a stored provider against."""
    return re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-")


def tracking_request(
    carrier: str, number: str, overrides: Mapping[str, str] | None, today: dt.date
) -> dict[str, str]:
    """The body of a Shipment Tracking create: a known provider, or a custom one with a link."""
    body = {"tracking_number": number, "date_shipped": today.isoformat()}
    provider = woo_provider(carrier)
    if provider:
        body["tracking_provider"] = provider_slug(provider)
    else:
        body["custom_tracking_provider"] = carrier
        body["custom_tracking_link"] = tracking_url(carrier, number, overrides) or ""
    return body


def meta_item(request: Mapping[str, str], now: dt.datetime) -> dict[str, str]:
    """One item of `_wc_shipment_tracking_items`, as `add_tracking_item` stores it: every key
    present, the ship date as a Unix timestamp, an md5 tracking id."""
    name = request.get("custom_tracking_provider") or request.get("tracking_provider", "")
    seed = f"{name}-{request['tracking_number']}-{now.timestamp()}"
    return {
        "tracking_provider": request.get("tracking_provider", ""),
        "custom_tracking_provider": request.get("custom_tracking_provider", ""),
        "custom_tracking_link": request.get("custom_tracking_link", ""),
        "tracking_number": request["tracking_number"],
        "date_shipped": str(int(now.timestamp())),
        "tracking_id": hashlib.md5(seed.encode(), usedforsecurity=False).hexdigest(),
    }


def meta_items(order: Any) -> list[dict[str, Any]]:
    """The tracking items already in an order's meta (none when the order has none)."""
    for meta in (order.get("meta_data") if isinstance(order, dict) else None) or []:
        if isinstance(meta, dict) and meta.get("key") == TRACKING_META_KEY:
            value = meta.get("value")
            return [i for i in value if isinstance(i, dict)] if isinstance(value, list) else []
    return []
