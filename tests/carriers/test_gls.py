"""GLS Italy's label service adapter against the fake GLS (tests/fakes/carriers/gls.py, built
from the public SDK markosirec/gls-italy-sdk and the service's WSDL)."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path

import pytest

from station.carriers import LabelRequest, ParcelToLabel, ShippingError
from station.carriers.gls import GlsItalyCarrier, gls_carrier
from station.carriers.numbering import ShipmentCounters
from station.carriers.transport import CarrierUnreachableError
from station.config import Settings
from station.context import AppContext
from station.printing.archive import DocumentArchive
from station.services.bench import BenchService
from sync.secrets import save_secrets
from tests.carriers.test_label_pending import _pack
from tests.console_process import run_station
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


def test_the_days_manifest_closes_the_day_at_gls_once(
    demo_home: AppContext, gls: FakeGlsItaly, tmp_path: Path
) -> None:
    # GIVEN order 1001 shipped by GLS Italy from the bench
    demo_home.settings.extra["carrier_accounts"] = {
        "GLS": {"kind": "gls-it", "url": f"{gls.url}/ilswebservice.asmx", "branch": BRANCH,
                "client": CLIENT, "contract": CONTRACT},
    }  # fmt: skip
    demo_home.settings.save(demo_home.home)
    save_secrets(demo_home.home, "carrier:GLS", {"password": PASSWORD})
    bench = BenchService(demo_home.db, demo_home.settings, DocumentArchive(demo_home.home))
    _pack(bench, demo_home, "1001")
    [parcel] = gls.live()
    # WHEN the day's GLS manifest is printed, then printed again
    first = run_station(
        demo_home.home, "manifest", "--carrier", "GLS", "-o", str(tmp_path / "a.csv")
    )
    again = run_station(
        demo_home.home, "manifest", "--carrier", "GLS", "-o", str(tmp_path / "b.csv")
    )
    # THEN GLS closed the parcel once, and both manifests list it
    assert first.returncode == 0, first.stderr
    assert again.returncode == 0, again.stderr
    assert parcel.closed
    assert gls.count("POST", "CloseWorkDay") == 1
    for name in ("a.csv", "b.csv"):
        assert parcel.number in (tmp_path / name).read_text()


def test_a_close_gls_refuses_leaves_the_day_open(
    demo_home: AppContext, gls: FakeGlsItaly, tmp_path: Path
) -> None:
    # GIVEN order 1001 shipped by GLS, and GLS's password changed since
    demo_home.settings.extra["carrier_accounts"] = {
        "GLS": {"kind": "gls-it", "url": f"{gls.url}/ilswebservice.asmx", "branch": BRANCH,
                "client": CLIENT, "contract": CONTRACT},
    }  # fmt: skip
    demo_home.settings.save(demo_home.home)
    save_secrets(demo_home.home, "carrier:GLS", {"password": PASSWORD})
    bench = BenchService(demo_home.db, demo_home.settings, DocumentArchive(demo_home.home))
    _pack(bench, demo_home, "1001")
    save_secrets(demo_home.home, "carrier:GLS", {"password": "old"})
    # WHEN the manifest is asked for
    refused = run_station(
        demo_home.home, "manifest", "--carrier", "GLS", "-o", str(tmp_path / "a.csv")
    )
    # THEN GLS's reason is said, no manifest is written and the day stays open
    assert refused.returncode == 1
    assert refused.stderr.strip() == (
        "station: GLS refused the parcel: Autenticazione fallita. Correct it and pack the parcel again."
    )
    assert not (tmp_path / "a.csv").exists()
    assert not gls.live()[0].closed
