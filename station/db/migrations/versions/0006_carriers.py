"""parcels waiting for their carrier's label: label_pending

Revision ID: 0006_carriers
Revises: 0005_queue_cutoff
"""
import sqlalchemy as sa
from alembic import op

revision = '0006_carriers'
down_revision = '0005_queue_cutoff'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('parcels') as batch:
        batch.add_column(sa.Column('label_pending', sa.Boolean(), nullable=False,
                                   server_default=sa.false()))


def downgrade() -> None:
    with op.batch_alter_table('parcels') as batch:
        batch.drop_column('label_pending')
