"""A fake UPS on 127.0.0.1: OAuth client credentials, the Shipping API's ship and void.

Follows UPS's own OpenAPI specifications (github.com/UPS-API/api-documentation):
  OAuthClientCredentials.yaml: `POST /security/v1/oauth/token`, form `grant_type=
    client_credentials`, the client id and secret as HTTP Basic; answers `access_token`,
    `token_type`, `issued_at` (ms), `expires_in` (s), `status` "approved".
  Shipping.yaml: `POST /api/shipments/{version}/ship` with a Bearer token and a
    `ShipmentRequest` (Shipper with ShipperNumber, ShipTo, Service.Code, Package[] with
    PackageWeight, LabelSpecification.LabelImageFormat.Code GIF/ZPL/EPL/SPL, anything else
    refused); answers
    `ShipmentResponse.ShipmentResults` with ShipmentIdentificationNumber and PackageResults[]
    (TrackingNumber, ShippingLabel.ImageFormat and base64 GraphicImage).
    `DELETE /api/shipments/{version}/void/cancel/{shipmentidentificationnumber}` answers
    `VoidShipmentResponse` with ResponseStatus Code "1" and SummaryResult.Status.
  Errors, all shapes from the specs: `{"response": {"errors": [{"code", "message"}]}}`.
Not in the specs, so chosen here: the 1Z numbers (shipper number + service + a counter, check
digit as UPS computes it), the shipment number being its first package's 1Z, the error codes
and words (10401 for a wrong client, 120802 for an address UPS cannot serve, 190102 for a
shipment that cannot be voided, 120415 for a label format the spec does not list), the small postcode table standing for UPS's, a GIF label of
1200×800 with the 1Z as Code 128, and leniency where the spec wants digits: a Dimensions value
that is not a number is taken as absent (karrio sends "None" for a parcel without dimensions).
"""

from __future__ import annotations

import base64
import io
import itertools
import secrets
from dataclasses import dataclass, field
from typing import Any

from barcode import Code128
from barcode.writer import ImageWriter
from PIL import Image

from tests.fakes.shops.base import Clock, FakeServer, Request, Response

# Postcode areas UPS serves in this fake (first two digits -> city).
SERVED = {"00": "ROMA", "10": "TORINO", "20": "MILANO", "80": "NAPOLI"}
TOKEN_LIFE_S = 14_399
# Shipping.yaml, LabelImageFormat.Code: "For shipments without return service the valid value is
# GIF, ZPL, EPL and SPL".
LABEL_CODES = ("GIF", "ZPL", "EPL", "SPL")


@dataclass
class UpsShipment:
    number: str  # ShipmentIdentificationNumber: the lead package's 1Z
    packages: list[str]
    reference: str
    labels: list[bytes]
    label_format: str
    cod: str | None = None
    voided: bool = False
    picked_up: bool = False
    body: dict[str, Any] = field(default_factory=dict)


