"""BRT's Shipment REST API v1, as data: the bodies Station sends and what it reads back.

Nothing here does I/O; `station.carriers.brt` sends these over a transport. Shapes follow
BRT's own REST documentation ("Brt Rest API Shipment", BRT SpA 2021): createRequest,
confirmRequest, deleteRequest, routingRequest and their `executionMessage` codes.
"""

from __future__ import annotations

import base64
import binascii
import datetime as dt
import zlib
from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal
from typing import Any, Literal
from zoneinfo import ZoneInfo

from station.carriers.port import LabelFormat, LabelRequest, Tracked, TrackEvent, TrackStatus
from station.labels.courier import Address

Mode = Literal["auto", "explicit"]
LabelKind = Literal["brt-pdf", "brt-zpl", "own"]
MODES: tuple[Mode, ...] = ("auto", "explicit")
# "own": BRT routes, Station numbers from the customer's series and draws BRT's layout (UC1/UC3).
LABEL_KINDS: tuple[LabelKind, ...] = ("brt-pdf", "brt-zpl", "own")
MAX_PARCELS = 30  # numberOfParcels of one shipment
ALREADY_CONFIRMED = -102
NEVER_CREATED = -151  # delete/confirm: no such shipment (or created over 40 days ago)
# Fields BRT cuts at these lengths; longer text is refused rather than cut by BRT's side.
NAME_MAX, STREET_MAX, REFERENCE_MAX, NOTES_MAX = 70, 35, 15, 70
ROME = ZoneInfo("Europe/Rome")
SERVICE_TYPES = {"express": "E", "priority": "E", "10:30": "H"}  # else "" (standard)


@dataclass(frozen=True)
class BrtAccount:
    """A BRT customer code's access: the mode and label kind are fixed by its contract."""

    url: str  # up to /rest/v1
    user_id: str
    password: str
    departure_depot: int
    customer_code: int
    pricing_code: str = ""
    mode: Mode = "auto"
    label: LabelKind = "brt-pdf"
    series: int = 0  # own labels: the series BRT gave the customer code, and its numbers
    own_first: int = 1
    own_last: int = 9_999_999

    @property
    def label_format(self) -> LabelFormat:
        return "zpl" if self.label == "brt-zpl" else "pdf"


@dataclass(frozen=True)
class Answer:
    """One `executionMessage` and the rest of the response: code < 0 is a refusal."""

    code: int
    description: str
    message: str
    body: Mapping[str, Any]

    @property
    def ok(self) -> bool:
        return self.code >= 0

    @property
    def reason(self) -> str:
        """BRT's own words for the refusal: its detail, else the code's description."""
        return (self.message or self.description or f"code {self.code}").strip()


@dataclass(frozen=True)
class BrtLabel:
    parcel_id: str  # the 18-digit Code 128 on the label: the tracking number
    document: bytes


def sender_reference(order_number: str) -> tuple[int, str]:
    """numericSenderReference (mandatory, 15 digits) and alphanumericSenderReference: the keys
    BRT confirms and deletes a shipment by. An order labelled again after a delete keeps them,
    as BRT asks."""
    digits = "".join(c for c in order_number if c.isdigit())[-15:]
    numeric = int(digits) if digits else zlib.crc32(order_number.encode("utf-8"))
    return numeric, order_number[:REFERENCE_MAX]


def account_part(account: BrtAccount) -> dict[str, str]:
    return {"userID": account.user_id, "password": account.password}


def create_body(account: BrtAccount, request: LabelRequest) -> dict[str, Any]:
    numeric, alpha = sender_reference(request.order_number)
    weight_g = sum(p.weight_g for p in request.parcels)
    cod = request.cod_amount if any(p.seq == 1 for p in request.parcels) else None
    data = {
        "network": "",
        "departureDepot": account.departure_depot,
        "senderCustomerCode": account.customer_code,
        "deliveryFreightTypeCode": "DAP",
        **consignee(request.recipient),
        "pricingConditionCode": account.pricing_code,
        "serviceType": SERVICE_TYPES.get(request.service.strip().lower(), ""),
        "numberOfParcels": len(request.parcels),
        "weightKG": max(0.1, round(weight_g / 1000, 1)),
        "volumeM3": 0,
        **cash_on_delivery(cod, request.currency),
        "numericSenderReference": numeric,
        "alphanumericSenderReference": alpha,
        "notes": "",
        "pudoId": "",
    }
    return {
        "account": account_part(account),
        "createData": data,
        "isLabelRequired": "1",
        "labelParameters": {
            "outputType": account.label_format.upper(),
            "offsetX": "0",
            "offsetY": "0",
            "isBorderRequired": "0",
            "isLogoRequired": "0",
            "isBarcodeControlRowRequired": "0",
            "labelFormat": "",
        },
    }


