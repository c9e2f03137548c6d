"""Poste Delivery Business adapter against the fake Poste (tests/fakes/carriers/poste.py, built
from the public clients mlocati/MLPosteDeliveryExpress and dinja-srl/poste-delivery-business-sdk):
Poste's numbers and labels, refusals in Poste's words, nothing half labelled, no cancel call."""

from __future__ import annotations

import re
import time
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path

import pytest
from sqlalchemy import select

from station.carriers import LabelRequest, ParcelToLabel, ShippingError
from station.carriers.numbering import ShipmentCounters
from station.carriers.transport import CarrierUnreachableError
from station.context import AppContext
from station.db.models import Order
from station.printing.archive import DocumentArchive, label_ref, pending_label_ref
from station.services.bench import BenchService, utc_now
from station.services.pending_labels import retry_pending
from tests.carriers.helpers import parcels
from tests.carriers.poste_setup import adapter, configure, fake_poste
from tests.carriers.test_brt import zpl_code128
from tests.carriers.test_label_pending import _pack
from tests.console_process import run_station
from tests.fakes.carriers.poste import FakePoste
from tests.fakes.shops.base import Fault
from tests.labels.factories import RECIPIENT, SENDER
from tests.labels.readback import needs_raster, pdf_barcodes, png_barcodes
from tests.labels.test_courier import needs_zplkit


@pytest.fixture
def poste() -> Iterator[FakePoste]:
    with fake_poste() as fake:
        yield fake


def _request(
    weights: tuple[int, ...] = (1200,), cod: Decimal | None = None, service: str = "standard"
) -> LabelRequest:
    parcels = tuple(ParcelToLabel(n, w) for n, w in enumerate(weights, start=1))
    return LabelRequest(
        "1003", "POSTE", service, SENDER, RECIPIENT, parcels, len(parcels), cod,
        formats=("pdf", "zpl"),
    )  # fmt: skip


def _memory() -> ShipmentCounters:
    return ShipmentCounters(lambda key: None)


@needs_raster
def test_a_parcel_gets_postes_waybill_and_the_label_behind_its_url(poste: FakePoste) -> None:
    # WHEN one parcel is labelled
    [parcel] = adapter(poste).create_labels(_request(), _memory()).parcels
    # THEN its number is the waybill Poste made, and the PDF fetched from its URL scans to it
    [waybill] = poste.waybills
    assert parcel.tracking_number == waybill.code
    assert parcel.documents["pdf"] == waybill.label
    assert [d.data for d in pdf_barcodes(parcel.documents["pdf"], dpi=300)] == [waybill.code]
    # AND Poste was asked for the standard product, the house number kept apart
    assert waybill.product == "APT000902"
    assert (waybill.receiver["address"], waybill.receiver["streetNumber"]) == (
        "Corso Garibaldi", "42",
    )  # fmt: skip


def test_a_session_token_serves_many_calls_and_a_refused_one_is_renewed(poste: FakePoste) -> None:
    carrier = adapter(poste)
    carrier.create_labels(_request(), _memory())
    carrier.create_labels(_request(), _memory())
    assert poste.count("POST", "user/sessions") == 1
    # WHEN Poste no longer takes the token, THEN a new one is asked for and the call goes on
    poste.expire_tokens()
    carrier.create_labels(_request(), _memory())
    assert poste.count("POST", "user/sessions") == 2
    assert len(poste.waybills) == 3


def test_three_parcels_are_three_waybills_of_one_multi_parcel_shipment_on_zpl(
    poste: FakePoste,
) -> None:
    # GIVEN an account printing Poste's ZPL labels
    carrier = adapter(poste, label="zpl")
    # WHEN an order of three parcels is labelled
    created = carrier.create_labels(_request((500, 700, 900)), _memory())
    # THEN Poste made one waybill per parcel in one call, asked as Multicollo
    assert [p.tracking_number for p in created.parcels] == [w.code for w in poste.waybills]
    assert poste.count("POST", "parcel/waybill") == 1
    assert {w.reference for w in poste.waybills} == {poste.waybills[0].reference}
    assert all("APT000945" in w.services for w in poste.waybills)
    assert [w.weight_g for w in poste.waybills] == [500, 700, 900]
    # AND each ZPL label's barcode field is its own parcel's number
    for parcel in created.parcels:
        assert zpl_code128(parcel.documents["zpl"]) == parcel.tracking_number


