"""the event log by time, and by bench and time: the shift report and the lead's board

Revision ID: 0007_lead
Revises: 0006_backorders
"""
from alembic import op

revision = '0007_lead'
down_revision = '0006_backorders'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_index('ix_events_at', 'events', ['at'])
    op.create_index('ix_events_bench_at', 'events', ['bench', 'at'])


def downgrade() -> None:
    op.drop_index('ix_events_bench_at', 'events')
    op.drop_index('ix_events_at', 'events')
