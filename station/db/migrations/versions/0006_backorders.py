"""backorders: the units an order shipped without, still owed, projected on its lines

Revision ID: 0006_backorders
Revises: 0005_queue_cutoff
"""
import sqlalchemy as sa
from alembic import op

revision = '0006_backorders'
down_revision = '0005_queue_cutoff'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('order_lines') as batch:
        batch.add_column(sa.Column('backorder_qty', sa.Integer(), nullable=False,
                                   server_default='0'))
    with op.batch_alter_table('order_lines') as batch:
        batch.alter_column('backorder_qty', existing_type=sa.Integer(), server_default=None)


def downgrade() -> None:
    with op.batch_alter_table('order_lines') as batch:
        batch.drop_column('backorder_qty')
