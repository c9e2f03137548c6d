"""The hub's own tables, beside a bench's schema: who is in the warehouse and what each holds.

They are bookkeeping of the warehouse, not order state (that is the event log's): created by
`station hub init` on the hub only, so a bench's SQLite never carries them.
"""

from __future__ import annotations

from sqlalchemy import (
    BigInteger,
    Boolean,
    Column,
    DateTime,
    Float,
    MetaData,
    String,
    Table,
    Uuid,
)
from sqlalchemy.engine import Connection

metadata = MetaData()

# One row per bench that joined: its replication cursors and what it last told the hub.
hub_benches = Table(
    "hub_benches",
    metadata,
    Column("name", String(80), primary_key=True),
    Column("joined_at", DateTime(timezone=True), nullable=False),
    Column("last_seen_at", DateTime(timezone=True)),
    Column("version", String(40), nullable=False, default=""),
    # the last local event seq of the bench the hub holds, and the last hub seq it pulled
    Column("pushed_seq", BigInteger, nullable=False, default=0),
    Column("pulled_seq", BigInteger, nullable=False, default=0),
    # age in seconds of the oldest event the bench had not seen at its last round
    Column("lag_s", Float),
)

# An order a bench holds: claimed by NEXT or a scan, or leased ahead of need.
hub_leases = Table(
    "hub_leases",
    metadata,
    Column("order_uid", Uuid, primary_key=True),
    Column("bench", String(80), nullable=False, index=True),
    Column("leased_at", DateTime(timezone=True), nullable=False),
    Column("expires_at", DateTime(timezone=True), nullable=False),
    Column("opened", Boolean, nullable=False, default=False),
)


# A block of a courier's tracking-number range, handed to one bench ahead of need: benches
# labelling offline take numbers from their own blocks and never print the same one.
hub_blocks = Table(
    "hub_blocks",
    metadata,
    Column("range_key", String(120), primary_key=True),
    Column("first", BigInteger, primary_key=True),
    Column("last", BigInteger, nullable=False),
    Column("bench", String(80), nullable=False),
    Column("granted_at", DateTime(timezone=True), nullable=False),
)


def create_hub_tables(conn: Connection) -> None:
    metadata.create_all(conn, checkfirst=True)
