"""Alembic environment of the hub's own tables: the connection is handed in by
`sync.hub.schema.upgrade_hub`, and the revisions are kept in a version table of their own, so
the hub's chain and the bench schema's (which the hub carries too) never meet."""

from __future__ import annotations

from alembic import context

from sync.hub.schema import VERSION_TABLE, metadata

connection = context.config.attributes["connection"]
context.configure(connection=connection, target_metadata=metadata, version_table=VERSION_TABLE)
with context.begin_transaction():
    context.run_migrations()
