"""A carrier that does not answer in time never holds the bench: the parcel leaves with an
internal label (label pending) and its carrier label prints once when the carrier answers,
also after the bench was killed. Against the fake BRT (tests/fakes/carriers/brt.py, built from
BRT's REST documentation)."""

from __future__ import annotations

import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import select

from station.app import open_home
from station.context import AppContext
from station.db.models import Order, OutboxEntry
from station.printing.archive import DocumentArchive, label_ref, pending_label_ref
from station.services.bench import BenchService, utc_now
from station.services.pending_labels import retry_pending
from station.workflow.io import Command, CommandName, ReadScale, Scan, Weight
from sync.secrets import save_secrets
from tests.carriers.brt_setup import configure, fake_brt
from tests.console_process import ConsoleProcess, ean_of, run_console, run_station
from tests.fakes.carriers.brt import FakeBrt
from tests.fakes.carriers.gls import FakeGlsItaly
from tests.fakes.shops.base import Fault
from tests.labels.readback import needs_raster, pdf_barcodes

DEADLINE_S = 0.3


@pytest.fixture
def brt() -> Iterator[FakeBrt]:
    with fake_brt() as fake:
        yield fake


def _units(ctx: AppContext, number: str) -> list[str]:
    with ctx.db.read() as session:
        order = session.scalars(select(Order).where(Order.number == number)).one()
        return [ean_of(line.sku) for line in order.lines for _ in range(line.quantity)]


def _pack(bench: BenchService, ctx: AppContext, number: str) -> list[str]:
    """Pack the whole order into one parcel; the warnings the bench showed."""
    warnings: list[str] = []
    for inp in [Scan(number), *map(Scan, _units(ctx, number)), Command(CommandName.WEIGH)]:
        handled = bench.handle(inp)
        for effect in handled.effects:
            if isinstance(effect, ReadScale):
                handled = bench.handle(Weight(effect.expected_g))
                warnings += handled.warnings
        printed = handled.printed
    bench.last_printed = printed  # type: ignore[attr-defined]
    return warnings


def _parcel(ctx: AppContext, number: str) -> tuple[str | None, bool, str]:
    with ctx.db.read() as session:
        order = session.scalars(select(Order).where(Order.number == number)).one()
        [parcel] = order.parcels
        return parcel.tracking_number, parcel.label_pending, str(order.status)


def _shop_updates(ctx: AppContext, number: str) -> list[str]:
    with ctx.db.read() as session:
        order = session.scalars(select(Order).where(Order.number == number)).one()
        return list(
            session.scalars(select(OutboxEntry.key).where(OutboxEntry.order_id == order.id))
        )


def _retry(ctx: AppContext, archive: DocumentArchive, bench: str) -> list[tuple[str, str | None]]:
    done = retry_pending(ctx.db, ctx.settings, archive, bench=bench, operator="anna", clock=utc_now)
    return [(d.document, d.tracking_number) for d in done.printed]


@needs_raster
def test_a_late_carrier_leaves_the_parcel_pending_then_its_label_prints_once(
    demo_home: AppContext, brt: FakeBrt
) -> None:
    # GIVEN order 1004 going by BRT, and BRT answering after 1 s, past the bench's 0.3 s
    configure(demo_home, brt, deadline_s=DEADLINE_S)
    archive = DocumentArchive(demo_home.home)
    bench = BenchService(demo_home.db, demo_home.settings, archive, operator="anna")
    brt.inject(Fault("slow", path="/shipments/shipment", method="POST", delay_s=1.0))
    # WHEN it is packed and weighed
    warnings = _pack(bench, demo_home, "1004")
    # THEN the bench went on with an internal label (bench_carrier measures how soon), and
    # says what to do
    assert [d.ref for d in bench.last_printed] == [pending_label_ref("1004", 1)]  # type: ignore[attr-defined]
    assert warnings == [
        "BRT did not answer: parcel 1 of order 1004 has an internal label; keep it on the "
        "pending shelf, its BRT label prints here by itself when BRT answers."
    ]
    internal = archive.read(pending_label_ref("1004", 1), "pdf")
    assert [d.data for d in pdf_barcodes(internal, dpi=300)] == ["1004-1"]
    # AND the parcel waits for its label; the shop hears nothing yet
    assert _parcel(demo_home, "1004") == (None, True, "shipped")
    assert _shop_updates(demo_home, "1004") == []
    # AND the lead sees it on the pending shelf, with why
    [shelf] = run_station(demo_home.home, "carrier", "pending").stdout.splitlines()
    order, seq, carrier, packed_at, _since, why = shelf.split("\t")
    assert (order, seq, carrier, packed_at) == ("1004", "1", "BRT", demo_home.settings.bench_name)
    assert why == "BRT did not answer within 0.3 s."

    # WHEN BRT is still down at the next round
    _wait_for(lambda: brt.count("POST", "/shipments/shipment") == 1)  # the late call finished
    brt.inject(Fault("status", path="/shipments/", status=503))
    assert _retry(demo_home, archive, demo_home.settings.bench_name) == []
    assert _parcel(demo_home, "1004")[1] is True

    # WHEN BRT answers again
    printed = _retry(demo_home, archive, demo_home.settings.bench_name)
    # THEN the BRT label is printed once, with BRT's number, which the parcel now carries
    [live] = brt.live()  # the shipment of the call whose answer was lost was deleted first
    tracking = live.parcel_ids[0]
    assert printed == [("label", tracking)]
    assert _parcel(demo_home, "1004") == (tracking, False, "shipped")
    label = archive.read(label_ref("1004", 1), "pdf")
    assert [d.data for d in pdf_barcodes(label, dpi=300)] == [tracking]
    # AND the shop is told the BRT number; a further round prints nothing
    assert _shop_updates(demo_home, "1004")
    assert _retry(demo_home, archive, demo_home.settings.bench_name) == []
    # AND the log replays to the same tables (pending, then labelled, then shipped again)
    verified = run_station(demo_home.home, "db", "verify")
    assert verified.returncode == 0, verified.stdout + verified.stderr


