"""BRT own labels (BRT's UC1/UC3): BRT's routing call against the fake BRT (built from BRT's
REST documentation), numbers from the customer's series, BRT's layout (reference §1.9) drawn by
Station as PDF and ZPL, and its barcode read back with zbarimg."""

from __future__ import annotations

import re
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path

import pytest

from station.carriers import LabelRequest, ParcelToLabel, ShippingError
from station.carriers.numbering import ShipmentCounters
from station.context import AppContext
from station.printing.archive import DocumentArchive
from station.services.bench import BenchService
from tests.carriers.brt_setup import DEPOT, adapter, configure, fake_brt
from tests.carriers.helpers import counters
from tests.carriers.test_label_pending import _pack
from tests.console_process import run_station
from tests.fakes.carriers.brt import FakeBrt
from tests.fakes.shops.base import Fault
from tests.labels.factories import RECIPIENT, SENDER
from tests.labels.readback import (
    needs_pdftotext,
    needs_raster,
    pdf_barcodes,
    pdf_text,
    png_barcodes,
)
from tests.labels.test_courier import needs_zplkit

OWN = {"label": "own", "series": 4, "own_first": 321_962, "own_last": 321_999}
SERIES_KEY = "tracking:BRT-S04::321962-321999"


@pytest.fixture
def brt() -> Iterator[FakeBrt]:
    with fake_brt() as fake:
        yield fake


def _request(weights: tuple[int, ...] = (1200,), cod: Decimal | None = None) -> LabelRequest:
    parcels = tuple(ParcelToLabel(n, w) for n, w in enumerate(weights, start=1))
    return LabelRequest(
        "1003", "BRT", "standard", SENDER, RECIPIENT, parcels, len(parcels), cod,
        formats=("pdf", "zpl"),
    )  # fmt: skip


@needs_raster
def test_an_own_label_is_routed_by_brt_numbered_from_the_series_and_scans_back(
    brt: FakeBrt,
) -> None:
    # GIVEN an account printing its own BRT labels from series 04
    memory = ShipmentCounters(lambda key: None)
    # WHEN a parcel to Roma is labelled
    [parcel] = adapter(brt, **OWN).create_labels(_request(), memory).parcels
    # THEN BRT was asked only to route it; nothing was created at BRT
    assert brt.count("PUT", "/shipments/routing") == 1
    assert brt.count("POST", "/shipments/shipment") == 0
    assert brt.live() == []
    # AND the number is BRT's layout: depot 102, arrival 001, series 04, number, zone 20, digit
    number = parcel.tracking_number
    assert re.fullmatch(rf"{DEPOT}00104032196220\d", number)
    assert parcel.counters == {SERIES_KEY: 321_962}
    # AND the PDF's Code 128 carries it
    assert [d.data for d in pdf_barcodes(parcel.documents["pdf"], dpi=300)] == [number]


@needs_zplkit
@needs_raster
def test_the_own_zpl_label_rendered_as_a_printer_would_scans_to_the_same_number(
    brt: FakeBrt,
) -> None:
    from station.labels.zpl import preview_png

    [parcel] = (
        adapter(brt, **OWN).create_labels(_request(), ShipmentCounters(lambda k: None)).parcels
    )
    png = preview_png(parcel.documents["zpl"], 203, width_mm=95, height_mm=65)
    assert [d.data for d in png_barcodes(png)] == [parcel.tracking_number]
    assert b"^FR" in parcel.documents["zpl"]  # the arrival depot white on black, as BRT's sample


@needs_pdftotext
def test_the_own_label_carries_what_brts_sample_does(brt: FakeBrt) -> None:
    memory = ShipmentCounters(lambda key: None)
    created = adapter(brt, **OWN).create_labels(_request((1200, 800), Decimal("49.9")), memory)
    first, second = (pdf_text(p.documents["pdf"]) for p in created.parcels)
    # arrival depot, zone, departure depot, service, series-number, parcel n-N, weight, reference
    assert re.search(r"001\s+20\s", first)  # the arrival depot and the zone, top left
    for part in ("102", "C", "04-0321 962", "1-2", "KG. 1,2", "Rif.: 1003"):
        assert part in first, part
    assert "CONTRASSEGNO EUR 49,90" in first
    assert "BIANCHI & FIGLI" in first
    assert "00184 ROMA RM" in first
    # AND the second parcel has the next number, no COD
    assert "04-0321 963" in second
    assert "2-2" in second
    assert "CONTRASSEGNO" not in second


def test_three_parcels_take_consecutive_numbers_after_one_routing_call(brt: FakeBrt) -> None:
    memory = ShipmentCounters(lambda key: 321_970)
    created = adapter(brt, **OWN).create_labels(_request((500, 600, 700)), memory)
    assert [int(p.tracking_number[8:15]) for p in created.parcels] == [321_971, 321_972, 321_973]
    assert brt.count("PUT", "/shipments/routing") == 1


def test_an_address_brt_cannot_route_takes_no_number(brt: FakeBrt) -> None:
    del brt.routing["00"]
    memory = ShipmentCounters(lambda key: None)
    with pytest.raises(ShippingError) as refused:
        adapter(brt, **OWN).create_labels(_request(), memory)
    assert refused.value.message("en") == (
        "BRT refused the shipment (-63): CAP 00184 inesistente. Correct it and pack the parcel again."
    )
    assert memory.taken == {}


def test_a_series_used_up_is_said_before_brt_is_asked(brt: FakeBrt) -> None:
    memory = ShipmentCounters(lambda key: 321_998)
    with pytest.raises(ShippingError):
        adapter(brt, **OWN).create_labels(_request((500, 600)), memory)
    assert brt.count("PUT", "/shipments/routing") == 0


def test_a_brt_out_of_reach_is_a_refusal_to_weigh_again_with_no_number_taken(
    brt: FakeBrt,
) -> None:
    brt.inject(Fault("status", path="/shipments/routing", status=503))
    memory = ShipmentCounters(lambda key: None)
    with pytest.raises(ShippingError) as refused:
        adapter(brt, **OWN).create_labels(_request(), memory)
    assert refused.value.message("en") == (
        "BRT could not route the parcel (BRT is not answering (HTTP 503): it may be in its "
        "maintenance window.); no number was taken: weigh the parcel again when BRT answers."
    )
    assert memory.taken == {}


@needs_raster
def test_the_bench_prints_an_own_brt_label_and_reprints_it_byte_for_byte(
    demo_home: AppContext, brt: FakeBrt, tmp_path: Path
) -> None:
    # GIVEN a home whose BRT account prints its own labels, and order 1004 going by BRT
    configure(demo_home, brt, **OWN)
    bench = BenchService(demo_home.db, demo_home.settings, DocumentArchive(demo_home.home))
    # WHEN it is packed and weighed
    _pack(bench, demo_home, "1004")
    # THEN the series' counter moved with the label, and the label scans to the parcel's number
    assert counters(demo_home)[SERIES_KEY] == 321_962
    label = (demo_home.home / "labels" / "1004-1.pdf").read_bytes()
    [decoded] = pdf_barcodes(label, dpi=300)
    assert decoded.data[8:15] == "0321962"
    # AND `station label` gives that label back byte for byte
    out = tmp_path / "again.pdf"
    reprinted = run_station(demo_home.home, "label", "1004", "-o", str(out))
    assert reprinted.returncode == 0, reprinted.stderr
    assert out.read_bytes() == label
