"""Printing that survives faults: a crash mid-print, a silent printer, a full disk, damaged
state files. Real sockets on 127.0.0.1, console benches as real processes, real files."""

from __future__ import annotations

import errno
import json
import socket
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import select

from station.app import open_home
from station.db.models import Event, Order
from station.devices.printers import PrintJob, Raw9100Printer
from station.devices.simulators.printer import FakePrinter
from station.domain import OrderStatus
from station.domain import events as ev
from station.printing import BenchPrinter, label_ref
from station.printing import queue as print_queue
from station.printing.queue import FAILED_FILE, PENDING_DIR, PRINTED_DIR, PrintQueue
from tests.console_process import ConsoleProcess, ean_of

LABEL = b"^XA^FO50,50^A0N,40,40^FDlabel^FS^XZ"


@pytest.fixture
def fake() -> Iterator[FakePrinter]:
    printer = FakePrinter().start()
    yield printer
    printer.stop()


def black_hole() -> socket.socket:
    """A printer that takes connections (the kernel completes them) and never reads a byte."""
    server = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    server.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    server.bind(("127.0.0.1", 0))
    server.listen(8)
    return server


def wait_for_file(folder: Path, timeout_s: float = 60.0) -> Path:
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        found = sorted(folder.glob("*.json")) if folder.is_dir() else []
        if found:
            return found[0]
        time.sleep(0.01)
    raise AssertionError(f"nothing appeared in {folder}")


def print_events(home: Path) -> list[ev.DomainEvent]:
    with open_home(home) as ctx, ctx.db.read() as session:
        rows = session.scalars(
            select(Event)
            .where(Event.type.in_([ev.PrintFailed.TYPE, ev.LabelPrinted.TYPE]))
            .order_by(Event.seq)
        ).all()
        return [ev.decode(r.type, r.version, r.payload) for r in rows]


def order_status(home: Path, number: str) -> str:
    with open_home(home) as ctx, ctx.db.read() as session:
        return session.scalars(select(Order.status).where(Order.number == number)).one()


def test_a_label_cut_off_by_a_kill_is_printed_once_after_the_restart(tmp_path: Path) -> None:
    # GIVEN a console bench whose ZPL printer takes connections and never answers
    home = tmp_path / "bench"
    home.mkdir()
    (home / "station.toml").write_text("print_retry_delay_s = 60\nlanguage = 'en'\n")
    hole = black_hole()
    port = hole.getsockname()[1]
    spec = f"zpl:127.0.0.1:{port}"
    bench = ConsoleProcess(home, "--printer", spec)
    bench.wait_for("PROMPT scan_order")
    bench.send("1001", "PROMPT")
    bench.send(ean_of("TSH-01"), "PROMPT")
    bench.proc.stdin.write("WEIGH\n")  # type: ignore[union-attr]
    bench.proc.stdin.flush()  # type: ignore[union-attr]
    # WHEN the bench is killed while the label is on its way
    pending = wait_for_file(home / "print" / PENDING_DIR)
    bench.kill()
    hole.close()
    # THEN the order is shipped, nothing says the label printed, and the job is on disk
    assert order_status(home, "1001") == OrderStatus.SHIPPED
    assert print_events(home) == []
    job = PrintJob.from_json(json.loads(pending.read_text("utf-8")))
    assert job.document == label_ref("1001", 1)
    # WHEN the printer is back and the bench starts again
    printer = FakePrinter(port=port).start()
    try:
        again = ConsoleProcess(home, "--printer", spec)
        try:
            line = again.wait_for("WARN print_state")
            assert printer.wait_for_jobs(1)
            assert again.send("PRINTERS", "OK printers").startswith("OK printers 0 prints failed")
        finally:
            assert again.close() == 0
    finally:
        printer.stop()
    # THEN the label printed exactly once, the job left the pending folder for the printed list
    assert printer.jobs == [job.data]
    assert not list((home / "print" / PENDING_DIR).glob("*.json"))
    assert list((home / "print" / PRINTED_DIR).rglob(f"{job.job_id}.json"))
    [printed] = print_events(home)
    assert isinstance(printed, ev.LabelPrinted)
    assert printed.document == label_ref("1001", 1)
    # AND the operator was told the label is sent again
    assert (
        line
        == f"WARN print_state The bench stopped while sending {job.name}: it is sent again now."
    )


