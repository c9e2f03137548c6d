"""follow-up orders: the order whose backorder a follow-up order ships

Revision ID: 0010_floor
Revises: 0009_picking
"""
import sqlalchemy as sa
from alembic import op

revision = '0010_floor'
down_revision = '0009_picking'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('orders') as batch:
        batch.add_column(sa.Column('backorder_of', sa.String(length=40), nullable=False,
                                   server_default=''))
    with op.batch_alter_table('orders') as batch:
        batch.alter_column('backorder_of', existing_type=sa.String(length=40),
                           server_default=None)


def downgrade() -> None:
    with op.batch_alter_table('orders') as batch:
        batch.drop_column('backorder_of')
