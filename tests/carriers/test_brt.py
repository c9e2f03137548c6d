"""BRT's REST adapter against the fake BRT (tests/fakes/carriers/brt.py, built from BRT's own
REST documentation): numbers and labels come from BRT, refusals in BRT's words, nothing half
labelled."""

from __future__ import annotations

import re
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path

import pytest
from sqlalchemy import select

from station.carriers import LabelRequest, ParcelToLabel, ShippingError
from station.carriers.numbering import ShipmentCounters
from station.carriers.transport import CarrierUnreachableError
from station.context import AppContext
from station.db.models import Event, Order
from station.domain import events as ev
from station.printing.archive import DocumentArchive
from station.services.bench import BenchService
from station.services.failures import failure_of
from station.workflow.io import Command, CommandName, ReadScale, Scan, Weight
from tests.carriers.brt_setup import WEEKDAY_MORNING, adapter, configure, fake_brt
from tests.console_process import ean_of, run_station
from tests.fakes.carriers.brt import FakeBrt
from tests.fakes.shops.base import Fault
from tests.labels.factories import RECIPIENT, SENDER
from tests.labels.readback import needs_raster, pdf_barcodes

SUNDAY_NOON = WEEKDAY_MORNING + 4 * 86_400 + 3600


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


def _memory() -> ShipmentCounters:
    return ShipmentCounters(lambda key: None)


def zpl_code128(zpl: bytes) -> str:
    """The data of the label's ^BC field (subset C start `>;` removed), as a printer reads it."""
    found = re.search(rb"\^BC[^\^]*\^FD(?:>;)?([^\^]+)\^FS", zpl)
    assert found is not None, zpl
    return found.group(1).decode()


@needs_raster
def test_a_parcel_gets_brts_number_and_a_pdf_label_that_scans_to_it(brt: FakeBrt) -> None:
    # GIVEN an account whose contract returns BRT's PDF label
    carrier = adapter(brt)
    # WHEN one parcel is labelled
    created = carrier.create_labels(_request(), _memory())
    # THEN its number is BRT's 18-digit parcelID and the label's Code 128 carries it
    [parcel] = created.parcels
    assert parcel.tracking_number == brt.live()[0].parcel_ids[0]
    assert re.fullmatch(r"\d{18}", parcel.tracking_number)
    assert set(parcel.documents) == {"pdf"}
    decoded = pdf_barcodes(parcel.documents["pdf"], dpi=300)
    assert [d.data for d in decoded] == [parcel.tracking_number]


def test_three_parcels_are_one_shipment_with_consecutive_numbers_on_zpl_labels(
    brt: FakeBrt,
) -> None:
    # GIVEN an account printing BRT's ZPL labels
    carrier = adapter(brt, label="brt-zpl")
    # WHEN an order of three parcels is labelled
    created = carrier.create_labels(_request((500, 700, 900)), _memory())
    # THEN BRT holds one shipment of three parcels, 2.1 kg, numbered consecutively
    [shipment] = brt.live()
    assert [p.tracking_number for p in created.parcels] == shipment.parcel_ids
    numbers = [int(pid[8:15]) for pid in shipment.parcel_ids]
    assert numbers == [numbers[0], numbers[0] + 1, numbers[0] + 2]
    # AND each ZPL label's barcode field is its own parcel's number
    for parcel in created.parcels:
        assert zpl_code128(parcel.documents["zpl"]) == parcel.tracking_number


def test_cash_on_delivery_reaches_brt_once_for_the_shipment(brt: FakeBrt) -> None:
    # GIVEN an order of two parcels to be paid 49.90 EUR on delivery
    carrier = adapter(brt)
    # WHEN it is labelled
    carrier.create_labels(_request((800, 800), cod=Decimal("49.90")), _memory())
    # THEN BRT's shipment carries the amount once
    [shipment] = brt.live()
    assert shipment.cod == pytest.approx(49.90)


def test_an_address_brt_cannot_route_is_refused_in_brts_words(brt: FakeBrt) -> None:
    # GIVEN a recipient whose ZIP BRT does not route
    del brt.routing["00"]
    # WHEN the parcel is labelled
    with pytest.raises(ShippingError) as refused:
        adapter(brt).create_labels(_request(), _memory())
    # THEN the sentence says BRT refused it, with BRT's reason and what to do; BRT holds nothing
    assert refused.value.message("en") == (
        "BRT refused the shipment (-63): CAP 00184 inesistente. Correct it and pack the parcel again."
    )
    assert brt.live() == []


