"""Shipping method → carrier and service, by rules the user edits.

Rules live in `station.toml` (all shops) and in a shop's settings (that shop first):

    [[carrier_rules]]
    match = "express"        # case-insensitive substring of the shop's shipping method
    carrier = "BRT"
    service = "express"

    [[carrier_rules]]
    match = "re:^(ritiro|pickup)"   # or a regular expression
    carrier = "PICKUP"

The first rule that matches wins; `match = "*"` matches everything (a default).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class CarrierRule:
    match: str
    carrier: str
    service: str = ""

    def matches(self, method: str) -> bool:
        if self.match == "*":
            return True
        if self.match.startswith("re:"):
            return re.search(self.match[3:], method, re.IGNORECASE) is not None
        return self.match.lower() in method.lower()


def parse_rules(raw: Iterable[Any]) -> list[CarrierRule]:
    rules = []
    for item in raw:
        if isinstance(item, dict) and item.get("match") and item.get("carrier"):
            rules.append(
                CarrierRule(str(item["match"]), str(item["carrier"]), str(item.get("service", "")))
            )
    return rules


def rules_for(global_rules: Any, shop_settings: dict[str, Any]) -> list[CarrierRule]:
    shop_rules = shop_settings.get("carrier_rules") or []
    return parse_rules(shop_rules) + parse_rules(global_rules or [])


def carrier_for(method: str, rules: list[CarrierRule]) -> tuple[str, str]:
    for rule in rules:
        if rule.matches(method):
            return rule.carrier, rule.service
    return "", ""
