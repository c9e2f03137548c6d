"""Shipping method -> carrier account and service, by rules the user edits.

Rules live in `station.toml` (all shops, `station carrier rule add|list|remove`) and in a
shop's settings (that shop's first):

    [[carrier_rules]]
    match = "express"        # case-insensitive substring of the shop's shipping method
    carrier = "BRT"          # the carrier code whose account labels the parcel
    service = "express"
    country = "IT"           # optional: only parcels going to this country
    cod = true               # optional: only cash-on-delivery orders (false: only prepaid)

    [[carrier_rules]]
    match = "re:^(ritiro|pickup)"   # or a regular expression
    carrier = "PICKUP"

The first rule that matches wins; `match = "*"` matches every method (a default). They decide
an order's carrier when it is imported, and again when its parcels are labelled, so a rule
added since the import, or one by country or COD, is the one that counts.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

RULES_KEY = "carrier_rules"  # in station.toml and in a shop's settings


@dataclass(frozen=True)
class CarrierRule:
    match: str
    carrier: str
    service: str = ""
    country: str = ""  # ISO 3166 alpha-2; "" = any
    cod: bool | None = None  # None = either

    def matches(self, method: str, country: str = "", cod: bool | None = None) -> bool:
        if self.country and self.country.upper() != country.upper():
            return False
        if self.cod is not None and cod is not None and self.cod != cod:
            return False
        if self.match == "*":
            return True
        if self.match.startswith("re:"):
            return re.search(self.match[3:], method, re.IGNORECASE) is not None
        return self.match.lower() in method.lower()

    def stored(self) -> dict[str, Any]:
        """As it is kept in station.toml (TOML has no null: an unset field is left out)."""
        row: dict[str, Any] = {"match": self.match, "carrier": self.carrier}
        row |= {"service": self.service} if self.service else {}
        row |= {"country": self.country} if self.country else {}
        return row | ({"cod": self.cod} if self.cod is not None else {})


def parse_rules(raw: Iterable[Any]) -> list[CarrierRule]:
    rules = []
    for item in raw:
        if isinstance(item, dict) and item.get("match") and item.get("carrier"):
            cod = item.get("cod")
            rules.append(
                CarrierRule(
                    str(item["match"]),
                    str(item["carrier"]).upper(),
                    str(item.get("service", "")),
                    str(item.get("country", "")).upper(),
                    cod if isinstance(cod, bool) else None,
                )
            )
    return rules


def rules_for(global_rules: Any, shop_settings: Mapping[str, Any]) -> list[CarrierRule]:
    shop_rules = shop_settings.get(RULES_KEY) or []
    return parse_rules(shop_rules) + parse_rules(global_rules or [])


def carrier_for(
    method: str, rules: list[CarrierRule], country: str = "", cod: bool | None = None
) -> tuple[str, str]:
    """The first matching rule's carrier and service; ("", "") when none matches."""
    for rule in rules:
        if rule.matches(method, country, cod):
            return rule.carrier, rule.service
    return "", ""
