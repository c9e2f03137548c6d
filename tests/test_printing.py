"""Labels reach a printer: ZPL over TCP to a fake Zebra, a failed list that can be retried or
redirected, and the folder printer of demo mode."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import select

from station.app import open_home
from station.db.models import Order
from station.devices.simulators.printer import FakePrinter
from station.labels.courier import label_zpl
from station.printing import BenchPrinter, PrintedDocument, label_ref, slip_ref
from station.services.documents import label_views
from tests.console_process import ConsoleProcess, ean_of, run_console

PACK_1001 = ["1001", ean_of("TSH-01"), "WEIGH"]  # one T-shirt, one parcel


@pytest.fixture
def home(tmp_path: Path) -> Path:
    """A bench home whose prints are retried quickly."""
    home = tmp_path / "bench"
    home.mkdir()
    (home / "station.toml").write_text("print_retry_delay_s = 0.05\nlanguage = 'en'\n")
    return home


@pytest.fixture
def printer() -> Iterator[FakePrinter]:
    fake = FakePrinter().start()
    yield fake
    fake.stop()


def zpl_spec(printer: FakePrinter) -> str:
    return f"zpl:127.0.0.1:{printer.port}"


def expected_zpl(home: Path, number: str) -> list[bytes]:
    with open_home(home) as ctx, ctx.db.read() as session:
        order = session.scalars(select(Order).where(Order.number == number)).one()
        return [label_zpl(view, 203) for view in label_views(session, order, ctx.settings)]


def failed_id(line: str) -> str:
    """The job id a `WARN print_failed <id> ...` line starts with."""
    return line.split()[2]


def test_a_packed_order_sends_its_label_as_zpl_to_the_thermal_printer(
    home: Path, printer: FakePrinter
) -> None:
    # GIVEN a console bench printing on a ZPL printer at 127.0.0.1
    # WHEN order 1001 is packed and weighed
    out = run_console(home, PACK_1001, "--printer", zpl_spec(printer))
    # THEN the printer received exactly the order's label in ZPL, once
    assert printer.wait_for_jobs(1)
    assert printer.jobs == expected_zpl(home, "1001")
    assert b"^XA" in printer.jobs[0]
    # AND the bench said so only after the printer took it, and kept both archive copies
    [line] = [line for line in out if line.startswith("PRINT label 1001")]
    assert line.endswith("1001-1.pdf")
    assert (home / "labels" / "1001-1.zpl").read_bytes() == printer.jobs[0]
    assert (home / "labels" / "1001-1.pdf").read_bytes().startswith(b"%PDF")
    assert not any(line.startswith("ERROR") for line in out)


def test_a_refusing_printer_keeps_the_label_until_it_is_retried(
    home: Path, printer: FakePrinter
) -> None:
    # GIVEN a ZPL printer that is switched off
    printer.refuse()
    bench = ConsoleProcess(home, "--printer", zpl_spec(printer))
    try:
        bench.wait_for("PROMPT scan_order")
        # WHEN order 1001 is packed
        for line in PACK_1001[:-1]:
            bench.send(line, "PROMPT")
        error = bench.send("WEIGH", "ERROR print_failed")
        # THEN the bench says loudly that the label for 1001 did not print, and why
        assert "Label for order 1001" in error
        assert "refused the connection" in error
        # AND the job is in the failed list, with an id to retry it by
        listed = bench.send("PRINTERS", "WARN print_failed")
        assert "label 1001 parcel 1" in listed
        assert bench.wait_for("OK printers").startswith("OK printers 1 print failed")
        # WHEN the printer is back on and the operator retries the job
        printer.accept_again()
        printed = bench.send(f"RETRY {failed_id(listed)}", "PRINT label 1001")
        # THEN the label prints and the failed list is empty
        assert printed.endswith("1001-1.pdf")
        assert printer.wait_for_jobs(1)
        assert printer.jobs == expected_zpl(home, "1001")
        assert bench.send("PRINTERS", "OK printers").startswith("OK printers 0 prints failed")
    finally:
        assert bench.close() == 0


def test_a_printer_that_hangs_up_fails_and_the_job_is_redirected_to_a_folder(
    home: Path, printer: FakePrinter, tmp_path: Path
) -> None:
    # GIVEN a ZPL printer that closes every connection at once
    printer.mode = "hangup"
    # WHEN order 1001 is packed
    out = run_console(home, [*PACK_1001, "PRINTERS"], "--printer", zpl_spec(printer))
    # THEN the label did not print, after its retries, and the bench says the printer hung up
    [error] = [line for line in out if line.startswith("ERROR print_failed")]
    assert "closed the connection" in error
    assert not any(line.startswith("PRINT ") for line in out)
    [listed] = [line for line in out if line.startswith("WARN print_failed")]
    assert "3 attempts" in listed
    # WHEN the bench starts again and the job is redirected to a folder printer
    spare = tmp_path / "spare"
    again = run_console(home, ["PRINTERS", f"RETRY {failed_id(listed)} folder:{spare}", "PRINTERS"])
    # THEN the failed list survived the restart, and the label landed there as a PDF
    assert any(line.startswith(f"WARN print_failed {failed_id(listed)}") for line in again)
    assert any(line.startswith("PRINT label 1001 parcel 1") for line in again)
    [written] = spare.iterdir()
    assert written.read_bytes().startswith(b"%PDF")
    assert [line for line in again if line.startswith("OK printers")][-1].startswith(
        "OK printers 0"
    )


def test_the_folder_printer_of_demo_mode_writes_pdfs_and_reprints_the_day(
    tmp_path: Path,
) -> None:
    # GIVEN a bench on the plain folder printer, with an archived label and slip
    home = tmp_path / "home"
    label = home / "labels" / "1001-1.pdf"
    label.parent.mkdir(parents=True)
    label.write_bytes(b"%PDF-label")
    label.with_suffix(".zpl").write_bytes(b"^XA^FDlabel^FS^XZ")
    slip = PrintedDocument(slip_ref("1001"))
    printer = BenchPrinter("folder", home, retry_delay_s=0.01)
    try:
        # WHEN the label is printed, then reprinted from the day's list
        [sent] = printer.submit([PrintedDocument(label_ref("1001", 1), "ST1")])
        assert printer.wait(5)
        [today] = printer.printed_today()
        printer.reprint(today.job_id[:8])
        assert printer.wait(5)
        # THEN two PDF files are in the folder printer's tray, and two jobs in the day's list
        tray = sorted((home / "print" / "out").iterdir())
        assert [p.read_bytes() for p in tray] == [b"%PDF-label", b"%PDF-label"]
        assert len(printer.printed_today()) == 2
        assert sent.job is not None
        assert sent.job.status == "printed"
        # WHEN the bench switches to a ZPL printer, a slip is not sent to it but kept as a file
        printer.set_printer("zpl:127.0.0.1:9")
        [skipped] = printer.submit([slip])
        assert skipped.job is None
        assert "label printer cannot print the slip" in skipped.skipped
    finally:
        printer.close()
