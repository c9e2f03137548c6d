"""What a shop is told about a carrier: the name the platform knows it by, and a tracking link.

A customer gets a clickable tracking link only when the shop is told a carrier name it
recognises, or is given the link itself. Each platform has its own list of names (Shopify's
`FulfillmentTrackingInfo.company` list, WooCommerce Shipment Tracking's provider list), so the
carrier codes orders carry (`BRT`, `GLS`, ...) are mapped here, in one table, and every carrier
also has a link template a warehouse can replace in `station.toml` (`[tracking_urls]`, one
template per carrier code with `{number}` where the tracking number goes).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from urllib.parse import quote


@dataclass(frozen=True)
class CarrierNames:
    """One carrier code as the platforms know it; None where a platform has no name for it."""

    shopify_company: str | None
    woo_provider: str | None
    url_template: str


# Shopify: the "Supported tracking companies" list of FulfillmentTrackingInfo.company
# (https://shopify.dev/docs/api/admin-graphql/2026-07/objects/FulfillmentTrackingInfo, the same
# text as the schema's description; tests/sync/test_shopify_schema.py checks the names against
# it). Italy's entries are "BRT" and "GLS Italy" (GLS Italy is its own network; plain "GLS" links
# to GLS Group's site); SDA is not on the list, so Shopify gets its link instead of a name.
# WooCommerce: the provider names of the Shipment Tracking extension
# (`WC_Shipment_Tracking_Actions::get_providers()`, includes/class-wc-shipment-tracking.php;
# copy at josedu90/woocommerce-shipment-tracking @bc51a612): Italy lists "BRT (Bartolini)" and
# "DHL Express", the United States "UPS"; it has no GLS Italy, Poste Italiane or SDA, which go
# as custom providers with their link.
# Links: each carrier's public tracking page.
CARRIERS: dict[str, CarrierNames] = {
    "BRT": CarrierNames(
        shopify_company="BRT",
        woo_provider="BRT (Bartolini)",
        url_template="https://vas.brt.it/vas/sped_det_show.htm?brtCode={number}",
    ),
    "GLS": CarrierNames(
        shopify_company="GLS Italy",
        woo_provider=None,
        url_template="https://gls-group.com/IT/it/servizi-online/ricerca-spedizioni?match={number}",
    ),
    "POSTE": CarrierNames(
        shopify_company="Poste Italiane",
        woo_provider=None,
        url_template="https://www.poste.it/cerca/index.html#/risultati-spedizioni/{number}",
    ),
    "SDA": CarrierNames(
        shopify_company=None,
        woo_provider=None,
        url_template="https://www.sda.it/wps/portal/Servizi_online/dettaglio-spedizione?locale=it&tracing.letteraVettura={number}",
    ),
    "DHL": CarrierNames(
        shopify_company="DHL Express",
        woo_provider="DHL Express",
        url_template="https://www.dhl.com/it-it/home/tracking.html?tracking-id={number}",
    ),
    "UPS": CarrierNames(
        shopify_company="UPS",
        woo_provider="UPS",
        url_template="https://www.ups.com/track?tracknum={number}",
    ),
}


def tracking_url(
    carrier: str, number: str, overrides: Mapping[str, str] | None = None
) -> str | None:
    """The link the customer follows for this parcel; None for a carrier with no template."""
    code = carrier.strip().upper()
    template = (overrides or {}).get(code)
    if template is None and code in CARRIERS:
        template = CARRIERS[code].url_template
    if not template:
        return None
    return template.replace("{number}", quote(number, safe=""))


def shopify_company(carrier: str) -> str | None:
    """The company name Shopify builds its own link and status updates from; None if unknown."""
    names = CARRIERS.get(carrier.strip().upper())
    return names.shopify_company if names else None


def woo_provider(carrier: str) -> str | None:
    """A provider WooCommerce Shipment Tracking knows by name; None means a custom provider."""
    names = CARRIERS.get(carrier.strip().upper())
    return names.woo_provider if names else None