def _wait_for(condition: object, timeout_s: float = 10.0) -> None:
    deadline = time.monotonic() + timeout_s
    while not condition():  # type: ignore[operator]
        assert time.monotonic() < deadline, "timed out"
        time.sleep(0.05)


@pytest.mark.slow
def test_a_pending_label_left_by_a_killed_bench_prints_after_restart_once(
    tmp_path: Path, brt: FakeBrt
) -> None:
    # GIVEN a demo home whose BRT account waits 0.3 s, retried every 0.5 s, and BRT down
    home = tmp_path / "bench"
    run_console(home, [])
    with open_home(home) as ctx:
        configure(ctx, brt, deadline_s=DEADLINE_S)
        ctx.settings.label_retry_s = 0.5
        ctx.settings.save(home)
        units = _units(ctx, "1004")
    brt.inject(Fault("status", path="/shipments/", status=503, times=10_000))
    bench = ConsoleProcess(home)
    bench.wait_for("PROMPT scan_order")
    for code in ["1004", *units]:
        bench.send(code, "OK")
    bench.send("WEIGH", "PRINT pending-label 1004 parcel 1")
    bench.wait_for("WARN BRT did not answer")
    # WHEN the bench is killed, BRT comes back, and the bench is started again
    bench.kill()
    brt.faults.clear()
    again = ConsoleProcess(home)
    try:
        printed = again.wait_for("PRINT label 1004 parcel 1")
        time.sleep(2.0)  # four more rounds
    finally:
        assert again.close() == 0
    # THEN BRT's label printed by itself, once, with BRT's number
    [live] = brt.live()
    assert printed.split()[5] == live.parcel_ids[0]
    rest = [line for line in again.seen if line.startswith("PRINT label 1004")]
    while not again.lines.empty():
        line = again.lines.get()
        if line.startswith("PRINT label 1004"):
            rest.append(line)
    assert rest == [printed]


def test_a_late_gls_italy_leaves_the_parcel_pending_then_prints_its_label_once(
    demo_home: AppContext,
) -> None:
    with FakeGlsItaly("M1", "123456", "gls-pw") as gls:
        # GIVEN order 1001 going by GLS, and GLS answering after 1 s, past the bench's 0.3 s
        demo_home.settings.extra["carrier_accounts"] = {
            "GLS": {"kind": "gls-it", "url": f"{gls.url}/ilswebservice.asmx", "branch": "M1",
                    "client": "123456", "contract": "1234", "deadline_s": DEADLINE_S},
        }  # fmt: skip
        save_secrets(demo_home.home, "carrier:GLS", {"password": "gls-pw"})
        archive = DocumentArchive(demo_home.home)
        bench = BenchService(demo_home.db, demo_home.settings, archive, operator="anna")
        gls.inject(Fault("slow", path="AddParcel", delay_s=1.0))
        # WHEN it is packed, THEN it leaves with its internal label and waits
        _pack(bench, demo_home, "1001")
        assert _parcel(demo_home, "1001") == (None, True, "shipped")
        # WHEN GLS answers again (the late call made a parcel nobody heard of)
        _wait_for(lambda: len(gls.parcels) == 1)
        printed = _retry(demo_home, archive, demo_home.settings.bench_name)
        # THEN the late parcel was deleted, the new one's label printed once, with its number
        [live] = gls.live()
        assert printed == [("label", live.number)]
        assert _parcel(demo_home, "1001") == (live.number, False, "shipped")
        assert _retry(demo_home, archive, demo_home.settings.bench_name) == []
