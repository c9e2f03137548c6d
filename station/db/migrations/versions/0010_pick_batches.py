"""picking batches: the batch a picker took each order into, so no one else takes it

Revision ID: 0010_pick_batches
Revises: 0009_picking
"""
import sqlalchemy as sa
from alembic import op

revision = '0010_pick_batches'
down_revision = '0009_picking'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('orders') as batch:
        batch.add_column(sa.Column('pick_batch', sa.Uuid(), nullable=True))
        batch.create_index('ix_orders_pick_batch', ['pick_batch'])


def downgrade() -> None:
    with op.batch_alter_table('orders') as batch:
        batch.drop_index('ix_orders_pick_batch')
        batch.drop_column('pick_batch')
