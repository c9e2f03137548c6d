"""the queue's urgency order from an index: a projected sort cut-off and two urgency indexes

Revision ID: 0005_queue_cutoff
Revises: 0004_typed_events
"""
import datetime as dt

import sqlalchemy as sa
from alembic import op

import station.db.types

revision = '0005_queue_cutoff'
down_revision = '0004_typed_events'
branch_labels = None
depends_on = None

NO_CUTOFF = dt.datetime(9999, 1, 1, tzinfo=dt.UTC)


def upgrade() -> None:
    with op.batch_alter_table('orders') as batch:
        batch.add_column(sa.Column('queue_cutoff', station.db.types.UTCDateTime(timezone=True),
                                   nullable=True))
    orders = sa.table('orders', sa.column('cutoff_at', station.db.types.UTCDateTime()),
                      sa.column('queue_cutoff', station.db.types.UTCDateTime()))
    op.get_bind().execute(orders.update().values(queue_cutoff=orders.c.cutoff_at))
    op.get_bind().execute(orders.update().where(orders.c.cutoff_at.is_(None))
                          .values(queue_cutoff=NO_CUTOFF))
    with op.batch_alter_table('orders') as batch:
        batch.alter_column('queue_cutoff', existing_type=station.db.types.UTCDateTime(timezone=True),
                           nullable=False)
        batch.drop_index('ix_orders_queue')
    op.create_index('ix_orders_urgency', 'orders',
                    ['status', sa.column('priority').desc(), 'queue_cutoff', 'created_at', 'id'])
    op.create_index('ix_orders_bench_urgency', 'orders',
                    ['status', 'bench_id', sa.column('priority').desc(), 'queue_cutoff',
                     'created_at', 'id'])


def downgrade() -> None:
    op.drop_index('ix_orders_bench_urgency', 'orders')
    op.drop_index('ix_orders_urgency', 'orders')
    with op.batch_alter_table('orders') as batch:
        batch.create_index('ix_orders_queue', ['status', 'priority', 'cutoff_at', 'created_at'])
        batch.drop_column('queue_cutoff')
