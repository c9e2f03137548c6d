"""A fake DHL Express MyDHL API on 127.0.0.1: create shipment and address validation.

Follows DHL's MyDHL API specification as published in the client generated from it
(github.com/defuzzy-labs/dhl_express_client, docs/ShipmentApi.md, docs/AddressApi.md and the
SupermodelIoLogisticsExpress* models), and carriers-and-returns.md §4:
  HTTP Basic authentication on every call.
  `POST /shipments`: `customerDetails.shipperDetails/receiverDetails` (postalAddress,
    contactInformation), `accounts[]` (typeCode "shipper", number), `productCode`,
    `content.packages[]` (weight, dimensions), `outputImageProperties` (encodingFormat pdf or
    zpl, imageOptions[] of typeCode label/waybillDoc with isRequested). Answers
    `shipmentTrackingNumber` (the AWB), `trackingUrl`, `packages[]` (referenceNumber,
    trackingNumber: the piece ID) and `documents[]` (imageFormat, content base64, typeCode
    "label"): by default one file holding the transport label (a page per piece) followed by the
    waybill document, unless the waybill document is asked with isRequested false.
  `GET /address-validate?type&countryCode&postalCode&cityName`: `address[]` with
    countryCode, postalCode, cityName and serviceArea.
  Errors: `{instance, detail, title, message, status, additionalDetails}`.
  The spec marks an `x-version` header as required (2.12.0 in that client); karrio's MyDHL
  connector sends none, and this fake takes the request anyway (it records the header in
  `versions`): whether DHL refuses a call without it is not known here.
Not in the spec, so chosen here: AWB and piece ID numbering (10 digits; "JD01" + 18 digits),
the labels' drawing (each page a Code 128 of its piece ID and one of the AWB), the error
details' words (DHL's own "1001"-style codes in additionalDetails are not reproduced), and
the small postcode table standing for DHL's service areas.
"""

from __future__ import annotations

import base64
import io
import itertools
from dataclasses import dataclass
from typing import Any

from reportlab.graphics.barcode import code128
from reportlab.lib.units import inch, mm
from reportlab.pdfgen import canvas

from tests.fakes.shops.base import Clock, FakeServer, Request, Response

SERVICE_AREAS = {"00": "ROM", "10": "TRN", "20": "MIL", "80": "NAP"}


@dataclass
class DhlShipment:
    awb: str
    pieces: list[str]
    account: str
    product: str
    label: bytes
    encoding: str
    body: dict[str, Any]


