"""invoice numbers per order

Revision ID: 0003_invoices
Revises: 0002_sync
"""
from alembic import op
import sqlalchemy as sa
import station.db.types


revision = '0003_invoices'
down_revision = '0002_sync'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('invoices',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('order_id', sa.Integer(), nullable=False),
    sa.Column('series', sa.String(length=40), nullable=False),
    sa.Column('seq', sa.Integer(), nullable=False),
    sa.Column('number', sa.String(length=20), nullable=False),
    sa.Column('issue_date', sa.Date(), nullable=False),
    sa.Column('created_at', station.db.types.UTCDateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['order_id'], ['orders.id'], name=op.f('fk_invoices_order_id_orders')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_invoices')),
    sa.UniqueConstraint('number', name=op.f('uq_invoices_number')),
    sa.UniqueConstraint('order_id', name=op.f('uq_invoices_order_id')),
    sa.UniqueConstraint('series', 'seq', name='uq_invoices_series_seq')
    )


def downgrade() -> None:
    op.drop_table('invoices')
