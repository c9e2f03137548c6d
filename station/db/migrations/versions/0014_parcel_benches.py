"""parcels know the bench that packed them: an order two benches packed (a warehouse cut in
two) keeps both benches' parcels, each numbered as its bench numbered it

Revision ID: 0014_parcel_benches
Revises: 0013_shipping_methods
"""
import sqlalchemy as sa
from alembic import op

revision = '0014_parcel_benches'
down_revision = '0013_shipping_methods'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('parcels') as batch:
        batch.add_column(sa.Column('bench', sa.String(length=80), nullable=False,
                                   server_default=''))
        batch.drop_constraint('uq_parcels_order_seq', type_='unique')
        batch.create_unique_constraint('uq_parcels_order_bench_seq', ['order_id', 'bench', 'seq'])
    with op.batch_alter_table('parcels') as batch:
        batch.alter_column('bench', existing_type=sa.String(length=80), server_default=None)


def downgrade() -> None:
    with op.batch_alter_table('parcels') as batch:
        batch.drop_constraint('uq_parcels_order_bench_seq', type_='unique')
        batch.create_unique_constraint('uq_parcels_order_seq', ['order_id', 'seq'])
        batch.drop_column('bench')