def test_a_wrong_password_is_brts_login_failure(brt: FakeBrt) -> None:
    # GIVEN an account whose stored password BRT does not know
    carrier = adapter(brt)
    carrier.account = type(carrier.account)(**{**vars(carrier.account), "password": "old"})
    # WHEN a parcel is labelled
    with pytest.raises(ShippingError) as refused:
        carrier.create_labels(_request(), _memory())
    # THEN the operator reads BRT's description of the code
    assert "(-7): Login fallito" in refused.value.message("en")


def test_a_deleted_shipment_is_gone_and_one_in_the_branchs_hands_cannot_be(brt: FakeBrt) -> None:
    # GIVEN two labelled orders, the second already taken in hand by BRT's branch
    carrier = adapter(brt)
    carrier.create_labels(_request(), _memory())
    other = LabelRequest(**{**vars(_request()), "order_number": "1004"})
    carrier.create_labels(other, _memory())
    brt.shipments[1].taken = True
    # WHEN both are deleted
    carrier.delete("1003")
    with pytest.raises(ShippingError) as refused:
        carrier.delete("1004")
    # THEN the first is gone at BRT, the second stays, and BRT's reason is said
    assert [s.reference for s in brt.live()] == [(1004, "1004")]
    assert "(-152): Spedizione già in presa in gestione dalla filiale" in refused.value.message(
        "en"
    )
    # AND deleting the first again is BRT's "never created"
    with pytest.raises(ShippingError, match="-151"):
        carrier.delete("1003")


def test_explicit_confirmation_waits_five_minutes_as_brt_requires() -> None:
    # GIVEN a customer whose contract is explicit confirmation
    with fake_brt(mode="explicit") as brt:
        carrier = adapter(brt, mode="explicit")
        carrier.create_labels(_request(), _memory())
        # WHEN it is confirmed at once, then after five minutes
        with pytest.raises(ShippingError, match="-101"):
            carrier.confirm("1003")
        brt.clock.advance(5 * 60)
        carrier.confirm("1003")
        # THEN BRT holds it confirmed
        assert [s.confirmed for s in brt.live()] == [True]


def test_an_auto_confirm_customer_cannot_confirm(brt: FakeBrt) -> None:
    carrier = adapter(brt)
    carrier.create_labels(_request(), _memory())
    with pytest.raises(ShippingError, match=r"\(-101\)"):
        carrier.confirm("1003")


def test_a_slow_brt_is_a_timeout_not_a_refusal(brt: FakeBrt) -> None:
    # GIVEN BRT answering in 2 s and a deadline of 0.3 s
    brt.inject(Fault("slow", path="/shipments/shipment", delay_s=2.0))
    carrier = adapter(brt, deadline_s=0.3)
    # WHEN a parcel is labelled
    with pytest.raises(CarrierUnreachableError) as late:
        carrier.create_labels(_request(), _memory())
    # THEN the sentence says BRT did not answer in time
    assert late.value.message("en") == "BRT did not answer within 0.3 s."


def test_brts_maintenance_window_is_unreachable() -> None:
    # GIVEN a Sunday at 13:00 in Italy, when BRT's services are down
    with fake_brt(at=SUNDAY_NOON) as brt, pytest.raises(CarrierUnreachableError) as down:
        adapter(brt).create_labels(_request(), _memory())
    assert down.value.code == "carrier_down"


# -- at the bench ----------------------------------------------------------------------------


def _pack_whole_order(bench: BenchService, ctx: AppContext, number: str) -> None:
    with ctx.db.read() as session:
        order = session.scalars(select(Order).where(Order.number == number)).one()
        units = [line.sku for line in order.lines for _ in range(line.quantity)]
    bench.handle(Scan(number))
    for sku in units:
        bench.handle(Scan(ean_of(sku)))
    for effect in bench.handle(Command(CommandName.WEIGH)).effects:
        if isinstance(effect, ReadScale):
            bench.handle(Weight(effect.expected_g))


