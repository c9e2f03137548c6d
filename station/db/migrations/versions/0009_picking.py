"""picking: bins with their walking place, which bins hold which product, totes and picked units

Revision ID: 0009_picking
Revises: 0008_carriers
"""
import sqlalchemy as sa
from alembic import op

revision = '0009_picking'
down_revision = '0008_carriers'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        'locations',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('code', sa.String(length=40), nullable=False),
        sa.Column('zone', sa.String(length=16), nullable=False),
        sa.Column('aisle', sa.Integer(), nullable=False),
        sa.Column('bay', sa.Integer(), nullable=False),
        sa.Column('level', sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint('id', name='pk_locations'),
        sa.UniqueConstraint('code', name='uq_locations_code'),
    )
    op.create_table(
        'product_locations',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('product_id', sa.Integer(), nullable=False),
        sa.Column('location_id', sa.Integer(), nullable=False),
        sa.Column('role', sa.String(length=16), nullable=False),
        sa.ForeignKeyConstraint(['product_id'], ['products.id'], ondelete='CASCADE',
                                name='fk_product_locations_product_id_products'),
        sa.ForeignKeyConstraint(['location_id'], ['locations.id'], ondelete='CASCADE',
                                name='fk_product_locations_location_id_locations'),
        sa.PrimaryKeyConstraint('id', name='pk_product_locations'),
        sa.UniqueConstraint('product_id', 'location_id', name='uq_product_locations_bin'),
    )
    with op.batch_alter_table('orders') as batch:
        batch.add_column(sa.Column('tote', sa.String(length=32), nullable=False,
                                   server_default=''))
        batch.create_index('ix_orders_tote', ['tote'])
    with op.batch_alter_table('orders') as batch:
        batch.alter_column('tote', existing_type=sa.String(length=32), server_default=None)
    with op.batch_alter_table('order_lines') as batch:
        batch.add_column(sa.Column('picked_qty', sa.Integer(), nullable=False,
                                   server_default='0'))
        batch.add_column(sa.Column('pick_short_qty', sa.Integer(), nullable=False,
                                   server_default='0'))
    with op.batch_alter_table('order_lines') as batch:
        batch.alter_column('picked_qty', existing_type=sa.Integer(), server_default=None)
        batch.alter_column('pick_short_qty', existing_type=sa.Integer(), server_default=None)


def downgrade() -> None:
    with op.batch_alter_table('order_lines') as batch:
        batch.drop_column('pick_short_qty')
        batch.drop_column('picked_qty')
    with op.batch_alter_table('orders') as batch:
        batch.drop_index('ix_orders_tote')
        batch.drop_column('tote')
    op.drop_table('product_locations')
    op.drop_table('locations')
