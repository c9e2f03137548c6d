"""The one numbering routine: tracking numbers from configured ranges, and SSCCs.

Counter keys are a stored contract: users' databases hold them, and a key that changed would
start a range over and print tracking numbers twice. They are exactly

    tracking:{carrier}:{prefix}{suffix}:{first}-{last}     a range the courier assigned
    sscc:0{gs1 company prefix}                              SSCC-18 serials, extension digit 0
    sscc:0{gs1 company prefix}:{first}-{last}               a block of them a hub handed a bench

`Numbering` hands out numbers over `ShipmentCounters`, which read stored counters `FOR UPDATE`
(on SQLite the write transaction already holds the lock), so two benches on one hub never print
the same number, and keep what the shipment took in memory: the stored counters move when the
`LabelCreated` events that carry them are projected, in the same transaction.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field, replace
from typing import Any

from sqlalchemy.orm import Session

from station.carriers.port import CounterStore, ShippingError
from station.db.models import Counter
from station.labels.errors import DocumentError
from station.labels.tracking import Allocation, NumberRange, check_range, next_number, s10_range
from station.labels.tracking import sscc_range as _sscc_range

StoredCounter = Callable[[str], int | None]


def range_key(numbers: NumberRange) -> str:
    """The counter of one range: a new range from the courier starts its own count."""
    return f"tracking:{numbers.carrier}:{numbers.prefix}{numbers.suffix}:{numbers.first}-{numbers.last}"


def sscc_key(company_prefix: str, block: tuple[int, int] | None = None) -> str:
    """The counter of the prefix's SSCC serials, or of one block of them: a bench joined to a
    hub numbers from its own blocks, so no bench's counter ever moves another's."""
    whole = f"sscc:0{company_prefix}"
    return whole if block is None else f"{whole}:{block[0]}-{block[1]}"


def sscc_serials(company_prefix: str) -> NumberRange:
    """Every serial Station numbers SSCCs of the prefix from (extension digit 0)."""
    try:
        return replace(_sscc_range(company_prefix), first=1)
    except DocumentError as exc:
        raise ShippingError(exc.code, **exc.params) from exc


def stored_counters(session: Session) -> StoredCounter:
    """Read a series' stored last value, locking its row for the rest of the transaction."""

    def last_used(key: str) -> int | None:
        counter = session.get(Counter, key, with_for_update=True)
        return None if counter is None else counter.value

    return last_used


@dataclass
class ShipmentCounters:
    """The stored counters as one shipment sees them: what it took so far stays in memory."""

    stored: StoredCounter
    taken: dict[str, int] = field(default_factory=dict)  # series -> last value taken here

    def last_used(self, key: str) -> int | None:
        return self.taken[key] if key in self.taken else self.stored(key)

    def set_last_used(self, key: str, value: int) -> None:
        self.taken[key] = value


@dataclass
class Numbering:
    """Hands out numbers from ranges over a `CounterStore`, and notes ranges running low."""

    counters: CounterStore
    language: str = "en"
    warnings: dict[str, str] = field(default_factory=dict)  # by carrier: one is enough

    def last_used(self, key: str) -> int | None:
        return self.counters.last_used(key)

    def set_last_used(self, key: str, value: int) -> None:
        self.counters.set_last_used(key, value)

    def reserve(self, numbers: NumberRange, count: int) -> None:
        """Check that the range holds `count` more numbers before any is taken, so an order is
        never half labelled."""
        last = self.last_used(range_key(numbers))
        before = numbers.first - 1 if last is None else last
        self._allocate(numbers, before + count - 1)

    def take(self, numbers: NumberRange, key: str | None = None) -> tuple[str, dict[str, int]]:
        """The next number of the range, and the series it advanced."""
        key = key or range_key(numbers)
        allocation = self._allocate(numbers, self.last_used(key))
        self.set_last_used(key, allocation.counter)
        if allocation.warning is not None:
            w = allocation.warning
            self.warnings[numbers.carrier] = w.message(self.language)
        return allocation.number, {key: allocation.counter}

    def sscc(
        self, company_prefix: str, block: tuple[int, int] | None = None
    ) -> tuple[str | None, dict[str, int]]:
        """The next SSCC-18 of the GS1 company prefix, from `block` of its serials when a hub
        handed the bench one (an empty block, first past last: none left); none without a
        prefix."""
        if not company_prefix:
            return None, {}
        numbers = sscc_serials(company_prefix)
        if block is not None:
            if block[0] > block[1]:
                raise ShippingError("sscc_block_empty")
            # Running low means the whole series, never the block: the hub hands out more.
            warn = numbers.warn_at - (numbers.last - block[1])
            numbers = replace(numbers, first=block[0], last=block[1], warn_remaining=warn)
        return self.take(numbers, sscc_key(company_prefix, block))

    def _allocate(self, numbers: NumberRange, last_used: int | None) -> Allocation:
        try:
            return next_number(numbers, last_used)
        except DocumentError as exc:
            raise ShippingError(exc.code, **exc.params) from exc


def tracking_range(
    ranges: Mapping[str, Mapping[str, Any]], carrier: str, language: str = "en"
) -> NumberRange:
    """The range configured for a carrier (`tracking_ranges` in the settings)."""
    conf = ranges.get(carrier.upper())
    if conf is None:
        raise ShippingError("no_tracking_range", carrier=carrier)
    try:
        numbers = _range_of(conf, carrier.upper())
        check_range(numbers)
    except DocumentError as exc:
        raise ShippingError(exc.code, **exc.params) from exc
    except (KeyError, TypeError, ValueError):
        raise ShippingError("no_tracking_range", carrier=carrier) from None
    return numbers


def _range_of(conf: Mapping[str, Any], carrier: str) -> NumberRange:
    if conf.get("check") == "s10":
        return s10_range(
            str(conf["prefix"]),
            str(conf["suffix"]),
            int(conf.get("first", 1)),
            int(conf.get("last", 99_999_999)),
            carrier,
        )
    return NumberRange(
        carrier,
        int(conf["first"]),
        int(conf["last"]),
        prefix=str(conf.get("prefix", "")),
        suffix=str(conf.get("suffix", "")),
        width=int(conf.get("width", 0)),
        check=str(conf.get("check", "none")),
        warn_remaining=int(conf["warn_remaining"]) if "warn_remaining" in conf else None,
    )
