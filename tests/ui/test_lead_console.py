"""The lead console against a real database: a console bench (a subprocess on the same home)
packs, the board shows it; the lead moves, holds, releases and bumps orders and the bench that
had one says so; the figures of a scripted shift equal the test's own count."""

from __future__ import annotations

import csv
import datetime as dt
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QItemSelectionModel, Qt
from PySide6.QtGui import QImage
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from station.app import bench_service
from station.context import AppContext
from station.db.models import Bench, Order
from station.domain import OrderStatus
from station.domain.messages import text
from station.ui.i18n import install_translators
from station.ui.lead_screenshots import orders_due_soon, take_all, work_the_shift
from station.ui.lead_window import LeadConsole, open_lead_console
from station.ui.lead_worker import LeadCommand
from station.ui.window import BenchWindow
from station.workflow.io import Scan
from tests.console_process import ConsoleProcess, ean_of, run_console
from tests.ui.conftest import type_scan


@pytest.fixture
def console(qtbot: QtBot, ctx: AppContext) -> Iterator[LeadConsole]:
    lead = LeadConsole(ctx, "giulia")
    qtbot.addWidget(lead)
    lead.resize(1100, 700)
    lead.show()
    yield lead
    lead.close()


@pytest.fixture
def bench_process(ctx: AppContext) -> Iterator[ConsoleProcess]:
    process = ConsoleProcess(ctx.home)
    process.wait_for("PROMPT")
    yield process
    process.kill()


def order_row(ctx: AppContext, number: str) -> tuple[str, str, int, str]:
    with ctx.db.read() as session:
        order = session.scalars(select(Order).where(Order.number == number)).one()
        return (
            order.status,
            order.bench.name if order.bench else "",
            order.priority,
            order.hold_code,
        )


def select_order(view: object, model: object, number: str) -> None:
    rows = [i for i, r in enumerate(model.rows) if r.number == number]  # type: ignore[attr-defined]
    assert rows, f"order {number} not listed"
    index = model.index(rows[0], 0)  # type: ignore[attr-defined]
    flags = (
        QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows
    )
    view.selectionModel().select(index, flags)  # type: ignore[attr-defined]


def bench_state(console: LeadConsole) -> dict[str, str]:
    return {r.bench: console.board_model.state_text(r) for r in console.board_model.rows}


def test_a_bench_packing_shows_on_the_board_within_two_seconds(
    qtbot: QtBot, console: LeadConsole, bench_process: ConsoleProcess
) -> None:
    # GIVEN the console open and a console bench waiting on the same database
    qtbot.waitUntil(lambda: bool(console.board_model.rows), timeout=5000)
    # WHEN the bench opens order 1002 and scans a mug
    bench_process.send("1002", "PROMPT scan_items")
    bench_process.send(ean_of("MUG-01"), "PROMPT")
    started = time.monotonic()
    # THEN within two seconds, untouched, the board shows it packing with its progress
    qtbot.waitUntil(
        lambda: any(
            r.order == "1002" and r.units_done == 1 and r.state == "packing"
            for r in console.board_model.rows
        ),
        timeout=2000,
    )
    assert time.monotonic() - started < 2.0
    row = next(r for r in console.board_model.rows if r.order == "1002")
    assert console.board_model.state_text(row) == "Packing order 1002"
    assert console.board_model.cell(row, 3) == "1/3"
    assert row.operator == "console"
    # AND its devices and replication are what the bench itself reported, not "not reported"
    qtbot.waitUntil(
        lambda: any(
            r.order == "1002"
            and r.reported_at
            and console.board_model.cell(r, 6) == "scale ok · printer ok · scanner ok"
            for r in console.board_model.rows
        ),
        timeout=8000,
    )
    row = next(r for r in console.board_model.rows if r.order == "1002")
    assert console.board_model.cell(row, 7) == "on its own"