def test_a_printer_that_takes_the_connection_and_says_nothing_did_not_print(
    tmp_path: Path,
) -> None:
    # GIVEN a ZPL printer that accepts the connection and never reads nor answers
    hole = black_hole()
    printer = Raw9100Printer("127.0.0.1", hole.getsockname()[1], timeout_s=1.0, status_wait_s=0.2)
    told: list[print_queue.PrintOutcome] = []
    queue = PrintQueue(
        printer, retries=1, retry_delay_s=0.01, state_dir=tmp_path, on_outcome=told.append
    ).start()
    try:
        # WHEN a label is queued
        job = queue.submit(LABEL, "label 1001-1")
        assert queue.wait_idle(30.0)
    finally:
        queue.close()
        hole.close()
    # THEN it is in the failed list, on disk too, with the reason the operator reads
    [failed] = queue.failed()
    assert (failed.job_id, failed.status, failed.error) == (job.job_id, "failed", "printer_silent")
    saved = json.loads((tmp_path / FAILED_FILE).read_text("utf-8"))
    assert [j["job_id"] for j in saved] == [job.job_id]
    assert queue.printed_today() == []
    assert failed.reason("en").startswith(
        f"The printer at {printer.address} took the connection but said nothing for 0.2 s"
    )


def test_a_silent_label_printer_records_no_label_printed_event(tmp_path: Path) -> None:
    # GIVEN a console bench on a printer that takes connections and never answers
    home = tmp_path / "bench"
    home.mkdir()
    (home / "station.toml").write_text("print_retry_delay_s = 0.05\nlanguage = 'en'\n")
    hole = black_hole()
    bench = ConsoleProcess(home, "--printer", f"zpl:127.0.0.1:{hole.getsockname()[1]}")
    try:
        bench.wait_for("PROMPT scan_order")
        bench.send("1001", "PROMPT")
        bench.send(ean_of("TSH-01"), "PROMPT")
        # WHEN the order is packed
        error = bench.send("WEIGH", "ERROR print_failed")
        listed = bench.send("PRINTERS", "WARN print_failed")
    finally:
        assert bench.close() == 0
        hole.close()
    # THEN the log has the failure with its reason, and no print
    [failed] = print_events(home)
    assert isinstance(failed, ev.PrintFailed)
    assert failed.reason.code == "printer_silent"
    assert "label 1001 parcel 1" in listed
    assert "took the connection but said nothing" in error


def test_a_job_cut_off_twice_goes_to_the_failed_list_instead_of_a_third_send(
    tmp_path: Path,
) -> None:
    # GIVEN a pending job that was already sent again once after a crash
    job = PrintJob("label 1001-1", LABEL, resumed=True)
    (tmp_path / PENDING_DIR).mkdir()
    (tmp_path / PENDING_DIR / f"{job.job_id}.json").write_text(json.dumps(job.to_json()))
    # WHEN the queue starts again
    queue = PrintQueue(Raw9100Printer("127.0.0.1", 9), state_dir=tmp_path).start()
    queue.close()
    # THEN it is in the failed list, on disk, with the reason, and no longer pending
    [failed] = queue.failed()
    assert (failed.job_id, failed.error) == (job.job_id, "print_interrupted")
    assert failed.reason("en") == (
        "The bench stopped twice while sending this job: check the printer, then retry it."
    )
    saved = json.loads((tmp_path / FAILED_FILE).read_text("utf-8"))
    assert [j["job_id"] for j in saved] == [job.job_id]
    assert not list((tmp_path / PENDING_DIR).iterdir())


def test_a_full_disk_does_not_stop_the_queue_and_the_failed_list_is_saved_later(
    tmp_path: Path, fake: FakePrinter, monkeypatch: pytest.MonkeyPatch
) -> None:
    # GIVEN a disk that refuses every write of the print lists
    real_write = print_queue.write_atomically
    full = {"on": True}

    def write(path: Path, data: bytes, **kw: object) -> None:
        if full["on"]:
            raise OSError(errno.ENOSPC, "No space left on device")
        real_write(path, data)

    monkeypatch.setattr(print_queue, "write_atomically", write)
    monkeypatch.setattr(print_queue, "SAVE_RETRY_S", 0.05, raising=False)
    fake.refuse()
    zebra = Raw9100Printer("127.0.0.1", fake.port, timeout_s=2.0, status_wait_s=1.0)
    bench = BenchPrinter("folder", tmp_path, retries=0)
    bench.queue.close()
    queue = PrintQueue(zebra, retries=0, retry_delay_s=0.01, state_dir=tmp_path / "print")
    bench.queue = queue.start()
    try:
        # WHEN a label fails (its failed list cannot be saved), then another is sent
        lost = queue.submit(LABEL, "label 1001-1")
        assert queue.wait_idle(10.0)
        fake.accept_again()
        later = queue.submit(LABEL, "label 1002-1")
        assert queue.wait_idle(10.0)
        # THEN the thread went on: the second label printed
        assert fake.wait_for_jobs(1)
        assert later.status == "printed"
        assert [j.job_id for j in queue.failed()] == [lost.job_id]
        # AND the operator is told once that the print list cannot be saved
        [line] = bench.notices()
        assert line.startswith("The print list ")
        assert "cannot be saved ([Errno 28] No space left on device): free disk space" in line
        # WHEN the disk has room again
        full["on"] = False
        deadline = time.monotonic() + 30
        while not (tmp_path / "print" / FAILED_FILE).exists() and time.monotonic() < deadline:
            time.sleep(0.01)
    finally:
        queue.close()
    # THEN the failed list was saved by itself, and the operator told so
    saved = json.loads((tmp_path / "print" / FAILED_FILE).read_text("utf-8"))
    assert [j["job_id"] for j in saved] == [lost.job_id]
    assert bench.notices() == ["The print lists are saved again."]
    # AND after a restart the failed job is still there
    restarted = PrintQueue(zebra, state_dir=tmp_path / "print")
    assert [j.job_id for j in restarted.failed()] == [lost.job_id]


