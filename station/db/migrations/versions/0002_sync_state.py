"""sync state per shop

Revision ID: 0002_sync
Revises: 0001
"""
from alembic import op
import sqlalchemy as sa
import station.db.types


revision = '0002_sync'
down_revision = '0001'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('sync_shop_state',
    sa.Column('shop_id', sa.Integer(), nullable=False),
    sa.Column('online', sa.Boolean(), nullable=True),
    sa.Column('last_contact_at', station.db.types.UTCDateTime(timezone=True), nullable=True),
    sa.Column('last_error', sa.Text(), nullable=False),
    sa.Column('last_error_at', station.db.types.UTCDateTime(timezone=True), nullable=True),
    sa.Column('last_pull_at', station.db.types.UTCDateTime(timezone=True), nullable=True),
    sa.Column('products_pulled_at', station.db.types.UTCDateTime(timezone=True), nullable=True),
    sa.ForeignKeyConstraint(['shop_id'], ['shops.id'], name=op.f('fk_sync_shop_state_shop_id_shops'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('shop_id', name=op.f('pk_sync_shop_state'))
    )


def downgrade() -> None:
    op.drop_table('sync_shop_state')
