"""The lead's board, the queue against the clock and the report, read from a real database
(SQLite, then PostgreSQL: several benches may share one through `--db`)."""

from __future__ import annotations

import copy
import datetime as dt

from station.app import bench_service
from station.context import AppContext
from station.domain import events as ev
from station.domain.shifts import day_window
from station.printing.archive import DocumentArchive
from station.services.bench import BenchService
from station.services.board import board, queue_clock
from station.services.events import new_uid, record_all, recorded
from station.services.report import shift_report
from station.workflow.io import Scan, Weight, parse_line
from tests.console_process import ean_of
from tests.services.conftest import pack


def second_bench(ctx: AppContext, clock_at: dt.datetime) -> BenchService:
    settings = copy.deepcopy(ctx.settings)
    settings.bench_name = "bench-far"
    archive = DocumentArchive(ctx.home)
    return BenchService(ctx.db, settings, archive, operator="marco", clock=lambda: clock_at)


def test_the_board_shows_each_bench_as_its_log_says(any_home: AppContext) -> None:
    now = dt.datetime.now(dt.UTC)
    # GIVEN anna packing 1002 (one mug of three) at this bench, and marco's bench gone quiet
    # an hour ago in the middle of 1005
    here = bench_service(any_home, "anna")
    here.handle(Scan("1002"))
    here.handle(Scan(ean_of("MUG-01")))
    far = second_bench(any_home, now - dt.timedelta(hours=1))
    far.handle(Scan("1005"))
    # WHEN the board is read
    with any_home.db.read() as session:
        rows = {r.bench: r for r in board(session, now)}
    # THEN this bench is packing 1002 at 1/3, and the other is offline with 1005
    mine = rows[any_home.settings.bench_name]
    assert (mine.state, mine.order, mine.units_done, mine.units_total) == ("packing", "1002", 1, 3)
    assert mine.operator == "anna"
    assert mine.last_scan_at is not None
    assert (rows["bench-far"].state, rows["bench-far"].order) == ("offline", "1005")


def test_orders_that_cannot_be_packed_before_the_cut_off_are_at_risk(
    any_home: AppContext,
) -> None:
    # GIVEN two GLS orders packed in the last hour (GLS's own rate: 2 an hour, and the
    # warehouse's)
    pack(any_home, "1001", "TSH-01")
    pack(any_home, "1013", "MUG-05")
    now = dt.datetime.now(dt.UTC)
    # AND, above the demo's most urgent order (priority 5): one BRT order 5 minutes late, four
    # GLS orders due in 90 minutes, and one SDA order due in 170 minutes
    imported = [_order("999", "BRT", now - dt.timedelta(minutes=5), 6)]
    imported += [_order(f"90{n}", "GLS", now + dt.timedelta(minutes=90), 6) for n in range(4)]
    imported.append(_order("980", "SDA", now + dt.timedelta(minutes=170), 6))
    with any_home.db.write() as session:
        record_all(session, [recorded(e, at=now) for e in imported])
    # WHEN the queue is read against the clock
    with any_home.db.read() as session:
        clock = queue_clock(session, now)
    # THEN the rate is the log's, the late one is first and flagged late
    assert clock.rate_per_hour == 2
    flags = [(r.number, r.late, r.at_risk) for r in clock.rows[:6]]
    assert flags[0] == ("999", True, False)
    # AND GLS's orders go at GLS's own rate, behind GLS's orders only: done in 0.5, 1, 1.5 and
    # 2 hours, so only the fourth misses the 90-minute pick-up
    assert [f[2] for f in flags[1:5]] == [False, False, False, True]
    # AND SDA, with nothing packed, goes at the warehouse's rate behind every order: 6th, done
    # in 3 hours, after its pick-up
    assert flags[5] == ("980", False, True)
    lines = {c.carrier: c for c in clock.carriers}
    assert (lines["GLS"].at_risk, lines["BRT"].late) == (1, 1)
    assert (lines["GLS"].rate_per_hour, lines["SDA"].rate_per_hour) == (2, None)
    assert lines["GLS"].next_cutoff == now + dt.timedelta(minutes=90)


def _order(number: str, carrier: str, cutoff: dt.datetime, priority: int) -> ev.OrderImported:
    line = ev.ImportedLine(new_uid(), 1, "MUG-01", "Tazza", 1)
    return ev.OrderImported(
        order=new_uid(),
        number=number,
        created_at=cutoff - dt.timedelta(days=1),
        carrier=carrier,
        priority=priority,
        cutoff_at=cutoff,
        lines=(line,),
    )


def test_the_report_reads_the_same_on_either_database(any_home: AppContext) -> None:
    # GIVEN two orders packed by anna, one with a wrong item scanned first
    bench = bench_service(any_home, "anna")
    bench.handle(Scan("1002"))
    bench.handle(Scan(ean_of("TSH-01")))  # wrong item
    pack(any_home, "1002", "MUG-01", "MUG-01", "CAV-01")
    pack(any_home, "1001", "TSH-01")
    # WHEN today's report is counted
    today = dt.datetime.now().astimezone().date()
    with any_home.db.read() as session:
        report = shift_report(session, day_window(today))
    # THEN it has the two orders, their four units and the one wrong item, all anna's
    assert (report.total.orders_packed, report.total.units_packed) == (2, 4)
    assert report.total.scan_errors["wrong_item"] == 1
    assert list(report.per_operator) == ["anna"]


def test_overrides_count_every_kind_a_lead_approves_at_the_bench(any_home: AppContext) -> None:
    # GIVEN a bench where shorts need a lead, and giulia's PIN (9999) given three times:
    # an unknown code learnt for the t-shirt of 1001, its weight far off, then a short in 1002
    any_home.settings.short_needs_lead = True
    bench = bench_service(any_home, "anna")

    def feed(*lines: str) -> None:
        for line in lines:
            inp = parse_line(line, typed_weights=True)
            assert inp is not None
            bench.handle(inp)

    feed("1001", "2000000000008", "LEARN TSH-01", "OVERRIDE 9999", "WEIGH")
    bench.handle(Weight(1))  # refused: 1 g for a t-shirt
    feed("OVERRIDE 9999", "1002", ean_of("MUG-01"), "SHORT OUT", "SHORT", "OVERRIDE 9999")
    # WHEN today's figures are counted
    with any_home.db.read() as session:
        report = shift_report(session, day_window(dt.datetime.now().astimezone().date()))
    # THEN each approval counts once, by its kind, for everyone and for anna
    everyone = report.as_dict()
    assert everyone["overrides"] == 3
    assert everyone["overrides_by_kind"] == {"weight": 1, "short": 1, "learnt_code": 1}
    assert everyone["per_operator"]["anna"]["overrides"] == 3
