"""bench reports: what each bench last reported of itself (device health, replication lag)

Revision ID: 0012_bench_reports
Revises: 0011_backorder_followups
"""
import sqlalchemy as sa
from alembic import op

import station.db.types

revision = '0012_bench_reports'
down_revision = '0011_backorder_followups'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('benches') as batch:
        batch.add_column(
            sa.Column('reported_at', station.db.types.UTCDateTime(timezone=True), nullable=True)
        )
        for device in ('scale', 'printer', 'scanner'):
            batch.add_column(
                sa.Column(f'{device}_health', sa.String(length=12), nullable=False,
                          server_default='')
            )
        batch.add_column(sa.Column('lag_s', sa.Integer(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table('benches') as batch:
        for column in ('lag_s', 'scanner_health', 'printer_health', 'scale_health', 'reported_at'):
            batch.drop_column(column)