def test_moving_the_order_a_bench_packs_tells_that_bench(
    qtbot: QtBot, ctx: AppContext, console: LeadConsole, bench_process: ConsoleProcess
) -> None:
    # GIVEN a bench packing 1002, and a second bench known to the warehouse
    bench_process.send("1002", "PROMPT scan_items")
    bench_process.send(ean_of("MUG-01"), "PROMPT")
    with ctx.db.write() as session:
        session.add(Bench(name="bench-2"))
    qtbot.waitUntil(lambda: "bench-2" in bench_state(console), timeout=3000)
    qtbot.waitUntil(lambda: any(r.number == "1002" for r in console.clock_model.rows), timeout=5000)
    # WHEN the lead drags 1002 from the queue onto bench-2 of the board
    row = next(i for i, r in enumerate(console.clock_model.rows) if r.number == "1002")
    dragged = console.clock_model.mimeData([console.clock_model.index(row, 1)])
    target = next(i for i, r in enumerate(console.board_model.rows) if r.bench == "bench-2")
    with qtbot.waitSignal(console.said, timeout=5000) as said:
        console.board_view.drop_order(
            bytes(dragged.data("application/x-station-order")).decode(), target
        )
    # THEN the console says where it went and the order waits at bench-2, from nothing
    assert said.args == [True, "order 1002 assigned to bench bench-2"]
    assert console.message.text() == "order 1002 assigned to bench bench-2"
    assert order_row(ctx, "1002")[:2] == (OrderStatus.QUEUED, "bench-2")
    # AND the bench that had it says so within two seconds, with nothing typed there
    told = bench_process.wait_for("ERROR", timeout_s=2)
    assert told.startswith(
        "ERROR order_taken A lead took order 1002 from this bench (now: bench-2)"
    )
    assert bench_process.wait_for("PROMPT").startswith("PROMPT scan_order")
    # AND its next scan is not counted into 1002
    assert bench_process.send(ean_of("MUG-01"), "ERROR").startswith("ERROR no_order")
    # AND the board no longer shows that bench packing it
    qtbot.waitUntil(
        lambda: not any(r.order == "1002" for r in console.board_model.rows), timeout=2000
    )


def test_hold_release_and_priority_round_trip(
    qtbot: QtBot, ctx: AppContext, console: LeadConsole
) -> None:
    qtbot.waitUntil(lambda: any(r.number == "1003" for r in console.clock_model.rows), timeout=5000)
    console.tabs.setCurrentIndex(1)
    # WHEN the lead holds 1003 with a note
    with qtbot.waitSignal(console.said, timeout=5000) as said:
        console.hold("1003", "box damaged")
    # THEN it is held for that reason and leaves the open queue for the held list
    assert said.args == [True, "order 1003 held: box damaged"]
    assert order_row(ctx, "1003")[0] == OrderStatus.HELD
    qtbot.waitUntil(lambda: any(r.number == "1003" for r in console.held_model.rows), timeout=5000)
    assert not any(r.number == "1003" for r in console.clock_model.rows)
    # WHEN the lead selects it among the held orders and presses Ctrl+R
    select_order(console.held_view, console.held_model, "1003")
    with qtbot.waitSignal(console.said, timeout=5000) as said:
        _action(console, "Ctrl+R").trigger()
    # THEN it is back in the queue
    assert said.args == [True, "order 1003 released: back in the queue"]
    assert order_row(ctx, "1003")[0] == OrderStatus.QUEUED
    # WHEN the lead bumps it (Ctrl+B) once it is listed again
    qtbot.waitUntil(lambda: any(r.number == "1003" for r in console.clock_model.rows), timeout=5000)
    select_order(console.clock_view, console.clock_model, "1003")
    with qtbot.waitSignal(console.said, timeout=5000) as said:
        _action(console, "Ctrl+B").trigger()
    # THEN it is above the demo's most urgent order (priority 5) and first in the queue
    assert said.args == [True, "order 1003 now has priority 6"]
    assert order_row(ctx, "1003")[2] == 6
    qtbot.waitUntil(lambda: console.clock_model.rows[0].number == "1003", timeout=5000)
    # AND a refusal is one sentence, in red, and changes nothing
    with qtbot.waitSignal(console.said, timeout=5000) as said:
        console.hold("1001", "  ")
    assert said.args[0] is False
    assert "reason" in said.args[1]
    assert order_row(ctx, "1001")[0] == OrderStatus.QUEUED