def consignee(recipient: Address) -> dict[str, str]:
    name = recipient.company or recipient.name
    return {
        "consigneeCompanyName": name[:NAME_MAX],
        "consigneeAddress": recipient.street[:STREET_MAX],
        "consigneeZIPCode": recipient.postcode,
        "consigneeCity": recipient.city,
        "consigneeProvinceAbbreviation": recipient.province,
        "consigneeCountryAbbreviationISOAlpha2": recipient.country or "IT",
        "consigneeEMail": recipient.email,
        "consigneeMobilePhoneNumber": recipient.phone,
        "isAlertRequired": "1" if recipient.email or recipient.phone else "0",
    }


def cash_on_delivery(amount: Decimal | None, currency: str) -> dict[str, Any]:
    if not amount:
        return {"cashOnDelivery": 0, "isCODMandatory": "0", "codPaymentType": "", "codCurrency": ""}
    # The wire wants a JSON number; an amount in cents is exact as a binary float.
    return {
        "cashOnDelivery": float(amount.quantize(Decimal("0.01"))),
        "isCODMandatory": "1",
        "codPaymentType": "",
        "codCurrency": currency,
    }


def reference_body(account: BrtAccount, order_number: str, part: str) -> dict[str, Any]:
    """confirmRequest (`confirmData`) and deleteRequest (`deleteData`)."""
    numeric, alpha = sender_reference(order_number)
    keys = {
        "senderCustomerCode": account.customer_code,
        "numericSenderReference": numeric,
        "alphanumericSenderReference": alpha,
    }
    return {"account": account_part(account), part: keys}


def routing_body(account: BrtAccount, recipient: Address) -> dict[str, Any]:
    data = {
        "network": "",
        "departureDepot": account.departure_depot,
        "senderCustomerCode": account.customer_code,
        "deliveryFreightTypeCode": "DAP",
        **consignee(recipient),
        "pricingConditionCode": account.pricing_code,
        "serviceType": "",
        "numberOfParcels": 1,
        "weightKG": 1.0,
    }
    return {"account": account_part(account), "routingData": data}


def read_answer(data: Any, envelope: str) -> Answer | None:
    """The answer inside `envelope` (e.g. "createResponse"); None when the body is not one."""
    inner = data.get(envelope) if isinstance(data, dict) else None
    message = inner.get("executionMessage") if isinstance(inner, dict) else None
    if not isinstance(inner, dict) or not isinstance(message, dict):
        return None
    try:
        code = int(message.get("code", -1))
    except (TypeError, ValueError):
        return None
    return Answer(
        code, str(message.get("codeDesc") or ""), str(message.get("message") or ""), inner
    )


def read_labels(body: Mapping[str, Any]) -> list[BrtLabel] | None:
    """Each parcel's parcelID and decoded label stream, in BRT's order; None when malformed."""
    labels = body.get("labels")
    items = labels.get("label") if isinstance(labels, dict) else None
    if not isinstance(items, list):
        return None
    found: list[BrtLabel] = []
    for item in items:
        parcel_id = str(item.get("parcelID") or "") if isinstance(item, dict) else ""
        try:
            stream = base64.b64decode(str(item.get("stream") or ""), validate=True)
        except (binascii.Error, ValueError, AttributeError):
            return None
        if not parcel_id.isdigit() or not stream:
            return None
        found.append(BrtLabel(parcel_id, stream))
    return found


def routing_of(body: Mapping[str, Any]) -> str:
    """arrivalTerminal/arrivalDepot and deliveryZone as a person reads them: "099 zone 72"."""
    depot = str(body.get("arrivalDepot") or body.get("arrivalTerminal") or "?")
    return f"{depot}/{body.get('deliveryZone') or '?'}"


# -- tracking ("Brt Rest API Tracking": GET /rest/v1/tracking/parcelID/{parcelID}) --------------

