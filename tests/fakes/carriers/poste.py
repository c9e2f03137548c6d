"""A fake Poste Delivery Business REST API on 127.0.0.1.

Sources, part by part:
- Session (`POST user/sessions`): mlocati/MLPosteDeliveryExpress `Library/Service/
  JsonHttpClient.cs` and dinja-srl/poste-delivery-business-sdk `src/Request/BaseRequest.php`.
  Body {clientId, secretId, scope, grantType: client_credentials} with the `POSTE_clientID`
  header; answer {token_type: Bearer, expires_in, ext_expires_in, access_token}; a refusal
  {error: unauthorized_client, error_description, error_codes} (Azure AD's shape, which both
  clients read). Later calls send the token bare in `Authorization` beside `POSTE_clientID`.
- Waybill (`POST postalandlogistics/parcel/waybill`): the C# client's Waybill/Request and
  Waybill/Response classes and its test request (Test/Resources.resx): numbers sent as strings,
  `paperless` "false", one waybill answered per `declared` parcel when Multicollo (APT000945)
  is asked (its README), `result` {errorCode, errorDescription "OK"}, each waybill's `code` and
  `downloadURL` ("hostname, SAS token and file path"), COD as APT000918 {amount with 2 decimals,
  paymentMode CON|ACM|ABM}, the field limits in its Address/WaybillDataDeclared annotations
  (zip 5 digits for ITA1, province 2, street number 4, phone ^\\+?[0-9]{1,15}$, weight > 0).
- Tracking (`GET postalandlogistics/parcel/tracking?statusDescription=E&customerType=DQ&
  waybillNumber=...&lastTracingState=N`): the C# Tracking/Submitter.cs and Tracking/Response
  classes: {return: {code (0 OK, 100-199 formal, 200-299 business, 999 generic), outcome OK|KO,
  result OK|KO, messages: [{messages: [...]}], shipment: [{waybillNumber, product, tracking:
  [{data "yyyy-MM-dd HH:mm:ss", officeDescription, StatusDescription, phase, status, ...}]}]}}.
  A new waybill has no events and one message (the C# test's finding).
Guesses, since Poste's own documentation is not public: the refusals' codes and words, HTTP
200 for refusals and 401 for a bad or expired token, the label's barcode (Code 128 of the
waybill code) and layout, the code's 13 digits, a duplicate clientReferenceId refused, the
storage links served by this same server under /_blob/, phases other than "IN TRANSITO", and
the small CAP table standing for Poste's. Downtime and slow answers come from injected faults:
Poste publishes no maintenance windows.
"""

from __future__ import annotations

import io
import re
import secrets
from dataclasses import dataclass, field
from typing import Any

from reportlab.graphics.barcode import code128
from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.pdfgen import canvas

from tests.fakes.shops.base import Clock, FakeServer, Request, Response

BASE = "/gp/internet/"
TOKEN_LIFE_S = 3599
ROUTING = {
    "00": "RM", "10": "TO", "16": "GE", "20": "MI", "30": "VE", "40": "BO", "50": "FI",
    "70": "BA", "80": "NA", "95": "CT",
}  # fmt: skip
PHONE = re.compile(r"^\+?[0-9]{1,15}$")
PAGE_SIZES = {"A4": A4, "1011": (100 * mm, 110 * mm)}


@dataclass
class Waybill:
    code: str
    reference: str
    product: str
    services: dict[str, Any]
    weight_g: int
    receiver: dict[str, Any]
    print_format: str
    label: bytes = b""
    events: list[dict[str, str]] = field(default_factory=list)