def _action(console: LeadConsole, key: str) -> object:
    return next(a for a in console.actions() if a.shortcut().toString() == key)


def test_the_figures_equal_the_hand_count(
    qtbot: QtBot, ctx: AppContext, console: LeadConsole, tmp_path: Path
) -> None:
    # GIVEN a scripted shift at a console bench on this database
    out = run_console(
        ctx.home,
        [
            "1001",
            ean_of("TSH-01"),
            "WEIGH",  # packed: 1 unit
            "REPRINT",  # 1 reprint
            "1002",
            ean_of("TSH-01"),  # wrong item
            "4006381333931",  # unknown code
            ean_of("MUG-01"),
            ean_of("MUG-01"),
            ean_of("MUG-01"),  # too many
            ean_of("CAV-01"),
            "WEIGH",  # packed: 3 units
        ],
    )
    assert sum(line.startswith("DONE") for line in out) == 2, out
    # WHEN the lead looks at today's figures
    today = dt.datetime.now().astimezone().date().isoformat()
    console.figures.choice.setCurrentIndex(1)
    console.tabs.setCurrentWidget(console.figures)
    qtbot.waitUntil(lambda: console.figures.title.text().startswith(f"{today}: "), timeout=5000)
    # THEN the table shows the script's counts for everyone and for the bench's operator
    table = console.figures.table
    rows = {table.verticalHeaderItem(r).text(): r for r in range(table.rowCount())}
    columns = [table.horizontalHeaderItem(c).text() for c in range(table.columnCount())]
    assert columns == ["Everyone", "console"]
    cell = lambda name, c=0: table.item(rows[name], c).text()  # noqa: E731
    assert cell("orders packed") == "2"
    assert cell("units packed") == "4"
    assert cell("label reprints") == "1"
    assert cell("wrong item") == "1"
    assert cell("unknown code") == "1"
    assert cell("too many") == "1"
    assert cell("item scans", 1) == str(1 + 3 + 3)  # accepted in 1001, in 1002; refused
    # AND the charts have a bar per operator
    assert console.figures.speed.chart().series()[0].count() == 2
    # AND the CSV export has the same figures
    target = tmp_path / "figures.csv"
    console.figures.export_csv(target)
    exported = list(csv.DictReader(target.open()))
    assert exported[0]["orders_packed"] == "2"
    assert exported[1]["operator"] == "console"
    assert exported[1]["scan_errors_too_many"] == "1"
    assert exported[0]["window"] == today


def test_only_a_signed_in_lead_opens_the_console(qtbot: QtBot, bench: BenchWindow) -> None:
    # GIVEN anna, an operator, signed in at the bench
    # WHEN she asks for the lead console
    assert open_lead_console(bench) is None
    # THEN she is asked for a lead's sign-in instead, and told why
    assert bench.stack.currentWidget() is bench.signin
    assert "shift lead" in bench.statusBar().currentMessage()
    assert bench.findChild(LeadConsole) is None
    # WHEN giulia signs in as lead there (her PIN)
    type_scan(qtbot, bench.signin.pin, "9999")
    qtbot.waitUntil(lambda: bench.lead == "giulia", timeout=5000)
    # THEN the console opens for her
    lead = open_lead_console(bench)
    assert lead is not None
    assert lead.lead == "giulia"
    assert lead.windowTitle() == "Lead console — giulia"
    # AND closes when the bench locks, left alone
    bench.idle.idle.emit()
    qtbot.waitUntil(lambda: not lead.isVisible(), timeout=5000)
    # AND the locked bench does not open it again for the lead who was signed in
    assert open_lead_console(bench) is None
    # AND an operator signing in again ends the lead's session there
    bench.show_signin("operator")
    type_scan(qtbot, bench.signin.pin, "OPANNA")
    qtbot.waitUntil(lambda: bench.lead == "", timeout=5000)
    assert open_lead_console(bench) is None


