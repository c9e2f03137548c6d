"""Where a parcel is, asked of BRT, GLS Italy and Poste, each against its fake (BRT: its REST
tracking documentation; GLS: the Track & Trace feed as public integrations read it; Poste: the
public C# and PHP clients), in our own statuses beside the carrier's words."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterator

import pytest

from station.carriers import LabelRequest, ParcelToLabel, ShippingError
from station.carriers.gls import gls_carrier
from station.carriers.numbering import ShipmentCounters
from station.config import Settings
from station.context import AppContext
from station.printing.archive import DocumentArchive
from station.services.bench import BenchService
from tests.carriers import brt_setup, poste_setup
from tests.carriers.test_label_pending import _pack
from tests.console_process import run_station
from tests.fakes.carriers.gls import FakeGlsItaly
from tests.fakes.carriers.poste import FakePoste
from tests.labels.factories import RECIPIENT, SENDER

ROME = dt.timezone(dt.timedelta(hours=1))  # December in Italy


def _request(carrier: str) -> LabelRequest:
    return LabelRequest(
        "1003", carrier, "standard", SENDER, RECIPIENT, (ParcelToLabel(1, 1200),), 1,
        formats=("pdf",),
    )  # fmt: skip


def _memory() -> ShipmentCounters:
    return ShipmentCounters(lambda key: None)


def test_brt_says_where_a_parcel_is_in_our_words_oldest_event_first() -> None:
    with brt_setup.fake_brt() as brt:
        carrier = brt_setup.adapter(brt)
        [parcel] = carrier.create_labels(_request("BRT"), _memory()).parcels
        number = parcel.tracking_number
        # GIVEN a parcel BRT has not taken yet, THEN BRT has no data and says so
        with pytest.raises(ShippingError, match=r"\(-1\): Nessun dato di tracking"):
            carrier.track(number)
        # GIVEN BRT's branch took it, sent it and has it out for delivery
        brt.add_event(number, "02.12.2026 16.32", "700", "DATI SPEDIZ. TRASMESSI A BRT")
        brt.add_event(number, "02.12.2026 18.00", "701", "RITIRATA")
        brt.add_event(number, "03.12.2026 07.10", "MIC", "IN CONSEGNA")
        # WHEN it is tracked
        tracked = carrier.track(number)
        # THEN the events are BRT's, oldest first, the pads of BRT's list left out
        assert [(e.status, e.said) for e in tracked.events] == [
            ("registered", "DATI SPEDIZ. TRASMESSI A BRT"),
            ("in_transit", "RITIRATA"),
            ("out_for_delivery", "IN CONSEGNA"),
        ]
        assert tracked.status == "out_for_delivery"
        assert tracked.events[-1].at == dt.datetime(2026, 12, 3, 7, 10, tzinfo=ROME)
        # AND a delivery closes it
        brt.add_event(number, "03.12.2026 11.46", "704", "CONSEGNATA")
        assert carrier.track(number).status == "delivered"


def test_gls_italy_says_where_a_parcel_is_by_its_event_codes() -> None:
    with FakeGlsItaly("M1", "123456", "gls-pw") as gls:
        conf = {"kind": "gls-it", "url": f"{gls.url}/ilswebservice.asmx", "branch": "M1",
                "client": "123456", "contract": "1234",
                "track_url": f"{gls.url}/XML/get_xml_track.php"}  # fmt: skip
        settings = Settings(language="en", extra={"carrier_accounts": {"GLS": conf}})
        settings.carrier_secrets = lambda code: {"password": "gls-pw"}
        carrier = gls_carrier("GLS", settings)
        [parcel] = carrier.create_labels(_request("GLS"), _memory()).parcels
        number = parcel.tracking_number
        gls.add_event(number, "02/12/26 18:40", "MILANO", "PARTITA DALLA SEDE MITTENTE", "902")
        gls.add_event(number, "03/12/26 08:05", "ROMA", "IN GIACENZA PRESSO LA SEDE", "904")
        gls.add_event(number, "04/12/26 10:00", "ROMA", "FERMO DEPOSITO", "907")
        tracked = carrier.track(number)
        assert [(e.status, e.place) for e in tracked.events] == [
            ("in_transit", "MILANO"), ("in_transit", "ROMA"), ("held", "ROMA"),
        ]  # fmt: skip
        assert tracked.events[0].at == dt.datetime(2026, 12, 2, 18, 40, tzinfo=ROME)
        # AND a number GLS does not know is GLS's refusal, in its words
        with pytest.raises(ShippingError, match="Spedizione non trovata"):
            carrier.track("999000111")


def test_poste_says_a_new_waybill_has_no_events_then_follows_it() -> None:
    with poste_setup.fake_poste() as poste:
        carrier = poste_setup.adapter(poste)
        [parcel] = carrier.create_labels(_request("POSTE"), _memory()).parcels
        number = parcel.tracking_number
        # GIVEN a waybill Poste has not taken yet, THEN it is registered, with no event
        assert carrier.track(number).status == "registered"
        # GIVEN Poste's network moves it
        poste.add_event(number, "2026-12-02 19:00:00", "IN TRANSITO", "In transito", "Milano (MI)")
        poste.add_event(number, "2026-12-03 12:30:00", "CONSEGNATA", "Consegnata", "Roma (RM)")
        poste.add_event(number, "2026-12-03 09:00:00", "IN CONSEGNA", "In consegna", "Roma (RM)")
        tracked = carrier.track(number)
        # THEN its events come in time order, in our words, with Poste's
        assert [e.status for e in tracked.events] == ["in_transit", "out_for_delivery", "delivered"]
        assert tracked.events[-1].said == "Consegnata (Roma (RM))"
        # AND a number Poste does not know is Poste's refusal
        with pytest.raises(ShippingError, match=r"\(201\): Spedizione non trovata"):
            carrier.track("0000000000000")


@pytest.fixture
def poste() -> Iterator[FakePoste]:
    with poste_setup.fake_poste() as fake:
        yield fake


def test_station_carrier_track_by_order_and_by_number(
    demo_home: AppContext, poste: FakePoste
) -> None:
    # GIVEN order 1003 shipped by Poste from the bench, and Poste moving it
    poste_setup.configure(demo_home, poste)
    bench = BenchService(demo_home.db, demo_home.settings, DocumentArchive(demo_home.home))
    _pack(bench, demo_home, "1003")
    [waybill] = poste.waybills
    poste.add_event(waybill.code, "2026-12-03 09:00:00", "IN CONSEGNA", "In consegna", "Roma")
    # WHEN the lead asks where order 1003 is
    said = run_station(demo_home.home, "carrier", "track", "1003")
    # THEN one sentence per parcel in our words, then Poste's events
    assert said.returncode == 0, said.stderr
    assert said.stdout.splitlines() == [
        f"Order 1003 parcel 1, POSTE {waybill.code}: out for delivery.",
        "  2026-12-03 09:00\tRoma\tIn consegna (Roma)",
    ]
    # AND by tracking number, as JSON
    as_json = run_station(demo_home.home, "carrier", "track", waybill.code, "--json")
    [row] = json.loads(as_json.stdout)
    assert (row["order"], row["status"], row["error"]) == ("1003", "out_for_delivery", None)
    assert row["events"][0]["at"] == "2026-12-03T09:00:00+01:00"
    # AND a number nobody shipped is said in one line
    unknown = run_station(demo_home.home, "carrier", "track", "ZZ999")
    assert unknown.returncode == 1
    assert unknown.stderr.strip() == (
        "station: No parcel has tracking number ZZ999, and no order with that number was shipped."
    )


def test_a_carrier_without_tracking_and_a_pending_label_are_said_not_asked(
    demo_home: AppContext, poste: FakePoste
) -> None:
    from station.services.tracking import ParcelToTrack, parcels_to_track, track_parcels

    # GIVEN order 1001 shipped with a number from GLS's local range (no account: no network)
    bench = BenchService(demo_home.db, demo_home.settings, DocumentArchive(demo_home.home))
    _pack(bench, demo_home, "1001")
    with demo_home.db.read() as session:
        [parcel] = parcels_to_track(session, "#1001")
    # WHEN it is tracked, THEN the range cannot say where it is, and says so
    [answer] = track_parcels([parcel], demo_home.settings)
    assert answer.tracked is None
    assert answer.problem is not None
    assert answer.problem.text("en") == (
        "GLS (range) cannot be asked where a parcel is; look it up on the carrier's site."
    )
    # AND a parcel still waiting for its label is not asked about
    waiting = ParcelToTrack("1003", 1, "POSTE", None)
    [pending] = track_parcels([waiting], demo_home.settings)
    assert pending.problem is not None
    assert pending.problem.text("it") == (
        "la sua etichetta POSTE è ancora in attesa, quindi non c'è ancora niente da tracciare."
    )
    assert poste.log == []