class FakePoste(FakeServer):
    def __init__(
        self, client_id: str, secret: str, cost_center: str, scope: str, clock: Clock | None = None
    ) -> None:
        super().__init__(clock)
        self.account = (client_id, secret, cost_center, scope)
        self.tokens: dict[str, float] = {}  # token -> when it ends (the fake's clock)
        self.waybills: list[Waybill] = []
        self.next_code = 5_810_000_000_123
        self.routing = dict(ROUTING)
        self.blob_key = secrets.token_hex(8)

    @property
    def api_url(self) -> str:
        return f"{self.url}{BASE}"

    def handle(self, request: Request) -> Response:
        if request.path.startswith("/_blob/"):
            return self._blob(request)
        routes = {
            ("POST", "user/sessions"): self._session,
            ("POST", "postalandlogistics/parcel/waybill"): self._waybill,
            ("GET", "postalandlogistics/parcel/tracking"): self._tracking,
        }
        route = routes.get((request.method, request.path.removeprefix(BASE)))
        if route is None or not request.path.startswith(BASE):
            return Response(404, b'{"statusCode":404,"message":"Resource not found"}')
        if route != self._session and not self._authorised(request):
            return Response.json(
                401,
                {"statusCode": 401, "message": "Unauthorized. Access token is missing or invalid."},
            )
        return route(request)

    # -- session ---------------------------------------------------------------------------

    def _session(self, request: Request) -> Response:
        body = request.json() or {}
        client_id, secret, _, scope = self.account
        given = (body.get("clientId"), body.get("secretId"), body.get("scope"))
        header = request.headers.get("poste_clientid")
        if given != (client_id, secret, scope) or header != client_id:
            return Response.json(
                401,
                {
                    "error": "unauthorized_client",
                    "error_description": "AADSTS7000215: Invalid client secret provided.\r\n"
                    "Trace ID: 0000",
                    "error_codes": [7000215],
                },
            )
        token = secrets.token_urlsafe(24)
        self.tokens[token] = self.clock.now() + TOKEN_LIFE_S
        return Response.json(
            200,
            {
                "token_type": "Bearer",
                "expires_in": TOKEN_LIFE_S,
                "ext_expires_in": TOKEN_LIFE_S,
                "access_token": token,
            },
        )

    def _authorised(self, request: Request) -> bool:
        token = request.headers.get("authorization", "")
        ends = self.tokens.get(token)
        right_client = request.headers.get("poste_clientid") == self.account[0]
        return ends is not None and ends > self.clock.now() and right_client

    def expire_tokens(self) -> None:
        self.tokens.clear()

    # -- waybill ---------------------------------------------------------------------------

    def _waybill(self, request: Request) -> Response:
        body = request.json() or {}
        problem = self._check(body)
        if problem is not None:
            code, said = problem
            return Response.json(
                200,
                {
                    "channel": "WEBSERVICES",
                    "result": {"errorCode": code, "errorDescription": said},
                    "waybills": None,
                },
            )
        [wanted] = body["waybills"]
        data = wanted["data"]
        made = []
        for parcel in data["declared"]:
            code = f"{self.next_code:013d}"
            self.next_code += 1
            waybill = Waybill(
                code,
                wanted["clientReferenceId"],
                wanted["product"],
                data.get("services") or {},
                int(parcel["weight"]),
                data["receiver"],
                wanted["printFormat"],
            )
            waybill.label = _label(waybill, len(made) + 1, len(data["declared"]))
            self.waybills.append(waybill)
            made.append(waybill)
        return Response.json(
            200,
            {
                "channel": "WEBSERVICES",
                "contractCode": "C0000001",
                "result": {"errorCode": 0, "errorDescription": "OK"},
                "costCenterCode": body["costCenterCode"],
                "Paperless": False,
                "waybills": [self._created(w, request) for w in made],
            },
        )

    def _created(self, waybill: Waybill, request: Request) -> dict[str, Any]:
        host = request.url.split(BASE)[0]
        kind = "zpl" if waybill.print_format == "ZPL" else "pdf"
        link = f"{host}/_blob/ldv/{waybill.code}.{kind}?sv=2020-08-04&sr=b&sig={self.blob_key}"
        return {
            "code": waybill.code,
            "internationalCode": None,
            "internationalCode2": None,
            "downloadURL": link,
            "downloadUrlImg": None,
            "errorCode": 0,
            "errorDescription": "OK",
        }

    def _check(self, body: dict[str, Any]) -> tuple[int, str] | None:
        if body.get("costCenterCode") != self.account[2]:
            return 101, "Centro di costo non valido"
        waybills = body.get("waybills")
        if not isinstance(waybills, list) or len(waybills) != 1:
            return 102, "Elenco waybills non valido"
        wanted = waybills[0]
        if any(w.reference == wanted.get("clientReferenceId") for w in self.waybills):
            return 201, "clientReferenceId già utilizzato"
        if wanted.get("printFormat") not in ("A4", "1011", "ZPL"):
            return 103, "printFormat non valido"
        data = wanted.get("data") or {}
        declared = data.get("declared") or []
        if not declared or any(
            not str(d.get("weight", "")).isdigit() or int(d["weight"]) <= 0 for d in declared
        ):
            return 104, "Peso dichiarato non valido"
        services = data.get("services") or {}
        if len(declared) > 1 and "APT000945" not in services:
            return 105, "Più colli dichiarati senza il servizio Multicollo"
        cod = services.get("APT000918")
        if cod is not None and (
            not re.fullmatch(r"\d+\.\d{2}", str(cod.get("amount")))
            or cod.get("paymentMode") not in ("CON", "ACM", "ABM")
        ):
            return 106, "Contrassegno: importo o modalità di pagamento non validi"
        return _check_receiver(data.get("receiver") or {}, self.routing)

    # -- labels ----------------------------------------------------------------------------

    def _blob(self, request: Request) -> Response:
        found = re.fullmatch(r"/_blob/ldv/(\d+)\.(pdf|zpl)", request.path)
        waybill = next((w for w in self.waybills if found and w.code == found[1]), None)
        if waybill is None or request.arg("sig") != self.blob_key:
            return Response(403, b"<Error><Code>AuthenticationFailed</Code></Error>")
        kind = "application/pdf" if found and found[2] == "pdf" else "text/plain"
        return Response(200, waybill.label, {"Content-Type": kind})

    # -- tracking --------------------------------------------------------------------------

    def _tracking(self, request: Request) -> Response:
        number = request.arg("waybillNumber") or ""
        waybill = next((w for w in self.waybills if w.code == number), None)
        if waybill is None:
            message = {"code": "E201", "message": "Spedizione non trovata", "severity": 2}
            return Response.json(
                200,
                {"return": {"code": 201, "outcome": "KO", "result": "KO", "shipment": [],
                            "messages": [{"messages": [message]}]}},
            )  # fmt: skip
        note = {"code": "I001", "message": "Nessun evento di tracciatura", "severity": 0}
        shipment = {
            "waybillNumber": waybill.code,
            "product": "Poste Delivery Business Standard",
            "NotificationFlag": "S",
            "returnFlag": "N",
            "tracking": waybill.events,
        }
        return Response.json(
            200,
            {"return": {"code": 0, "outcome": "OK", "result": "OK", "shipment": [shipment],
                        "messages": [{"messages": [] if waybill.events else [note]}]}},
        )  # fmt: skip

    def add_event(self, code: str, when: str, phase: str, said: str, office: str) -> None:
        """What Poste's network records for a waybill (tests move parcels along with it)."""
        waybill = next(w for w in self.waybills if w.code == code)
        waybill.events.append(
            {"data": when, "officeDescription": office, "StatusDescription": said,
             "appStatusDescription": said, "ivrStatusDescription": said,
             "synthesisStatusDescription": f"{said} ({office})", "phase": phase,
             "officeId": "CP", "status": "PCP"}
        )  # fmt: skip