@needs_zplkit
@needs_raster
def test_postes_zpl_label_rendered_as_a_printer_would_scans_to_the_waybill(
    poste: FakePoste,
) -> None:
    from station.labels.zpl import preview_png

    [parcel] = adapter(poste, label="zpl").create_labels(_request(), _memory()).parcels
    found = png_barcodes(preview_png(parcel.documents["zpl"], 203))
    assert [d.data for d in found] == [parcel.tracking_number]


def test_cash_on_delivery_is_postes_accessory_service_with_its_amount(poste: FakePoste) -> None:
    # GIVEN an account that also asks for home delivery (A Domicilio)
    carrier = adapter(poste, accessories=["APT000946"])
    # WHEN an order to be paid 49.90 EUR on delivery is labelled
    carrier.create_labels(_request(cod=Decimal("49.9"), service="express"), _memory())
    # THEN the waybill carries COD (cash) with two decimals, the accessory, the express product
    [waybill] = poste.waybills
    assert waybill.services == {
        "APT000946": {},
        "APT000918": {"amount": "49.90", "paymentMode": "CON"},
    }
    assert waybill.product == "APT000901"


def test_an_address_poste_refuses_is_said_in_postes_words_and_nothing_is_made(
    poste: FakePoste,
) -> None:
    # GIVEN a recipient whose CAP Poste does not take for the province
    del poste.routing["00"]
    # WHEN two parcels are labelled
    with pytest.raises(ShippingError) as refused:
        adapter(poste).create_labels(_request((500, 700)), _memory())
    # THEN one sentence says Poste refused it, why, and what to do; Poste holds nothing
    assert refused.value.message("en") == (
        "POSTE refused the waybill (202): CAP 00184 non coerente con la provincia RM. "
        "Correct it and pack the parcel again."
    )
    assert refused.value.message("it").startswith("POSTE ha rifiutato la lettera di vettura (202)")
    assert poste.waybills == []


def test_a_wrong_secret_is_postes_login_refusal(poste: FakePoste) -> None:
    with pytest.raises(ShippingError) as refused:
        adapter(poste, secret="old").create_labels(_request(), _memory())
    assert refused.value.message("en") == (
        "POSTE refused the account's client ID or secret (AADSTS7000215: Invalid client secret "
        "provided.): add the account again with 'station carrier add poste'."
    )


def test_a_slow_poste_is_a_timeout_and_a_down_one_unreachable(poste: FakePoste) -> None:
    poste.inject(Fault("slow", path="parcel/waybill", delay_s=1.0))
    with pytest.raises(CarrierUnreachableError) as late:
        adapter(poste, deadline_s=0.3).create_labels(_request(), _memory())
    assert late.value.message("en") == "POSTE did not answer within 0.3 s."
    poste.inject(Fault("status", path="parcel/waybill", status=503))
    with pytest.raises(CarrierUnreachableError) as down:
        adapter(poste).create_labels(_request(), _memory())
    assert down.value.code == "carrier_down"


def test_a_waybill_cannot_be_cancelled_at_poste_and_the_operator_is_told_why(
    poste: FakePoste,
) -> None:
    carrier = adapter(poste)
    [parcel] = carrier.create_labels(_request(), _memory()).parcels
    with pytest.raises(ShippingError) as refused:
        carrier.void([parcel.tracking_number])
    assert refused.value.message("en") == (
        f"POSTE has no way to cancel a waybill through its API ({parcel.tracking_number}): do "
        "not hand the parcel over, and ask Poste's business support to cancel it."
    )


# -- at the bench ----------------------------------------------------------------------------


def _order_carrier(ctx: AppContext, number: str) -> str:
    with ctx.db.read() as session:
        return session.scalars(select(Order.carrier).where(Order.number == number)).one()


@needs_raster
def test_the_bench_ships_a_poste_order_and_reprints_postes_label_byte_for_byte(
    demo_home: AppContext, poste: FakePoste, tmp_path: Path
) -> None:
    # GIVEN a home with a Poste account, and order 1003 going by Poste
    assert _order_carrier(demo_home, "1003") == "POSTE"
    configure(demo_home, poste)
    bench = BenchService(demo_home.db, demo_home.settings, DocumentArchive(demo_home.home))
    # WHEN it is packed and weighed
    _pack(bench, demo_home, "1003")
    # THEN its label is Poste's, scanning to the number the parcel carries
    [waybill] = poste.waybills
    assert parcels(demo_home, "1003") == [(waybill.code, "POSTE")]
    label = (demo_home.home / "labels" / "1003-1.pdf").read_bytes()
    assert label == waybill.label
    assert [d.data for d in pdf_barcodes(label, dpi=300)] == [waybill.code]
    # AND `station label` gives it back byte for byte
    out = tmp_path / "again.pdf"
    reprinted = run_station(demo_home.home, "label", "1003", "-o", str(out))
    assert reprinted.returncode == 0, reprinted.stderr
    assert out.read_bytes() == waybill.label
    # AND the day's manifest is Station's own: Poste has no closing call, nothing is sent
    calls = len(poste.log)
    manifest = run_station(
        demo_home.home, "manifest", "--carrier", "POSTE", "-o", str(tmp_path / "m.csv")
    )
    assert manifest.returncode == 0, manifest.stderr
    assert waybill.code in (tmp_path / "m.csv").read_text()
    assert len(poste.log) == calls


