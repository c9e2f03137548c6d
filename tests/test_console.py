"""Packing demo orders through the console bench in a real process, then reading the database."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest
from sqlalchemy import func, select

from station.app import open_home
from station.db.models import Event, Order, OutboxEntry, PackedUnit, Product
from station.domain import OrderStatus, OutboxStatus
from station.domain import events as ev
from tests.console_process import ConsoleProcess, ean_of, env, run_console, station_cmd

pytestmark = pytest.mark.slow


def order(session, number: str) -> Order:  # type: ignore[no-untyped-def]
    return session.scalars(select(Order).where(Order.number == number)).one()


def event_counts(session, placed: Order) -> dict[str, int]:  # type: ignore[no-untyped-def]
    rows = session.execute(
        select(Event.type, func.count()).where(Event.order_uid == placed.uid).group_by(Event.type)
    )
    return dict(rows.all())  # type: ignore[arg-type]


def test_a_shift_of_orders_packed_at_the_console(tmp_path: Path) -> None:
    home = tmp_path / "bench"
    pan1, pan2 = ean_of("PAD-01"), ean_of("PAD-02")
    lines = [
        # a heavy order: two parcels, the first closed by weighing it
        "1004",
        pan1,
        pan1,
        pan1,
        pan1,
        "WEIGH",
        pan1,
        pan1,
        pan2,
        pan2,
        "WEIGH",
        # a wrong item, then the right ones
        "1002",
        ean_of("TSH-01"),
        ean_of("MUG-01"),
        ean_of("MUG-01"),
        ean_of("CAV-01"),
        "WEIGH",
        # a short pick: two units found, the rest missing
        "ORD1003",
        ean_of("MUG-02"),
        ean_of("TSH-02"),
        "SHORT",
        "OUT",
        "SHORT",
        "WEIGH",
    ]
    out = run_console(home, lines)

    assert [line.split()[1] for line in out if line.startswith("DONE")] == ["1004", "1002", "1003"]
    assert any(line.startswith("ERROR not_in_order") for line in out)
    assert sum(line.startswith("PRINT label 1004") for line in out) == 2

    with open_home(home) as ctx, ctx.db.read() as session:
        heavy = order(session, "1004")
        assert heavy.status == OrderStatus.SHIPPED
        assert [p.seq for p in heavy.parcels] == [1, 2]
        for parcel in heavy.parcels:
            assert parcel.measured_weight_g
            assert parcel.tracking_number
            assert (home / parcel.label_path).read_bytes().startswith(b"%PDF")  # under the home
        kinds = sorted(
            e.kind
            for e in session.scalars(select(OutboxEntry).where(OutboxEntry.order_id == heavy.id))
        )
        assert kinds == ["order_shipped", "parcel_shipped", "parcel_shipped"]

        wrong = order(session, "1002")
        counts = event_counts(session, wrong)
        assert counts[ev.ScanRejected.TYPE] == 1
        assert counts[ev.UnitsVerified.TYPE] == 3
        assert counts[ev.OrderShipped.TYPE] == 1

        short = order(session, "1003")
        assert short.status == OrderStatus.SHIPPED
        assert sum(line.verified_qty for line in short.lines) == 2
        assert (
            sum(line.short_qty for line in short.lines)
            == sum(line.quantity for line in short.lines) - 2
        )
        assert event_counts(session, short)[ev.UnitsShorted.TYPE] == 1

        entries = list(session.scalars(select(OutboxEntry)))
        assert len(entries) == 3 + 2 + 2  # one per parcel and one per order, nothing twice
        assert {e.status for e in entries} <= {OutboxStatus.PENDING, OutboxStatus.SENT}
        # the demo shop is a drop folder: what was sent is there as one file per update
        shipped = home / "demo-shop" / "shipped"
        sent = [e for e in entries if e.status == OutboxStatus.SENT]
        assert len(list(shipped.glob("*.json"))) == len(sent)


def test_an_italian_console_keeps_its_line_words_and_speaks_italian(tmp_path: Path) -> None:
    # GIVEN a console bench whose language is Italian
    result = subprocess.run(
        station_cmd(tmp_path / "bench", "bench", "--console", "--demo"),
        input="\n".join(["1002", "4006381333931", "RETRY", "PRINTERS"]) + "\n",
        capture_output=True,
        text=True,
        env={**env(), "STATION_LANG": "it"},
        timeout=120,
        check=True,
    )
    out = result.stdout.splitlines()
    # THEN every line starts with the same stable word and code, and the rest is Italian
    assert out[0].startswith("PROMPT scan_order Scansiona un ordine")
    assert any(line.startswith("OK order_opened Ordine 1002 aperto") for line in out)
    assert any(line.startswith("ERROR unknown_code Codice sconosciuto") for line in out)
    assert "ERROR usage Scrivi RETRY <id> o RETRY <id> STAMPANTE (gli id da PRINTERS)." in out
    assert any(line.startswith("OK printers 0 stampe non riuscite") for line in out)


def test_a_weight_out_of_tolerance_is_overridden_by_a_lead(tmp_path: Path) -> None:
    out = run_console(
        tmp_path / "bench",
        ["1001", ean_of("TSH-01"), "WEIGHT 900", "OVERRIDE 1111", "OVERRIDE 9999"],
        "--scale",
        "none",
    )
    assert any(line.startswith("ERROR weight_out_of_tolerance") for line in out)
    assert any(line.startswith("ERROR bad_pin") for line in out)
    assert any(line.startswith("OK weight_overridden") and "giulia" in line for line in out)
    with open_home(tmp_path / "bench") as ctx, ctx.db.read() as session:
        parcel = order(session, "1001").parcels[0]
        assert (parcel.measured_weight_g, parcel.weight_override_by) == (900, "giulia")


def test_a_killed_bench_resumes_exactly_where_it_was(tmp_path: Path) -> None:
    home = tmp_path / "bench"
    codes = [
        ean_of(sku)
        for sku in (
            "MUG-02",
            "TSH-02",
            "TSH-02",
            "CAV-02",
            "LIB-01",
            "CAN-01",
            "TSH-03",
            "CAV-03",
            "CAV-03",
        )
    ]
    # GIVEN a bench halfway through order 1003
    bench = ConsoleProcess(home)
    bench.wait_for("PROMPT scan_order")
    bench.send("1003", "OK order_opened")
    for code in codes[:5]:
        bench.send(code, "OK unit_ok")
    # WHEN the process is killed without warning
    bench.kill()
    # THEN a new process resumes the same order with the same progress
    again = ConsoleProcess(home)
    assert again.wait_for("PROMPT resumed").startswith(
        "PROMPT resumed Order 1003 is open: 4 units left"
    )
    assert again.send(codes[4], "ERROR").startswith(
        "ERROR line_complete"
    )  # LIB-01 was packed before the kill
    for code in codes[5:]:
        again.send(code, "OK unit_ok")
    again.send("WEIGH", "DONE 1003")
    assert again.close() == 0

    with open_home(home) as ctx, ctx.db.read() as session:
        packed = order(session, "1003")
        assert packed.status == OrderStatus.SHIPPED
        assert [(line.verified_qty, line.quantity) for line in packed.lines] == [
            (line.quantity, line.quantity) for line in packed.lines
        ]
        units = session.scalar(
            select(func.count())
            .select_from(PackedUnit)
            .where(PackedUnit.order_id == packed.id, PackedUnit.undone.is_(False))
        )
        assert units == len(codes)
        assert len(packed.parcels) == 1
        outbox = session.scalar(
            select(func.count()).select_from(OutboxEntry).where(OutboxEntry.order_id == packed.id)
        )
        assert outbox == 2
        assert event_counts(session, packed)[ev.UnitsVerified.TYPE] == len(codes)


def test_a_code_learnt_at_the_bench_is_kept_for_the_product(tmp_path: Path) -> None:
    home = tmp_path / "bench"
    out = run_console(
        home,
        ["1001", "2000000000008", "LEARN TSH-01", "OVERRIDE 9999", "WEIGH"],
    )
    assert any(line.startswith("ERROR unknown_code") for line in out)
    assert any(line.startswith("OK code_learnt") and "giulia" in line for line in out)
    assert any(line.startswith("DONE 1001") for line in out)
    with open_home(home) as ctx, ctx.db.read() as session:
        shirt = session.scalars(select(Product).where(Product.sku == "TSH-01")).one()
        assert "02000000000008" in [b.code for b in shirt.barcodes]
        learnt = session.scalars(select(Event).where(Event.type == ev.CodeLearnt.TYPE)).one()
        assert learnt.payload["lead"] == "giulia"
