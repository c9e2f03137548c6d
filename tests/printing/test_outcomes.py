"""The queue sends the rendition the printer accepts, and tells what became of each document:
the bench's log says which labels a printer took and which did not print, and why."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import select

from station.app import open_home
from station.db.models import Event
from station.devices.printers import FolderPrinter, Raw9100Printer
from station.devices.simulators.printer import FakePrinter
from station.domain import events as ev
from station.printing.archive import DocumentArchive, label_ref, slip_ref
from station.printing.queue import NoRenditionError, PrintOutcome, PrintQueue
from tests.console_process import ConsoleProcess, ean_of


@pytest.fixture
def fake() -> Iterator[FakePrinter]:
    printer = FakePrinter().start()
    yield printer
    printer.stop()


def archived_label(home: Path) -> DocumentArchive:
    archive = DocumentArchive(home)
    archive.write(label_ref("1001", 1), "pdf", b"%PDF-label")
    archive.write(label_ref("1001", 1), "zpl", b"^XA^FDlabel^FS^XZ")
    archive.write(slip_ref("1001"), "pdf", b"%PDF-slip")
    return archive


def test_each_printer_gets_the_rendition_it_accepts_and_the_outcome_is_told(
    tmp_path: Path, fake: FakePrinter
) -> None:
    # GIVEN an archived label, a thermal printer and a queue that reports outcomes
    archive = archived_label(tmp_path)
    told: list[PrintOutcome] = []
    zebra = Raw9100Printer("127.0.0.1", fake.port, query_status=False)
    queue = PrintQueue(zebra, retries=0, renditions=archive, on_outcome=told.append).start()
    try:
        # WHEN the label is printed, THEN the thermal printer receives its ZPL copy
        job = queue.submit_document(label_ref("1001", 1))
        assert queue.wait_idle(5)
        assert fake.wait_for_jobs(1)
        assert fake.jobs == [b"^XA^FDlabel^FS^XZ"]
        assert told == [PrintOutcome(label_ref("1001", 1), zebra.name, "zpl", printed=True)]
        assert job.name == "label 1001 parcel 1"
        # AND a slip, kept only as PDF, is refused before it is queued
        with pytest.raises(NoRenditionError):
            queue.submit_document(slip_ref("1001"))
    finally:
        queue.close()


def test_a_failed_label_redirected_to_a_pdf_printer_goes_as_its_pdf(
    tmp_path: Path, fake: FakePrinter
) -> None:
    # GIVEN a label that failed on a switched-off thermal printer
    archive = archived_label(tmp_path)
    told: list[PrintOutcome] = []
    fake.refuse()
    zebra = Raw9100Printer("127.0.0.1", fake.port)
    queue = PrintQueue(zebra, retries=0, renditions=archive, on_outcome=told.append).start()
    try:
        job = queue.submit_document(label_ref("1001", 1))
        assert queue.wait_idle(5)
        # THEN the outcome says it failed, with the printer's reason code
        [failed] = told
        assert not failed.printed
        assert failed.reason == ev.Reason("printer_refused", {"address": zebra.address})
        # WHEN it is redirected to a folder printer
        tray = tmp_path / "tray"
        queue.retry(job.job_id, FolderPrinter(tray))
        assert queue.wait_idle(5)
        # THEN the PDF copy landed there and the outcome says so
        [written] = tray.iterdir()
        assert written.read_bytes() == b"%PDF-label"
        assert told[-1] == PrintOutcome(label_ref("1001", 1), f"folder:{tray}", "pdf", True)
    finally:
        queue.close()


def test_the_log_records_a_label_printed_only_once_the_printer_took_it(
    tmp_path: Path, fake: FakePrinter
) -> None:
    # GIVEN a console bench on a thermal printer that is switched off
    home = tmp_path / "bench"
    home.mkdir()
    (home / "station.toml").write_text("print_retry_delay_s = 0.05\nlanguage = 'en'\n")
    fake.refuse()
    bench = ConsoleProcess(home, "--printer", f"zpl:127.0.0.1:{fake.port}")
    try:
        bench.wait_for("PROMPT scan_order")
        # WHEN order 1001 is packed, and its label retried once the printer is back
        for line in ["1001", ean_of("TSH-01")]:
            bench.send(line, "PROMPT")
        bench.send("WEIGH", "ERROR print_failed")
        job = bench.send("PRINTERS", "WARN print_failed").split()[2]
        fake.accept_again()
        bench.send(f"RETRY {job}", "PRINT label 1001")
    finally:
        assert bench.close() == 0
    # THEN the log has the failure with its reason code, then the print, both for the label
    with open_home(home) as ctx, ctx.db.read() as session:
        rows = session.scalars(
            select(Event)
            .where(Event.type.in_([ev.PrintFailed.TYPE, ev.LabelPrinted.TYPE]))
            .order_by(Event.seq)
        ).all()
        events = [ev.decode(r.type, r.version, r.payload) for r in rows]
    failed, printed = events
    assert isinstance(failed, ev.PrintFailed)
    assert failed.reason.code == "printer_refused"
    assert isinstance(printed, ev.LabelPrinted)
    assert (printed.document, printed.format) == (label_ref("1001", 1), "zpl")
    assert failed.order is not None
    assert printed.order == failed.order
