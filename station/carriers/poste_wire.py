"""Poste Delivery Business (PDB, also SDA contracts) REST API, as data: the bodies Station sends
and what it reads back. No I/O here: `station.carriers.poste` sends these.

Shapes follow the public clients mlocati/MLPosteDeliveryExpress (C#, v1.6.1: JsonHttpClient,
Waybill/Request/*, Waybill/Response/*, Tracking/*) and dinja-srl/poste-delivery-business-sdk
(PHP, "PDB Rest API v.1.8.5"): a session token from `user/sessions` sent as a bare
`Authorization` header beside `POSTE_clientID`; `postalandlogistics/parcel/waybill` answering
one waybill per declared parcel, each with its code and a `downloadURL` for its label; tracking
by waybill number answering a `return` with `code` (0 OK, 100-199 formal, 200-299 business, 999
generic) and the shipment's events.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal
from typing import Any, Literal
from zoneinfo import ZoneInfo

from station.carriers.port import LabelFormat, LabelRequest, Tracked, TrackEvent, TrackStatus
from station.labels.courier import Address

LabelKind = Literal["pdf-1011", "pdf-a4", "zpl"]
LABEL_KINDS: tuple[LabelKind, ...] = ("pdf-1011", "pdf-a4", "zpl")
PRINT_FORMATS: dict[LabelKind, str] = {"pdf-1011": "1011", "pdf-a4": "A4", "zpl": "ZPL"}
COD_MODES = ("CON", "ACM", "ABM")  # cash, cashier's cheque, bank cheque
# The token scope Poste's production tenant gives (hard-coded in the C# client).
PRODUCTION_SCOPE = (
    "https://postemarketplace.onmicrosoft.com/d6a78063-5570-4a87-bbd7-07326e6855d1/.default"
)
STANDARD, EXPRESS = "APT000902", "APT000901"
# Our shipping services -> Poste's product. "crono" was Poste's express line before PDB.
PRODUCTS = {"express": EXPRESS, "crono": EXPRESS, "priority": EXPRESS}
COD_SERVICE, MULTI_PARCEL = "APT000918", "APT000945"
REFERENCE_MAX, NAME_MAX, STREET_MAX, NUMBER_MAX, CITY_MAX, NOTE_MAX = 25, 35, 40, 4, 30, 20
DEFAULT_BOX_CM = (30, 20, 15)  # declared when Station knows no box size; Poste wants one
ROME = ZoneInfo("Europe/Rome")
_HOUSE_NUMBER = re.compile(r"^(?P<street>.*?)[ ,]+(?P<number>\d+[A-Za-z]?(?:/\w+)?)$")


@dataclass(frozen=True)
class PosteAccount:
    """A PDB contract's API access (from Poste's business portal) and its cost centre."""

    url: str  # up to /gp/internet/
    client_id: str
    secret: str
    cost_center: str  # CDC-...
    scope: str = PRODUCTION_SCOPE
    label: LabelKind = "pdf-1011"
    cod_mode: str = "CON"
    accessories: tuple[str, ...] = ()  # accessory services without parameters (APT000946...)

    @property
    def label_format(self) -> LabelFormat:
        return "zpl" if self.label == "zpl" else "pdf"


@dataclass(frozen=True)
class Token:
    value: str
    expires_in_s: int


@dataclass(frozen=True)
class Refusal:
    code: str
    reason: str


@dataclass(frozen=True)
class CreatedWaybill:
    code: str  # the LdV number: the parcel's tracking number
    download_url: str


def token_body(account: PosteAccount) -> dict[str, str]:
    return {
        "clientId": account.client_id,
        "secretId": account.secret,
        "scope": account.scope,
        "grantType": "client_credentials",
    }


def read_token(data: Any) -> Token | Refusal | None:
    """The session's token; Poste's (Azure AD's) refusal; None when the body is neither."""
    if not isinstance(data, dict):
        return None
    if data.get("access_token") and str(data.get("token_type", "Bearer")) == "Bearer":
        try:
            return Token(str(data["access_token"]), int(data.get("expires_in") or 0))
        except (TypeError, ValueError):
            return None
    if data.get("error") or data.get("error_description"):
        said = str(data.get("error_description") or data.get("error"))
        return Refusal(str(data.get("error") or "?"), said.splitlines()[0].strip())
    return None


def headers(account: PosteAccount, token: str | None = None) -> dict[str, str]:
    # Both public clients send the token bare, with no "Bearer" before it.
    sent = {"POSTE_clientID": account.client_id, "Accept": "application/json"}
    return {**sent, "Authorization": token} if token else sent


def client_reference(order_number: str, attempt: str) -> str:
    """clientReferenceId, unique per client at Poste: a new one for every attempt, since a
    call whose answer was lost cannot be looked up or cancelled."""
    return f"{order_number[: REFERENCE_MAX - len(attempt) - 1]}-{attempt}"


def waybill_body(
    account: PosteAccount, request: LabelRequest, reference: str, at: dt.datetime
) -> dict[str, Any]:
    return {
        "costCenterCode": account.cost_center,
        "paperless": "false",
        "shipmentDate": shipment_date(at),
        "waybills": [
            {
                "clientReferenceId": reference,
                "printFormat": PRINT_FORMATS[account.label],
                "product": PRODUCTS.get(request.service.strip().lower(), STANDARD),
                "data": {
                    "declared": [declared(p.weight_g) for p in request.parcels],
                    "content": "",
                    "services": services(account, request),
                    "sender": address(request.sender, note=f"Ord. {request.order_number}"),
                    "receiver": address(request.recipient),
                },
            }
        ],
    }


def shipment_date(at: dt.datetime) -> str:
    """yyyy-MM-ddTHH:mm:ss.fff+0000, in UTC, as the C# client sends it."""
    utc = at.astimezone(dt.UTC)
    return f"{utc:%Y-%m-%dT%H:%M:%S}.{utc.microsecond // 1000:03d}+0000"


def declared(weight_g: int) -> dict[str, str]:
    height, length, width = DEFAULT_BOX_CM
    return {
        "weight": str(max(1, weight_g)),
        "height": str(height),
        "length": str(length),
        "width": str(width),
    }


def services(account: PosteAccount, request: LabelRequest) -> dict[str, dict[str, str]]:
    """Accessory services keyed by code: the account's own, several parcels (Multicollo) and
    cash on delivery once for the shipment (when it holds the order's first parcel)."""
    chosen: dict[str, dict[str, str]] = {code: {} for code in account.accessories}
    if len(request.parcels) > 1:
        chosen[MULTI_PARCEL] = {}
    if request.cod_amount and any(p.seq == 1 for p in request.parcels):
        amount = f"{request.cod_amount.quantize(Decimal('0.01'))}"
        chosen[COD_SERVICE] = {"amount": amount, "paymentMode": account.cod_mode}
    return chosen


def address(who: Address, note: str = "") -> dict[str, str]:
    street, number = split_house_number(who.street)
    phone = "".join(c for c in who.phone if c.isdigit() or c == "+")[:16]
    return {
        "nameSurname": (who.company or who.name)[:NAME_MAX],
        "contactName": who.name[:NAME_MAX] if who.company else "",
        "address": street[:STREET_MAX],
        "streetNumber": number,
        "zipCode": who.postcode,
        "city": who.city[:CITY_MAX],
        "province": who.province,
        "country": "ITA1" if (who.country or "IT").upper() == "IT" else who.country.upper(),
        "countryName": "Italia" if (who.country or "IT").upper() == "IT" else who.country,
        "email": who.email,
        "phone": phone,
        "cellphone": "",
        "addressId": "",
        "note1": note[:NOTE_MAX],
        "note2": "",
    }


def split_house_number(street: str) -> tuple[str, str]:
    """Poste keeps the house number apart, at most 4 characters: "Corso Garibaldi", "42"."""
    found = _HOUSE_NUMBER.match(street.strip())
    if found is None or len(found["number"]) > NUMBER_MAX:
        return street.strip(), ""
    return found["street"], found["number"]


def read_waybills(data: Any) -> list[CreatedWaybill] | Refusal | None:
    """The waybills created, in the order declared; Poste's refusal; None when unreadable."""
    if not isinstance(data, dict):
        return None
    refusal = _refusal(data.get("result"))
    if refusal is not None:
        return refusal
    items = data.get("waybills")
    if not isinstance(items, list) or not items:
        return None
    found = []
    for item in items:
        refusal = _refusal(item)
        if refusal is not None:
            return refusal
        code, url = str(item.get("code") or ""), str(item.get("downloadURL") or "")
        if not code or not url:
            return None
        found.append(CreatedWaybill(code, url))
    return found


def _refusal(result: Any) -> Refusal | None:
    if not isinstance(result, dict):
        return None
    code = str(result.get("errorCode") or "0")
    said = str(result.get("errorDescription") or "").strip()
    if code == "0" and said in ("", "OK"):
        return None
    return Refusal(code, said or f"code {code}")


def tracking_path(number: str) -> tuple[str, dict[str, str]]:
    """The C# client's GET: events described (E) for a business customer (DQ), all of them."""
    params = {
        "statusDescription": "E",
        "customerType": "DQ",
        "waybillNumber": number,
        "lastTracingState": "N",
    }
    return "postalandlogistics/parcel/tracking", params


# Poste's `phase` (upper case, as its examples: "IN TRANSITO") -> our status. Only "IN
# TRANSITO" appears in the clients; the rest are the phases Poste's public tracking page shows.
PHASES: dict[str, TrackStatus] = {
    "PRESA IN CARICO": "in_transit",
    "ACCETTATA": "in_transit",
    "IN TRANSITO": "in_transit",
    "IN CONSEGNA": "out_for_delivery",
    "IN GIACENZA": "held",
    "DISPONIBILE PER IL RITIRO": "held",
    "CONSEGNATA": "delivered",
    "CONSEGNATO": "delivered",
    "IN RESTITUZIONE": "returning",
    "RESTITUITA AL MITTENTE": "returning",
    "MANCATA CONSEGNA": "exception",
    "NON CONSEGNABILE": "exception",
}


def read_tracking(number: str, data: Any) -> Tracked | Refusal | None:
    answer = data.get("return") if isinstance(data, dict) else None
    if not isinstance(answer, dict):
        return None
    code = str(answer.get("code", "999"))
    if code != "0" or answer.get("outcome") != "OK":
        return Refusal(code, _first_message(answer) or f"code {code}")
    shipments = answer.get("shipment")
    if not isinstance(shipments, list) or len(shipments) != 1:
        return None
    events = [_event(e) for e in shipments[0].get("tracking") or [] if isinstance(e, dict)]
    return Tracked(number, tuple(sorted(events, key=lambda e: e.at.timestamp() if e.at else 0.0)))


def _event(item: Mapping[str, Any]) -> TrackEvent:
    phase = str(item.get("phase") or "").strip().upper()
    said = str(item.get("synthesisStatusDescription") or item.get("StatusDescription") or phase)
    return TrackEvent(
        _time(str(item.get("data") or "")),
        PHASES.get(phase, "unknown"),
        said.strip(),
        str(item.get("officeDescription") or "").strip(),
    )


def _time(text: str) -> dt.datetime | None:
    """`data` is "yyyy-MM-dd HH:mm:ss", Italian local time."""
    try:
        local = dt.datetime.strptime(text, "%Y-%m-%d %H:%M:%S")
    except ValueError:
        return None
    return local.replace(tzinfo=ROME)


def _first_message(answer: Mapping[str, Any]) -> str:
    for group in answer.get("messages") or []:
        for message in (group or {}).get("messages") or []:
            if isinstance(message, dict) and message.get("message"):
                return str(message["message"]).strip()
    return ""