class FakeUps(FakeServer):
    def __init__(
        self, client_id: str, client_secret: str, shipper: str, clock: Clock | None = None
    ) -> None:
        super().__init__(clock)
        self.client = (client_id, client_secret)
        self.shipper = shipper
        self.tokens: dict[str, float] = {}
        self.shipments: list[UpsShipment] = []
        self.served = dict(SERVED)
        self._counter = itertools.count(1)

    def live(self) -> list[UpsShipment]:
        return [s for s in self.shipments if not s.voided]

    def handle(self, request: Request) -> Response:
        parts = request.path.strip("/").split("/")
        if request.path == "/security/v1/oauth/token" and request.method == "POST":
            return self._token(request)
        if not self._authorised(request):
            return _errors(401, "250002", "Invalid Authentication Information.")
        if parts[:2] == ["api", "shipments"] and parts[-1] == "ship" and request.method == "POST":
            return self._ship(request.json())
        if parts[:2] == ["api", "shipments"] and parts[3:5] == ["void", "cancel"]:
            return self._void(parts[5] if len(parts) > 5 else "")
        return _errors(404, "10404", "Resource not found")

    # -- OAuth --------------------------------------------------------------------------------

    def _token(self, request: Request) -> Response:
        given = _basic(request.headers.get("authorization", ""))
        form = dict(p.split("=", 1) for p in request.body.decode().split("&") if "=" in p)
        if given != self.client or form.get("grant_type") != "client_credentials":
            return _errors(401, "10401", "ClientId is Invalid")
        token = secrets.token_urlsafe(24)
        now = self.clock.now()
        self.tokens[token] = now + TOKEN_LIFE_S
        return Response.json(
            200,
            {
                "token_type": "Bearer",
                "issued_at": str(int(now * 1000)),
                "client_id": self.client[0],
                "access_token": token,
                "expires_in": str(TOKEN_LIFE_S),
                "status": "approved",
            },
        )

    def _authorised(self, request: Request) -> bool:
        auth = request.headers.get("authorization", "")
        token = auth[7:] if auth.startswith("Bearer ") else ""
        return self.tokens.get(token, 0) > self.clock.now()

    # -- Ship ---------------------------------------------------------------------------------

    def _ship(self, body: dict[str, Any]) -> Response:
        shipment = ((body or {}).get("ShipmentRequest") or {}).get("Shipment") or {}
        shipper = (shipment.get("Shipper") or {}).get("ShipperNumber")
        if shipper != self.shipper:
            return _errors(400, "120100", "Missing or invalid shipper number")
        to = (shipment.get("ShipTo") or {}).get("Address") or {}
        if self.served.get(str(to.get("PostalCode", ""))[:2]) != str(to.get("City", "")).upper():
            return _errors(400, "120802", "Address Validation Error on ShipTo address")
        packages = shipment.get("Package") or []
        if isinstance(packages, dict):
            packages = [packages]
        if not packages or not all(_weight(p) > 0 for p in packages):
            return _errors(400, "120500", "Missing or invalid package weight")
        cod = ((shipment.get("ShipmentServiceOptions") or {}).get("COD") or {}).get("CODAmount")
        if cod is not None and not _number(cod.get("MonetaryValue")):
            return _errors(400, "121010", "Invalid COD amount")
        spec = (body["ShipmentRequest"].get("LabelSpecification") or {}).get("LabelImageFormat")
        fmt = str((spec or {}).get("Code") or "")
        if fmt not in LABEL_CODES:
            return _errors(400, "120415", f"Invalid label image format code: {fmt}")
        service = str((shipment.get("Service") or {}).get("Code") or "11")
        numbers = [self._next_1z(service) for _ in packages]
        labels = [_label(n, i, len(numbers), to, fmt) for i, n in enumerate(numbers, start=1)]
        ref = str((shipment.get("ReferenceNumber") or {}).get("Value") or "")
        self.shipments.append(
            UpsShipment(
                numbers[0], numbers, ref, labels, fmt, cod and cod.get("MonetaryValue"), body=body
            )
        )
        image = "ZPL" if fmt == "ZPL" else "GIF"
        results = [
            {
                "TrackingNumber": n,
                "ShippingLabel": {
                    "ImageFormat": {"Code": image, "Description": image},
                    "GraphicImage": base64.b64encode(label).decode(),
                },
            }
            for n, label in zip(numbers, labels, strict=True)
        ]
        return Response.json(
            200,
            {
                "ShipmentResponse": {
                    "Response": {"ResponseStatus": {"Code": "1", "Description": "Success"}},
                    "ShipmentResults": {
                        "ShipmentIdentificationNumber": numbers[0],
                        "PackageResults": results,
                    },
                }
            },
        )

    def _next_1z(self, service: str) -> str:
        body = f"{self.shipper}{service.zfill(2)[-2:]}{next(self._counter):07d}"
        return f"1Z{body}{_check_digit(body)}"

    # -- Void ---------------------------------------------------------------------------------

    def _void(self, number: str) -> Response:
        found = [s for s in self.live() if s.number == number and not s.picked_up]
        if not found:
            return _errors(400, "190102", "No shipment found within the allowed void period")
        found[0].voided = True
        return Response.json(
            200,
            {
                "VoidShipmentResponse": {
                    "Response": {"ResponseStatus": {"Code": "1", "Description": "Success"}},
                    "SummaryResult": {"Status": {"Code": "1", "Description": "Voided"}},
                }
            },
        )


def _errors(status: int, code: str, message: str) -> Response:
    return Response.json(status, {"response": {"errors": [{"code": code, "message": message}]}})


def _basic(header: str) -> tuple[str, str] | None:
    if not header.lower().startswith("basic "):
        return None
    user, _, password = base64.b64decode(header[6:]).decode().partition(":")
    return user, password


def _number(value: Any) -> bool:
    try:
        return float(str(value)) >= 0
    except ValueError:
        return False


def _weight(package: dict[str, Any]) -> float:
    value = str((package.get("PackageWeight") or {}).get("Weight") or "0")
    return float(value) if _number(value) else 0.0


def _check_digit(body: str) -> str:
    """The 1Z check digit: letters as (ord - 63) % 10, odd places once and even twice."""
    digits = [int(c) if c.isdigit() else (ord(c) - 63) % 10 for c in body]
    total = sum(d if i % 2 == 0 else 2 * d for i, d in enumerate(digits))
    return str((10 - total % 10) % 10)


def _label(number: str, seq: int, count: int, to: dict[str, Any], fmt: str) -> bytes:
    if fmt == "ZPL":
        return (
            f"^XA^CI28^FO40,40^A0N,40,40^FD{to.get('City', '')} {to.get('PostalCode', '')}^FS"
            f"^FO40,100^A0N,30,30^FD{seq} OF {count}^FS"
            f"^FO60,200^BY3^BCN,180,Y,N,N^FD{number}^FS^XZ"
        ).encode()
    bars = Code128(number, writer=ImageWriter()).render(
        {"module_width": 0.35, "module_height": 18.0, "dpi": 203, "font_size": 0}
    )
    page = Image.new("L", (1200, 800), 255)  # UPS's GIF is landscape; karrio turns it upright
    page.paste(bars.convert("L"), (60, 300))
    out = io.BytesIO()
    page.save(out, "GIF")
    return out.getvalue()
