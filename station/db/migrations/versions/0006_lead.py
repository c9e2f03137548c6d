"""the event log by time: the shift report and the lead's board read a window of `at`

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


def downgrade() -> None:
    op.drop_index('ix_events_at', 'events')
