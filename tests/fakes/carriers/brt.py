"""A fake BRT Shipment REST API v1 on 127.0.0.1, as BRT's own documentation describes it.

Source: "Brt Rest API Shipment" (BRT SpA 2021), the copy bundled in the public repository
maxpalermo/mpbrtrestapishipments_v8 `docs/ShipmentApiV00_ws*.html`: createRequest/-Response,
confirmData, deleteData, routingData, label, and executionMessage's codes:
  -7 login failed, -57 login data missing, -63 routing error, -67 senderCustomerCode not
  linked to account.userID, -68 wrong or inconsistent data, -101 shipment cannot be confirmed
  (also: an auto-confirm customer calling confirm), -102 already confirmed, -151 never
  created, -152 already taken by the branch; warning 4: ZIP/city normalised.
Also from those pages: the account in every body; segnacolli consecutive from the customer's
series; `parcelID` is the 18-digit Code 128 on the label (depot 3 + arrival depot 3 + series 2
+ number 7 + zone 2 + 1 final digit, whose algorithm BRT does not publish: this fake's is its
own); labels base64, PDF or ZPL, one per parcel; explicit confirmation not before 5 minutes
after create; services down daily 02:30-03:00 and Sundays 09:30-15:00 CET.
Tracking ("Brt Rest API Tracking", BrtRestApiTracking_ws*.html in the same copy): GET
/rest/v1/tracking/parcelID/{parcelID} with userID and password as headers, answered with
ttParcelIdResponse {executionMessage, bolla, contatore_eventi, lista_eventi: [{evento: {data
"dd.mm.yyyy", ora "hh.mm", id, descrizione, filiale}}]}, newest first and padded with empty
events as in BRT's example; data exist only once the branch has the shipment.
Not documented, so chosen here: tracking's code -1 for a parcel BRT has no data for; every
answer is HTTP 200 with the executionMessage (a 503
during the maintenance windows); the small routing table below stands for BRT's cappario.
"""

from __future__ import annotations

import base64
import datetime as dt
import io
from dataclasses import dataclass, field
from typing import Any
from zoneinfo import ZoneInfo

from reportlab.graphics.barcode import code128
from reportlab.lib.units import mm
from reportlab.pdfgen import canvas

from tests.fakes.shops.base import Clock, FakeServer, Request, Response

ROME = ZoneInfo("Europe/Rome")
CONFIRM_AFTER_S = 5 * 60
TRACKING_PATH = "/rest/v1/tracking/parcelID/"
# ZIP prefix -> provinces, arrival depot, delivery zone: a corner of BRT's cappario.
ROUTING = {
    "00": ({"RM"}, "001", "20"),
    "10": ({"TO"}, "007", "31"),
    "16": ({"GE"}, "060", "12"),
    "20": ({"MI", "MB"}, "016", "10"),
    "40": ({"BO"}, "050", "41"),
    "50": ({"FI"}, "070", "22"),
    "80": ({"NA"}, "099", "72"),
    "95": ({"CT"}, "091", "55"),
}
ERRORS = {
    -7: "Login fallito",
    -57: "Parametro mancante per il login",
    -63: "Errore in calcolo instradamento",
    -67: "Errore su User/Account",
    -68: "Dato errato o inconsistente",
    -101: "Spedizione non confermabile",
    -102: "Spedizione già confermata",
    -151: "Spedizione mai creata oppure creata oltre 40 giorni prima",
    -152: "Spedizione già in presa in gestione dalla filiale",
}


@dataclass
class Customer:
    user_id: str
    password: str
    customer_code: int
    departure_depot: int
    mode: str = "auto"  # or "explicit"
    series: int = 4
    next_number: int = 321_962


@dataclass
class Shipment:
    customer: int
    reference: tuple[int, str]
    parcel_ids: list[str]
    created_at: float
    cod: float
    confirmed: bool = False
    taken: bool = False  # the branch took it in hand: no delete any more
    deleted: bool = False
    labels: list[bytes] = field(default_factory=list)  # as sent, decoded
    events: list[dict[str, str]] = field(default_factory=list)  # BRT's tracking, oldest first