def _check_receiver(receiver: dict[str, Any], routing: dict[str, str]) -> tuple[int, str] | None:
    zip_code, province = str(receiver.get("zipCode") or ""), str(receiver.get("province") or "")
    if receiver.get("country") != "ITA1":
        return 107, "Nazione del destinatario non valida"
    if not re.fullmatch(r"\d{5}", zip_code) or routing.get(zip_code[:2]) != province:
        return 202, f"CAP {zip_code} non coerente con la provincia {province}"
    if len(str(receiver.get("streetNumber") or "")) > 4:
        return 108, "Numero civico oltre 4 caratteri"
    if not str(receiver.get("nameSurname") or "").strip() or len(receiver["nameSurname"]) > 35:
        return 109, "Nome e cognome del destinatario mancante o troppo lungo"
    phone = str(receiver.get("phone") or "")
    if phone and not PHONE.fullmatch(phone):
        return 110, "Telefono del destinatario non valido"
    return None


def _label(waybill: Waybill, n: int, count: int) -> bytes:
    receiver = waybill.receiver
    if waybill.print_format == "ZPL":
        return (
            "^XA^CI28\n"
            f"^FO30,30^A0N,40,40^FDPoste Delivery Business^FS\n"
            f"^FO30,90^A0N,30,30^FD{receiver.get('nameSurname', '')}^FS\n"
            f"^FO30,130^A0N,30,30^FD{receiver.get('zipCode', '')} {receiver.get('city', '')}^FS\n"
            f"^FO30,170^A0N,30,30^FD{n}/{count}  {waybill.weight_g} g^FS\n"
            f"^FO30,230^BY3^BCN,150,Y,N,N^FD{waybill.code}^FS\n"
            "^XZ\n"
        ).encode()
    out = io.BytesIO()
    page = canvas.Canvas(out, pagesize=PAGE_SIZES[waybill.print_format])
    page.setFont("Helvetica-Bold", 11)
    page.drawString(8 * mm, 100 * mm, "Poste Delivery Business")
    page.setFont("Helvetica", 9)
    page.drawString(8 * mm, 94 * mm, str(receiver.get("nameSurname", "")))
    page.drawString(8 * mm, 90 * mm, f"{receiver.get('zipCode', '')} {receiver.get('city', '')}")
    page.drawString(8 * mm, 86 * mm, f"{n}/{count}   {waybill.weight_g} g")
    if "APT000918" in waybill.services:
        page.drawString(
            8 * mm, 82 * mm, f"CONTRASSEGNO EUR {waybill.services['APT000918']['amount']}"
        )
    code128.Code128(waybill.code, barHeight=22 * mm, barWidth=0.4 * mm).drawOn(
        page, 6 * mm, 40 * mm
    )
    page.drawString(8 * mm, 34 * mm, waybill.code)
    page.showPage()
    page.save()
    return out.getvalue()
