"""System printers through Qt: `qt:NAME`, or a bare `qt` for the system's default printer.

The office laser for slips and invoices, or a label printer that only has a system driver (a
Windows or macOS desktop without CUPS queues Station can name): the PDF copy of a document is
rasterised page by page with QtPdf at the printer's own resolution (capped, so an A4 slip on a
1200 dpi laser stays a few megabytes) and painted on a QPrinter. Raw ZPL cannot go through a
system driver; BenchPrinter sends these printers the PDF copy.

`send()` runs on the print queue's own thread: Qt allows painting on a QPrinter from a thread
other than the GUI thread, and a driver that takes seconds never holds the window.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QRectF, QSize, QSizeF
from PySide6.QtGui import QPageLayout, QPageSize, QPainter
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPrintSupport import QPrinter, QPrinterInfo

from station.devices.health import DeviceHealth, HealthLevel
from station.devices.printers import PrinterFactory, PrintError, PrintJob

MAX_RENDER_DPI = 300  # a 203 or 300 dpi label printer gets its own; a laser, plenty
POINTS_PER_INCH = 72.0


class QtSystemPrinter:
    """A printer of the operating system, found by name through QPrinterInfo.

    With `output_file`, the job is printed through the same QPrinter path into a PDF file
    instead of a device (Qt's own "print to file").
    """

    def __init__(self, printer_name: str = "", output_file: Path | None = None) -> None:
        self.printer_name, self.output_file = printer_name, output_file
        self.name = f"qt:{printer_name}" if printer_name else "qt"
        self.accepts = frozenset({"pdf"})  # a system driver cannot take raw ZPL

    def send(self, job: PrintJob) -> None:
        if job.kind != "pdf":
            raise PrintError("qt_bad_document", printer=self.name, detail=f"{job.kind}, not PDF")
        target = self._target()  # a missing printer first: it is what the operator must fix
        document, buffer = QPdfDocument(), QBuffer()
        buffer.setData(QByteArray(job.data))
        buffer.open(QIODevice.OpenModeFlag.ReadOnly)
        document.load(buffer)
        if document.status() != QPdfDocument.Status.Ready or document.pageCount() < 1:
            raise PrintError("qt_bad_document", printer=self.name, detail="unreadable PDF")
        target.setDocName(job.name)
        _fit_paper(target, document.pagePointSize(0))
        self._paint(document, target)
        document.close()

    def _target(self) -> QPrinter:
        if self.output_file is not None:
            target = QPrinter(QPrinter.PrinterMode.HighResolution)
            target.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
            target.setOutputFileName(str(self.output_file))
            return target
        return QPrinter(self._info(), QPrinter.PrinterMode.HighResolution)

    def _info(self) -> QPrinterInfo:
        if not self.printer_name:
            info = QPrinterInfo.defaultPrinter()
            if info.isNull():
                raise PrintError("qt_no_default")
            return info
        info = QPrinterInfo.printerInfo(self.printer_name)
        if info.isNull():
            raise PrintError("qt_printer_missing", printer=self.printer_name)
        return info

    def _paint(self, document: QPdfDocument, target: QPrinter) -> None:
        painter = QPainter()
        if not painter.begin(target):
            raise PrintError("qt_printer_failed", printer=self.name)
        # Barcodes must reach the driver bar for bar: no smoothing, no lossy image compression.
        painter.setRenderHint(QPainter.RenderHint.LosslessImageRendering, True)
        painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform, False)
        try:
            for page in range(document.pageCount()):
                if page and not target.newPage():
                    raise PrintError("qt_printer_failed", printer=self.name)
                if not _paint_page(painter, target, document, page):
                    detail = f"page {page + 1} cannot be drawn"
                    raise PrintError("qt_bad_document", printer=self.name, detail=detail)
        finally:
            done = painter.end()
        if not done:
            raise PrintError("qt_printer_failed", printer=self.name)

    def health(self) -> DeviceHealth:
        if self.output_file is not None:
            return DeviceHealth("printer", HealthLevel.OK, name=self.name)
        try:
            self._info()
        except PrintError as exc:
            return DeviceHealth("printer", HealthLevel.FAILED, exc.code, self.name, exc.fields)
        return DeviceHealth("printer", HealthLevel.OK, name=self.name)


def _fit_paper(target: QPrinter, page_pt: QSizeF) -> None:
    """Ask for paper of the document's own size (a 100x150 mm label, an A4 slip): drivers pick
    the matching media, and the page is printed edge to edge, as the document was drawn."""
    portrait = QSizeF(
        min(page_pt.width(), page_pt.height()), max(page_pt.width(), page_pt.height())
    )
    size = QPageSize(portrait, QPageSize.Unit.Point, "", QPageSize.SizeMatchPolicy.FuzzyMatch)
    landscape = page_pt.width() > page_pt.height()
    orientation = (
        QPageLayout.Orientation.Landscape if landscape else QPageLayout.Orientation.Portrait
    )
    target.setPageSize(size)
    target.setPageOrientation(orientation)
    target.setFullPage(True)


def _paint_page(painter: QPainter, target: QPrinter, document: QPdfDocument, page: int) -> bool:
    paper = target.paperRect(QPrinter.Unit.DevicePixel)
    page_pt = document.pagePointSize(page)
    scale = min(paper.width() / page_pt.width(), paper.height() / page_pt.height())
    area = QRectF(0, 0, page_pt.width() * scale, page_pt.height() * scale)
    area.moveCenter(QRectF(0, 0, paper.width(), paper.height()).center())
    dpi = min(target.resolution(), MAX_RENDER_DPI)
    pixels = QSize(
        round(page_pt.width() * dpi / POINTS_PER_INCH),
        round(page_pt.height() * dpi / POINTS_PER_INCH),
    )
    image = document.render(page, pixels)
    if image.isNull():
        return False
    painter.drawImage(area, image)
    return True


def open_qt_printer(rest: str) -> QtSystemPrinter:
    """The factory for `qt[:NAME]` specs (see station.devices.printers.open_printer)."""
    return QtSystemPrinter(rest.strip())


PRINTER_KINDS: dict[str, PrinterFactory] = {"qt": open_qt_printer}


def system_printer_names() -> list[str]:
    """The system's printers, for the settings dialog to offer (`qt:NAME`)."""
    return list(QPrinterInfo.availablePrinterNames())
