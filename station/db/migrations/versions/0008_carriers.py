"""parcels waiting for their carrier's label: label_pending

Revision ID: 0008_carriers
Revises: 0007_lead
"""
import sqlalchemy as sa
from alembic import op

revision = '0008_carriers'
down_revision = '0007_lead'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('parcels') as batch:
        batch.add_column(sa.Column('label_pending', sa.Boolean(), nullable=False,
                                   server_default=sa.false()))


def downgrade() -> None:
    with op.batch_alter_table('parcels') as batch:
        batch.drop_column('label_pending')
