"""The hub's queue of free orders (`hub_queue`, kept by triggers) and the hub's own Alembic
chain: an older hub is upgraded in place by `hub init`, and a claim takes the most urgent free
order whatever the leases, lead choices and run-out leases around it. In process, on the
machine's PostgreSQL."""

from __future__ import annotations

import dataclasses
import datetime as dt
import uuid
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path

import pytest
from sqlalchemy import MetaData, func, select, text, update
from sqlalchemy.orm import Session

from station.carriers.numbering import range_key
from station.config import Settings
from station.db import migrate
from station.db.engine import Database
from station.db.models import Order
from station.domain import events as ev
from station.services.events import new_uid, record, record_all, recorded
from sync.hub import schema
from sync.hub.blocks import (
    Blocks,
    has_numbers,
    make_room,
    numbers_needed,
    ranges_of,
    save_blocks,
    top_up_blocks,
)
from sync.hub.claims import claim_next, claim_next_now, claim_one, free_run_out, keep_leases
from sync.hub.link import init_hub
from sync.hub.schema import VERSION_TABLE, hub_leases, hub_queue

NOW = dt.datetime(2026, 3, 2, 9, 0, tzinfo=dt.UTC)


def imported(number: str, *, priority: int = 0, age_s: int = 0) -> ev.Recorded:
    return recorded(
        ev.OrderImported(
            order=new_uid(),
            number=number,
            created_at=NOW - dt.timedelta(seconds=age_s),
            details=ev.OrderDetails(total=Decimal("10")),
            priority=priority,
            lines=(ev.ImportedLine(line=new_uid(), line_no=1, sku="S", name="s", quantity=1),),
        ),
        at=NOW,
    )


@pytest.fixture
def hub(pg_schema_url: str) -> Iterator[Database]:
    init_hub(pg_schema_url)
    db = Database(pg_schema_url)
    yield db
    db.dispose()


def uid_of(db: Database, number: str) -> uuid.UUID:
    with db.read() as s:
        return s.scalars(select(Order.uid).where(Order.number == number)).one()


def uid_of_in(s: Session, number: str) -> uuid.UUID:
    return s.scalars(select(Order.uid).where(Order.number == number)).one()


def claim(db: Database, bench: str, n: int = 1, ttl_s: float = 300.0) -> list[str]:
    with db.write() as s:
        uids = claim_next(s, bench, n, ttl_s)
        rows = s.execute(select(Order.uid, Order.number).where(Order.uid.in_(uids)))
        numbers = {uid: number for uid, number in rows}
    return [numbers[u] for u in uids]


def test_a_claim_takes_the_most_urgent_free_order_past_leased_and_given_ones(
    hub: Database,
) -> None:
    # GIVEN five queued orders: A most urgent (priority), then B, C, D, E by age
    with hub.write() as s:
        record_all(
            s,
            [
                imported("A", priority=5),
                imported("B", age_s=40),
                imported("C", age_s=30),
                imported("D", age_s=20),
                imported("E", age_s=10),
            ],
        )
    # WHEN B1 leases two, a lead gives C to B2, and D is opened at a bench
    assert claim(hub, "B1", 2) == ["A", "B"]
    with hub.write() as s:
        record(s, ev.OrderReassigned(order=uid_of(hub, "C"), bench="B2"), at=NOW)
        record(s, ev.OrderClaimed(order=uid_of(hub, "D"), number="D", bench="B3"), at=NOW)
    # THEN B3 is given E (C is B2's, D is open, A and B are leased), B2 gets C
    assert claim(hub, "B3") == ["E"]
    with hub.write() as s:  # a claim commits without waiting for the disk, nothing else does
        assert claim_next(s, "B9", 1, 300.0) == []
        assert s.scalar(text("SHOW synchronous_commit")) == "on"
        record_all(s, [imported("F")])
        assert claim_next(s, "B9", 1, 300.0) == [uid_of_in(s, "F")]
        assert s.scalar(text("SHOW synchronous_commit")) == "off"
    assert claim(hub, "B9") == []
    assert claim(hub, "B2") == ["C"]
    assert claim(hub, "B3") == []
    with hub.read() as s:
        free = s.scalar(select(func.count()).where(hub_queue.c.leased_until.is_(None)))
        assert free == 0
        assert s.scalar(select(func.count()).select_from(hub_queue)) == 5  # D is not queued


def test_a_lease_run_out_or_given_back_returns_its_order_to_the_free_queue(
    hub: Database,
) -> None:
    # GIVEN B1 holds a lease of the only order, and B2 finds nothing
    with hub.write() as s:
        record_all(s, [imported("A")])
    assert claim(hub, "B1", ttl_s=300) == ["A"]
    assert claim(hub, "B2") == []
    # WHEN the lease runs out, and a bench's round puts run-out leases back
    with hub.write() as s:
        s.execute(update(hub_leases).values(expires_at=func.now() - text("interval '1 s'")))
    with hub.write() as s:
        free_run_out(s)
    # THEN B2 claims it, and B1 scanning it is told B2 holds it
    assert claim(hub, "B2") == ["A"]
    with hub.write() as s:
        assert claim_one(s, "B1", uid_of(hub, "A"), 300.0) == "B2"
    # WHEN B2 gives it back (its lease row goes), THEN it is free again for anyone
    with hub.write() as s:
        s.execute(hub_leases.delete())
    assert claim(hub, "B3") == ["A"]


