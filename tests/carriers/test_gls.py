"""GLS Italy's label service adapter against the fake GLS (tests/fakes/carriers/gls.py, built
from the public SDK markosirec/gls-italy-sdk and the service's WSDL)."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from decimal import Decimal

import pytest

from station.carriers import LabelRequest, ParcelToLabel, ShippingError
from station.carriers.gls import GlsItalyCarrier, gls_carrier
from station.carriers.numbering import ShipmentCounters
from station.carriers.transport import CarrierUnreachableError
from station.config import Settings
from tests.fakes.carriers.gls import FakeGlsItaly
from tests.fakes.shops.base import Fault
from tests.labels.factories import RECIPIENT, SENDER
from tests.labels.readback import needs_raster, pdf_barcodes

BRANCH, CLIENT, PASSWORD, CONTRACT = "M1", "123456", "pw-not-real", "1234"


@pytest.fixture
def gls() -> Iterator[FakeGlsItaly]:
    with FakeGlsItaly(BRANCH, CLIENT, PASSWORD) as fake:
        yield fake


def _adapter(gls: FakeGlsItaly, password: str = PASSWORD, **more: object) -> GlsItalyCarrier:
    conf = {"kind": "gls-it", "url": f"{gls.url}/ilswebservice.asmx", "branch": BRANCH,
            "client": CLIENT, "contract": CONTRACT, **more}  # fmt: skip
    settings = Settings(language="en", extra={"carrier_accounts": {"GLS": conf}})
    settings.carrier_secrets = lambda code: {"password": password}
    return gls_carrier("GLS", settings)


def _request(weights: tuple[int, ...] = (2700,), cod: Decimal | None = None) -> LabelRequest:
    parcels = tuple(ParcelToLabel(n, w) for n, w in enumerate(weights, start=1))
    return LabelRequest(
        "1003", "GLS", "business", SENDER, RECIPIENT, parcels, len(parcels), cod,
        formats=("pdf", "zpl"),
    )  # fmt: skip


def _memory() -> ShipmentCounters:
    return ShipmentCounters(lambda key: None)


@needs_raster
def test_a_parcel_gets_glss_number_and_labels_that_scan_to_it(gls: FakeGlsItaly) -> None:
    # WHEN one parcel is labelled
    [parcel] = _adapter(gls).create_labels(_request(), _memory()).parcels
    # THEN its number is the one GLS holds, and both its PDF and ZPL labels carry it
    assert [p.number for p in gls.live()] == [parcel.tracking_number]
    assert [d.data for d in pdf_barcodes(parcel.documents["pdf"], dpi=300)] == [
        parcel.tracking_number
    ]
    found = re.search(rb"\^BC[^\^]*\^FD([^\^]+)\^FS", parcel.documents["zpl"])
    assert found is not None
    assert found.group(1).decode() == parcel.tracking_number


def test_three_parcels_are_three_gls_colli_cod_on_the_first(gls: FakeGlsItaly) -> None:
    created = _adapter(gls).create_labels(_request((500, 700, 900), Decimal("49.90")), _memory())
    assert [p.tracking_number for p in created.parcels] == [p.number for p in gls.live()]
    assert [p.cod for p in gls.live()] == ["49,90", "", ""]
    assert {p.order for p in gls.live()} == {"1003"}


def test_an_address_gls_refuses_is_said_and_nothing_stays_at_gls(gls: FakeGlsItaly) -> None:
    del gls.routing["00"]
    with pytest.raises(ShippingError) as refused:
        _adapter(gls).create_labels(_request((500, 700)), _memory())
    assert refused.value.message("en") == (
        "GLS refused the parcel: CAP 00184 non valido per la provincia RM. "
        "Correct it and pack the parcel again."
    )
    assert gls.live() == []


def test_a_wrong_password_is_glss_refusal(gls: FakeGlsItaly) -> None:
    with pytest.raises(ShippingError, match="Autenticazione fallita"):
        _adapter(gls, password="old").create_labels(_request(), _memory())


def test_delete_then_the_days_close(gls: FakeGlsItaly) -> None:
    # GIVEN two labelled orders
    carrier = _adapter(gls)
    first = carrier.create_labels(_request(), _memory()).parcels[0].tracking_number
    second = carrier.create_labels(_request(), _memory()).parcels[0].tracking_number
    # WHEN the first is voided and the day closed with the second
    carrier.void([first])
    carrier.close_day(dt.date(2026, 12, 2), [second])
    # THEN GLS holds only the second, closed; a closed parcel cannot be deleted any more
    assert [(p.number, p.closed) for p in gls.live()] == [(second, True)]
    with pytest.raises(ShippingError, match=f"Spedizione {second} non presente"):
        carrier.void([second])


def test_a_slow_gls_is_a_timeout(gls: FakeGlsItaly) -> None:
    gls.inject(Fault("slow", path="AddParcel", delay_s=1.0))
    with pytest.raises(CarrierUnreachableError) as late:
        _adapter(gls, deadline_s=0.2).create_labels(_request(), _memory())
    assert late.value.message("en") == "GLS did not answer within 0.2 s."
