"""Events serialise once: the fast encoder gives exactly the dict the field codecs give, and
`decode` reads it back to the same event."""

from __future__ import annotations

import datetime as dt
import uuid
from decimal import Decimal

import pytest

from station.domain import events as ev

NOW = dt.datetime(2026, 12, 4, 20, 1, 2, 345678, tzinfo=dt.UTC)
SAMPLES = [
    ev.PickBinScanned(order=uuid.uuid4(), bin="A-02-06", line=uuid.uuid4()),
    ev.ToteAssigned(order=uuid.uuid4(), tote="TOTE03", batch=uuid.uuid4()),
    ev.UnitsPicked(order=uuid.uuid4(), line=uuid.uuid4(), bin="A-01-02", tote="TOTE03", quantity=2),
    ev.PickShorted(
        order=uuid.uuid4(), line=uuid.uuid4(), bin="A-01-02", tote="TOTE03", wanted=3, found=1
    ),
    ev.OrderImported(
        order=uuid.uuid4(),
        number="1001",
        created_at=NOW,
        shop_updated_at=NOW.replace(microsecond=0),
        details=ev.OrderDetails(
            total=Decimal("40.0000"), cod_amount=None, shipping_address={"city": "Forlì"}
        ),
        lines=(ev.ImportedLine(uuid.uuid4(), 1, "MUG-01", "Tazza 😀", 2, Decimal("5.0820")),),
        hold=ev.Reason("hold_note", {"note": "verificare"}),
    ),
    ev.UnitsVerified(
        order=uuid.uuid4(),
        line=uuid.uuid4(),
        sku="CAF-01",
        quantity=1,
        parcel_seq=1,
        code="]C1010801234567890510LOT1",
        lot="LOT1",
        expiry=dt.date(2027, 12, 31),
    ),
    ev.ManifestClosed(carrier="BRT", day=dt.date(2026, 12, 4), tracking_numbers=("A", "B")),
    ev.OrderShipped(
        order=uuid.uuid4(),
        shop=None,
        parcels=(
            ev.ShippedParcel(
                1, "M10000000017", "GLS", "business", 220, (ev.ShippedItem("TSH-01", "1", 1),)
            ),
        ),
    ),
    ev.CountersCarriedOver(counters={"tracking:GLS:M1:1-999999999": 2}),
    ev.UnitsShorted(
        order=uuid.uuid4(),
        lines=(ev.ShortedLine(uuid.uuid4(), "MUG-01", 1),),
        reason=ev.Reason("short_out_of_stock"),
        lead="giulia",
    ),
    ev.BackorderOpened(order=uuid.uuid4(), lines=(ev.ShortedLine(uuid.uuid4(), "MUG-01", 1),)),
]


@pytest.mark.parametrize("event", SAMPLES, ids=lambda e: type(e).__name__)
def test_the_fast_encoder_equals_the_field_codecs_and_decodes_back(event: ev.DomainEvent) -> None:
    payload = ev.encode(event)
    assert payload == ev.encode_fields(event)
    assert ev.decode(event.TYPE, event.VERSION, payload) == event


def test_a_short_stored_before_reasons_were_asked_reads_as_one_without_a_reason() -> None:
    # GIVEN a units_shorted event as the release before stored it (schema version 2)
    line = uuid.uuid4()
    stored = {"order": None, "lines": [{"line": str(line), "sku": "MUG-01", "quantity": 2}]}
    # WHEN it is read
    event = ev.decode("units_shorted", 2, stored)
    # THEN it is today's event with no reason and no lead
    assert event == ev.UnitsShorted(lines=(ev.ShortedLine(line, "MUG-01", 2),))
