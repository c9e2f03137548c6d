"""Printing: the document archive (the only owner of file paths), the print queue, and the
bench's printer that joins them."""

from station.printing.archive import DocumentArchive, label_ref, slip_ref
from station.printing.bench import (
    BenchPrinter,
    CannotPrintError,
    PrintedDocument,
    Submitted,
    check_printer_spec,
    open_bench_printer,
)
from station.printing.queue import PrintOutcome

__all__ = [
    "BenchPrinter",
    "CannotPrintError",
    "DocumentArchive",
    "PrintOutcome",
    "PrintedDocument",
    "Submitted",
    "check_printer_spec",
    "label_ref",
    "open_bench_printer",
    "slip_ref",
]
