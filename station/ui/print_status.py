"""What the window shows of printing: the failed-prints count, the printer's health, a loud
banner when a label did not print, and the print jobs dialog."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QLabel

from station.devices.health import DeviceHealth, HealthLevel
from station.domain.messages import text
from station.ui.print_dialog import PrintDialog, describe
from station.ui.print_worker import JobRow, PrintListing
from station.ui.viewdata import Banner

if TYPE_CHECKING:
    from station.ui.window import BenchWindow


class PrintStatus(QObject):
    def __init__(self, window: BenchWindow) -> None:
        super().__init__(window)
        self._window = window
        self.listing = PrintListing(printer="")
        self.dialog: PrintDialog | None = None
        self.label = QLabel()  # failed prints: stays until each is retried or discarded
        self.label.setStyleSheet(
            "background: #b71c1c; color: white; font-weight: bold; padding: 2px 8px;"
        )
        self.label.hide()
        printing = window.workers.printing
        printing.listing.connect(self._on_listing)
        printing.job_failed.connect(self._on_failed)
        printing.job_printed.connect(self._on_printed)
        printing.problem.connect(self._on_problem)
        printing.health.connect(self._on_health)
        self._polled: DeviceHealth | None = None  # the printer's own answer, when asked

    @property
    def _language(self) -> str:
        return self._window.ctx.settings.language

    def _on_listing(self, listing: PrintListing) -> None:
        self.listing = listing
        count = len(listing.failed)
        self.label.setText(self.tr("%n print(s) failed (Ctrl+P)", "", count))
        self.label.setVisible(count > 0)
        self._show_health(listing)
        if self.dialog is not None:
            self.dialog.show_listing(listing)

    def _on_health(self, health: DeviceHealth) -> None:
        self._polled = health
        self._show_health(self.listing)

    def _show_health(self, listing: PrintListing) -> None:
        """Failed jobs, or a printer that says it cannot print (out of labels, head open,
        unreachable): either is a failure on the panel, loud, since labels stop coming."""
        panel = self._window.health
        polled = self._polled
        if listing.failed:
            failed = text("printer_jobs_failed", self._language, count=len(listing.failed))
            said = f"{listing.failed[-1].reason} {failed}"
            panel.set_device("printer", HealthLevel.FAILED, said)
        elif polled is not None and polled.level is not HealthLevel.OK:
            panel.set_device("printer", HealthLevel.FAILED, polled.message(self._language))
        else:
            panel.set_device("printer", HealthLevel.OK, text("device_ok", self._language))

    def _on_failed(self, row: JobRow) -> None:
        """Loud on purpose: a parcel without its label must not leave the bench."""
        language = self._language
        if row.document == "label":
            said = text("label_not_printed", language, order=row.order_number, reason=row.reason)
        elif row.document == "slip":
            said = text("slip_not_printed", language, order=row.order_number, reason=row.reason)
        else:
            said = text("job_not_printed", language, name=row.name, reason=row.reason)
        self._window.bench.banner.show_banner(Banner("error", said))
        self._window.sounds.play("error")

    def _on_printed(self, row: JobRow) -> None:
        self._window.statusBar().showMessage(
            self.tr("Printed: {0} on {1}").format(describe(row), row.printer), 10_000
        )

    def _on_problem(self, sentence: str) -> None:
        self._window.statusBar().showMessage(sentence, 60_000)

    def open_jobs(self) -> None:
        """Not modal-blocking: the list keeps updating while it is open."""
        if self.dialog is not None:
            self.dialog.raise_()
            return
        workers = self._window.workers
        dialog = PrintDialog(self.listing, self._window)
        dialog.retry_requested.connect(workers.retry_print)
        dialog.discard_requested.connect(workers.discard_print)
        dialog.reprint_requested.connect(workers.reprint)
        dialog.finished.connect(self._closed)
        self.dialog = dialog
        dialog.open()

    def _closed(self) -> None:
        if self.dialog is not None:
            self.dialog.deleteLater()
        self.dialog = None
