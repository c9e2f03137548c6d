"""The built-in range carrier, found through the registry like any adapter."""

from __future__ import annotations

from decimal import Decimal

import pytest

from station.carriers import (
    CarrierAdapter,
    LabelFormat,
    LabelRequest,
    ParcelToLabel,
    ShippingError,
    carrier_for,
    known_kinds,
    register_carrier,
)
from station.carriers.numbering import ShipmentCounters
from station.carriers.port import VoidingCarrier
from station.carriers.range import RangeCarrier
from station.config import Settings
from tests.labels.factories import RECIPIENT, SENDER
from tests.labels.readback import needs_raster, pdf_barcodes

BRT = {"first": 1000, "last": 5000, "prefix": "BR", "width": 8, "check": "gs1"}


def _settings(last: int = 5000, gs1: str = "5703538", **extra: object) -> Settings:
    return Settings(
        language="en",
        tracking_ranges={"BRT": BRT | {"last": last}},
        gs1_company_prefix=gs1,
        extra=dict(extra),
    )


def _request(
    weights: tuple[int, ...] = (1200, 800), formats: tuple[LabelFormat, ...] = ("pdf",)
) -> LabelRequest:
    parcels = tuple(ParcelToLabel(n, w) for n, w in enumerate(weights, start=1))
    return LabelRequest(
        "1003", "BRT", "Express", SENDER, RECIPIENT, parcels, len(parcels),
        Decimal("49.90"), formats=formats,
    )  # fmt: skip


def _memory() -> ShipmentCounters:
    return ShipmentCounters(lambda key: None)


@needs_raster
def test_range_carrier_labels_every_parcel_with_its_own_number_and_sscc() -> None:
    # GIVEN the adapter configured for BRT, which has a range and a GS1 prefix
    carrier: CarrierAdapter = carrier_for("brt", _settings())
    counters = _memory()
    # WHEN an order of two parcels is labelled, then another order
    shipment = carrier.create_labels(_request(), counters)
    again = carrier.create_labels(_request((500,)), counters)
    # THEN each parcel has a new number, and its label scans to that number and its SSCC
    numbers = [p.tracking_number for p in (*shipment.parcels, *again.parcels)]
    assert len(set(numbers)) == 3
    for parcel in shipment.parcels:
        decoded = {d.data for d in pdf_barcodes(parcel.documents["pdf"])}
        assert decoded == {parcel.tracking_number, f"00{parcel.sscc}"}
    assert not carrier.needs_network


def test_range_carrier_draws_every_format_asked_and_says_which_series_it_advanced() -> None:
    shipment = carrier_for("BRT", _settings(gs1="")).create_labels(
        _request(formats=("pdf", "zpl")), _memory()
    )
    first, second = shipment.parcels
    assert first.documents["zpl"].startswith(b"^XA")
    assert first.documents["pdf"].startswith(b"%PDF")
    assert first.sscc is None
    assert (first.counters, second.counters) == (
        {"tracking:BRT:BR:1000-5000": 1000},
        {"tracking:BRT:BR:1000-5000": 1001},
    )


def test_a_numbered_parcel_keeps_its_number_and_takes_none() -> None:
    request = _request()
    kept = ParcelToLabel(1, 1200, tracking_number="BR000009999", sscc=None)
    request = LabelRequest(**{**request.__dict__, "parcels": (kept,)})
    counters = _memory()
    [parcel] = carrier_for("BRT", _settings()).create_labels(request, counters).parcels
    assert (parcel.tracking_number, parcel.counters) == ("BR000009999", {})
    assert counters.taken == {}


def test_range_carrier_warns_then_refuses_when_the_range_runs_out() -> None:
    carrier, counters = carrier_for("BRT", _settings(last=1002, gs1="")), _memory()
    assert carrier.create_labels(_request((100, 100)), counters).warnings
    with pytest.raises(ShippingError, match="used up"):
        carrier.create_labels(_request((100, 100)), counters)
    # the one number left was not spent on a half-labelled order
    [last] = carrier.create_labels(_request((100,)), counters).parcels
    assert last.tracking_number.startswith("BR")


def test_void_never_gives_a_number_back() -> None:
    carrier, counters = carrier_for("BRT", _settings(gs1="")), _memory()
    first = carrier.create_labels(_request((100,)), counters).parcels[0].tracking_number
    assert isinstance(carrier, VoidingCarrier)
    carrier.void([first])
    assert carrier.create_labels(_request((100,)), counters).parcels[0].tracking_number != first


def test_a_carrier_without_a_range_is_one_sentence() -> None:
    with pytest.raises(ShippingError, match="no usable DHL tracking number range"):
        carrier_for("DHL", _settings()).create_labels(_request(), _memory())


def test_an_account_picks_its_adapter_kind_and_an_unknown_kind_names_the_known_ones() -> None:
    made: list[str] = []

    def fake(code: str, settings: Settings) -> CarrierAdapter:
        made.append(code)
        return RangeCarrier(code, settings.tracking_ranges)

    register_carrier("test-fake", fake)
    accounts = {"BRT": {"kind": "test-fake"}, "UPS": {"kind": "karrio:nope"}}
    settings = _settings(carrier_accounts=accounts)
    assert isinstance(carrier_for("brt", settings), RangeCarrier)
    assert made == ["BRT"]
    assert "range" in known_kinds()
    with pytest.raises(ShippingError, match=r"'karrio:nope'.*range"):
        carrier_for("UPS", settings)
