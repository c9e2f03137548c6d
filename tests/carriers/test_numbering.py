"""The counter keys users' databases hold are a contract: a series continues where it stands."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from station.app import open_home
from station.carriers.numbering import (
    Numbering,
    ShipmentCounters,
    range_key,
    sscc_key,
    tracking_range,
)
from station.carriers.port import ShippingError
from station.context import AppContext
from station.labels.tracking import NumberRange, format_number, make_sscc
from station.printing.archive import DocumentArchive
from station.services.bench import BenchService
from tests.carriers.helpers import counters, pack, parcels, set_counter

GS1_PREFIX = "5703538"
GLS_KEY = "tracking:GLS:M1:1-999999999"  # the demo GLS range, as releases have stored it
SSCC_KEY = "sscc:05703538"


@pytest.fixture(params=["sqlite", "postgresql"])
def home(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[AppContext]:
    url = request.getfixturevalue("pg_schema_url") if request.param == "postgresql" else None
    with open_home(tmp_path / "home", url, demo_mode=True) as ctx:
        ctx.settings.gs1_company_prefix = GS1_PREFIX
        yield ctx


def test_the_stored_keys_are_the_ones_releases_wrote() -> None:
    numbers = NumberRange("GLS", 1, 999_999_999, "M1", width=9, check="luhn")
    assert range_key(numbers) == GLS_KEY
    assert range_key(NumberRange("POSTE", 1, 99, "RB", "IT", check="s10")) == (
        "tracking:POSTE:RBIT:1-99"
    )
    assert sscc_key(GS1_PREFIX) == SSCC_KEY


def test_a_database_whose_counters_stand_at_n_gives_n_plus_one(home: AppContext) -> None:
    # GIVEN a database whose GLS range stands at 41 and whose SSCC series stands at 9
    set_counter(home, GLS_KEY, 41)
    set_counter(home, SSCC_KEY, 9)
    # WHEN order 1001 (GLS, one parcel) is packed
    pack(BenchService(home.db, home.settings, DocumentArchive(home.home)), "1001", "TSH-01")
    # THEN its parcel has number 42 of the range, and both series moved on by one
    gls = tracking_range(home.settings.tracking_ranges, "GLS")
    assert parcels(home, "1001") == [(format_number(gls, 42), "GLS")]
    assert counters(home) == {GLS_KEY: 42, SSCC_KEY: 10}


def test_the_sscc_continues_its_series(home: AppContext) -> None:
    set_counter(home, SSCC_KEY, 9)
    with home.db.read() as session:
        from station.carriers.numbering import stored_counters

        numbering = Numbering(ShipmentCounters(stored_counters(session)))
        assert numbering.sscc(GS1_PREFIX) == (make_sscc(GS1_PREFIX, 10), {SSCC_KEY: 10})


def test_a_range_that_cannot_hold_the_order_refuses_before_taking_a_number() -> None:
    # GIVEN a range with two numbers left
    numbers = NumberRange("BRT", 1, 5)
    store = ShipmentCounters(lambda key: 3)
    numbering = Numbering(store)
    # WHEN three are asked for, THEN it refuses and nothing was taken
    with pytest.raises(ShippingError, match="used up"):
        numbering.reserve(numbers, 3)
    assert store.taken == {}
    numbering.reserve(numbers, 2)
    assert numbering.take(numbers) == ("4", {"tracking:BRT::1-5": 4})