def test_hub_init_upgrades_a_hub_an_older_release_prepared_without_alembic(
    pg_schema_url: str,
) -> None:
    # GIVEN a hub as the older `hub init` left it: the bench schema, the three bookkeeping
    # tables from create_all, a queued order and one leased to B1
    db = Database(pg_schema_url)
    try:
        migrate.upgrade(db)
        older = MetaData()
        for table in (schema.hub_benches, schema.hub_leases, schema.hub_blocks):
            table.to_metadata(older)
        with db.engine.begin() as conn:
            older.create_all(conn)
        leased = imported("OLD1", age_s=20)
        with db.write() as s:
            record_all(s, [leased, imported("OLD2", age_s=10)])
            s.execute(
                hub_leases.insert().values(
                    order_uid=leased.event.order,
                    bench="B1",
                    leased_at=func.now(),
                    expires_at=func.now() + text("interval '5 min'"),
                    opened=False,
                )
            )
        # WHEN `hub init` runs on it, twice
        init_hub(pg_schema_url)
        init_hub(pg_schema_url)
        # THEN the hub's chain is at its head, the queue holds both orders, and a claim skips
        # the one B1 holds
        with db.read() as s:
            heads = s.scalars(text(f"SELECT version_num FROM {VERSION_TABLE}")).all()
            assert heads == ["hub_0004_picked_orders"]
            assert s.scalar(select(func.count()).select_from(hub_queue)) == 2
        assert claim(db, "B2", 2) == ["OLD2"]
    finally:
        db.dispose()


def test_a_lease_the_hub_lost_is_written_back_by_its_bench_unless_another_took_the_order(
    hub: Database,
) -> None:
    # GIVEN B1 leased A and B, and the hub lost both leases (a claim commits without waiting
    # for the hub's disk), and B2 has meanwhile claimed B
    with hub.write() as s:
        record_all(s, [imported("A", age_s=20), imported("B", age_s=10)])
    assert claim(hub, "B1", 2) == ["A", "B"]
    held = [uid_of(hub, "A"), uid_of(hub, "B")]
    with hub.write() as s:
        s.execute(hub_leases.delete())
    assert claim(hub, "B2", 1) == ["A"]
    with hub.write() as s:
        s.execute(hub_leases.delete().where(hub_leases.c.bench == "B2"))
    assert claim(hub, "B2", 1) == ["A"]
    # WHEN B1's next round keeps the leases of what it holds
    with hub.write() as s:
        keep_leases(s, "B1", held, 300.0)
    # THEN B's lease is B1's again and nobody can claim it; A stays B2's
    with hub.read() as s:
        holders = dict(s.execute(select(hub_leases.c.order_uid, hub_leases.c.bench)).all())
    assert holders == {held[0]: "B2", held[1]: "B1"}
    assert claim(hub, "B3") == []


def test_a_bench_holds_numbers_for_every_parcel_an_order_may_need_in_one_block(
    hub: Database, tmp_path: Path
) -> None:
    # GIVEN a bench whose current BRT block has 2 numbers left (blocks of 5)
    settings = Settings(bench_name="B1")
    settings.extra["hub_block_size"] = 5
    used: dict[str, int] = {}
    with hub.write() as s:
        blocks: Blocks = {}
        top_up_blocks(s, blocks, settings, used.get, only="BRT")
    save_blocks(tmp_path, blocks)
    numbers = ranges_of(settings)["BRT"]
    ((first, _last),) = blocks[range_key(numbers)]
    used[range_key(dataclasses.replace(numbers, first=first, last=first + 4))] = first + 2
    # THEN an order of 2 units may open, one of 3 may not (it could be 3 parcels)
    assert has_numbers(tmp_path, settings, "BRT", used.get, numbers_needed(2))
    assert not has_numbers(tmp_path, settings, "BRT", used.get, numbers_needed(3))
    # WHEN the bench asks the hub for what a 3-unit order needs
    with hub.write() as s:
        assert top_up_blocks(s, blocks, settings, used.get, only="BRT", need=3) == 1
    # THEN the short block is set aside and the next one labels the whole order
    assert make_room(blocks, settings, "BRT", used.get, 3)
    save_blocks(tmp_path, blocks)
    assert has_numbers(tmp_path, settings, "BRT", used.get, 3)
    assert [b[0] for b in blocks[range_key(numbers)]] == [first + 5]


def test_next_claims_on_a_connection_the_hub_dropped_by_trying_once_more(
    hub: Database, pg_schema_url: str
) -> None:
    # GIVEN a bench's claims connection, pooled without pre-ping, that the hub then drops
    with hub.write() as s:
        record_all(s, [imported("A", age_s=20), imported("B", age_s=10)])
    claims = Database(pg_schema_url, pre_ping=False)
    try:
        assert claim_next_now(claims, "B1", 1, 300.0) == [uid_of(hub, "A")]
        with claims.engine.connect() as conn:
            pid = conn.scalar(text("SELECT pg_backend_pid()"))
        with hub.write() as s:
            s.execute(text("SELECT pg_terminate_backend(:pid)"), {"pid": pid})
        # WHEN NEXT claims again, THEN it gets the next order all the same
        assert claim_next_now(claims, "B1", 1, 300.0) == [uid_of(hub, "B")]
    finally:
        claims.dispose()