def test_an_italian_lead_reads_italian(qtbot: QtBot, ctx: AppContext, tmp_path: Path) -> None:
    # GIVEN Station's Italian translation installed, as an Italian bench starts
    app = QApplication.instance()
    translators = install_translators(app, "it", tmp_path / "cache")
    ctx.settings.language = "it"
    try:
        lead = LeadConsole(ctx, "giulia")
        qtbot.addWidget(lead)
        # THEN the captions are Italian, and so are the sentences of the core
        assert [lead.tabs.tabText(i) for i in range(3)] == [
            "Bacheca",
            "Coda contro l'orario",
            "Dati",
        ]
        assert lead.board_model.headerData(0, Qt.Orientation.Horizontal, 0) == "Banco"
        qtbot.waitUntil(
            lambda: any(r.number == "1003" for r in lead.clock_model.rows), timeout=5000
        )
        with qtbot.waitSignal(lead.said, timeout=5000) as said:
            lead.hold("1003", "scatola rotta")
        assert said.args == [True, "ordine 1003 sospeso: scatola rotta"]
        lead.close()
    finally:
        for translator in translators:
            app.removeTranslator(translator)


def test_the_console_renders_its_three_views_to_png(
    qtbot: QtBot, ctx: AppContext, tmp_path: Path
) -> None:
    # GIVEN a shift worked through the benches' service and orders due soon
    now = dt.datetime.now(dt.UTC)
    work_the_shift(ctx, now)
    orders_due_soon(ctx, now)
    lead = LeadConsole(ctx, "giulia")
    qtbot.addWidget(lead)
    lead.resize(1280, 800)
    lead.show()
    # WHEN the screenshots are taken
    shots = take_all(lead, tmp_path)
    # THEN each view is a full picture, with the states it is meant to show
    assert [p.stem for p in shots] == [
        "7-lead-board",
        "8-lead-queue-clock",
        "9-lead-figures",
        "10-lead-picking-shorts",
    ]
    for path in shots:
        assert (QImage(str(path)).width(), QImage(str(path)).height()) == (1280, 800)
    states = {r.bench: r.state for r in lead.board_model.rows}
    assert states == {
        "bench-1": "packing",
        "bench-2": "weighing",
        "bench-3": "idle",
        "bench-4": "offline",
        "pick-1": "idle",  # the picker whose short the shorts tab shows, its batch done
    }
    failed = next(r for r in lead.board_model.rows if r.bench == "bench-2")
    assert lead.board_model.cell(failed, 6) == "scale ok · printer FAILED · scanner ok"
    assert lead.board_model.cell(failed, 7) == "3 s behind"
    assert len(lead.shorts_model.rows) == 1
    assert any(r.late for r in lead.clock_model.rows)
    assert any(r.at_risk for r in lead.clock_model.rows)
    lead.close()


def test_the_bench_window_whose_order_a_lead_took_says_so_at_the_next_scan(
    qtbot: QtBot, ctx: AppContext, bench: BenchWindow
) -> None:
    # GIVEN anna's window packing order 1002, one mug scanned
    for code in ("1002", ean_of("MUG-01")):
        with qtbot.waitSignal(bench.outcome_shown, timeout=5000):
            type_scan(qtbot, bench.bench.lines, code)
    # WHEN a lead takes the order back to the queue from the console
    lead = LeadConsole(ctx, "giulia")
    qtbot.addWidget(lead)
    with qtbot.waitSignal(lead.said, timeout=5000) as said:
        lead.send.emit(LeadCommand("unassign", "1002", take=True))
    assert said.args == [True, "order 1002 back in the queue for every bench"]
    # AND anna scans the next mug
    with qtbot.waitSignal(bench.outcome_shown, timeout=5000):
        type_scan(qtbot, bench.bench.lines, ean_of("MUG-01"))
    # THEN her banner is red and says the lead took the order; the bench has no order open
    assert bench.bench.banner.kind == "exception"  # amber: a lead's doing, not a mistake
    assert bench.bench.banner.text().startswith("A lead took order 1002 from this bench")
    assert "Scan an order" in bench.bench.prompt.text()
    assert order_row(ctx, "1002")[:2] == (OrderStatus.QUEUED, "")
    lead.close()


