"""DHL Express and UPS through karrio, against fakes of their HTTP APIs: the fake MyDHL API
(tests/fakes/carriers/dhl.py, from DHL's MyDHL API specification) and the fake UPS
(tests/fakes/carriers/ups.py, from UPS's OpenAPI specifications Shipping.yaml and
OAuthClientCredentials.yaml). Numbers and labels come from the carrier, refusals in its words,
nothing half made."""

from __future__ import annotations

import re
import time
from collections.abc import Callable, Iterator
from dataclasses import replace
from decimal import Decimal

import pytest

from station.carriers import LabelRequest, ParcelToLabel, ShippingError
from station.carriers.karrio_carriers import KarrioCarrier, late_shipments
from station.carriers.numbering import ShipmentCounters
from station.carriers.port import DayClosingCarrier, VoidingCarrier
from station.carriers.transport import CarrierUnreachableError
from tests.carriers.karrio_setup import adapter, fake_dhl, fake_ups
from tests.fakes.carriers.dhl import FakeMyDhl
from tests.fakes.carriers.ups import FakeUps
from tests.fakes.shops.base import FakeServer, Fault
from tests.labels.factories import RECIPIENT, SENDER
from tests.labels.readback import needs_raster, pdf_barcodes, png_barcodes

ZPL_CODE128 = re.compile(rb"\^BC[^\^]*\^FD(?:>;)?([^\^]+)\^FS")


@pytest.fixture
def dhl() -> Iterator[FakeMyDhl]:
    with fake_dhl() as fake:
        yield fake


@pytest.fixture
def ups() -> Iterator[FakeUps]:
    with fake_ups() as fake:
        yield fake


def _request(
    carrier: str, weights: tuple[int, ...] = (1200,), cod: Decimal | None = None
) -> LabelRequest:
    parcels = tuple(ParcelToLabel(n, w) for n, w in enumerate(weights, start=1))
    return LabelRequest(
        "1003", carrier, "standard", SENDER, RECIPIENT, parcels, len(parcels), cod,
        formats=("pdf", "zpl"),
    )  # fmt: skip


def _memory() -> ShipmentCounters:
    return ShipmentCounters(lambda key: None)


def zpl_barcodes(zpl: bytes) -> list[str]:
    """Every Code 128 of a ZPL label as a printer draws it: rendered offline, then scanned."""
    from station.labels.zpl import preview_png

    return [d.data for d in png_barcodes(preview_png(zpl, 203))]


def _wait_for(condition: Callable[[], bool], timeout_s: float = 10.0) -> None:
    deadline = time.monotonic() + timeout_s
    while not condition():
        assert time.monotonic() < deadline, "timed out"
        time.sleep(0.05)


# -- DHL Express ------------------------------------------------------------------------------


@needs_raster
def test_a_dhl_parcel_gets_its_piece_id_and_dhls_pdf_label_that_scans_to_it(
    dhl: FakeMyDhl,
) -> None:
    # GIVEN a DHL Express account printing DHL's PDF labels
    carrier = adapter("DHL", dhl)
    # WHEN one parcel is labelled
    [parcel] = carrier.create_labels(_request("DHL"), _memory()).parcels
    # THEN its number is DHL's piece ID, and its label (with DHL's waybill document) scans to it
    [shipment] = dhl.shipments
    assert parcel.tracking_number == shipment.pieces[0]
    assert set(parcel.documents) == {"pdf"}
    decoded = {d.data for d in pdf_barcodes(parcel.documents["pdf"], dpi=300)}
    assert decoded == {parcel.tracking_number, shipment.awb}
    # AND DHL got karrio's request for the account's product and shipper account
    assert (shipment.product, shipment.account) == ("N", "106012345")
    assert shipment.body["customerDetails"]["receiverDetails"]["postalAddress"]["postalCode"] == (
        "00184"
    )


