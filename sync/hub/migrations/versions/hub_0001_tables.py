"""The hub's bookkeeping: its benches, their leases and their tracking-number blocks.

A hub prepared by an older release made these tables without Alembic; they are kept as they are
and only the missing ones are made, so `station hub init` upgrades such a hub in place.

Revision ID: hub_0001_tables
Revises:
"""

import sqlalchemy as sa
from alembic import op

revision = "hub_0001_tables"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    existing = set(sa.inspect(op.get_bind()).get_table_names())
    if "hub_benches" not in existing:
        op.create_table(
            "hub_benches",
            sa.Column("name", sa.String(80), primary_key=True),
            sa.Column("joined_at", sa.DateTime(timezone=True), nullable=False),
            sa.Column("last_seen_at", sa.DateTime(timezone=True)),
            sa.Column("version", sa.String(40), nullable=False),
            sa.Column("pushed_seq", sa.BigInteger, nullable=False),
            sa.Column("pulled_seq", sa.BigInteger, nullable=False),
            sa.Column("lag_s", sa.Float),
        )
    if "hub_leases" not in existing:
        op.create_table(
            "hub_leases",
            sa.Column("order_uid", sa.Uuid, primary_key=True),
            sa.Column("bench", sa.String(80), nullable=False, index=True),
            sa.Column("leased_at", sa.DateTime(timezone=True), nullable=False),
            sa.Column("expires_at", sa.DateTime(timezone=True), nullable=False),
            sa.Column("opened", sa.Boolean, nullable=False),
        )
    if "hub_blocks" not in existing:
        op.create_table(
            "hub_blocks",
            sa.Column("range_key", sa.String(120), primary_key=True),
            sa.Column("first", sa.BigInteger, primary_key=True),
            sa.Column("last", sa.BigInteger, nullable=False),
            sa.Column("bench", sa.String(80), nullable=False),
            sa.Column("granted_at", sa.DateTime(timezone=True), nullable=False),
        )


def downgrade() -> None:
    for table in ("hub_blocks", "hub_leases", "hub_benches"):
        op.drop_table(table)
