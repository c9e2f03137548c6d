"""Sync's own bookkeeping: is each shop reachable, and what went wrong last."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import ForeignKey, Text
from sqlalchemy.orm import Mapped, mapped_column

from station.db.models import Base


class ShopSyncState(Base):
    __tablename__ = "sync_shop_state"
    shop_id: Mapped[int] = mapped_column(
        ForeignKey("shops.id", ondelete="CASCADE"), primary_key=True
    )
    online: Mapped[bool | None]
    last_contact_at: Mapped[dt.datetime | None]
    last_error: Mapped[str] = mapped_column(Text, default="")
    last_error_at: Mapped[dt.datetime | None]
    last_pull_at: Mapped[dt.datetime | None]
    products_pulled_at: Mapped[dt.datetime | None]