def test_a_job_that_crashes_the_send_fails_and_the_queue_goes_on(
    tmp_path: Path, fake: FakePrinter
) -> None:
    # GIVEN a printer whose send fails with an unexpected error for the first job
    zebra = Raw9100Printer("127.0.0.1", fake.port, timeout_s=2.0, status_wait_s=1.0)
    real_send = zebra.send
    calls: list[str] = []

    def send(job: PrintJob) -> None:
        calls.append(job.name)
        if len(calls) == 1:
            raise RuntimeError("driver bug")
        real_send(job)

    zebra.send = send  # type: ignore[method-assign]
    queue = PrintQueue(zebra, retries=0, state_dir=tmp_path).start()
    try:
        first = queue.submit(LABEL, "label 1001-1")
        second = queue.submit(LABEL, "label 1002-1")
        assert queue.wait_idle(10.0)
    finally:
        queue.close()
    # THEN the first is failed with the reason, the second printed
    [failed] = queue.failed()
    assert (failed.job_id, failed.error) == (first.job_id, "print_crashed")
    assert second.status == "printed"
    assert fake.jobs == [LABEL]
    assert failed.reason("en") == (
        "The bench could not send this job (driver bug): retry it, or print the saved copy."
    )


@pytest.mark.parametrize("damage", [b"{not json", b"", b'[{"name": 1}]'])
def test_a_damaged_failed_list_is_set_aside_and_the_bench_starts(
    tmp_path: Path, damage: bytes
) -> None:
    # GIVEN a bench home whose failed list is damaged
    home = tmp_path / "bench"
    (home / "print").mkdir(parents=True)
    (home / "print" / FAILED_FILE).write_bytes(damage)
    # WHEN the console bench starts and is closed
    bench = ConsoleProcess(home)
    try:
        line = bench.wait_for("WARN print_state")
        bench.wait_for("PROMPT scan_order")
    finally:
        assert bench.close() == 0
    # THEN the file was set aside, as the warning line says
    [aside] = list((home / "print").glob(f"{FAILED_FILE}.corrupt-*"))
    assert aside.read_bytes() == damage
    assert line == (
        f"WARN print_state The print list {home / 'print' / FAILED_FILE} was damaged and was set "
        f"aside as {aside}; check the labels of today were printed."
    )


def test_an_empty_printed_job_file_is_set_aside_and_the_rest_are_kept(tmp_path: Path) -> None:
    # GIVEN today's printed list with a good job and a 0-byte one
    state = tmp_path / "print"
    good = PrintJob("label 1001-1", LABEL, status="printed")
    day = state / PRINTED_DIR / good.created.astimezone().date().isoformat()
    day.mkdir(parents=True)
    (day / f"{good.job_id}.json").write_text(json.dumps(good.to_json()))
    (day / "empty.json").write_bytes(b"")
    (state / PENDING_DIR).mkdir()
    (state / PENDING_DIR / "bad.json").write_text('{"half')
    # WHEN the queue loads its state
    queue = PrintQueue(Raw9100Printer("127.0.0.1", 9), state_dir=state)
    # THEN the good job is listed, the damaged files are set aside with one notice each
    assert [j.job_id for j in queue.printed_today()] == [good.job_id]
    assert [n.code for n in queue.notices()] == ["print_state_set_aside"] * 2
    assert list(day.glob("empty.json.corrupt-*"))
    assert list((state / PENDING_DIR).glob("bad.json.corrupt-*"))
    assert not (day / "empty.json").exists()
