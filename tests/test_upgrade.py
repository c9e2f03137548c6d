"""A bench database written by the release before typed events upgrades without losing a thing.

`tests/fixtures/release-0003-packed-demo.sql` holds the rows that release (commit ef57861) wrote
itself: its console bench packed a demo (four orders shipped, one short, one held, one aborted),
its `station invoice` issued two invoices, and the rows were dumped with sqlite3's `.dump`. The
database is built from the migrations of that release (up to 0003) and those rows, then
upgraded to the newest schema as a user's bench is at start.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

from alembic import command
from sqlalchemy import select

from station.config import Settings
from station.db import migrate
from station.db.engine import Database, sqlite_url
from station.db.invoices import Invoice
from station.db.models import Counter, Event, Order, Parcel, ProductBarcode
from station.domain import OrderStatus
from station.domain import events as ev
from station.printing.archive import DocumentArchive
from station.services.bench import BenchService
from station.services.verify import verify
from station.workflow.io import Command, CommandName, Done, ReadScale, Scan, Weight
from tests.test_migrations import assert_schema_matches_models

FIXTURE = Path(__file__).parent / "fixtures" / "release-0003-packed-demo.sql"
OLD_TRACKING = {"M10000000017", "M10000000025", "RB000000014IT", "0612000000010", "0612000000021"}
OLD_COUNTERS = {
    "tracking:GLS:M1:1-999999999": 2,
    "tracking:POSTE:RBIT:1-99999999": 1,
    "tracking:BRT:0612:1-99999999": 2,
    "invoice:2026": 2,
}


def old_bench_database(path: Path) -> Database:
    db = Database(sqlite_url(path))
    config = migrate._config()
    with db.engine.begin() as conn:
        config.attributes["connection"] = conn
        command.upgrade(config, "0003_invoices")
    with sqlite3.connect(path) as conn:
        conn.executescript(FIXTURE.read_text(encoding="utf-8"))
    return db


def pack(service: BenchService, number: str, codes: list[str]) -> list[object]:
    effects: list[object] = list(service.handle(Scan(number)).effects)
    for code in codes:
        effects += service.handle(Scan(code)).effects
    while not any(isinstance(e, Done) for e in effects):
        asked = service.handle(Command(CommandName.WEIGH)).effects
        read = next(e for e in asked if isinstance(e, ReadScale))
        effects = list(service.handle(Weight(read.expected_g)).effects)
    return effects


def test_a_packed_bench_of_the_release_before_upgrades_and_keeps_numbering(tmp_path: Path) -> None:
    # GIVEN a bench database as the release before left it
    db = old_bench_database(tmp_path / "station.db")
    # WHEN it is upgraded as at start
    backup = migrate.upgrade(db)
    # THEN a backup was taken first and the schema is the newest one
    assert backup is not None
    assert Path(backup).is_file()
    assert_schema_matches_models(db)
    with db.read() as s:
        orders = {o.number: o for o in s.scalars(select(Order))}
        tracking = set(s.scalars(select(Parcel.tracking_number))) - {None}
        counters = {c.name: c.value for c in s.scalars(select(Counter))}
        invoices = {
            (o.number, i.number)
            for i, o in s.execute(select(Invoice, Order).join(Order, Order.id == Invoice.order_id))
        }
        carried = s.scalars(select(Event).where(Event.type == ev.OrderCarriedOver.TYPE)).all()
        legacy = s.scalars(select(Event).where(Event.version == 0)).all()
    # AND every order, parcel, tracking number, invoice number and counter is kept
    assert len(orders) == 35
    assert {n for n, o in orders.items() if o.status == OrderStatus.SHIPPED} == {
        "1001",
        "1003",
        "1004",
        "1005",
    }
    assert orders["1002"].status == OrderStatus.HELD
    assert orders["1002"].hold == ev.Reason("legacy_text", {"text": "box damaged"})
    assert orders["1008"].status == OrderStatus.QUEUED
    assert tracking == OLD_TRACKING
    assert invoices == {("1001", "2026/000001"), ("1005", "2026/000002")}
    assert counters == OLD_COUNTERS
    # AND the old events stay for the record, each order carried over once
    assert len(legacy) == 77
    assert len(carried) == 35
    # AND the log replays to exactly these tables
    assert verify(db, tmp_path) == []
    db.dispose()


def test_a_new_label_after_the_upgrade_continues_the_old_counter(tmp_path: Path) -> None:
    # GIVEN the upgraded bench (GLS numbers 1 and 2 already on parcels)
    db = old_bench_database(tmp_path / "station.db")
    migrate.upgrade(db)
    with db.read() as s:
        order = s.scalars(select(Order).where(Order.number == "1013")).one()
        assert order.carrier == "GLS"
        codes = []
        for line in order.lines:
            code = s.scalars(
                select(ProductBarcode.code).where(
                    ProductBarcode.product_id == line.product_id, ProductBarcode.units == 1
                )
            ).first()
            assert code is not None
            codes += [code] * line.quantity
    # WHEN a GLS order is packed on it
    service = BenchService(db, Settings(), DocumentArchive(tmp_path), operator="anna")
    pack(service, "1013", codes)
    # THEN its label carries the next number of the old series, never one already printed
    with db.read() as s:
        new = s.scalars(
            select(Parcel.tracking_number).join(Order).where(Order.number == "1013")
        ).one()
        counter = s.get_one(Counter, "tracking:GLS:M1:1-999999999").value
    assert new not in OLD_TRACKING
    assert new.startswith("M1000000003")
    assert counter == 3
    assert verify(db, tmp_path) == []
    db.dispose()
