"""What a connector hands over: orders and products already in the warehouse's terms.

Connectors translate; the importer decides. Nothing here touches the database.
"""

from __future__ import annotations

import datetime as dt
import enum
import hashlib
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from typing import Any, Protocol

import orjson

from station.domain.messages import LANGUAGES, Phrase, text


class ShopState(enum.StrEnum):
    """An order's state in the shop, reduced to what matters at a bench."""

    OPEN = "open"  # paid, to be packed
    ON_HOLD = "on_hold"  # waiting for something in the shop (payment check)
    UNPAID = "unpaid"  # not to be packed yet, not imported while new
    SHIPPED = "shipped"  # completed or fulfilled in the shop
    CANCELLED = "cancelled"  # cancelled, refunded, failed, deleted


@dataclass
class RemoteLine:
    external_id: str
    sku: str
    name: str
    quantity: int
    unit_price: Decimal = Decimal("0")  # tax excluded
    vat_rate: Decimal = Decimal("0")  # percent


@dataclass
class RemoteOrder:
    external_id: str
    number: str
    state: ShopState
    updated_at: dt.datetime
    created_at: dt.datetime | None = None
    customer_name: str = ""
    customer_email: str = ""
    shipping_address: dict[str, Any] = field(default_factory=dict)
    billing_address: dict[str, Any] = field(default_factory=dict)
    currency: str = "EUR"
    total: Decimal = Decimal("0")
    shipping_total: Decimal = Decimal("0")
    payment_method: str = ""
    cod: bool = False
    shipping_method: str = ""
    customer_note: str = ""
    lines: list[RemoteLine] = field(default_factory=list)
    malformed: str = ""  # why the shop's data could not be read; the order is kept and flagged

    @classmethod
    def broken(
        cls, external_id: str, number: str, reason: str, updated_at: dt.datetime | None = None
    ) -> RemoteOrder:
        return cls(
            external_id=external_id,
            number=number or external_id,
            state=ShopState.OPEN,
            updated_at=updated_at or dt.datetime.now(dt.UTC),
            malformed=reason,
        )

    @classmethod
    def without_id(
        cls, raw: Any, number: str, updated_at: dt.datetime | None = None
    ) -> RemoteOrder:
        """An order the shop sent with no id: kept, flagged, under an id made from its content
        (the same next round, so it is not imported twice; another for another order)."""
        synthetic = synthetic_id(raw)
        return cls.broken(
            synthetic, number or synthetic, "the shop sent this order without an id", updated_at
        )


def synthetic_id(raw: Any) -> str:
    data = orjson.dumps(raw, option=orjson.OPT_SORT_KEYS | orjson.OPT_NON_STR_KEYS, default=str)
    return "no-id-" + hashlib.sha256(data).hexdigest()[:16]


def has_id(raw: Any, key: str = "id") -> bool:
    return isinstance(raw, dict) and raw.get(key) not in (None, "")


@dataclass
class RemoteProduct:
    external_id: str
    sku: str
    name: str
    barcodes: list[str] = field(default_factory=list)
    weight_g: int = 0
    length_mm: int = 0
    width_mm: int = 0
    height_mm: int = 0
    image_url: str = ""


@dataclass
class Shipment:
    """One outbox entry as a connector needs it: the order in shop terms plus the payload."""

    kind: str
    order_external_id: str
    order_number: str
    payload: dict[str, Any]
    retry: bool  # a previous attempt may have reached the shop: read back first


def backorder_note(shipment: Shipment, settings: Mapping[str, Any]) -> tuple[str, set[str]]:
    """The note for the shop's staff naming the units an order shipped without, in the shop's
    language (its `language` setting, else the bench's), and the same note in every language:
    one already written in another language is not written again. Empty: nothing is owed."""
    owed = shipment.payload.get("backorder") or []
    items = ", ".join(f"{item['sku']} x{item['quantity']}" for item in owed)
    if not items:
        return "", set()
    language = str(settings.get("language") or "en")
    said = {text("shop_backorder_note", other, items=items) for other in LANGUAGES}
    return text("shop_backorder_note", language, items=items), said


class Connector(Protocol):
    name: str

    def test(self) -> Phrase: ...
    def order_pages(self, since: dt.datetime | None) -> Iterator[list[RemoteOrder]]: ...
    def product_pages(self) -> Iterator[list[RemoteProduct]]: ...
    def fetch_order(self, external_id: str) -> RemoteOrder | None: ...
    def push(self, shipment: Shipment) -> None: ...
    def close(self) -> None: ...


ADDRESS_KEYS = (
    "name",
    "company",
    "street",
    "street2",
    "postcode",
    "city",
    "province",
    "country",
    "phone",
    "email",
)


def address(**values: Any) -> dict[str, Any]:
    """An address dict with every key the core expects, strings only."""
    result = dict.fromkeys(ADDRESS_KEYS, "")
    for key, value in values.items():
        if value is not None and key in result:
            result[key] = value.strip() if isinstance(value, str) else str(value).strip()
    return result


def money(value: Any) -> Decimal:
    if value is None or value == "":
        return Decimal("0")
    try:
        return Decimal(str(value))
    except InvalidOperation:
        raise ValueError(f"not an amount: {value!r}") from None


def vat_percent(net: Decimal, tax: Decimal) -> Decimal:
    """The VAT rate of a line from its amounts, to 0.01 %; 0 when the line is free."""
    if net == 0:
        return Decimal("0")
    return (tax * 100 / net).quantize(Decimal("0.01"))


_GRAMS_PER = {
    "g": Decimal(1),
    "kg": Decimal(1000),
    "lbs": Decimal("453.59237"),
    "lb": Decimal("453.59237"),
    "oz": Decimal("28.349523125"),
    "grams": Decimal(1),
    "kilograms": Decimal(1000),
    "pounds": Decimal("453.59237"),
    "ounces": Decimal("28.349523125"),
}
_MM_PER = {
    "mm": Decimal(1),
    "cm": Decimal(10),
    "m": Decimal(1000),
    "in": Decimal("25.4"),
    "yd": Decimal("914.4"),
}


def to_grams(value: Any, unit: str) -> int:
    if value in (None, ""):
        return 0
    factor = _GRAMS_PER.get(unit.lower())
    if factor is None:
        raise ValueError(f"unknown weight unit {unit!r}")
    return int((money(value) * factor).to_integral_value())


def to_mm(value: Any, unit: str) -> int:
    if value in (None, ""):
        return 0
    factor = _MM_PER.get(unit.lower())
    if factor is None:
        raise ValueError(f"unknown dimension unit {unit!r}")
    return int((money(value) * factor).to_integral_value())


def parse_utc(value: str, *, naive_tz: dt.tzinfo = dt.UTC) -> dt.datetime:
    """An ISO time as aware UTC; a time without offset is read in `naive_tz`."""
    parsed = dt.datetime.fromisoformat(value.replace("Z", "+00:00"))
    if parsed.tzinfo is None:
        parsed = parsed.replace(tzinfo=naive_tz)
    return parsed.astimezone(dt.UTC)