@needs_raster
def test_three_dhl_parcels_are_one_shipment_with_a_label_each(dhl: FakeMyDhl) -> None:
    # GIVEN an account printing ZPL
    carrier = adapter("DHL", dhl, label="zpl")
    # WHEN an order of three parcels is labelled
    created = carrier.create_labels(_request("DHL", (500, 700, 900)), _memory())
    # THEN DHL holds one shipment of three pieces, and each parcel has its own piece ID
    [shipment] = dhl.shipments
    assert [p.tracking_number for p in created.parcels] == shipment.pieces
    assert [p["weight"] for p in shipment.body["content"]["packages"]] == [0.5, 0.7, 0.9]
    # AND each parcel's ZPL label, printed and scanned, carries its own piece ID first
    for parcel in created.parcels:
        zpl = parcel.documents["zpl"]
        assert ZPL_CODE128.findall(zpl)[0].decode() == parcel.tracking_number
    second = set(zpl_barcodes(created.parcels[1].documents["zpl"]))
    assert second == {shipment.pieces[1], shipment.awb}


def test_dhl_is_not_asked_for_cash_on_delivery(dhl: FakeMyDhl) -> None:
    # GIVEN an order to be paid on delivery
    carrier = adapter("DHL", dhl)
    # WHEN it is to go by DHL
    with pytest.raises(ShippingError) as refused:
        carrier.create_labels(_request("DHL", cod=Decimal("49.90")), _memory())
    # THEN the operator is told to send it with a carrier that collects, and DHL was not asked
    assert refused.value.message("en") == (
        "Order 1003 is cash on delivery, which Station cannot ask of DHL: ship it with a carrier "
        "that collects it (BRT, GLS)."
    )
    assert dhl.log == []


def test_an_address_dhl_does_not_serve_is_refused_in_dhls_words(dhl: FakeMyDhl) -> None:
    del dhl.service_areas["00"]
    with pytest.raises(ShippingError) as refused:
        adapter("DHL", dhl).create_labels(_request("DHL"), _memory())
    assert refused.value.message("en") == (
        "DHL refused the shipment (422): The receiver postal code 00184 is not served by DHL "
        "Express. Correct it and pack the parcel again."
    )
    assert dhl.shipments == []


def test_a_wrong_dhl_password_is_dhls_refusal(dhl: FakeMyDhl) -> None:
    carrier = adapter("DHL", dhl)
    carrier.account = type(carrier.account)(**{**vars(carrier.account), "secret": "old"})
    with pytest.raises(ShippingError) as refused:
        carrier.create_labels(_request("DHL"), _memory())
    assert "(401): Invalid Credentials." in refused.value.message("en")


def test_dhl_in_maintenance_is_out_of_reach_not_a_refusal(dhl: FakeMyDhl) -> None:
    body = b'{"instance":"/expressapi/shipments","title":"Service Unavailable","detail":"Service Unavailable","status":"503"}'
    dhl.inject(Fault("status", path="/shipments", status=503, body=body))
    with pytest.raises(CarrierUnreachableError) as down:
        adapter("DHL", dhl).create_labels(_request("DHL"), _memory())
    assert down.value.code == "carrier_down"


@pytest.mark.parametrize("code", ["DHL", "UPS"])
def test_a_proxys_error_page_is_out_of_reach_not_a_refusal(
    code: str, dhl: FakeMyDhl, ups: FakeUps
) -> None:
    # GIVEN a proxy in front of the carrier answering with its own HTML page
    fake: FakeServer = dhl if code == "DHL" else ups
    page = b"<html><body><h1>502 Bad Gateway</h1></body></html>"
    fake.inject(Fault("status", path="/ship", status=502, body=page))
    # WHEN a parcel is labelled, THEN the parcel waits for the carrier, nothing was refused
    with pytest.raises(CarrierUnreachableError) as away:
        adapter(code, fake).create_labels(_request(code), _memory())
    assert away.value.code == "karrio_answer_unreadable"


def test_a_dhl_shipment_cannot_be_voided_and_the_operator_is_told_why(dhl: FakeMyDhl) -> None:
    carrier = adapter("DHL", dhl)
    [parcel] = carrier.create_labels(_request("DHL"), _memory()).parcels
    with pytest.raises(ShippingError) as refused:
        carrier.void([parcel.tracking_number])
    assert refused.value.message("en").startswith(
        f"DHL Express has no call to cancel shipment {parcel.tracking_number}: ask DHL's"
    )


# -- UPS --------------------------------------------------------------------------------------


