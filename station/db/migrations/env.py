"""Alembic environment: the connection is always handed in by station.db.migrate."""

from __future__ import annotations

import contextlib

from alembic import context

from station.db import invoices  # noqa: F401 - its table joins the metadata
from station.db.models import Base

with contextlib.suppress(ModuleNotFoundError):  # sync keeps its state table on this metadata
    import sync.models  # noqa: F401

connection = context.config.attributes["connection"]
context.configure(
    connection=connection,
    target_metadata=Base.metadata,
    render_as_batch=connection.dialect.name == "sqlite",
    compare_type=True,
)
with context.begin_transaction():
    context.run_migrations()
