"""karrio's own gateways for DHL Express (MyDHL API) and UPS, pointed at an account's server.

Imported only when a DHL or UPS account labels a parcel: karrio loads its plugins at import
(about a second), which neither `station --help` nor a bench without these carriers should pay.
karrio's connectors take their server from `test_mode` (the carrier's sandbox or production);
the settings here add the account's own URL, so a proxy or a test server can stand in.
karrio's log goes nowhere: its records carry addresses and request bodies.
"""

from __future__ import annotations

import io
import warnings
from typing import Any

import attr
from loguru import logger

logger.disable("karrio")

# karrio's PDF library (PyPDF2) warns at import that it is deprecated: karrio's choice, not ours.
with warnings.catch_warnings():
    warnings.simplefilter("ignore", DeprecationWarning)
    import karrio.core.models as models
    import karrio.lib as lib
    import karrio.sdk as sdk
    from karrio.core.utils import Cache
    from karrio.mappers.mydhl.settings import Settings as MyDhlSettings
    from karrio.mappers.ups.settings import Settings as UpsSettings
    from PyPDF2 import PdfReader, PdfWriter

Gateway = Any  # karrio.api.gateway.Gateway: karrio ships no type information
PROVIDERS = {"dhl": "mydhl", "ups": "ups"}  # Station's kind -> karrio's connector


@attr.s(auto_attribs=True)
class _MyDhlAt(MyDhlSettings):  # type: ignore[misc]
    station_server: str = ""

    @property
    def server_url(self) -> str:
        return self.station_server


@attr.s(auto_attribs=True)
class _UpsAt(UpsSettings):  # type: ignore[misc]
    station_server: str = ""

    @property
    def server_url(self) -> str:
        return self.station_server


# One token cache per account and process: UPS's OAuth token lasts hours, and asking for a new
# one before every label would double the calls.
_CACHES: dict[tuple[str, str, str], Any] = {}


def gateway(kind: str, url: str, user: str, secret: str, account_number: str) -> Gateway:
    """A karrio gateway for the account, talking to `url`."""
    cache = _CACHES.setdefault((kind, url, user), Cache())
    fields: dict[str, Any] = {"account_number": account_number, "station_server": url.rstrip("/")}
    if kind == "dhl":
        fields.update(username=user, password=secret)
        settings = _MyDhlAt(**fields)
    else:
        fields.update(client_id=user, client_secret=secret)
        settings = _UpsAt(**fields)
    return sdk.gateway[PROVIDERS[kind]].create(settings, cache=cache)


def create_shipment(gw: Gateway, payload: dict[str, Any]) -> tuple[Any, list[Any]]:
    """karrio's mapper builds the request, its proxy sends it, its mapper reads the answer.

    Network failures are raised, not folded into messages as karrio's fluent API does: a
    carrier out of reach is not a refusal.
    """
    request = gw.mapper.create_shipment_request(lib.to_object(models.ShipmentRequest, payload))
    answer = gw.proxy.create_shipment(request)
    details, messages = gw.mapper.parse_shipment_response(answer)
    return details, list(messages)


def cancel_shipment(gw: Gateway, identifier: str) -> tuple[Any, list[Any]]:
    payload = models.ShipmentCancelRequest(shipment_identifier=identifier)
    request = gw.mapper.create_cancel_shipment_request(payload)
    confirmation, messages = gw.mapper.parse_cancel_shipment_response(
        gw.proxy.cancel_shipment(request)
    )
    return confirmation, list(messages)


def pdf_labels(document: bytes, count: int) -> list[bytes]:
    """A shipment's one PDF as `count` labels, a page each; pages past them (DHL's waybill
    document) go with the first label, so they print once and are never lost."""
    pages = list(PdfReader(io.BytesIO(document)).pages)
    if len(pages) < count:
        return []
    if count == 1:
        return [document]  # the carrier's bytes as they came, for reprints
    groups = [[pages[0], *pages[count:]], *([page] for page in pages[1:count])]
    documents = []
    for group in groups:
        writer = PdfWriter()
        for page in group:
            writer.add_page(page)
        out = io.BytesIO()
        writer.write(out)
        documents.append(out.getvalue())
    return documents


def validate_address(gw: Gateway, address: dict[str, Any]) -> tuple[Any, list[Any]]:
    payload = models.AddressValidationRequest(address=lib.to_object(models.Address, address))
    request = gw.mapper.create_address_validation_request(payload)
    found, messages = gw.mapper.parse_address_validation_response(
        gw.proxy.validate_address(request)
    )
    return found, list(messages)