@needs_raster
def test_a_late_poste_leaves_the_parcel_pending_then_its_label_prints_once(
    demo_home: AppContext, poste: FakePoste
) -> None:
    # GIVEN order 1003 going by Poste, and Poste answering after 1 s, past the bench's 0.3 s
    configure(demo_home, poste, deadline_s=0.3)
    archive = DocumentArchive(demo_home.home)
    bench = BenchService(demo_home.db, demo_home.settings, archive, operator="anna")
    poste.inject(Fault("slow", path="parcel/waybill", delay_s=1.0))
    # WHEN it is packed, THEN it leaves with its internal label and waits
    warnings = _pack(bench, demo_home, "1003")
    assert [d.ref for d in bench.last_printed] == [pending_label_ref("1003", 1)]  # type: ignore[attr-defined]
    assert warnings[0].startswith("POSTE did not answer: parcel 1 of order 1003")
    # WHEN Poste answers again (the late call made a waybill nobody heard of)
    deadline = time.monotonic() + 10
    while len(poste.waybills) < 1:
        assert time.monotonic() < deadline
        time.sleep(0.05)
    done = retry_pending(
        demo_home.db, demo_home.settings, archive,
        bench=demo_home.settings.bench_name, operator="anna", clock=utc_now,
    )  # fmt: skip
    # THEN a new waybill's label printed once, with its number, which the parcel now carries
    late, fresh = poste.waybills
    assert late.reference != fresh.reference
    assert [(d.document, d.tracking_number) for d in done.printed] == [("label", fresh.code)]
    label = archive.read(label_ref("1003", 1), "pdf")
    assert [d.data for d in pdf_barcodes(label, dpi=300)] == [fresh.code]
    again = retry_pending(
        demo_home.db, demo_home.settings, archive,
        bench=demo_home.settings.bench_name, operator="anna", clock=utc_now,
    )  # fmt: skip
    assert again.printed == []


def test_no_number_is_taken_when_the_label_cannot_be_fetched(poste: FakePoste) -> None:
    # GIVEN Poste's storage refusing the label link
    poste.inject(Fault("status", path="/_blob/", status=403))
    # WHEN a parcel is labelled, THEN the operator reads which waybill has no label
    with pytest.raises(ShippingError) as missing:
        adapter(poste).create_labels(_request(), _memory())
    [waybill] = poste.waybills
    assert missing.value.message("en") == (
        f"POSTE created waybill {waybill.code} but its label could not be downloaded (HTTP 403): "
        "pack the parcel again."
    )
    assert re.fullmatch(r"\d{13}", waybill.code)


def test_an_order_poste_refuses_at_the_bench_is_not_half_labelled(
    demo_home: AppContext, poste: FakePoste
) -> None:
    from station.services.failures import failure_of

    # GIVEN order 1003 going by Poste to an area Poste refuses
    configure(demo_home, poste)
    with demo_home.db.read() as session:
        order = session.scalars(select(Order).where(Order.number == "1003")).one()
        del poste.routing[str(order.shipping_address["postcode"])[:2]]
    bench = BenchService(demo_home.db, demo_home.settings, DocumentArchive(demo_home.home))
    # WHEN it is packed and weighed
    with pytest.raises(ShippingError) as refused:
        _pack(bench, demo_home, "1003")
    # THEN the operator reads Poste's reason in one sentence
    kind, phrase = failure_of(refused.value) or ("", None)
    assert kind == "shipping"
    assert phrase is not None
    assert phrase.text("en").startswith("POSTE refused the waybill (202): CAP ")
    # AND nothing was labelled: no number, no label file, nothing at Poste
    with demo_home.db.read() as session:
        order = session.scalars(select(Order).where(Order.number == "1003")).one()
        assert [p.tracking_number for p in order.parcels] == [None]
    assert not (demo_home.home / "labels" / "1003-1.pdf").exists()
    assert poste.waybills == []
