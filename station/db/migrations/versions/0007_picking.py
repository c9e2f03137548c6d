"""picking: bins with their walking place, and which bins hold which product

Revision ID: 0007_picking
Revises: 0006_backorders
"""
import sqlalchemy as sa
from alembic import op

revision = '0007_picking'
down_revision = '0006_backorders'
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


def downgrade() -> None:
    op.drop_table('product_locations')
    op.drop_table('locations')