class FakeBrt(FakeServer):
    """`customers` by userID; `shipments` as BRT holds them."""

    def __init__(self, *customers: Customer, clock: Clock | None = None) -> None:
        super().__init__(clock)
        self.customers = {c.user_id: c for c in customers}
        self.routing = dict(ROUTING)  # a test takes a ZIP area out to have an address refused
        self.shipments: list[Shipment] = []

    def handle(self, request: Request) -> Response:
        if self._maintenance():
            return Response(
                503, b"<html>Servizio in manutenzione</html>", {"Content-Type": "text/html"}
            )
        routes = {
            ("POST", "/rest/v1/shipments/shipment"): (self._create, "createResponse"),
            ("PUT", "/rest/v1/shipments/shipment"): (self._confirm, "confirmResponse"),
            ("PUT", "/rest/v1/shipments/delete"): (self._delete, "deleteResponse"),
            ("PUT", "/rest/v1/shipments/routing"): (self._routing, "routingResponse"),
        }
        if request.method == "GET" and request.path.startswith(TRACKING_PATH):
            return self._tracking(request)
        route = routes.get((request.method, request.path))
        if route is None:
            return Response(404, b"Not Found", {"Content-Type": "text/plain"})
        action, envelope = route
        body = request.json() or {}
        customer, code = self._login(body.get("account"))
        answer = action(customer, body) if customer is not None else _failure(code)
        return Response.json(200, {envelope: {"currentTimeUTC": self._now().isoformat(), **answer}})

    # -- the operations ------------------------------------------------------------------

    def _create(self, customer: Customer, body: dict[str, Any]) -> dict[str, Any]:
        data = body.get("createData") or {}
        problem = self._check_data(customer, data)
        if problem is not None:
            return problem
        routed = _route(self.routing, data)
        if isinstance(routed, dict):
            return routed
        depot, zone = routed
        count = int(data["numberOfParcels"])
        first = customer.next_number
        customer.next_number += count
        ids = [_parcel_id(customer, depot, zone, first + n) for n in range(count)]
        self.shipments.append(
            Shipment(
                customer.customer_code,
                _reference(data),
                ids,
                self.clock.now(),
                float(data.get("cashOnDelivery") or 0),
                confirmed=customer.mode == "auto",
            )
        )
        answer = {
            **_success(),
            "arrivalTerminal": depot,
            "arrivalDepot": depot,
            "deliveryZone": zone,
            "parcelNumberFrom": f"{first:07d}",
            "parcelNumberTo": f"{first + count - 1:07d}",
            "departureDepot": customer.departure_depot,
            "seriesNumber": customer.series,
            "serviceType": data.get("serviceType") or "C",
            "consigneeCompanyName": data.get("consigneeCompanyName"),
            "consigneeZIPCode": data.get("consigneeZIPCode"),
            "numberOfParcels": count,
            "weightKG": data.get("weightKG"),
            "volumeM3": data.get("volumeM3", 0),
        }
        if str(body.get("isLabelRequired")) == "1":
            kind = str((body.get("labelParameters") or {}).get("outputType") or "PDF").upper()
            labels = [_label(kind, pid, data, n + 1, count) for n, pid in enumerate(ids)]
            self.shipments[-1].labels = [base64.b64decode(label["stream"]) for label in labels]
            answer["labels"] = {"label": labels}
        return answer

    def _confirm(self, customer: Customer, body: dict[str, Any]) -> dict[str, Any]:
        shipment = self._find(customer, body.get("confirmData") or {})
        if shipment is None:
            return _failure(-151)
        if customer.mode == "auto":
            return _failure(-101, "Cliente configurato per la conferma automatica")
        if shipment.confirmed:
            return _failure(-102)
        if self.clock.now() - shipment.created_at < CONFIRM_AFTER_S:
            return _failure(-101, "Conferma possibile dopo 5 minuti dalla creazione")
        shipment.confirmed = True
        return _success()

    def _delete(self, customer: Customer, body: dict[str, Any]) -> dict[str, Any]:
        shipment = self._find(customer, body.get("deleteData") or {})
        if shipment is None:
            return _failure(-151)
        if shipment.taken:
            return _failure(-152)
        shipment.deleted = True
        return _success()

    def _routing(self, customer: Customer, body: dict[str, Any]) -> dict[str, Any]:
        data = body.get("routingData") or {}
        routed = _route(self.routing, data)
        if isinstance(routed, dict):
            return routed
        depot, zone = routed
        return {**_success(), "arrivalTerminal": depot, "arrivalDepot": depot, "deliveryZone": zone}

    def _tracking(self, request: Request) -> Response:
        account = {k: request.headers.get(k.lower()) for k in ("userID", "password")}
        customer, code = self._login(account)
        parcel_id = request.path.removeprefix(TRACKING_PATH)
        shipment = next((s for s in self.live() if parcel_id in s.parcel_ids), None)
        if customer is None:
            answer = _failure(code)
        elif shipment is None or shipment.customer != customer.customer_code or not shipment.taken:
            answer = _failure(-1, f"Nessun dato di tracking per il segnacollo {parcel_id}")
        else:
            padding = [
                {"evento": dict.fromkeys(("data", "ora", "id", "descrizione", "filiale"), "")}
            ]
            listed = [{"evento": e} for e in reversed(shipment.events)] + padding * 3
            answer = {**_success(), "esito": 0, "contatore_eventi": len(shipment.events),
                      "lista_eventi": listed, "contatore_note": 0, "lista_note": []}  # fmt: skip
        now = self._now().isoformat()
        return Response.json(200, {"ttParcelIdResponse": {"currentTimeUTC": now, **answer}})

    def add_event(self, parcel_id: str, when: str, event_id: str, said: str) -> None:
        """BRT's branch records an event ("15.09.2020 11.46"): the shipment is in its hands."""
        shipment = next(s for s in self.live() if parcel_id in s.parcel_ids)
        shipment.taken = True
        day, hour = when.split()
        shipment.events.append(
            {"data": day, "ora": hour, "id": event_id, "descrizione": said,
             "filiale": "MILANO (016)"}
        )  # fmt: skip

    # -- helpers ---------------------------------------------------------------------------

    def live(self) -> list[Shipment]:
        return [s for s in self.shipments if not s.deleted]

    def _login(self, account: Any) -> tuple[Customer | None, int]:
        if (
            not isinstance(account, dict)
            or not account.get("userID")
            or not account.get("password")
        ):
            return None, -57
        customer = self.customers.get(str(account["userID"]))
        if customer is None or customer.password != account["password"]:
            return None, -7
        return customer, 0

    def _check_data(self, customer: Customer, data: dict[str, Any]) -> dict[str, Any] | None:
        if data.get("senderCustomerCode") != customer.customer_code:
            return _failure(-67)
        if data.get("departureDepot") != customer.departure_depot:
            return _failure(-68, "departureDepot non valido per il cliente")
        if not data.get("numericSenderReference"):
            return _failure(-68, "numericSenderReference obbligatorio")
        count = data.get("numberOfParcels")
        if not isinstance(count, int) or not 1 <= count <= 30:
            return _failure(-68, "numberOfParcels deve essere tra 1 e 30")
        if len(str(data.get("consigneeAddress") or "")) > 35:
            return _failure(-68, "consigneeAddress oltre 35 caratteri")
        return None

    def _find(self, customer: Customer, keys: dict[str, Any]) -> Shipment | None:
        wanted = _reference(keys)
        for shipment in reversed(self.shipments):
            mine = shipment.customer == customer.customer_code and not shipment.deleted
            if mine and shipment.reference == wanted:
                return shipment
        return None

    def _now(self) -> dt.datetime:
        return dt.datetime.fromtimestamp(self.clock.now(), dt.UTC)

    def _maintenance(self) -> bool:
        local = self._now().astimezone(ROME)
        hm = (local.hour, local.minute)
        daily = (2, 30) <= hm < (3, 0)
        sunday = local.weekday() == 6 and (9, 30) <= hm < (15, 0)
        return daily or sunday


