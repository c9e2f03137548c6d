"""Invoice numbers given to orders: allocated once, gap-free per series and year, reused on
every reprint of the same order's invoice."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import ForeignKey, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from station.db.models import Base
from station.db.types import utcnow


class Invoice(Base):
    __tablename__ = "invoices"
    __table_args__ = (UniqueConstraint("series", "seq", name="uq_invoices_series_seq"),)
    id: Mapped[int] = mapped_column(primary_key=True)  # also the FatturaPA file's progressivo
    order_id: Mapped[int] = mapped_column(ForeignKey("orders.id"), unique=True)
    series: Mapped[str] = mapped_column(String(40))  # the counter's name, e.g. "invoice:2026"
    seq: Mapped[int]
    number: Mapped[str] = mapped_column(String(20), unique=True)  # as printed, e.g. 2026/000001
    issue_date: Mapped[dt.date]
    created_at: Mapped[dt.datetime] = mapped_column(default=utcnow)
