"""The hub's own tables, beside a bench's schema: who is in the warehouse and what each holds.

They are bookkeeping of the warehouse, not order state (that is the event log's): made by the
hub's own Alembic chain (`sync/hub/migrations`, its revisions in a version table of their own)
when `station hub init` runs on the hub, so a bench's SQLite never carries them.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import (
    BigInteger,
    Boolean,
    Column,
    DateTime,
    Float,
    Integer,
    MetaData,
    String,
    Table,
    Uuid,
)

if TYPE_CHECKING:
    from station.db.engine import Database

metadata = MetaData()
MIGRATIONS = Path(__file__).parent / "migrations"
VERSION_TABLE = "hub_alembic_version"

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

# One row per queued order, kept by triggers on `orders` and `hub_leases` (hub_0002_queue): the
# free ones (no live lease) sit in a partial index in urgency order, so a claim takes the first
# of them without stepping over the leased ones.
hub_queue = Table(
    "hub_queue",
    metadata,
    Column("order_uid", Uuid, primary_key=True),
    Column("order_id", Integer, nullable=False),
    Column("priority", Integer, nullable=False),
    Column("queue_cutoff", DateTime(timezone=True), nullable=False),
    Column("created_at", DateTime(timezone=True), nullable=False),
    Column("for_bench", Integer),  # a lead gave it to this bench (never leased since)
    Column("leased_until", DateTime(timezone=True)),  # None: free
)

# An outbox entry the shop-sync leader is sending (hub_0003_sends): the attempt is committed here
# before the request leaves, `sent_at` once the shop took it. A leader that finds another bench's
# attempt without `sent_at` cannot know whether the shop took it: it waits until that request
# can no longer be on its way, then reads the shop's state before sending.
hub_sends = Table(
    "hub_sends",
    metadata,
    Column("key", String(100), primary_key=True),
    Column("bench", String(80), nullable=False),
    Column("attempt_at", DateTime(timezone=True), nullable=False),
    Column("sent_at", DateTime(timezone=True)),
)


def upgrade_hub(hub: Database) -> None:
    """The hub's own tables to their newest revision (after the bench schema's). Idempotent."""
    from alembic import command
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    with hub.engine.begin() as conn:
        config.attributes["connection"] = conn
        command.upgrade(config, "head")
