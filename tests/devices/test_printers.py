"""Printers and the print queue, against a fake ZPL printer on a real 127.0.0.1 socket."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from station.devices.health import HealthLevel
from station.devices.printers import (
    CupsPrinter,
    FolderPrinter,
    HostStatus,
    PrintError,
    PrintJob,
    Raw9100Printer,
    encode_host_status,
    open_printer,
    parse_host_status,
)
from station.devices.simulators.printer import FakePrinter
from station.printing.queue import PrintQueue, UnknownJobError

LABEL = b"^XA^CI28^FO50,50^A0N,40,40^FDNiccol\xc3\xb2 Bianchi^FS^XZ"


@pytest.fixture
def fake() -> Iterator[FakePrinter]:
    printer = FakePrinter().start()
    yield printer
    printer.stop()


def zebra(fake: FakePrinter) -> Raw9100Printer:
    return Raw9100Printer("127.0.0.1", fake.port, timeout_s=2.0, status_wait_s=0.3)


def queue_for(printer: object, tmp_path: Path | None = None) -> PrintQueue:
    return PrintQueue(printer, retries=1, retry_delay_s=0.01, state_dir=tmp_path).start()  # type: ignore[arg-type]


def test_the_printer_receives_exactly_the_label_bytes(fake: FakePrinter) -> None:
    # GIVEN a ZPL printer that answers ~HS with all clear
    queue = queue_for(zebra(fake))
    # WHEN a label is queued
    job = queue.submit(LABEL, "label 1042-1")
    # THEN the printer got exactly those bytes, once, and the job is in today's printed list
    assert queue.wait_idle(5.0)
    queue.close()
    assert fake.jobs == [LABEL]
    assert fake.status_queries == 1
    assert [j.job_id for j in queue.printed_today()] == [job.job_id]
    assert queue.failed() == []


def test_a_printer_that_ignores_status_queries_prints_when_not_asked(fake: FakePrinter) -> None:
    fake.answer_status = False
    printer = Raw9100Printer("127.0.0.1", fake.port, timeout_s=2.0, query_status=False)
    printer.send(PrintJob("label", LABEL))
    assert fake.wait_for_jobs(1)
    assert fake.jobs == [LABEL]


def test_a_printer_that_hangs_up_leaves_the_job_failed_with_a_reason(fake: FakePrinter) -> None:
    # GIVEN a printer that accepts connections and closes them at once
    fake.mode = "hangup"
    queue = queue_for(zebra(fake))
    # WHEN a label is queued
    job = queue.submit(LABEL, "label 1042-1")
    assert queue.wait_idle(5.0)
    queue.close()
    # THEN it is in the failed list, tried twice, with a reason the operator can act on
    [failed] = queue.failed()
    assert (failed.job_id, failed.status, failed.attempts) == (job.job_id, "failed", 2)
    assert failed.error == "printer_hung_up"
    assert "closed the connection" in failed.reason("en")
    assert "ha chiuso la connessione" in failed.reason("it")
    assert queue.health().level is HealthLevel.FAILED
    assert fake.jobs == []


def test_a_refusing_printer_fails_the_job_and_retry_prints_it(fake: FakePrinter) -> None:
    # GIVEN a printer that is switched off (connections refused)
    fake.refuse()
    changes: list[str] = []
    queue = PrintQueue(zebra(fake), retries=0, on_change=lambda j: changes.append(j.status))
    queue.start()
    job = queue.submit(LABEL, "label 7")
    assert queue.wait_idle(5.0)
    # THEN the job failed loudly: the callback saw it, and the health panel says so
    assert queue.failed()[0].error == "printer_refused"
    assert changes == ["queued", "failed"]
    assert "1 print job" in queue.health().message("en")
    # WHEN the printer is back and the operator retries
    fake.accept_again()
    queue.retry(job.job_id)
    assert queue.wait_idle(5.0)
    queue.close()
    # THEN it prints and leaves the failed list
    assert fake.jobs == [LABEL]
    assert queue.failed() == []


def test_paper_out_is_reported_before_sending(fake: FakePrinter) -> None:
    fake.status = HostStatus(paper_out=True)
    with pytest.raises(PrintError) as caught:
        zebra(fake).send(PrintJob("label", LABEL))
    assert caught.value.code == "printer_paper_out"
    assert zebra(fake).health().level is HealthLevel.WARNING


def test_a_failed_job_can_be_redirected_to_another_printer(
    fake: FakePrinter, tmp_path: Path
) -> None:
    fake.mode = "hangup"
    queue = queue_for(zebra(fake))
    job = queue.submit(LABEL, "label 9")
    assert queue.wait_idle(5.0)
    # WHEN the operator sends it to the folder printer instead
    folder = FolderPrinter(tmp_path / "labels")
    queue.retry(job.job_id, printer=folder)
    assert queue.wait_idle(5.0)
    queue.close()
    # THEN the label lands there, byte for byte
    [written] = (tmp_path / "labels").iterdir()
    assert written.read_bytes() == LABEL
    assert written.suffix == ".zpl"


def test_failed_list_survives_a_restart(fake: FakePrinter, tmp_path: Path) -> None:
    # GIVEN a job that failed, with the queue's state kept in a folder
    fake.refuse()
    first = queue_for(zebra(fake), tmp_path)
    job = first.submit(LABEL, "label 3")
    assert first.wait_idle(5.0)
    first.close()
    # WHEN the bench restarts
    second = queue_for(zebra(fake), tmp_path)
    # THEN the failed job is still there, and retrying it prints the same bytes
    assert [j.job_id for j in second.failed()] == [job.job_id]
    fake.accept_again()
    second.retry(job.job_id)
    assert second.wait_idle(5.0)
    second.close()
    assert fake.jobs == [LABEL]
    assert queue_for(zebra(fake), tmp_path).failed() == []


def test_any_label_of_the_day_can_be_reprinted_after_a_restart(
    fake: FakePrinter, tmp_path: Path
) -> None:
    first = queue_for(zebra(fake), tmp_path)
    job = first.submit(LABEL, "label 5")
    assert first.wait_idle(5.0)
    first.close()
    second = queue_for(zebra(fake), tmp_path)
    assert [j.name for j in second.printed_today()] == ["label 5"]
    second.reprint(job.job_id)
    assert second.wait_idle(5.0)
    second.close()
    assert fake.jobs == [LABEL, LABEL]


def test_unknown_jobs_are_refused(tmp_path: Path) -> None:
    queue = PrintQueue(FolderPrinter(tmp_path))
    with pytest.raises(UnknownJobError):
        queue.retry("nope")
    with pytest.raises(UnknownJobError):
        queue.reprint("nope")


def test_folder_printer_writes_pdf_and_zpl_files(tmp_path: Path) -> None:
    printer = FolderPrinter(tmp_path)
    printer.send(PrintJob("Ordine 1042/1", b"%PDF-1.7", kind="pdf"))
    [written] = tmp_path.iterdir()
    assert written.name.endswith(".pdf")
    assert "Ordine_1042_1" in written.name
    assert written.read_bytes() == b"%PDF-1.7"


def test_folder_printer_that_cannot_write_raises_a_clear_error(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("x")
    with pytest.raises(PrintError) as caught:
        FolderPrinter(blocker / "sub").send(PrintJob("x", b"x"))
    assert caught.value.code == "folder_failed"


def fake_lp(tmp_path: Path, exit_code: int = 0) -> Path:
    script = tmp_path / "lp"
    script.write_text(
        f"#!{sys.executable}\n"
        "import sys, pathlib\n"
        f"d = pathlib.Path({str(tmp_path)!r})\n"
        "(d / 'args').write_text(' '.join(sys.argv[1:]))\n"
        "(d / 'stdin').write_bytes(sys.stdin.buffer.read())\n"
        "print('lp: The printer or class does not exist.', file=sys.stderr)\n"
        f"sys.exit({exit_code})\n"
    )
    script.chmod(0o755)
    return script


def test_cups_printer_sends_zpl_raw_and_pdf_as_document(tmp_path: Path) -> None:
    printer = CupsPrinter("zebra", lp=str(fake_lp(tmp_path)))
    printer.send(PrintJob("label 1", LABEL))
    assert (tmp_path / "args").read_text() == "-d zebra -o raw -t label 1 -"
    assert (tmp_path / "stdin").read_bytes() == LABEL
    printer.send(PrintJob("slip", b"%PDF", kind="pdf"))
    assert (tmp_path / "args").read_text() == "-d zebra -t slip -"


def test_cups_failure_carries_lp_reason(tmp_path: Path) -> None:
    printer = CupsPrinter("zebra", lp=str(fake_lp(tmp_path, exit_code=1)))
    with pytest.raises(PrintError) as caught:
        printer.send(PrintJob("label", LABEL))
    assert caught.value.code == "cups_failed"
    assert "does not exist" in str(caught.value)


def test_missing_lp_is_its_own_error(tmp_path: Path) -> None:
    with pytest.raises(PrintError) as caught:
        CupsPrinter("zebra", lp=str(tmp_path / "no-lp")).send(PrintJob("label", LABEL))
    assert caught.value.code == "cups_missing"


def test_host_status_round_trip() -> None:
    for status in (
        HostStatus(),
        HostStatus(paper_out=True),
        HostStatus(head_open=True, paused=True),
    ):
        assert parse_host_status(encode_host_status(status)) == status
    assert parse_host_status(b"\x02garbage\x03") is None


def test_printer_specs(tmp_path: Path) -> None:
    assert isinstance(open_printer("folder", tmp_path), FolderPrinter)
    zpl = open_printer("zpl:127.0.0.1:9101", tmp_path)
    assert isinstance(zpl, Raw9100Printer)
    assert zpl.port == 9101
    assert isinstance(open_printer("cups:zebra", tmp_path), CupsPrinter)
    with pytest.raises(ValueError, match="unknown printer"):
        open_printer("lpt1", tmp_path)