class FakeMyDhl(FakeServer):
    def __init__(
        self, username: str, password: str, account: str, clock: Clock | None = None
    ) -> None:
        super().__init__(clock)
        self.credentials = (username, password)
        self.account = account
        self.shipments: list[DhlShipment] = []
        self.service_areas = dict(SERVICE_AREAS)
        self.versions: list[str | None] = []
        self.towns: list[str] = []  # cityName of each address validation
        self._awbs = itertools.count(4_600_000_001)
        self._pieces = itertools.count(1)

    def handle(self, request: Request) -> Response:
        self.versions.append(request.headers.get("x-version"))
        instance = f"/expressapi{request.path.removeprefix('/mydhlapi')}"
        if _basic(request.headers.get("authorization", "")) != self.credentials:
            return _error(401, instance, "Unauthorized", "Invalid Credentials")
        if request.path.endswith("/shipments") and request.method == "POST":
            return self._create(request.json() or {}, instance)
        if request.path.endswith("/address-validate") and request.method == "GET":
            return self._validate(request, instance)
        return _error(404, instance, "Not Found", "Resource not found")

    def _create(self, body: dict[str, Any], instance: str) -> Response:
        accounts = {a.get("typeCode"): a.get("number") for a in body.get("accounts") or []}
        if accounts.get("shipper") != self.account:
            return _error(400, instance, "Bad request", "Invalid shipper account number")
        receiver = (body.get("customerDetails") or {}).get("receiverDetails") or {}
        area = self._area(receiver.get("postalAddress") or {})
        if area is None:
            postcode = (receiver.get("postalAddress") or {}).get("postalCode")
            detail = f"The receiver postal code {postcode} is not served by DHL Express"
            return _error(422, instance, "Unprocessable Entity", detail)
        packages = (body.get("content") or {}).get("packages") or []
        if not packages or not all(float(p.get("weight") or 0) > 0 for p in packages):
            return _error(400, instance, "Bad request", "Package weight is missing")
        awb = str(next(self._awbs))
        pieces = [f"JD01{next(self._pieces):018d}" for _ in packages]
        image = body.get("outputImageProperties") or {}
        encoding = str(image.get("encodingFormat") or "pdf").lower()
        waybill = not any(
            o.get("typeCode") == "waybillDoc" and o.get("isRequested") is False
            for o in image.get("imageOptions") or []
        )
        label = _labels(awb, pieces, area, encoding, waybill)
        self.shipments.append(
            DhlShipment(
                awb, pieces, self.account, str(body.get("productCode")), label, encoding, body
            )
        )
        return Response.json(
            201,
            {
                "url": f"https://express.api.dhl.com/mydhlapi/shipments/{awb}",
                "shipmentTrackingNumber": awb,
                "trackingUrl": f"https://express.api.dhl.com/mydhlapi/shipments/{awb}/tracking",
                "packages": [
                    {"referenceNumber": n, "trackingNumber": piece}
                    for n, piece in enumerate(pieces, start=1)
                ],
                "documents": [
                    {
                        "imageFormat": encoding.upper(),
                        "content": base64.b64encode(label).decode(),
                        "typeCode": "label",
                    }
                ],
            },
        )

    def _validate(self, request: Request, instance: str) -> Response:
        address = {
            "postalCode": request.arg("postalCode"),
            "countryCode": request.arg("countryCode"),
        }
        self.towns.append(str(request.arg("cityName") or ""))
        area = self._area(address)
        if area is None:
            return _error(404, instance, "Not Found", "Address not served")
        return Response.json(
            200,
            {
                "address": [
                    {
                        "countryCode": address["countryCode"],
                        "postalCode": address["postalCode"],
                        "cityName": str(request.arg("cityName") or "").upper(),
                        "serviceArea": {"code": area, "description": f"{area}-IT"},
                    }
                ]
            },
        )

    def _area(self, address: dict[str, Any]) -> str | None:
        if address.get("countryCode") != "IT":
            return None
        return self.service_areas.get(str(address.get("postalCode") or "")[:2])


def _error(status: int, instance: str, title: str, detail: str) -> Response:
    return Response.json(
        status,
        {
            "instance": instance,
            "detail": detail,
            "title": title,
            "message": title,
            "status": str(status),
        },
    )


def _basic(header: str) -> tuple[str, str] | None:
    if not header.lower().startswith("basic "):
        return None
    user, _, password = base64.b64decode(header[6:]).decode().partition(":")
    return user, password


def _labels(awb: str, pieces: list[str], area: str, encoding: str, waybill: bool) -> bytes:
    """The transport label, a page per piece, then the waybill document when it is wanted."""
    if encoding == "zpl":
        pages = [
            f"^XA^FO40,40^A0N,60,60^FD{area}^FS^FO40,120^A0N,30,30^FD{n} / {len(pieces)}^FS"
            f"^FO30,200^BY2^BCN,160,Y,N,N^FD{piece}^FS^FO40,460^BY2^BCN,100,Y,N,N^FD{awb}^FS^XZ"
            for n, piece in enumerate(pieces, start=1)
        ]
        if waybill:
            pages.append(f"^XA^FO40,40^A0N,40,40^FDWAYBILL DOC^FS^FO40,120^BCN,100^FD{awb}^FS^XZ")
        return "\n".join(pages).encode()
    out = io.BytesIO()
    page = canvas.Canvas(out, pagesize=(4 * inch, 8 * inch))
    for n, piece in enumerate(pieces, start=1):
        page.setFont("Helvetica-Bold", 28)
        page.drawString(8 * mm, 185 * mm, area)
        page.setFont("Helvetica", 10)
        page.drawString(8 * mm, 175 * mm, f"Piece {n}/{len(pieces)}  WAYBILL {awb}")
        code128.Code128(piece, barHeight=22 * mm, barWidth=0.3 * mm).drawOn(page, 4 * mm, 110 * mm)
        code128.Code128(awb, barHeight=15 * mm, barWidth=0.4 * mm).drawOn(page, 4 * mm, 60 * mm)
        page.showPage()
    if waybill:
        page.setFont("Helvetica", 12)
        page.drawString(8 * mm, 185 * mm, f"Waybill document {awb}")
        code128.Code128(awb, barHeight=15 * mm, barWidth=0.4 * mm).drawOn(page, 4 * mm, 140 * mm)
        page.showPage()
    page.save()
    return out.getvalue()