def _route(
    routing: dict[str, tuple[set[str], str, str]], data: dict[str, Any]
) -> tuple[str, str] | dict[str, Any]:
    zip_code = str(data.get("consigneeZIPCode") or "")
    province = str(data.get("consigneeProvinceAbbreviation") or "").upper()
    entry = routing.get(zip_code[:2]) if len(zip_code) == 5 and zip_code.isdigit() else None
    if entry is None:
        return _failure(-63, f"CAP {zip_code or '(vuoto)'} inesistente")
    provinces, depot, zone = entry
    if province not in provinces:
        return _failure(
            -63, f"Provincia {province or '(vuota)'} non coerente con il CAP {zip_code}"
        )
    return depot, zone


def _reference(data: dict[str, Any]) -> tuple[int, str]:
    return int(data.get("numericSenderReference") or 0), str(
        data.get("alphanumericSenderReference") or ""
    )


def _parcel_id(customer: Customer, depot: str, zone: str, number: int) -> str:
    body = f"{customer.departure_depot:03d}{depot}{customer.series:02d}{number:07d}{zone}"
    return body + str(sum(int(c) for c in body) % 10)


def _success() -> dict[str, Any]:
    return {"executionMessage": {"code": 0, "severity": "INFO", "codeDesc": "OK", "message": ""}}


