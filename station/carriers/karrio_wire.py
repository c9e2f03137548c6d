"""What Station hands karrio and takes back from it, as data: an order's parcels as karrio's
unified shipment request, and karrio's shipment details back as one number and one label per
parcel. No karrio import here: karrio itself is loaded only when a label is asked for.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, Literal

from station.carriers.port import LabelFormat, LabelRequest
from station.labels.courier import Address

Kind = Literal["dhl", "ups"]
KINDS: tuple[Kind, ...] = ("dhl", "ups")
NAMES: Mapping[Kind, str] = {"dhl": "DHL Express", "ups": "UPS"}
DEFAULT_URLS: Mapping[Kind, str] = {
    "dhl": "https://express.api.dhl.com/mydhlapi",
    "ups": "https://onlinetools.ups.com",
}
# karrio's service names: DHL Express Domestic (product N) and UPS Standard (11), what an
# Italian sender uses for parcels inside Italy.
DEFAULT_SERVICES: Mapping[Kind, str] = {"dhl": "mydhl_express_domestic", "ups": "ups_standard"}
# The label formats each account may ask. UPS documents GIF, ZPL, EPL and SPL label images;
# karrio asks UPS for "PNG" when it is to make a PDF, which UPS's specification does not list, so
# a UPS account prints ZPL.
LABEL_FORMATS: Mapping[Kind, tuple[LabelFormat, ...]] = {"dhl": ("pdf", "zpl"), "ups": ("zpl",)}
DEFAULT_LABELS: Mapping[Kind, LabelFormat] = {"dhl": "pdf", "ups": "zpl"}
ZPL_LABEL = re.compile(rb"\^XA.*?\^XZ", re.DOTALL)


@dataclass(frozen=True)
class KarrioAccount:
    kind: Kind
    url: str
    user: str  # MyDHL API user name; UPS OAuth client id
    secret: str  # MyDHL API password; UPS OAuth client secret
    account_number: str
    service: str
    label: LabelFormat


def shipment_payload(account: KarrioAccount, request: LabelRequest) -> dict[str, Any]:
    """karrio's `ShipmentRequest` for one order's parcels, in its own field names.

    No cash on delivery is ever put here: MyDHL has none for these services, and karrio
    2026.1's UPS mapper sends UPS the COD amount as "None" (it reads `cash_on_delivery`, an
    alias its options never fill), so the adapter refuses COD orders before any call.
    """
    return {
        "service": account.service,
        "shipper": _address(request.sender),
        "recipient": _address(request.recipient),
        "parcels": [
            {
                "weight": max(p.weight_g, 1) / 1000,
                "weight_unit": "KG",
                "dimension_unit": "CM",
                "packaging_type": "your_packaging",
                "reference_number": f"{request.order_number}-{p.seq}",
            }
            for p in request.parcels
        ],
        "options": {"currency": request.currency},
        "reference": request.order_number,
        "label_type": account.label.upper(),
    }


def _address(address: Address) -> dict[str, Any]:
    return {
        "person_name": address.name,
        "company_name": address.company or None,
        "address_line1": address.street,
        "address_line2": address.street2 or None,
        "postal_code": address.postcode,
        "city": address.city,
        "state_code": address.province or None,
        "country_code": address.country or "IT",
        "phone_number": address.phone or None,
        "email": address.email or None,
    }


def parcel_numbers(kind: Kind, meta: Mapping[str, Any] | None, shipment_number: str) -> list[str]:
    """Each parcel's own number as karrio reads it: UPS's 1Z per package, DHL's piece ID."""
    key = "package_tracking_numbers" if kind == "dhl" else "tracking_numbers"
    numbers = list((meta or {}).get(key) or [])
    return [str(n) for n in numbers] if numbers else [shipment_number]


def zpl_labels(document: bytes, count: int) -> list[bytes]:
    """A shipment's ZPL as `count` labels, one `^XA…^XZ` each; labels past them (DHL's waybill
    document) go with the first, so they print once and are never lost."""
    labels: list[bytes] = ZPL_LABEL.findall(document)
    if len(labels) < count:
        return []
    if count == 1:
        return [document]  # the carrier's bytes as they came, for reprints
    return [b"\n".join([labels[0], *labels[count:]]), *labels[1:count]]
