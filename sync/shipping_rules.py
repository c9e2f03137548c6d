"""Shipping method -> carrier and service: the rules are the carriers' (`station.carriers.rules`),
where the bench applies them again when it labels a parcel."""

from __future__ import annotations

from station.carriers.rules import CarrierRule, carrier_for, parse_rules, rules_for

__all__ = ["CarrierRule", "carrier_for", "parse_rules", "rules_for"]
