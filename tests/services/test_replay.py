"""The event log is the whole truth: drop every projected table, replay the log, get the same.

A shift is worked the ways users work it (console bench subprocesses, service calls, a lead's
commands, a WooCommerce shop imported, updated and told the tracking numbers, the fake following
WooCommerce's REST controllers as in tests/fakes/shops/woocommerce.py), on SQLite and on
PostgreSQL. Then the projected tables are emptied, the log is replayed into them, and every row
is compared with what the shift left.
"""

from __future__ import annotations

import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import delete, func, select

from station.app import open_home
from station.context import AppContext
from station.db.invoices import Invoice
from station.db.models import (
    Bench,
    Counter,
    Event,
    Order,
    OrderLine,
    OutboxEntry,
    PackedUnit,
    Parcel,
    Shop,
)
from station.domain import OrderStatus, OutboxStatus
from station.printing.archive import DocumentArchive
from station.services.bench import BenchService
from station.services.lead import LeadService
from station.services.verify import differences, replay, snapshot, verify
from station.workflow.io import parse_line
from sync.runner import sync_shop
from sync.shops.config import add_shop, make_connector
from tests.console_process import ean_of, env, station_cmd
from tests.fakes.shops.woocommerce import FakeWooCommerce

pytestmark = pytest.mark.slow
PROJECTED = (PackedUnit, OutboxEntry, Invoice, Parcel, OrderLine, Order, Counter)


@pytest.fixture(params=["sqlite", "postgresql"])
def db_url(request: pytest.FixtureRequest) -> str | None:
    if request.param == "sqlite":
        return None
    url: str = request.getfixturevalue("pg_schema_url")
    return url


def console(home: Path, db_url: str | None, lines: list[str]) -> list[str]:
    extra = ["--db", db_url] if db_url else []
    cmd = station_cmd(home, *extra, "bench", "--console", "--demo")
    done = subprocess.run(
        cmd,
        input="\n".join(lines) + "\n",
        capture_output=True,
        text=True,
        env=env(),
        timeout=120,
        check=True,
    )
    return done.stdout.splitlines()


@pytest.fixture
def worked(tmp_path: Path, db_url: str | None) -> Iterator[AppContext]:
    home = tmp_path / "bench"
    out = console(
        home,
        db_url,
        [
            "1001",
            ean_of("TSH-01"),
            "WEIGH",
            "REPRINT",  # packed, then reprinted
            "1003",
            ean_of("MUG-02"),
            ean_of("TSH-02"),
            "SHORT",
            "OUT",
            "SHORT",
            "WEIGH",  # a short pick, confirmed with a reason, shipped with a backorder
            "1002",
            ean_of("MUG-01"),
            "HOLD box damaged",  # held mid-pack
            "1005",
            ean_of("TSH-04"),
            "ABORT",  # aborted: back to queue
            "RELEASE 1007",
            "OVERRIDE 9999",  # a lead releases the demo's held order at the bench
            "1004",
            *[ean_of("PAD-01")] * 4,
            "WEIGH",
            *[ean_of("PAD-01")] * 2,
            *[ean_of("PAD-02")] * 2,
            "WEIGH",  # two parcels
        ],
    )
    assert sum(line.startswith("DONE") for line in out) == 3, out
    with open_home(home, db_url) as ctx:
        lead_works(ctx)
        shop_works(ctx)
        yield ctx


def lead_works(ctx: AppContext) -> None:
    """A lead releases the held order, gives one to another bench, bumps one, holds one."""
    with ctx.db.write() as s:
        bench_name = "bench-2"
        if s.scalar(select(Bench.id).where(Bench.name == bench_name)) is None:
            s.add(Bench(name=bench_name))  # a bench is known once it has been opened
    lead = LeadService(ctx.db, "giulia", bench=ctx.settings.bench_name)
    lead.release("1002")
    lead.reassign("1006", bench="bench-2", operator="marco")
    lead.set_priority("1010", 9)
    lead.hold("1011", "call the customer")