@needs_raster
def test_a_ups_parcel_gets_its_1z_and_upss_zpl_label_that_scans_to_it(ups: FakeUps) -> None:
    # GIVEN a UPS account (UPS labels are ZPL: see karrio_wire.LABEL_FORMATS)
    carrier = adapter("UPS", ups)
    # WHEN one parcel is labelled
    [parcel] = carrier.create_labels(_request("UPS"), _memory()).parcels
    # THEN its number is UPS's 1Z, and its label, printed and scanned, carries it
    [shipment] = ups.live()
    assert parcel.tracking_number == shipment.number == shipment.packages[0]
    assert re.fullmatch(r"1ZA12B3411\d{8}", parcel.tracking_number)
    assert zpl_barcodes(parcel.documents["zpl"]) == [parcel.tracking_number]
    # AND karrio logged in with OAuth once and shipped as UPS Standard with the account's number
    assert [path for _, path, _ in ups.log] == [
        "/security/v1/oauth/token", "/api/shipments/v2409/ship",
    ]  # fmt: skip
    sent = shipment.body["ShipmentRequest"]["Shipment"]
    assert (sent["Service"]["Code"], sent["Shipper"]["ShipperNumber"]) == ("11", "A12B34")


@needs_raster
def test_three_ups_parcels_are_one_shipment_with_a_1z_each(ups: FakeUps) -> None:
    carrier = adapter("UPS", ups)
    created = carrier.create_labels(_request("UPS", (500, 700, 900)), _memory())
    [shipment] = ups.live()
    assert [p.tracking_number for p in created.parcels] == shipment.packages
    for parcel in created.parcels:  # each label, printed and scanned, is its own parcel's
        assert zpl_barcodes(parcel.documents["zpl"]) == [parcel.tracking_number]
    # AND a second order reuses the OAuth token
    carrier.create_labels(_request("UPS"), _memory())
    assert ups.count("POST", "/oauth/token") == 1


def test_ups_is_not_asked_for_cash_on_delivery(ups: FakeUps) -> None:
    # karrio 2026.1's UPS mapper sends the COD amount as "None" (it reads an alias it never
    # fills), so Station refuses COD for UPS rather than send UPS a COD it cannot read
    with pytest.raises(ShippingError, match="cash on delivery, which Station cannot ask of UPS"):
        adapter("UPS", ups).create_labels(_request("UPS", cod=Decimal("49.90")), _memory())
    assert ups.log == []


def test_an_address_ups_cannot_serve_is_refused_in_upss_words(ups: FakeUps) -> None:
    del ups.served["00"]
    with pytest.raises(ShippingError) as refused:
        adapter("UPS", ups).create_labels(_request("UPS", (500, 500)), _memory())
    assert refused.value.message("en") == (
        "UPS refused the shipment (120802): Address Validation Error on ShipTo address. Correct "
        "it and pack the parcel again."
    )
    assert ups.shipments == []


def test_a_wrong_ups_secret_is_upss_login_refusal(ups: FakeUps) -> None:
    carrier = adapter("UPS", ups)
    carrier.account = type(carrier.account)(**{**vars(carrier.account), "secret": "old"})
    with pytest.raises(ShippingError) as refused:
        carrier.create_labels(_request("UPS"), _memory())
    assert refused.value.message("it") == (
        "UPS ha rifiutato la spedizione (10401): ClientId is Invalid. Correggi e richiudi il collo."
    )


def test_a_ups_shipment_is_voided_and_one_picked_up_cannot_be(ups: FakeUps) -> None:
    # GIVEN two labelled orders, the second's parcels already picked up by UPS
    carrier = adapter("UPS", ups)
    first = carrier.create_labels(_request("UPS", (500, 500)), _memory())
    second = carrier.create_labels(_request("UPS"), _memory())
    ups.shipments[1].picked_up = True
    # WHEN both are voided
    carrier.void([p.tracking_number for p in first.parcels])
    with pytest.raises(ShippingError) as refused:
        carrier.void([second.parcels[0].tracking_number])
    # THEN the first shipment, both parcels, is void at UPS; the second stays, with UPS's reason
    assert [s.number for s in ups.live()] == [second.parcels[0].tracking_number]
    assert "(190102): No shipment found within the allowed void period" in refused.value.message(
        "en"
    )


