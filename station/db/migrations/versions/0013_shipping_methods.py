"""the shop's shipping method on the order, for the carrier rules at labelling

Revision ID: 0013_shipping_methods
Revises: 0012_bench_reports
"""
import sqlalchemy as sa
from alembic import op

revision = '0013_shipping_methods'
down_revision = '0012_bench_reports'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('orders') as batch:
        batch.add_column(sa.Column('shipping_method', sa.String(length=120), nullable=False,
                                   server_default=''))
    with op.batch_alter_table('orders') as batch:
        batch.alter_column('shipping_method', existing_type=sa.String(length=120),
                           server_default=None)


def downgrade() -> None:
    with op.batch_alter_table('orders') as batch:
        batch.drop_column('shipping_method')
