"""the event log by time, and by bench and time: the shift report and the lead's board

Revision ID: 0006_lead
Revises: 0005_queue_cutoff
"""
from alembic import op

revision = '0006_lead'
down_revision = '0005_queue_cutoff'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_index('ix_events_at', 'events', ['at'])
    op.create_index('ix_events_bench_at', 'events', ['bench', 'at'])


def downgrade() -> None:
    op.drop_index('ix_events_bench_at', 'events')
    op.drop_index('ix_events_at', 'events')