def shop_works(ctx: AppContext) -> None:
    """Orders from WooCommerce: imported, changed in the shop, one packed and told back."""
    with FakeWooCommerce() as woo:
        packable = woo.add_order(lines=[("TSH-01", 1, "10.00")])
        to_hold = woo.add_order(lines=[("MUG-01", 2, "8.00")])
        to_cancel = woo.add_order(lines=[("CAV-01", 1, "4.00")])
        to_change = woo.add_order(lines=[("LIB-01", 1, "12.00")])
        woo.add_order(lines=[("NOPE-1", 1, "1.00")])  # an unknown SKU, flagged
        add_shop(
            ctx, "woocommerce", "woo", url=woo.url, secrets={"key": "ck_test", "secret": "cs_test"}
        )
        run_sync(ctx)
        woo.clock.advance(60)
        woo.modify(to_hold["id"], status="on-hold")
        woo.modify(to_cancel["id"], status="cancelled")
        woo.modify(
            to_change["id"],
            customer_note="Lasciare al portiere",
            billing={**to_change["billing"], "city": "Torino"},
        )
        run_sync(ctx)
        with ctx.db.read() as s:  # the demo has a 1001 too: the shop's is woo-1001
            number = s.scalars(
                select(Order.number).where(Order.external_id == str(packable["id"]))
            ).one()
        bench = BenchService(ctx.db, ctx.settings, DocumentArchive(ctx.home), operator="anna")
        for line in (number, ean_of("TSH-01"), "WEIGHT 220"):
            inp = parse_line(line, typed_weights=True)
            assert inp is not None
            handled = bench.handle(inp)
        assert any(type(e).__name__ == "Done" for e in handled.effects), handled.effects
        run_sync(ctx)  # pushes the tracking number
    with ctx.db.read() as s:
        woo_id = s.scalars(select(Shop.id).where(Shop.name == "woo")).one()
        sent = s.scalar(
            select(func.count())
            .select_from(OutboxEntry)
            .where(OutboxEntry.shop_id == woo_id, OutboxEntry.status == OutboxStatus.SENT)
        )
        assert sent == 2  # the parcel's tracking number and the shipped status


def run_sync(ctx: AppContext) -> None:
    with ctx.db.read() as s:
        shop = s.scalars(select(Shop).where(Shop.name == "woo")).one()
    connector = make_connector(ctx, shop, timeout_s=2.0, sleep=lambda _s: None)
    try:
        sync_shop(ctx, shop, connector, products=False)
    finally:
        connector.close()


def test_dropping_the_tables_and_replaying_the_log_gives_the_same_state(worked: AppContext) -> None:
    # GIVEN a worked shift: its state, row by row
    with worked.db.read() as s:
        numbers, before = snapshot(s)
        statuses = dict(s.execute(select(Order.number, Order.status)).all())
    assert statuses["1001"] == statuses["1003"] == statuses["1004"] == OrderStatus.SHIPPED
    assert statuses["1002"] == statuses["1007"] == OrderStatus.QUEUED
    owed = {k: v["backorder_qty"] for k, v in before["line"].items() if v["backorder_qty"]}
    assert sum(owed.values()) >= 1  # the short pick's missing units
    assert statuses["1011"] == OrderStatus.HELD
    assert OrderStatus.CANCELLED in statuses.values()
    assert len(before["outbox entry"]) >= 8
    assert len(before["packed unit"]) >= 10
    # WHEN every projected table is emptied and the log replayed into them
    with worked.db.write() as s:
        for model in PROJECTED:
            s.execute(delete(model))
    with worked.db.read() as s:
        assert s.scalar(select(func.count()).select_from(Order)) == 0
        events = s.scalar(select(func.count()).select_from(Event))
    assert replay(worked.db, worked.db) == events
    # THEN orders, lines, parcels, packed units, holds, outbox, counters are as they were
    with worked.db.read() as s:
        _, after = snapshot(s)
    assert differences(before, after, numbers) == []
    assert before == after


def test_db_verify_finds_the_live_tables_equal_to_a_replay_and_names_a_difference(
    worked: AppContext, tmp_path: Path
) -> None:
    # GIVEN a worked shift, WHEN it is verified, THEN nothing differs
    assert verify(worked.db, tmp_path) == []
    # WHEN a row is changed behind the log's back
    with worked.db.write() as s:
        order = s.scalars(select(Order).where(Order.number == "1010")).one()
        order.priority = 1
    # THEN verify names the order and what differs
    found = [str(d) for d in verify(worked.db, tmp_path)]
    assert found == ["1010: order priority: live 1, replayed 9"]
