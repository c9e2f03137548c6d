"""A bench shipping orders by UPS and DHL Express through karrio, against the fake UPS
(tests/fakes/carriers/ups.py, from UPS's OpenAPI specifications) and the fake MyDHL API
(tests/fakes/carriers/dhl.py, from DHL's MyDHL API specification): the carrier's number and
label, nothing half labelled, a late carrier's label printed once it answers."""

from __future__ import annotations

import datetime as dt
import sys
import time
from collections.abc import Callable, Iterator

import pytest

import station.carriers
from station.carriers import ShippingError, carrier_for
from station.carriers.karrio_carriers import KarrioCarrier, late_shipments
from station.carriers.karrio_wire import KarrioAccount
from station.context import AppContext
from station.documents_cli import close_at_carrier
from station.labels.manifest import ManifestParcel
from station.printing.archive import DocumentArchive, label_ref, pending_label_ref
from station.services.bench import BenchService, utc_now
from station.services.failures import failure_of
from station.services.pending_labels import Retried, retry_pending
from tests.carriers.helpers import pack, parcels
from tests.carriers.karrio_setup import configure, fake_dhl, fake_ups, import_order
from tests.console_process import run_station
from tests.fakes.carriers.dhl import FakeMyDhl
from tests.fakes.carriers.ups import FakeUps
from tests.fakes.shops.base import Fault
from tests.labels.factories import RECIPIENT
from tests.labels.readback import needs_raster, pdf_barcodes


@pytest.fixture
def ups() -> Iterator[FakeUps]:
    with fake_ups() as fake:
        yield fake


@pytest.fixture
def dhl() -> Iterator[FakeMyDhl]:
    with fake_dhl() as fake:
        yield fake


def _bench(ctx: AppContext) -> BenchService:
    return BenchService(ctx.db, ctx.settings, DocumentArchive(ctx.home), operator="anna")


def _account(ctx: AppContext, code: str) -> KarrioAccount:
    carrier = carrier_for(code, ctx.settings)
    assert isinstance(carrier, KarrioCarrier)
    return carrier.account


def _wait_for(condition: Callable[[], bool], timeout_s: float = 10.0) -> None:
    deadline = time.monotonic() + timeout_s
    while not condition():
        assert time.monotonic() < deadline, "timed out"
        time.sleep(0.05)


@pytest.mark.slow
def test_the_bench_ships_a_ups_order_with_upss_1z_and_reprints_its_label_byte_for_byte(
    demo_home: AppContext, ups: FakeUps
) -> None:
    # GIVEN a home with a UPS account, and order 9101 going by UPS
    configure(demo_home, "UPS", ups)
    sku = import_order(demo_home, "9101", "UPS")
    # WHEN it is packed and weighed
    pack(_bench(demo_home), "9101", sku)
    # THEN its parcel has UPS's 1Z and UPS's own label is archived
    [shipment] = ups.live()
    assert parcels(demo_home, "9101") == [(shipment.number, "UPS")]
    archived = DocumentArchive(demo_home.home).read(label_ref("9101", 1), "zpl")
    assert archived == shipment.labels[0]
    # AND `station label` gives it back byte for byte, never a label drawn again
    out = demo_home.home / "again.zpl"
    again = run_station(demo_home.home, "label", "9101", "--format", "zpl", "-o", str(out))
    assert again.returncode == 0, again.stderr
    assert out.read_bytes() == shipment.labels[0]


@needs_raster
def test_the_bench_ships_a_dhl_order_with_dhls_piece_id_and_label(
    demo_home: AppContext, dhl: FakeMyDhl
) -> None:
    configure(demo_home, "DHL", dhl)
    sku = import_order(demo_home, "9102", "DHL")
    pack(_bench(demo_home), "9102", sku)
    [shipment] = dhl.shipments
    [(tracking, carrier)] = parcels(demo_home, "9102")
    assert (tracking, carrier) == (shipment.pieces[0], "DHL")
    label = DocumentArchive(demo_home.home).read(label_ref("9102", 1), "pdf")
    assert tracking in {d.data for d in pdf_barcodes(label, dpi=300)}
    assert label == shipment.label  # DHL's bytes, its waybill document included


