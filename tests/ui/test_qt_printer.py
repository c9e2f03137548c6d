"""System printers through QPrinter: the PDF copy goes through Qt's print path; a printer the
system lacks leaves the job in the failed list with a reason the operator can act on."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from station.context import AppContext
from station.devices.printers import PrintJob
from station.labels.courier import label_pdf, labels_a4_pdf
from station.printing import (
    BenchPrinter,
    CannotPrintError,
    PrintedDocument,
    check_printer_spec,
    label_ref,
)
from station.printing.queue import PrintQueue
from station.ui.qt_printer import PRINTER_KINDS, QtSystemPrinter
from station.ui.window import BenchWindow
from tests.labels.factories import label_view
from tests.labels.readback import needs_raster, pdf_barcodes
from tests.ui.conftest import open_window, type_scan
from tests.ui.test_printing_ui import pack_1001, redirect_failed_to

pytestmark = pytest.mark.usefixtures("qapp")


def pdf_info(pdf: Path) -> dict[str, str]:
    """What `pdfinfo` says about a printed file (poppler-utils, as the barcode read-back)."""
    run = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True)
    return {k.strip(): v.strip() for k, _, v in (x.partition(":") for x in run.stdout.splitlines())}


def page_size_pt(pdf: Path) -> tuple[float, float]:
    width, _, height = pdf_info(pdf)["Page size"].split()[:3]
    return float(width), float(height)


@needs_raster
def test_a_label_printed_through_qprinter_keeps_its_size_and_scans(tmp_path: Path) -> None:
    # GIVEN a 100x150 mm courier label and a Qt printer that prints to a file
    view = label_view()
    out = tmp_path / "printed.pdf"
    # WHEN it is printed through QPrinter
    QtSystemPrinter(output_file=out).send(PrintJob("label 1003 parcel 1", label_pdf(view), "pdf"))
    # THEN the printed page has the label's size and both barcodes scan to the same data
    width, height = page_size_pt(out)
    assert abs(width - 283.5) < 1.5
    assert abs(height - 425.2) < 1.5
    printed = sorted(d.data for d in pdf_barcodes(out.read_bytes()))
    assert printed == sorted([view.tracking_number, f"00{view.sscc}"])


@needs_raster
def test_every_page_of_a_sheet_is_printed(tmp_path: Path) -> None:
    # GIVEN an A4 sheet of five labels on two pages
    views = [label_view(tracking_number=f"TRK{n:05d}") for n in range(1, 6)]
    out = tmp_path / "sheet.pdf"
    # WHEN it is printed through QPrinter
    QtSystemPrinter(output_file=out).send(PrintJob("sheet", labels_a4_pdf(views), "pdf"))
    # THEN both pages come out, and every tracking barcode on them scans
    assert pdf_info(out)["Pages"] == "2"
    found = {d.data for d in pdf_barcodes(out.read_bytes())}
    assert {f"TRK{n:05d}" for n in range(1, 6)} <= found


@pytest.mark.parametrize(
    ("printer", "job", "reason"),
    [
        (
            QtSystemPrinter("Zebra-Nowhere"),
            label_pdf(label_view()),
            "no printer named Zebra-Nowhere",
        ),
        (QtSystemPrinter(output_file=Path("unused.pdf")), b"not a pdf", "unreadable PDF"),
    ],
    ids=["missing printer", "damaged document"],
)
def test_a_job_that_cannot_print_stays_failed_with_its_reason(
    tmp_path: Path, printer: QtSystemPrinter, job: bytes, reason: str
) -> None:
    # GIVEN a print queue on a Qt printer that cannot print the job
    queue = PrintQueue(printer, retries=1, retry_delay_s=0.01, state_dir=tmp_path).start()
    try:
        # WHEN a job is sent
        queue.submit(job, "label 1001 parcel 1", "pdf")
        assert queue.wait_idle(10)
        # THEN it is in the failed list, with a reason that says what is wrong
        [failed] = queue.failed()
        assert reason in failed.reason("en")
        assert failed.attempts == 2
    finally:
        queue.close()


def test_zpl_is_refused_and_a_bench_sends_the_pdf_copy_instead(tmp_path: Path) -> None:
    # GIVEN a label archived as PDF and ZPL, and a bench on a Qt printer (to a file here)
    home = tmp_path / "home"
    label = home / "labels" / "1001-1.pdf"
    label.parent.mkdir(parents=True)
    label.write_bytes(label_pdf(label_view(order_number="1001")))
    label.with_suffix(".zpl").write_bytes(b"^XA^FDlabel^FS^XZ")
    out = tmp_path / "printed.pdf"
    kinds = {"qt": lambda name: QtSystemPrinter(name, output_file=out)}
    bench = BenchPrinter("qt:Office", home, retry_delay_s=0.01, kinds=kinds)
    try:
        # WHEN the label is printed
        [sent] = bench.submit([PrintedDocument(label_ref("1001", 1), "ST1")])
        assert bench.wait(10)
        # THEN the PDF copy went through Qt and came out
        assert sent.job is not None
        assert sent.job.kind == "pdf"
        assert sent.job.status == "printed"
        assert out.read_bytes().startswith(b"%PDF")
        assert bench.spec == "qt:Office"
    finally:
        bench.close()
    # AND raw ZPL handed to a Qt printer directly is refused with the reason
    queue = PrintQueue(QtSystemPrinter(output_file=out), retries=0).start()
    try:
        queue.submit(b"^XA^XZ", "label 1001 parcel 1", "zpl")
        assert queue.wait_idle(10)
        assert "zpl, not PDF" in queue.failed()[0].reason("en")
    finally:
        queue.close()


def test_system_printers_are_for_the_window_only(tmp_path: Path) -> None:
    # GIVEN a console bench (no Qt kinds) and a window bench
    # THEN the console refuses qt:NAME at start, in the bench's language, and the window takes it
    with pytest.raises(CannotPrintError, match="from the window only"):
        check_printer_spec("qt:Office", tmp_path)
    with pytest.raises(CannotPrintError, match="solo dalla finestra"):
        check_printer_spec("qt", tmp_path, "it")
    check_printer_spec("qt:Office", tmp_path, window=True)
    assert isinstance(PRINTER_KINDS["qt"]("Office"), QtSystemPrinter)
    assert PRINTER_KINDS["qt"]("").name == "qt"


def test_the_window_prints_on_a_system_printer_and_says_when_it_is_missing(
    qtbot: QtBot, ctx: AppContext, tmp_path: Path
) -> None:
    # GIVEN a bench whose printer is a system printer this computer does not have
    ctx.settings.printer = "qt:Zebra-Nowhere"
    ctx.settings.print_retry_delay_s = 0.01
    window: BenchWindow = open_window(qtbot, ctx, tmp_path)
    type_scan(qtbot, window.signin.pin, "OPANNA")
    qtbot.waitUntil(lambda: window.operator == "anna")
    try:
        # WHEN order 1001 is packed
        pack_1001(qtbot, window)
        # THEN the banner names the missing printer and what to do, and the job is kept
        banner = window.bench.banner
        qtbot.waitUntil(lambda: "Zebra-Nowhere" in banner.text(), timeout=10_000)
        assert banner.kind == "error"
        assert "printer settings" in banner.text()
        qtbot.waitUntil(window.print_label.isVisible)
        # AND the failed label can be sent to another printer from the print jobs dialog
        assert redirect_failed_to(qtbot, window, tmp_path / "spare")
        qtbot.waitUntil(lambda: not window.print_label.isVisible())
    finally:
        window.close()