def test_an_order_is_given_to_an_operator(
    qtbot: QtBot, ctx: AppContext, console: LeadConsole
) -> None:
    qtbot.waitUntil(lambda: "marco" in console.staff, timeout=5000)
    # WHEN the lead gives 1003 to marco
    with qtbot.waitSignal(console.said, timeout=5000) as said:
        console.assign_operator("1003", "marco")
    # THEN it is marco's, and the queue says for whom it waits
    assert said.args == [True, "order 1003 assigned to marco"]
    with ctx.db.read() as session:
        assert (
            session.scalars(select(Order).where(Order.number == "1003")).one().assigned_operator
            == "marco"
        )
    console.tabs.setCurrentIndex(1)
    qtbot.waitUntil(
        lambda: any(r.number == "1003" and r.operator == "marco" for r in console.clock_model.rows),
        timeout=5000,
    )
    row = next(r for r in console.clock_model.rows if r.number == "1003")
    assert console.clock_model.cell(row, 6) == "for marco"


def test_an_abandoned_order_is_unassigned_from_the_board(
    qtbot: QtBot, ctx: AppContext, console: LeadConsole
) -> None:
    # GIVEN a bench that opened 1002 and scanned a mug, then was left
    left = bench_service(ctx, "anna")
    left.handle(Scan("1002"))
    left.handle(Scan(ean_of("MUG-01")))
    qtbot.waitUntil(lambda: any(r.order == "1002" for r in console.board_model.rows), timeout=3000)
    # WHEN the lead selects that bench on the board and presses Ctrl+U
    row = next(i for i, r in enumerate(console.board_model.rows) if r.order == "1002")
    console.board_view.selectRow(row)
    with qtbot.waitSignal(console.said, timeout=5000) as said:
        _action(console, "Ctrl+U").trigger()
    # THEN 1002 is back in the queue for every bench, from nothing, and the board shows it so
    assert said.args == [True, "order 1002 back in the queue for every bench"]
    assert order_row(ctx, "1002")[:2] == (OrderStatus.QUEUED, "")
    qtbot.waitUntil(
        lambda: not any(r.order == "1002" for r in console.board_model.rows), timeout=2000
    )
    # AND with nothing selected, the key says what to do instead of acting
    console.board_view.clearSelection()
    with qtbot.waitSignal(console.said, timeout=5000) as said:
        _action(console, "Ctrl+U").trigger()
    assert said.args == [False, text("lead_select_order", "en")]


def test_an_idle_console_bench_is_told_of_an_order_a_lead_gives_it(
    qtbot: QtBot, ctx: AppContext, console: LeadConsole, bench_process: ConsoleProcess
) -> None:
    # GIVEN the console bench idle: the only bench on the board (it named itself at its start)
    qtbot.waitUntil(lambda: list(bench_state(console).values()) == ["Idle"], timeout=5000)
    name = console.board_model.rows[0].bench
    # WHEN the lead moves 1003 to it
    with qtbot.waitSignal(console.said, timeout=5000):
        console.move_order("1003", name)
    # THEN the bench prints it within two seconds, with nothing typed, and NEXT opens it
    told = bench_process.wait_for("WARN", timeout_s=2)
    assert told == "WARN order_given A lead gave order 1003 to this bench: scan NEXT to open it."
    assert bench_process.send("NEXT", "OK order_opened").startswith("OK order_opened")
    assert "1003" in bench_process.seen[-1]