def _labels_recorded(ctx: AppContext, number: str) -> tuple[list[str | None], int]:
    with ctx.db.read() as session:
        order = session.scalars(select(Order).where(Order.number == number)).one()
        events = session.scalars(
            select(Event).where(Event.order_uid == order.uid, Event.type == ev.LabelCreated.TYPE)
        ).all()
        return [p.tracking_number for p in order.parcels], len(events)


@needs_raster
def test_the_bench_ships_a_brt_order_with_brts_number_and_label(
    demo_home: AppContext, brt: FakeBrt
) -> None:
    # GIVEN a home with a BRT account, and order 1004 going by BRT
    configure(demo_home, brt)
    archive = DocumentArchive(demo_home.home)
    bench = BenchService(demo_home.db, demo_home.settings, archive)
    # WHEN it is packed and weighed
    _pack_whole_order(bench, demo_home, "1004")
    # THEN its parcel has BRT's number, and the archived label scans to it
    [tracking], created = _labels_recorded(demo_home, "1004")
    assert tracking == brt.live()[0].parcel_ids[0]
    assert created == 1
    label = (demo_home.home / "labels" / "1004-1.pdf").read_bytes()
    assert [d.data for d in pdf_barcodes(label, dpi=300)] == [tracking]
    # AND `station label` gives BRT's label byte for byte, never a label drawn again
    out = demo_home.home / "again.pdf"
    reprinted = run_station(demo_home.home, "label", "1004", "-o", str(out))
    assert reprinted.returncode == 0, reprinted.stderr
    assert out.read_bytes() == brt.live()[0].labels[0]
    as_zpl = run_station(demo_home.home, "label", "1004", "--format", "zpl")
    assert as_zpl.returncode == 1
    assert as_zpl.stderr.strip() == (
        "station: The carrier sent order 1004's labels as pdf, not zpl; ask for --format pdf."
    )


def test_an_order_brt_refuses_is_not_half_labelled(demo_home: AppContext, brt: FakeBrt) -> None:
    # GIVEN order 1004 going by BRT to an area BRT does not route
    configure(demo_home, brt)
    with demo_home.db.read() as session:
        order = session.scalars(select(Order).where(Order.number == "1004")).one()
        zip_area = str(order.shipping_address["postcode"])[:2]
    del brt.routing[zip_area]
    bench = BenchService(demo_home.db, demo_home.settings, DocumentArchive(demo_home.home))
    # WHEN it is packed and weighed
    with pytest.raises(ShippingError) as refused:
        _pack_whole_order(bench, demo_home, "1004")
    # THEN the operator reads BRT's reason in one sentence
    kind, phrase = failure_of(refused.value) or ("", None)
    assert kind == "shipping"
    assert phrase is not None
    said = phrase.text("en")
    assert said.startswith("BRT refused the shipment (-63): CAP ")
    assert said.count(". ") == 1
    # AND nothing was labelled: no number, no label event, no label file, nothing at BRT
    assert _labels_recorded(demo_home, "1004") == ([None], 0)
    assert not (demo_home.home / "labels" / "1004-1.pdf").exists()
    assert brt.live() == []


def test_explicit_mode_shipments_are_confirmed_when_the_days_manifest_closes(
    demo_home: AppContext, tmp_path: Path
) -> None:
    with fake_brt(mode="explicit") as brt:
        # GIVEN an explicit-confirmation BRT account and order 1004 shipped by it
        configure(demo_home, brt, mode="explicit")
        bench = BenchService(demo_home.db, demo_home.settings, DocumentArchive(demo_home.home))
        _pack_whole_order(bench, demo_home, "1004")
        assert [s.confirmed for s in brt.live()] == [False]
        # WHEN the day's BRT manifest is printed before BRT's 5 minutes, THEN BRT's reason is
        # said and the day stays open
        early = run_station(
            demo_home.home, "manifest", "--carrier", "BRT", "-o", str(tmp_path / "a.csv")
        )
        assert early.returncode == 1
        assert "(-101): Conferma possibile dopo 5 minuti dalla creazione" in early.stderr
        # WHEN it is printed later, THEN BRT's branch gets the shipment, confirmed
        brt.clock.advance(5 * 60)
        later = run_station(
            demo_home.home, "manifest", "--carrier", "BRT", "-o", str(tmp_path / "b.csv")
        )
        assert later.returncode == 0, later.stderr
        assert [s.confirmed for s in brt.live()] == [True]
