"""Documents as services: invoice numbers and the day's manifest, on a real database."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import select

from station.context import AppContext
from station.db.models import Counter, Event
from station.services.documents import close_manifest, invoice_for, local_date
from station.services.errors import CommandError
from station.services.orders import find_order
from tests.services.conftest import pack


def now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


def invoice_number(ctx: AppContext, number: str) -> str:
    with ctx.db.write() as session:
        return invoice_for(session, find_order(session, number), at=now()).number


class DiskFullError(OSError):
    pass


def invoice_then_fail(ctx: AppContext, number: str) -> None:
    with ctx.db.write() as session:
        invoice_for(session, find_order(session, number), at=now())
        raise DiskFullError("the PDF could not be written")


def test_invoice_numbers_are_gap_free_and_stable(any_home: AppContext) -> None:
    # GIVEN two shipped orders and one still in the queue
    pack(any_home, "1001", "TSH-01")
    pack(any_home, "1002", "MUG-01", "MUG-01", "CAV-01")
    year = local_date(now()).year

    # WHEN the first is invoiced, an unshipped one is refused, and the second is invoiced
    first = invoice_number(any_home, "1001")
    with pytest.raises(CommandError) as refused:
        invoice_number(any_home, "1003")
    # ... and a document that fails after its number was taken rolls the number back
    with pytest.raises(DiskFullError):
        invoice_then_fail(any_home, "1002")
    second = invoice_number(any_home, "1002")

    # THEN the numbers follow each other with no gap, and a reprint reuses its number
    assert refused.value.code == "order_not_shipped"
    assert (first, second) == (f"{year}/000001", f"{year}/000002")
    assert invoice_number(any_home, "1001") == first
    with any_home.db.read() as session:
        assert session.get_one(Counter, f"invoice:{year}").value == 2


def closings(ctx: AppContext) -> list[Event]:
    with ctx.db.read() as session:
        return list(session.scalars(select(Event).where(Event.type == "manifest_closed")))


def test_the_first_manifest_closes_the_day_and_later_ones_repeat_it(any_home: AppContext) -> None:
    # GIVEN two GLS orders and an SDA one shipped today
    pack(any_home, "1001", "TSH-01")
    pack(any_home, "1002", "MUG-01", "MUG-01", "CAV-01")
    today = local_date(now())

    # WHEN the GLS manifest is made
    with any_home.db.write() as session:
        closed = close_manifest(session, "gls", today, at=now(), bench="bench-1")
    # THEN it holds the GLS parcels only, and the closing is logged once
    assert [p.order_number for p in closed.parcels] == ["1001"]
    assert (closed.carrier, closed.late) == ("GLS", 0)
    assert len(closings(any_home)) == 1

    # WHEN another GLS order ships and the manifest is made again
    pack(any_home, "1005", "TSH-04", "MUG-03")
    with any_home.db.write() as session:
        again = close_manifest(session, "GLS", today, at=now())
    # THEN it holds exactly what was closed, and counts the late parcel apart
    assert again.parcels == closed.parcels
    assert again.late == 1
    assert len(closings(any_home)) == 1


def test_a_day_without_parcels_is_refused_and_not_closed(any_home: AppContext) -> None:
    with pytest.raises(CommandError) as refused, any_home.db.write() as session:
        close_manifest(session, "BRT", local_date(now()), at=now())
    assert refused.value.code == "no_parcels_shipped"
    assert refused.value.params["carrier"] == "BRT"
    assert closings(any_home) == []