def _failure(code: int, message: str = "") -> dict[str, Any]:
    return {
        "executionMessage": {
            "code": code,
            "severity": "ERROR",
            "codeDesc": ERRORS.get(code, "Errore generico"),
            "message": message,
        }
    }


def _label(kind: str, parcel_id: str, data: dict[str, Any], n: int, count: int) -> dict[str, Any]:
    document = _zpl(parcel_id, data, n, count) if kind == "ZPL" else _pdf(parcel_id, data, n, count)
    stream = base64.b64encode(document).decode("ascii")
    return {"dataLength": len(stream), "parcelID": parcel_id, "stream": stream}


def _zpl(parcel_id: str, data: dict[str, Any], n: int, count: int) -> bytes:
    """BRT's sample layout (ZPL): arrival depot reversed, zone boxed, Code 128 subset C."""
    return (
        "^XA^CI28\n"
        f"^FO20,20^A0N,80,80^FR^FD{parcel_id[3:6]}^FS\n"
        f"^FO300,20^GB90,80,80^FS^FO310,30^A0N,60,60^FR^FD{parcel_id[15:17]}^FS\n"
        f"^FO20,120^A0N,30,30^FD{data.get('consigneeCompanyName', '')}^FS\n"
        f"^FO20,160^A0N,30,30^FD{data.get('consigneeZIPCode', '')} {data.get('consigneeCity', '')}^FS\n"
        f"^FO20,200^A0N,30,30^FD{n}-{count}  KG. {data.get('weightKG')}^FS\n"
        f"^FO20,250^BY3^BCN,120,N,N,N^FD>;{parcel_id}^FS\n"
        "^XZ\n"
    ).encode()


def _pdf(parcel_id: str, data: dict[str, Any], n: int, count: int) -> bytes:
    """One 95 x 65 mm page, the size BRT's documentation gives for its label."""
    out = io.BytesIO()
    page = canvas.Canvas(out, pagesize=(95 * mm, 65 * mm))
    page.setFont("Helvetica-Bold", 22)
    page.drawString(5 * mm, 55 * mm, f"{parcel_id[3:6]}   {parcel_id[15:17]}")
    page.setFont("Helvetica", 8)
    page.drawString(5 * mm, 50 * mm, str(data.get("consigneeCompanyName", "")))
    page.drawString(
        5 * mm, 46 * mm, f"{data.get('consigneeZIPCode', '')} {data.get('consigneeCity', '')}"
    )
    page.drawString(5 * mm, 42 * mm, f"{n}-{count}   KG. {data.get('weightKG')}")
    barcode = code128.Code128(parcel_id, barHeight=18 * mm, barWidth=0.33 * mm)
    barcode.drawOn(page, 3 * mm, 12 * mm)
    page.drawString(5 * mm, 6 * mm, f"{parcel_id[6:8]}-{parcel_id[8:12]} {parcel_id[12:15]}")
    page.showPage()
    page.save()
    return out.getvalue()