@pytest.mark.parametrize("code", ["DHL", "UPS"])
def test_a_slow_carrier_is_a_timeout_and_its_late_shipment_is_the_one_asked_again(
    code: str, dhl: FakeMyDhl, ups: FakeUps
) -> None:
    # GIVEN the carrier answering in 1 s and a deadline of 0.3 s
    fake: FakeServer = dhl if code == "DHL" else ups
    ship = "/shipments" if code == "DHL" else "/v2409/ship"
    fake.inject(Fault("slow", path=ship, method="POST", delay_s=1.0))
    carrier = adapter(code, fake, deadline_s=0.3)
    # WHEN a parcel is labelled
    with pytest.raises(CarrierUnreachableError) as late:
        carrier.create_labels(_request(code), _memory())
    # THEN the sentence says the carrier did not answer in time
    assert late.value.message("en") == f"{code} did not answer within 0.3 s."
    # AND once it answers, asking again gives the shipment it made, not a second one
    _wait_for(lambda: len(late_shipments(carrier.account)) == 1)
    [parcel] = carrier.create_labels(_request(code), _memory()).parcels
    assert fake.count("POST", ship) == 1
    assert late_shipments(carrier.account) == []
    numbers = dhl.shipments[0].pieces if code == "DHL" else ups.live()[0].packages
    assert parcel.tracking_number == numbers[0]


def test_a_late_ups_shipment_for_other_parcels_is_voided_and_asked_anew(ups: FakeUps) -> None:
    # GIVEN a UPS answer that came too late for a parcel of 1.2 kg
    ups.inject(Fault("slow", path="/v2409/ship", delay_s=1.0))
    carrier = adapter("UPS", ups, deadline_s=0.3)
    with pytest.raises(CarrierUnreachableError):
        carrier.create_labels(_request("UPS"), _memory())
    _wait_for(lambda: len(late_shipments(carrier.account)) == 1)
    # WHEN the order is asked again as two parcels
    created = carrier.create_labels(_request("UPS", (600, 600)), _memory())
    # THEN the late shipment is void at UPS and the new one holds the two parcels
    [live] = ups.live()
    assert [p.tracking_number for p in created.parcels] == live.packages
    assert ups.shipments[0].voided


def test_asking_again_while_the_late_call_is_under_way_makes_no_second_shipment(
    ups: FakeUps,
) -> None:
    # GIVEN a UPS call past its deadline and still under way
    ups.inject(Fault("slow", path="/v2409/ship", delay_s=1.0))
    carrier = adapter("UPS", ups, deadline_s=0.3)
    with pytest.raises(CarrierUnreachableError):
        carrier.create_labels(_request("UPS"), _memory())
    # WHEN the order is asked again at once, THEN it waits for that call, and asks UPS nothing
    with pytest.raises(CarrierUnreachableError):
        carrier.create_labels(_request("UPS"), _memory())
    # AND asked once more after UPS answered, it gets the shipment of the first call
    _wait_for(lambda: len(late_shipments(carrier.account)) == 1)
    [parcel] = carrier.create_labels(_request("UPS"), _memory()).parcels
    assert ups.count("POST", "/v2409/ship") == 1
    assert [s.number for s in ups.live()] == [parcel.tracking_number]


# -- both -------------------------------------------------------------------------------------


@pytest.mark.parametrize("code", ["DHL", "UPS"])
def test_neither_carrier_has_a_days_close_and_only_ups_voids(
    code: str, dhl: FakeMyDhl, ups: FakeUps
) -> None:
    fake: FakeServer = dhl if code == "DHL" else ups
    carrier: KarrioCarrier = adapter(code, fake)
    # MyDHL sends DHL the shipment when it is created; UPS's Ship API has no manifest call
    assert not isinstance(carrier, DayClosingCarrier)
    assert isinstance(carrier, VoidingCarrier)  # DHL's void says why it cannot


def test_the_account_check_is_a_ups_token_and_a_dhl_address_validation(
    dhl: FakeMyDhl, ups: FakeUps
) -> None:
    # WHEN each account is checked, THEN each carrier is asked once
    adapter("UPS", ups).check(SENDER)
    adapter("DHL", dhl).check(SENDER)
    assert [path for _, path, _ in ups.log] == ["/security/v1/oauth/token"]
    assert [path for _, path, _ in dhl.log] == ["/mydhlapi/address-validate"]
    # AND a town of several words reaches DHL whole
    adapter("DHL", dhl).check(replace(SENDER, city="San Donato Milanese", postcode="20097"))
    assert dhl.towns[-1] == "San Donato Milanese"
    # AND a sender DHL does not serve is DHL's answer
    del dhl.service_areas["20"]
    with pytest.raises(ShippingError, match=r"DHL refused the shipment \(404\): Address not"):
        adapter("DHL", dhl).check(SENDER)
