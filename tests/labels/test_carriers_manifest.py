"""The offline range carrier and the end-of-day manifest."""

from __future__ import annotations

import csv
import datetime as dt
import io
from decimal import Decimal

import pytest

from station.labels.carriers import (
    CarrierAdapter,
    LabelFormat,
    RangeCarrier,
    ShipmentRequest,
    adapter_factory,
    registered_carriers,
)
from station.labels.courier import Address
from station.labels.errors import DocumentError
from station.labels.manifest import (
    ManifestParcel,
    ManifestView,
    manifest_csv,
    manifest_pdf,
    manifest_totals,
)
from station.labels.tracking import NumberRange, RangeExhausted
from tests.labels.factories import HOSTILE_NAMES, RECIPIENT, SENDER
from tests.labels.readback import needs_pdftotext, needs_raster, pdf_barcodes, pdf_text


class MemoryCounters:
    def __init__(self) -> None:
        self.values: dict[str, int] = {}

    def last_used(self, key: str) -> int | None:
        return self.values.get(key)

    def set_last_used(self, key: str, value: int) -> None:
        self.values[key] = value


def _carrier(last: int = 5000, prefix: str | None = "5703538") -> RangeCarrier:
    numbers = NumberRange("BRT", 1000, last, prefix="BR", width=8, check="gs1")
    return RangeCarrier(
        "BRT", numbers, MemoryCounters(), SENDER, gs1_company_prefix=prefix, sscc_extension=1
    )


def _request(weights: tuple[int, ...] = (1200, 800), fmt: LabelFormat = "pdf") -> ShipmentRequest:
    return ShipmentRequest(
        "1003", SENDER, RECIPIENT, "Express", weights, Decimal("49.90"), label_format=fmt
    )


@needs_raster
def test_range_carrier_labels_every_parcel_with_its_own_number_and_sscc() -> None:
    # GIVEN the built-in offline carrier with a BRT range and a GS1 prefix
    carrier: CarrierAdapter = _carrier()
    # WHEN an order of two parcels is labelled, then another order
    shipment = carrier.create_label(_request())
    again = carrier.create_label(_request((500,)))
    # THEN each parcel has a new number, and its label scans to that number and its SSCC
    numbers = [p.tracking_number for p in (*shipment.parcels, *again.parcels)]
    assert len(set(numbers)) == 3
    for parcel in shipment.parcels:
        decoded = {d.data for d in pdf_barcodes(parcel.label)}
        assert decoded == {parcel.tracking_number, f"00{parcel.sscc}"}
    assert shipment.media_type == "application/pdf"


def test_range_carrier_makes_zpl_when_asked() -> None:
    shipment = _carrier(prefix=None).create_label(_request(fmt="zpl"))
    assert shipment.media_type == "application/zpl"
    assert all(p.label.startswith(b"^XA") and p.sscc is None for p in shipment.parcels)


def test_range_carrier_warns_then_refuses_when_the_range_runs_out() -> None:
    carrier = _carrier(last=1002, prefix=None)
    assert carrier.create_label(_request((100, 100))).warnings
    with pytest.raises(RangeExhausted):
        carrier.create_label(_request((100, 100)))
    # the one number left was not spent on a half-labelled order
    assert carrier.create_label(_request((100,))).parcels[0].tracking_number.startswith("BR")


def test_void_never_gives_a_number_back() -> None:
    carrier = _carrier(prefix=None)
    first = carrier.create_label(_request((100,))).parcels[0].tracking_number
    carrier.void([first])
    assert carrier.create_label(_request((100,))).parcels[0].tracking_number != first


def test_carriers_are_found_by_code() -> None:
    assert "RANGE" in registered_carriers()
    assert adapter_factory("range") is RangeCarrier
    with pytest.raises(DocumentError, match="carrier settings"):
        adapter_factory("DHL-NOPE")


# --- manifest ------------------------------------------------------------------------------------


def _manifest(n: int = 30) -> ManifestView:
    parcels = tuple(
        ManifestParcel(
            f"{1000 + i // 2}",
            f"BR{i:08d}",
            RECIPIENT,
            1000 + 10 * i,
            i % 2 + 1,
            2,
            Decimal("10.05") if i % 2 == 0 else None,
        )
        for i in range(n)
    )
    return ManifestView("BRT", dt.date(2025, 3, 14), SENDER, parcels, customer_code="0102345")


def test_manifest_totals_count_parcels_weight_and_cod() -> None:
    t = manifest_totals(_manifest(30))
    assert (t.parcels, t.shipments) == (30, 15)
    assert t.weight_g == sum(1000 + 10 * i for i in range(30))
    assert t.cod_by_currency == {"EUR": Decimal("150.75")}


@needs_pdftotext
def test_manifest_pdf_lists_every_parcel_and_the_totals_over_pages() -> None:
    # GIVEN a day with 60 parcels
    view = _manifest(60)
    # WHEN the borderò is printed
    text = pdf_text(manifest_pdf(view))
    # THEN every tracking number, the parcel count, total weight and COD total are there
    for i in range(60):
        assert f"BR{i:08d}" in text
    assert "Parcels: 60" in text
    assert "EUR 301.50" in text
    assert "14/03/2025" in text
    assert text.count("\f") >= 2


def test_manifest_csv_has_one_row_per_parcel_and_no_formulas() -> None:
    hostile = ManifestParcel("1", "X1", Address('=HYPERLINK("x")\nEvil;Name', city="Roma"), 10)
    view = ManifestView("GLS", dt.date(2025, 1, 2), SENDER, (*_manifest(4).parcels, hostile))
    rows = list(csv.DictReader(io.StringIO(manifest_csv(view).decode("utf-8-sig")), delimiter=";"))
    assert len(rows) == 5
    assert rows[0]["weight_kg"] == "1.000"
    assert rows[0]["cod_amount"] == "10.05"
    assert rows[-1]["recipient_name"].startswith("'=")
    assert "\n" not in rows[-1]["recipient_name"]


@needs_raster
@needs_pdftotext
def test_manifest_survives_hostile_names() -> None:
    parcels = tuple(
        ManifestParcel(str(i), f"T{i}", Address(name), 100)
        for i, name in enumerate(HOSTILE_NAMES.values())
    )
    pdf = manifest_pdf(ManifestView("SDA", dt.date(2025, 1, 2), SENDER, parcels))
    assert "Łukasz" in pdf_text(pdf)