# BRT's event ids and words (its documented example: 700 DATI SPEDIZ. TRASMESSI A BRT, 701
# RITIRATA, 702 PARTITA, 703 ARRIVATA IN FILIALE, MIC IN CONSEGNA, 704 CONSEGNATA) -> our status.
# Words not in the example follow the BRT status keywords an open-source PrestaShop module
# (maxpalermo/mpbrtrestapishipments_v8, BrtStats) groups its dashboard by.
TRACK_IDS: dict[str, TrackStatus] = {
    "700": "registered",
    "701": "in_transit",
    "702": "in_transit",
    "703": "in_transit",
    "MIC": "out_for_delivery",
    "704": "delivered",
}
TRACK_WORDS: tuple[tuple[str, TrackStatus], ...] = (
    ("NON CONSEGNATA", "exception"),
    ("RIFIUTAT", "exception"),
    ("ANOMALIA", "exception"),
    ("RESA AL MITTENTE", "returning"),
    ("CONSEGNAT", "delivered"),
    ("IN CONSEGNA", "out_for_delivery"),
    ("FERMOPOINT", "held"),
    ("GIACENZA", "held"),
    ("DEPOSITO", "held"),
    ("DATI SPEDIZ", "registered"),
    ("PARTITA", "in_transit"),
    ("ARRIVATA", "in_transit"),
    ("RITIRATA", "in_transit"),
    ("IN TRANSITO", "in_transit"),
)


def tracking_headers(account: BrtAccount) -> dict[str, str]:
    """Tracking takes the account in headers, not in a body."""
    return {"userID": account.user_id, "password": account.password}


def read_tracking(parcel_id: str, answer: Answer) -> Tracked:
    """`lista_eventi` newest first, padded with empty events: kept oldest first, pads dropped."""
    found = []
    for item in answer.body.get("lista_eventi") or []:
        event = item.get("evento") if isinstance(item, dict) else None
        if isinstance(event, dict) and (event.get("descrizione") or event.get("id")):
            found.append(_track_event(event))
    found.reverse()
    return Tracked(parcel_id, tuple(found))


def _track_event(event: Mapping[str, Any]) -> TrackEvent:
    said = str(event.get("descrizione") or "").strip()
    unknown: TrackStatus = "unknown"
    by_words = next((s for word, s in TRACK_WORDS if word in said.upper()), unknown)
    status: TrackStatus = TRACK_IDS.get(str(event.get("id") or "").strip(), by_words)
    when = _brt_time(str(event.get("data") or ""), str(event.get("ora") or ""))
    return TrackEvent(when, status, said, str(event.get("filiale") or "").strip())


def _brt_time(day: str, hour: str) -> dt.datetime | None:
    """ "15.09.2020" and "11.46", Italian local time."""
    try:
        local = dt.datetime.strptime(f"{day} {hour or '00.00'}", "%d.%m.%Y %H.%M")
    except ValueError:
        return None
    return local.replace(tzinfo=ROME)


# -- own labels (UC1/UC3): BRT routes, Station numbers and draws ---------------------------------


@dataclass(frozen=True)
class Route:
    """Where BRT sends a parcel: the routing call's arrivalTerminal/arrivalDepot/deliveryZone."""

    terminal: str
    depot: str
    zone: str


def read_route(body: Mapping[str, Any]) -> Route | None:
    depot = str(body.get("arrivalDepot") or "").strip()
    zone = str(body.get("deliveryZone") or "").strip()
    if not (depot.isdigit() and zone.isdigit()):
        return None
    terminal = str(body.get("arrivalTerminal") or depot).strip()
    return Route(terminal, depot.zfill(3)[-3:], zone.zfill(2)[-2:])


def own_parcel_id(account: BrtAccount, route: Route, number: int) -> str:
    """The 18-digit parcel ID of BRT's samples: departure depot (3), arrival depot (3),
    series (2), number (7), delivery zone (2) and a final digit. BRT does not publish the final
    digit's rule; Station takes the remainder by 7 (the rule Station's BRT ranges use), so BRT
    must approve a sample label before an account goes live with its own labels."""
    body = f"{account.departure_depot:03d}{route.depot}{account.series:02d}{number:07d}{route.zone}"
    return body + str(int(body) % 7)


def own_number(parcel_id: str) -> int:
    """The series number inside a parcel ID Station made (a label drawn again keeps it)."""
    return int(parcel_id[8:15])