def test_an_order_ups_refuses_is_not_half_labelled(demo_home: AppContext, ups: FakeUps) -> None:
    # GIVEN order 9101 going by UPS to an area UPS does not serve
    configure(demo_home, "UPS", ups)
    sku = import_order(demo_home, "9101", "UPS")
    del ups.served["00"]
    # WHEN it is packed and weighed
    with pytest.raises(ShippingError) as refused:
        pack(_bench(demo_home), "9101", sku)
    # THEN the operator reads UPS's reason in one sentence
    kind, phrase = failure_of(refused.value) or ("", None)
    assert kind == "shipping"
    assert phrase is not None
    assert phrase.text("en") == (
        "UPS refused the shipment (120802): Address Validation Error on ShipTo address. Correct "
        "it and pack the parcel again."
    )
    # AND nothing was labelled: no number, no label file, nothing at UPS
    assert parcels(demo_home, "9101") == [(None, "UPS")]
    assert DocumentArchive(demo_home.home).formats(label_ref("9101", 1)) == ()
    assert ups.shipments == []


@pytest.mark.parametrize("code", ["DHL", "UPS"])
def test_a_late_carrier_leaves_the_parcel_pending_then_its_label_prints_once(
    code: str, demo_home: AppContext, dhl: FakeMyDhl, ups: FakeUps
) -> None:
    # GIVEN order 9101 going by the carrier, which answers after 1 s, past the bench's 0.3 s
    fake: FakeMyDhl | FakeUps = dhl if code == "DHL" else ups
    ship = "/shipments" if code == "DHL" else "/v2409/ship"
    configure(demo_home, code, fake, label="zpl", deadline_s=0.3)
    sku = import_order(demo_home, "9101", code)
    fake.inject(Fault("slow", path=ship, method="POST", delay_s=1.0))
    archive = DocumentArchive(demo_home.home)
    # WHEN it is packed and weighed
    handled = pack(_bench(demo_home), "9101", sku)
    # THEN the parcel left with an internal label, and the operator was told
    assert [d.ref for d in handled[-1].printed] == [pending_label_ref("9101", 1)]
    assert handled[-1].warnings[0].startswith(f"{code} did not answer: parcel 1 of order 9101")
    assert parcels(demo_home, "9101") == [(None, code)]
    # AND what the carrier made once it answered is kept for the parcel
    account = _account(demo_home, code)
    _wait_for(lambda: len(late_shipments(account)) == 1)

    # WHEN the pending labels are asked for again
    done = _retry(demo_home, archive)
    # THEN the label of the shipment the carrier made is printed once, with its number, which
    # the parcel now carries; the carrier was asked once
    assert fake.count("POST", ship) == 1
    if isinstance(fake, FakeMyDhl):
        number, label = fake.shipments[0].pieces[0], fake.shipments[0].label
    else:
        number, label = fake.shipments[0].number, fake.shipments[0].labels[0]
    assert [(d.document, d.tracking_number) for d in done.printed] == [("label", number)]
    assert parcels(demo_home, "9101") == [(number, code)]
    assert archive.read(label_ref("9101", 1), "zpl") == label
    assert _retry(demo_home, archive).printed == []


def _retry(ctx: AppContext, archive: DocumentArchive) -> Retried:
    bench = ctx.settings.bench_name
    return retry_pending(ctx.db, ctx.settings, archive, bench=bench, operator="anna", clock=utc_now)


@pytest.mark.parametrize("code", ["DHL", "UPS"])
def test_the_days_manifest_asks_neither_carrier(
    code: str, demo_home: AppContext, dhl: FakeMyDhl, ups: FakeUps
) -> None:
    # GIVEN a home with the carrier's account and a parcel it labelled
    fake = dhl if code == "DHL" else ups
    configure(demo_home, code, fake)
    sku = import_order(demo_home, "9103", code)
    pack(_bench(demo_home), "9103", sku)
    [(tracking, _)] = parcels(demo_home, "9103")
    asked = len(fake.log)
    # WHEN the day's manifest is handed over
    parcel = ManifestParcel("9103", str(tracking), RECIPIENT, 1200)
    close_at_carrier(demo_home, code, dt.date.today(), [parcel])
    # THEN nothing is sent: MyDHL has the shipment since its creation, UPS's Ship API no manifest
    assert len(fake.log) == asked


def test_without_karrio_installed_a_dhl_order_is_refused_saying_what_to_install(
    demo_home: AppContext, dhl: FakeMyDhl, monkeypatch: pytest.MonkeyPatch
) -> None:
    configure(demo_home, "DHL", dhl)
    sku = import_order(demo_home, "9104", "DHL")
    # GIVEN an installation without karrio (its loader cannot be imported)
    monkeypatch.setitem(sys.modules, "station.carriers.karrio_gateway", None)
    monkeypatch.delattr(station.carriers, "karrio_gateway", raising=False)
    with pytest.raises(ShippingError) as refused:
        pack(_bench(demo_home), "9104", sku)
    assert refused.value.message("en") == (
        "DHL labels need the karrio packages, which this installation lacks: install Station "
        "with its 'karrio' extra."
    )
    assert parcels(demo_home, "9104") == [(None, "DHL")]
