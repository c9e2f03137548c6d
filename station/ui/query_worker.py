"""Reads that may be slow (the queue with 100,000 orders, PIN hashing) on their own thread.

Kept apart from the bench worker so that a queue page or a sign-in never delays a scan.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal, Slot

from station.db.engine import Database
from station.services.operators import sign_in
from station.services.queue import QueueFilter, QueueRow, carriers, queue_count, queue_page


class QueryWorker(QObject):
    page_ready = Signal(int, object, bool)  # generation, list[QueueRow], first page
    count_ready = Signal(int, int)  # generation, matching orders
    carriers_ready = Signal(object)  # list[str]
    signed_in = Signal(str, object)  # purpose ("operator" or "lead"), SignedIn | None

    def __init__(self, db: Database) -> None:
        super().__init__()
        self._db = db

    @Slot(int, object, object, int)
    def fetch_page(
        self, generation: int, filt: QueueFilter, after: QueueRow | None, limit: int
    ) -> None:
        with self._db.read() as session:
            rows = queue_page(session, filt, after, limit)
            count = queue_count(session, filt) if after is None else None
        self.page_ready.emit(generation, rows, after is None)
        if count is not None:
            self.count_ready.emit(generation, count)

    @Slot()
    def fetch_carriers(self) -> None:
        with self._db.read() as session:
            self.carriers_ready.emit(carriers(session))

    @Slot(str, str)
    def sign_in(self, purpose: str, text: str) -> None:
        with self._db.read() as session:
            self.signed_in.emit(purpose, sign_in(session, text))
